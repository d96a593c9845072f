using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary><c>sim score</c> end to end on a small ensemble of the evidence test scenario against real GED events.</summary>
public class ScoreCliTests
{
    private static readonly string Data = Path.Combine(Cli.Root, "tests", "Sim.Engine.Tests", "Evidence", "data");
    private static readonly string ScenarioFile = Path.Combine(Data, "mali-2023-test.yaml");
    private static readonly string Ged = Path.Combine(Cli.Root, "data", "ucdp", "ucdp_ged_sahel_extract.csv");
    private static string _dir = "";
    private static string _ensemble = "";

    [OneTimeSetUp]
    public static void RunEnsemble()
    {
        _dir = Directory.CreateTempSubdirectory("sim-cli-score-").FullName;
        _ensemble = Path.Combine(_dir, "ens");
        var (code, _, err) = Cli.Sim("mc", ScenarioFile, "--runs", "24", "--seed", "5", "--out", _ensemble, "--quiet");
        Assert.That(code, Is.Zero, err);
    }

    [OneTimeTearDown]
    public static void Remove() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Score_WritesTablesReportAndPlots_SameBytesForAnyThreads()
    {
        var outcomes = Path.Combine(_dir, "outcomes.csv");
        File.WriteAllText(outcomes, "outcome,value,base_rate\nkidal_taken,true,0.3\nfatalities,1900\n");
        var one = Path.Combine(_dir, "score1");
        var two = Path.Combine(_dir, "score2");
        var (code, stdout, err) = Cli.Sim("score", _ensemble, "--observed", Ged, "--scenario", ScenarioFile, "--outcomes", outcomes,
            "--format", "csv", "--threads", "1", "--resamples", "200", "--out", one);
        Assert.That(code, Is.Zero, err);
        Assert.That(stdout, Does.Contain("24 runs scored on 2023-01:2023-12, baselines from 2022-01:2022-12"));
        Assert.That(stdout, Does.Contain("actor_unknown"));
        Assert.That(stdout, Does.Contain("kidal_taken"));
        (code, _, err) = Cli.Sim("score", _ensemble, "--observed", Ged, "--scenario", ScenarioFile, "--outcomes", outcomes,
            "--format", "csv", "--threads", "2", "--resamples", "200", "--out", two);
        Assert.That(code, Is.Zero, err);
        // score.md names its folder, so it differs; the tables must not.
        foreach (var f in new[] { "scores_series.csv", "scores_groups.csv", "scores_outcomes.csv", "reliability.csv", "mapping.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(two, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, f))), f);
        }

        Assert.That(File.Exists(Path.Combine(one, "plots", "reliability.png")));
        Assert.That(File.Exists(Path.Combine(one, "plots", "fatalities_total.png")));
        var groups = File.ReadAllLines(Path.Combine(one, "scores_groups.csv"));
        Assert.That(groups[0], Does.StartWith("group,items,score,climatology,persistence,skill_climatology"));
        Assert.That(groups.Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[]
        {
            "events.total", "fatalities.total", "events.region", "fatalities.region", "events.dyad", "fatalities.dyad", "events.type", "fatalities.type", "any_event", "outcomes",
        }));
        // 12 months x (2 total + 2 x 5 regions + 2 x 15 dyads + 2 x 3 types) series.
        Assert.That(File.ReadAllLines(Path.Combine(one, "scores_series.csv")), Has.Length.EqualTo(1 + (12 * 48)));
        var mapping = File.ReadAllLines(Path.Combine(one, "mapping.csv"));
        Assert.That(mapping.Skip(1).Sum(l => int.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(4212), "every GED row is accounted for");
        Assert.That(File.ReadAllText(Path.Combine(one, "score.md")), Does.Contain("| any_event |"));
        Assert.That(File.ReadAllText(Path.Combine(one, "score.html")), Does.Contain("any_event").And.Contain("data:image/png;base64,"), "the score as one page, charts embedded");
    }

    [Test]
    public void Score_BadObservedRow_FileLineAndExitCode2()
    {
        var bad = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(bad, "event_date,event_type,sub_event_type,actor1,actor2,admin1,admin2,latitude,longitude,fatalities\n"
            + "2023-02-01,Battles,Armed clash,JNIM,Islamic State (Sahel),Gao region,,,,4\n"
            + "2023-02-30,Battles,Armed clash,JNIM,Islamic State (Sahel),Gao region,,,,4\n");
        var (code, _, err) = Cli.Sim("score", _ensemble, "--observed", bad, "--scenario", ScenarioFile);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("bad.csv:3: event_date '2023-02-30' is not a date"));
        Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
    }

