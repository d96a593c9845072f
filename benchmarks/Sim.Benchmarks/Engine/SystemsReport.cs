using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Benchmarks.Engine;

/// <summary>
/// What BenchmarkDotNet does not show: where a tick's time and allocations go, system by
/// system, and the managed heap a run holds per entity (actors, regions and forces), for the
/// Sahel scenario and the scale scenario. Each system is timed and its allocations counted on
/// the calling thread over several ticks after warm-up; the whole tick (observers included) is
/// timed separately, in elapsed time and in the process's CPU time (which other processes sharing
/// the cores inflate less), and its events counted. Run: <c>dotnet run -c Release -- --systems</c>,
/// or <c>-- --systems scale [FORCES...]</c> for the scale rows alone (10k, 100k and 1M forces by default).
/// </summary>
internal static class SystemsReport
{
    public static void Print(string[] rows)
    {
        var scaleOnly = rows is ["scale", ..];
        var sizes = rows.Length > 1 ? rows[1..].Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray() : [10_000, 100_000, 1_000_000];
        var sahel = RepoScenario.Load("scenarios/sahel-2024/scenario.yaml");
        var scale = ScaleScenario.Load();
        var names = string.Join(" | ", new ScenarioRun(sahel, 1, 0).Simulation.Systems.Select(s => s.Name));
        Console.WriteLine("Per system: mean ms per tick / mean bytes allocated per tick.");
        Console.WriteLine();
        Console.WriteLine($"| workload | entities | heap held (MB) | bytes per entity | {names} | tick (ms) | tick CPU (ms) | events per tick |");
        Console.WriteLine("| --- | ---: | ---: | ---: |" + string.Concat(Enumerable.Repeat(" ---: |", names.Split('|').Length + 3)));
        if (!scaleOnly)
        {
            Console.WriteLine(Measure("Sahel, ticks 100-299", () => new ScenarioRun(sahel, seed: 42), warmup: 100, ticks: 200));
        }

        foreach (var forces in sizes)
        {
            Console.WriteLine(Measure($"Scale, {forces:N0} forces", () => ScaleScenario.Build(scale, forces), warmup: 3, ticks: 5));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Measure(string workload, Func<ScenarioRun> build, int warmup, int ticks)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var run = build();
        run.Simulation.Run(warmup);
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        var systems = run.Simulation.Systems;
        var ms = new double[systems.Count];
        var bytes = new double[systems.Count];
        var total = 0.0;
        var cpu = 0.0;
        var events = 0;
        using var process = Process.GetCurrentProcess();
        for (var t = 0; t < ticks; t++)
        {
            // The breakdown re-runs the systems within the tick (the clock only advances in Step).
            for (var s = 0; s < systems.Count; s++)
            {
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                systems[s].Update(run.Simulation);
                ms[s] += Stopwatch.GetElapsedTime(start).TotalMilliseconds / ticks;
                bytes[s] += (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)ticks;
            }

            var logged = run.State.Events.Count;
            process.Refresh();
            var used = process.TotalProcessorTime;
            var tick = Stopwatch.GetTimestamp();
            run.Simulation.Step();
            total += Stopwatch.GetElapsedTime(tick).TotalMilliseconds / ticks;
            process.Refresh();
            cpu += (process.TotalProcessorTime - used).TotalMilliseconds / ticks;
            events += run.State.Events.Count - logged;
        }

        var entities = run.State.World.Count;
        var cells = string.Join(" | ", ms.Select((m, s) => string.Create(CultureInfo.InvariantCulture, $"{m:F3} / {bytes[s]:F0}")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {workload} | {entities:N0} | {held / 1e6:F1} | {(double)held / entities:F0} | {cells} | {total:F3} | {cpu:F1} | {events / ticks:N0} |");
    }
}
