using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Sim.Output;

/// <summary>
/// A large scratch array of floats outside the collected heap, on 2 MB pages where Linux grants them quickly
/// (transparent huge pages asked for with <c>madvise</c>; elsewhere, or when refused, ordinary pages). The time-series
/// pass writes its whole buffer once per ensemble, and on 4 KB pages that first write is a page fault every 1,024
/// values: on one 2-core virtual machine, 0.37 s of the 123 MB that 2,000 Sahel runs' series take, against 11 ms on
/// 2 MB pages. On another, whose host takes back the guest's free memory in 2 MB blocks (free page reporting), a fresh
/// 2 MB page cost about 4.5 ms (the host backs it again) and the whole buffer some 280 ms, against 45 ms on 4 KB pages,
/// which the guest recycles without asking the host; there the first few dozen 2 MB pages came fast and the rest slow.
/// So the 2 MB pages are faulted in one by one and timed, and from the first slow one on the buffer takes 4 KB pages.
/// Not zeroed: the caller reads only what it wrote. Used from several threads at once for disjoint ranges.
/// </summary>
internal sealed unsafe class LargeBuffer : IDisposable
{
    private const nuint HugePage = 2 << 20;
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE (Linux)
    private const int MadviseNoHugePage = 15; // MADV_NOHUGEPAGE (Linux)

    // A 2 MB page that took longer than this to fault in came from the host: 4 KB pages cost about 0.7 ms per 2 MB.
    private static readonly TimeSpan SlowHugePage = TimeSpan.FromMilliseconds(1);

    private float* _values;

    /// <summary>A buffer of <paramref name="length"/> floats.</summary>
    public LargeBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        var bytes = Math.Max(HugePage, (((nuint)length * sizeof(float)) + HugePage - 1) / HugePage * HugePage);
        _values = (float*)NativeMemory.AlignedAlloc(bytes, HugePage);
        if (OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out var libc))
        {
            // Hints only: whatever the answers, the memory is usable.
            if (NativeLibrary.TryGetExport(libc, "madvise", out var export))
            {
                var madvise = (delegate* unmanaged<void*, nuint, int, int>)export;
                _ = madvise(_values, bytes, MadviseHugePage);
                // The pages are faulted in now, one by one and timed, until one is slow; the rest then take 4 KB pages.
                for (nuint offset = 0; offset < bytes; offset += HugePage)
                {
                    var start = Stopwatch.GetTimestamp();
                    ((byte*)_values)[offset] = 0;
                    if (Stopwatch.GetElapsedTime(start) > SlowHugePage)
                    {
                        var rest = offset + HugePage;
                        if (rest < bytes)
                        {
                            _ = madvise((byte*)_values + rest, bytes - rest, MadviseNoHugePage);
                        }

                        break;
                    }
                }
            }

            NativeLibrary.Free(libc);
        }
    }

    /// <summary>Its number of floats.</summary>
    public int Length { get; }

    /// <summary>Value <paramref name="index"/>.</summary>
    public ref float this[long index]
    {
        get
        {
            ObjectDisposedException.ThrowIf(_values is null, this);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((ulong)index, (ulong)Length, nameof(index));
            return ref _values[index];
        }
    }

    /// <summary>
    /// Writes <paramref name="count"/> values of <paramref name="values"/> from <paramref name="from"/> on to
    /// <paramref name="into"/>, <paramref name="into"/> + <paramref name="stride"/>, ...: the bounds are checked once, not per
    /// value, as the summary's copy writes 30 million values for 2,000 Sahel runs.
    /// </summary>
    public void Scatter(float[] values, int from, int count, long into, long stride)
    {
        ObjectDisposedException.ThrowIf(_values is null, this);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)from + count, values.Length, nameof(count));
        ArgumentOutOfRangeException.ThrowIfNegative(into);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        if (count == 0)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(into + ((count - 1) * stride), Length, nameof(count));
        fixed (float* source = &values[from])
        {
            var target = _values + into;
            for (var k = 0; k < count; k++)
            {
                *target = source[k];
                target += stride;
            }
        }
    }

    /// <summary>Values <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/>.</summary>
    public Span<float> Slice(int start, int length)
    {
        ObjectDisposedException.ThrowIf(_values is null, this);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)start + length, Length, nameof(length));
        return new Span<float>(_values + start, length);
    }

    /// <summary>Returns the memory.</summary>
    public void Dispose()
    {
        if (_values is not null)
        {
            NativeMemory.AlignedFree(_values);
            _values = null;
        }
    }
}
