using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Sim.Engine.Runs;

namespace Sim.Benchmarks.Engine;

/// <summary>
/// What BenchmarkDotNet does not show for the scale scenario: the managed heap a run holds per
/// entity (actors, regions and forces), and where a tick's time goes, system by system (mean of
/// 5 ticks after 3 warm-up ticks; the whole tick, observers included, is timed separately). Run: <c>dotnet run -c Release -- --scale-memory</c>.
/// </summary>
internal static class ScaleMemory
{
    private const int Ticks = 5;

    public static void Print()
    {
        var definition = ScaleScenario.Load();
        var systems = Measure(definition, forces: 0, header: true);
        Console.WriteLine("| forces | entities | heap held (MB) | bytes per entity | " + systems + " | tick (ms) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |" + string.Concat(Enumerable.Repeat(" ---: |", systems.Split('|').Length + 1)));
        foreach (var forces in (int[])[10_000, 100_000, 1_000_000])
        {
            Console.WriteLine(Measure(definition, forces));
        }
    }

    /// <summary>A table row for a run with <paramref name="forces"/> forces, or with <paramref name="header"/> the system names.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Measure(Sim.Engine.Scenarios.ScenarioDefinition definition, int forces, bool header = false)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var run = ScaleScenario.Build(definition, forces);
        if (header)
        {
            return string.Join(" | ", run.Simulation.Systems.Select(s => s.Name + " (ms)"));
        }

        run.Simulation.Run(3);
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        var systems = run.Simulation.Systems;
        var ms = new double[systems.Count];
        var total = 0.0;
        for (var t = 0; t < Ticks; t++)
        {
            // The breakdown re-runs the systems within the tick (the clock only advances in Step).
            for (var s = 0; s < systems.Count; s++)
            {
                var start = Stopwatch.GetTimestamp();
                systems[s].Update(run.Simulation);
                ms[s] += Stopwatch.GetElapsedTime(start).TotalMilliseconds / Ticks;
            }

            var tick = Stopwatch.GetTimestamp();
            run.Simulation.Step();
            total += Stopwatch.GetElapsedTime(tick).TotalMilliseconds / Ticks;
        }

        var entities = run.State.World.Count;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {forces:N0} | {entities:N0} | {held / 1e6:F1} | {(double)held / entities:F0} | {string.Join(" | ", ms.Select(m => m.ToString("F1", CultureInfo.InvariantCulture)))} | {total:F1} |");
    }
}
