namespace Sim.Engine.Tests.Api;

/// <summary>
/// Setting parameter values on a loaded scenario (what calibrations, posterior ensembles and replays do for every run)
/// gives the scenario a load with the same overrides gives, and runs of both are the same runs.
/// </summary>
public class ReloadTests
{
    // Values inside every shipped scenario's declared ranges (a scenario may narrow an engine parameter's range: Mali 2023 holds attrition to [0, 0.0002]).
    private static readonly string[] Overrides = ["activity=0.3", "attrition=0.0001", "civilian_harm=0.9", "activity=0.25"];

    private static IEnumerable<string> Files() =>
        RepoPaths.ShippedScenarios().Select(RepoPaths.Scenario)
            .Append(Path.Combine(RepoPaths.Root, "tests", "Sim.Engine.Tests", "Evidence", "data", "mali-2023-test.yaml"));

    [TestCaseSource(nameof(Files))]
    public void Reload_SameDefinitionAndSameRunsAsLoadingWithTheOverrides(string file)
    {
        var loaded = Scenario.Load(file, Overrides);
        // From a scenario that has other overrides: they are replaced, not added to.
        var reloaded = Scenario.Load(file, ["activity=0.9", "pmc_fee=0.001"]).Reload(Overrides);
        Assert.That(reloaded.Overrides, Is.EqualTo(loaded.Overrides));
        Assert.That(reloaded.Definition.Hash, Is.EqualTo(loaded.Definition.Hash));
        Assert.That(reloaded.Parameters, Is.EqualTo(loaded.Parameters));
        Assert.That(reloaded.Definition.Parameters.Select(p => (p.Id, p.FileValue, p.Min, p.Max)),
            Is.EqualTo(loaded.Definition.Parameters.Select(p => (p.Id, p.FileValue, p.Min, p.Max))));

        var a = loaded.StartRun(seed: 7, ticks: 120);
        var b = reloaded.StartRun(seed: 7, ticks: 120);
        a.Run();
        b.Run();
        Assert.That(b.Events, Is.EqualTo(a.Events));
        Assert.That(b.EvaluateOutcomes(), Is.EqualTo(a.EvaluateOutcomes()));
        foreach (var series in a.SeriesNames)
        {
            Assert.That(b.Series(series), Is.EqualTo(a.Series(series)), series);
        }
    }

    [Test]
    public void Reload_BadOverride_SameErrorAsALoad()
    {
        var file = RepoPaths.Scenario("tutorial");
        string[] bad = ["activity=2", "no_such=1", "attrition=x"];
        var load = Assert.Throws<ScenarioException>(() => Scenario.Load(file, bad));
        var reload = Assert.Throws<ScenarioException>(() => Scenario.Load(file).Reload(bad));
        Assert.That(reload!.Message, Is.EqualTo(load!.Message));
    }
}
