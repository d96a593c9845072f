using System.Runtime.InteropServices;

namespace Sim.Abm;

/// <summary>
/// CPU time from the operating system's nanosecond clocks (Linux <c>clock_gettime</c>), for timing
/// runs beside other frameworks in CPU time, which other processes on a shared machine do not inflate.
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessCpuTime = 2;

    private const int ThreadCpuTime = 3;

    /// <summary>CPU time of the calling thread, in milliseconds.</summary>
    public static double ThreadMilliseconds() => Read(ThreadCpuTime);

    /// <summary>CPU time of the whole process (every thread, the garbage collector's included), in milliseconds.</summary>
    public static double ProcessMilliseconds() => Read(ProcessCpuTime);

    private static double Read(int clock)
    {
        if (ClockGetTime(clock, out var time) != 0)
        {
            throw new PlatformNotSupportedException("clock_gettime failed; CPU timing needs Linux.");
        }

        return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
