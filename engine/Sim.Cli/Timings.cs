using System.Diagnostics;
using System.Globalization;

namespace Sim.Cli;

/// <summary>
/// Where a command's time goes, for measuring start-up and fixed costs: with <c>SIM_TIMINGS=1</c> each phase's end is
/// written to standard error as the milliseconds since the process started and since the previous phase, and the CPU
/// time the phase took on all threads (so a phase that leaves cores idle shows). Off by default; it writes nothing else
/// and changes no output.
/// </summary>
internal static class Timings
{
    private static readonly bool On = Environment.GetEnvironmentVariable("SIM_TIMINGS") is "1";
    private static double _last;
    private static double _lastCpu;

    /// <summary>Notes that <paramref name="phase"/> just ended.</summary>
    public static void Mark(string phase)
    {
        if (!On)
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        var now = (DateTime.Now - process.StartTime).TotalMilliseconds;
        var cpu = process.TotalProcessorTime.TotalMilliseconds;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[timing] {now,8:0} ms  +{now - _last,6:0} ms  cpu +{cpu - _lastCpu,6:0} ms  {phase}"));
        (_last, _lastCpu) = (now, cpu);
    }
}
