using System.Diagnostics;
using System.Globalization;
using NUnit.Framework;
using Sim.Engine.Core;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// Measurements behind scenarios/sahel-2024/README.md and docs/model.md; run by hand, e.g.
/// <c>dotnet test tests/Sim.Engine.Tests -c Release --filter "FullyQualifiedName~SahelReports.Timing" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Explicit("measurement, not a check: prints the numbers the docs quote")]
public class SahelReports
{
    [Test]
    public void Timing_365TickRun_MicrosecondsPerTick()
    {
        var definition = Ensemble.LoadShipped("sahel-2024");
        for (var seed = 1000UL; seed < 1020; seed++)
        {
            new ScenarioRun(definition, seed).Run();
        }

        const int Runs = 200;
        var watch = Stopwatch.StartNew();
        for (var seed = 1UL; seed <= Runs; seed++)
        {
            new ScenarioRun(definition, seed).Run();
        }

        watch.Stop();
        var perRun = watch.Elapsed.TotalMicroseconds / Runs;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Runs} runs of {definition.Horizon} ticks, one thread: {perRun:F0} us a run, {perRun / definition.Horizon:F2} us a tick"));
    }

    [TestCase(200)]
    public void Shares_DefaultAndWithoutPmc(int runs)
    {
        var variants = new[] { Array.Empty<string>(), ["pmc_presence=0"], ["patron_blame=0"], ["un_sanctions=1"] };
        var table = variants.Select(v => Ensemble.Sahel(runs, v)).ToArray();
        TestContext.Out.WriteLine($"| outcome | default | {string.Join(" | ", variants.Skip(1).Select(v => v[0]))} |");
        foreach (var id in table[0].Keys)
        {
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{id}` | {string.Join(" | ", table.Select(t => t[id].ToString("0.00", CultureInfo.InvariantCulture)))} |"));
        }
    }

    [Test]
    public void Timing_PerSystem()
    {
        var definition = Ensemble.LoadShipped("sahel-2024");
        var totals = new double[20];
        var bytes = new long[20];
        string[] names = [];
        for (var seed = 1UL; seed <= 100; seed++)
        {
            var run = new ScenarioRun(definition, seed);
            names = [.. run.Simulation.Systems.Select(s => s.Name)];
            for (var t = 0; t < run.Ticks; t++)
            {
                for (var s = 0; s < run.Simulation.Systems.Count; s++)
                {
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    var start = Stopwatch.GetTimestamp();
                    run.Simulation.Systems[s].Update(run.Simulation);
                    totals[s] += Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                    bytes[s] += GC.GetAllocatedBytesForCurrentThread() - allocated;
                }

                run.Simulation.Clock.Advance();
            }
        }

        for (var s = 0; s < names.Length; s++)
        {
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{names[s]}: {totals[s] / (100 * definition.Horizon):F2} us a tick, {bytes[s] / (100.0 * definition.Horizon):F1} bytes a tick"));
        }
    }

    /// <summary>One-at-a-time sweep: each parameter at the low and high end of a plausible range, the others at their defaults.</summary>
    [TestCase(100)]
    public void Sensitivity_OneAtATime(int runs)
    {
        string[] outcomes = ["tinzaouatene_battle", "drone_strikes_north", "algeria_un_protest", "algeria_russia_estranged", "mali_separatist_war", "strike_on_algerian_soil", "civilian_fatalities", "historical_sequence"];
        (string Id, string Low, string High)[] sweep =
        [
            ("activity", "0.04", "0.16"), ("retreat_chance", "0.05", "0.3"), ("advance_chance", "0.03", "0.3"), ("advance_ratio", "2", "4"), ("battle_chance", "0.0025", "0.14"),
            ("defence_advantage", "1.3", "1.6"), ("breakpoint", "0.1", "0.4"), ("supply_range_km", "200", "800"), ("regime_lapse", "90", "365"),
            ("deterrence", "0.05", "0.3"), ("climb_cost", "0.15", "0.6"),
            ("tension_per_goldstein", "0.06", "0.24"), ("tension_decay", "0.02", "0.08"), ("hysteresis", "0.5", "0.9"), ("patron_blame", "0.3", "0.9"),
            ("observer_rate", "0.25", "1"), ("affinity_rate", "0.025", "0.1"), ("civilian_harm", "0.15", "0.6"), ("rationality_scale", "0.5", "2"),
            ("pmc_presence", "0", "0.5"), ("treaty_obligation", "0", "1"), ("threat_proximity", "0.3", "1"),
        ];
        var baseline = Ensemble.Sahel(runs);
        TestContext.Out.WriteLine($"| parameter (low / high) | {string.Join(" | ", outcomes.Select(o => $"`{o}`"))} |");
        TestContext.Out.WriteLine($"| --- | {string.Join(" | ", outcomes.Select(_ => "---"))} |");
        TestContext.Out.WriteLine($"| defaults | {string.Join(" | ", outcomes.Select(o => F(baseline[o])))} |");
        foreach (var (id, low, high) in sweep)
        {
            var lo = Ensemble.Sahel(runs, $"{id}={low}");
            var hi = Ensemble.Sahel(runs, $"{id}={high}");
            TestContext.Out.WriteLine($"| `{id}` ({low} / {high}) | {string.Join(" | ", outcomes.Select(o => $"{F(lo[o])} / {F(hi[o])}"))} |");
        }

        static string F(double v) => v.ToString(Math.Abs(v) >= 10 ? "0" : "0.00", CultureInfo.InvariantCulture);
    }
}
