using Sim.Engine.Evidence;
using Sim.Engine.Runs.Calibration;

namespace Sim.Engine.Tests.Evidence;

/// <summary>
/// The Mali 2023 hindcast scenario (scenarios/mali-2023) against the GED extract it is calibrated and scored on: its
/// actors and regions must take nearly every lethal Malian event of 2023, and <c>sim calibrate</c>'s loop must run on
/// it end to end (a tiny budget; the real one is scenarios/mali-2023/hindcast.sh).
/// </summary>
[TestFixture]
public sealed class MaliHindcastTests
{
    private static readonly string Ged = Path.Combine(RepoPaths.Root, "data", "ucdp", "ucdp_ged_sahel_extract.csv");

    private static readonly SummaryWindow Year2023 = new(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 1));

    private static Scenario Mali() => Scenario.Load(RepoPaths.Scenario("mali-2023"));

    [Test]
    public void Load_Ged2023_MapsNearlyAllMalianEvents()
    {
        var observed = Observations.Load(Ged, Mali(), new ObservationOptions { Window = Year2023 });
        var report = observed.Report;
        TestContext.Out.WriteLine(report.Describe(10));

        // Counted by hand in the extract: 261 Malian rows of 2023 with at least one death. Four have no admin1 unit
        // and lie more than 50 km from every region point (or are placed only in Mali): 467772 (Mali, precision 6),
        // 508989 (the Burkina-Mali border), 496757 (between Gossi and Hombori) and 508877 (on the Niger between Gao
        // and Timbuktu). Every side of the other 257 is declared, and so is every admin1 unit.
        Assert.That(report.Mapped, Is.EqualTo(257));
        Assert.That(report.Mapped, Is.GreaterThanOrEqualTo(0.98 * 261));
        Assert.That(report.MappedByDistance, Is.Zero);
        var unmappedMalian = new[] { "467772", "508989", "496757", "508877" };
        Assert.That(observed.Events.Select(e => e.SourceId), Has.None.AnyOf(unmappedMalian));
        Assert.That(report.Mapped + report.Unmapped.Values.Sum(), Is.EqualTo(report.Rows), "every row is mapped or counted");

        // The sides left unknown are other countries' (Burkina Faso's and Niger's governments, their militias).
        string[] malian = ["Government of Mali", "JNIM", "IS", "CSP-PSD", "Dan na Ambassagou", "Dozos (Mali)", "GATIA", "MSA", "GATIA, MSA"];
        Assert.That(report.UnknownActors.Select(a => a.Name), Has.None.AnyOf(malian));

        // Every region of the scenario that GED names gets events; dyads as GED codes them.
        var byRegion = observed.Events.GroupBy(e => e.Region).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(byRegion["mopti"], Is.EqualTo(75));
        Assert.That(byRegion["kidal"], Is.EqualTo(15));
        Assert.That(observed.Events.Count(e => e.Actor == "MLI" && e.Target == "CSP"), Is.EqualTo(23));
    }

    [Test]
    public void Calibrate_TinyBudget_RunsEndToEnd()
    {
        var scenario = Mali();
        var window = SummaryWindow.Parse("2023-01:2023-01");
        var layout = new SummaryLayout(scenario.Definition, window);
        var observed = layout.Observed(Observations.Load(Ged, scenario, new ObservationOptions { Window = window }));
        var calibration = new Calibration(scenario, ["battle_chance", "civilian_violence"], layout.Names, observed.Values, run => layout.Simulated(run.Events).Values)
        {
            Ticks = 31,
            Settings = new AbcSettings { Particles = 12, MaxGenerations = 2, Seed = 1, Threads = 2 },
        };

        var result = calibration.Run();
        Assert.That(calibration.Priors[0], Is.EqualTo(new PriorRange("battle_chance", 0.0025, 0.14)), "the engine's declared prior: the scenario overrides no engine range");
        Assert.That(result.Generations, Has.Count.EqualTo(2));
        Assert.That(result.Posterior.Weights.Sum(), Is.GreaterThan(0));
        var posterior = result.Posterior;
        Assert.That(posterior.Count, Is.EqualTo(12));
        for (var i = 0; i < posterior.Count; i++)
        {
            for (var p = 0; p < 2; p++)
            {
                Assert.That(posterior.Particle(i)[p], Is.InRange(calibration.Priors[p].Min, calibration.Priors[p].Max));
            }
        }

        var check = PredictiveCheck.Compute(layout.Names, calibration.Observed, calibration.Predictive(result.Posterior, 4));
        Assert.That(check.Count(r => !double.IsNaN(r.Observed)), Is.GreaterThan(0));
    }
}