    [TestCase("--training", "2022-06:2023-01", "does not end before the scored window")]
    [TestCase("--window", "2023-06:2024-03", "but the runs cover 2023-01-01 to 2023-12-31")]
    [TestCase("--window", "2023-06", "is not FROM:TO")]
    [TestCase("--max-distance", "-5", "--max-distance must be")]
    public void Score_BadWindowOrOption_ExitCode2(string option, string value, string message)
    {
        var (code, _, err) = Cli.Sim("score", _ensemble, "--observed", Ged, "--scenario", ScenarioFile, option, value);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain(message));
    }

    [Test]
    public void Score_AnotherScenario_IsRefused()
    {
        var (code, _, err) = Cli.Sim("score", _ensemble, "--observed", Ged, "--scenario", Cli.Tutorial);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("is not the scenario the ensemble ran"));
        (code, _, err) = Cli.Sim("score", _ensemble, "--observed", Ged);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("fix: --scenario PATH/mali-2023-test.yaml"));
    }

    [Test]
    public void Score_Point_ScoresOnlyThatPointsRuns()
    {
        var sweep = Path.Combine(_dir, "sweep");
        var (code, _, err) = Cli.Sim("mc", ScenarioFile, "--runs", "5", "--sweep", "affinity_rate=0.02:0.08:2", "--out", sweep, "--quiet");
        Assert.That(code, Is.Zero, err);
        (code, var stdout, err) = Cli.Sim("score", sweep, "--observed", Ged, "--scenario", ScenarioFile, "--point", "1", "--resamples", "50", "--out", Path.Combine(_dir, "p1"));
        Assert.That(code, Is.Zero, err);
        Assert.That(stdout, Does.Contain("5 runs scored"));
        (code, stdout, err) = Cli.Sim("score", sweep, "--observed", Ged, "--scenario", ScenarioFile, "--resamples", "50", "--out", Path.Combine(_dir, "all"));
        Assert.That(code, Is.Zero, err);
        Assert.That(stdout, Does.Contain("10 runs scored"), "every point pooled");
        (code, _, err) = Cli.Sim("score", sweep, "--observed", Ged, "--scenario", ScenarioFile, "--point", "2");
        Assert.That((code, err), Is.EqualTo((2, "error: --point 2: the ensemble has points 0 to 1.\n")));
    }

    [Test]
    public void Replay_AnotherEngine_RefusedUnlessAsked()
    {
        // The folder's fingerprint covers the engine version, so another engine is stood in for by the description alone.
        var info = Output.EnsembleResults.Load(_ensemble).Info with { EngineVersion = "0.0.1-elsewhere" };
        var e = Assert.Throws<Engine.InputException>(() => Output.EnsembleReplay.LoadScenario(info, ScenarioFile))!;
        Assert.That(e.Message, Does.Contain("the ensemble was run by engine 0.0.1-elsewhere"));
        Assert.That(e.Message, Does.Contain("--other-engine"));
        Assert.That(Output.EnsembleReplay.LoadScenario(info, ScenarioFile, otherEngine: true).Name, Is.EqualTo("Mali 2023 (evidence test)"));
        // Runs replayed from another setting do not reproduce the stored outcomes, and are refused rather than scored.
        var results = Output.EnsembleResults.Load(_ensemble);
        var other = Scenario.Load(ScenarioFile).With("attrition", 0.2);
        var mismatch = Assert.Throws<Engine.InputException>(() => Output.EnsembleReplay.Replay(results, other, run => run.Tick, 2, null, CancellationToken.None))!;
        Assert.That(mismatch.Message, Does.Contain("but the ensemble stored"));
        Assert.That(Output.EnsembleReplay.Replay(results, Scenario.Load(ScenarioFile), run => run.Tick, 2, null, CancellationToken.None), Has.All.EqualTo(365));
        var changed = Output.EnsembleResults.Load(_ensemble).Info with { ScenarioHash = "0000" };
        Assert.Throws<Engine.InputException>(() => Output.EnsembleReplay.LoadScenario(changed, ScenarioFile));
    }
}
