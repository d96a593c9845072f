using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Sim.Ecs;

/// <summary>
/// A value for every ordered pair of <see cref="Size"/> items (actor-by-actor affinity,
/// escalation ...) in one row-major array. Lookups cost an index computation: a few
/// nanoseconds up to thousands of actors, where a dictionary keyed by a packed pair pays a
/// hash and a probe.
/// </summary>
public sealed class DenseRelation<T>
    where T : unmanaged
{
    private readonly T[] _values;

    /// <summary>A relation over <paramref name="size"/> items, every pair at <paramref name="initial"/>.</summary>
    public DenseRelation(int size, T initial = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Size = size;
        _values = new T[checked(size * size)];
        if (!EqualityComparer<T>.Default.Equals(initial, default))
        {
            Array.Fill(_values, initial);
        }
    }

    /// <summary>Number of items on each side.</summary>
    public int Size { get; }

    /// <summary>The value for the ordered pair (<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <remarks>
    /// The throw lives in a method of its own so that the getter is small enough to inline: the model reads pairs
    /// hundreds of times a tick, and a call each (the JIT would not inline a getter that builds the message) cost about 2%
    /// of a run.
    /// </remarks>
    public ref T this[int from, int to]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)from >= (uint)Size || (uint)to >= (uint)Size)
            {
                ThrowOutside(from, to, Size);
            }

            return ref _values[(from * Size) + to];
        }
    }

    /// <summary>The row of <paramref name="from"/>: its value toward every item.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Row(int from)
    {
        if ((uint)from >= (uint)Size)
        {
            ThrowOutside(from, Size);
        }

        return _values.AsSpan(from * Size, Size);
    }

    [DoesNotReturn]
    private static void ThrowOutside(int from, int to, int size) =>
        throw new ArgumentOutOfRangeException(nameof(from), $"Pair ({from}, {to}) is outside a relation of size {size}.");

    [DoesNotReturn]
    private static void ThrowOutside(int from, int size) =>
        throw new ArgumentOutOfRangeException(nameof(from), $"Item {from} is outside a relation of size {size}.");

    /// <summary>All values, row-major, for bulk copies, hashing and recording.</summary>
    public Span<T> AsSpan() => _values;

    /// <summary>Copies every value from another relation of the same size.</summary>
    public void CopyFrom(DenseRelation<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Size != Size)
        {
            // A smaller relation would otherwise land silently in the wrong pairs (rows are Size wide).
            throw new ArgumentException($"Cannot copy a relation of size {other.Size} into one of size {Size}.", nameof(other));
        }

        other._values.AsSpan().CopyTo(_values);
    }
}
