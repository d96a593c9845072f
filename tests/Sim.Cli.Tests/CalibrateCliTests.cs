using System.Globalization;
using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary>
/// The analyst's loop end to end with a tiny budget: <c>sim calibrate</c> of the evidence test scenario against the
/// committed UCDP GED extract, <c>sim mc --posterior</c> on its posterior, and <c>sim score</c> of that ensemble.
/// </summary>
public class CalibrateCliTests
{
    private static readonly string Data = Path.Combine(Cli.Root, "tests", "Sim.Engine.Tests", "Evidence", "data");
    private static readonly string ScenarioFile = Path.Combine(Data, "mali-2023-test.yaml");
    private static readonly string Ged = Path.Combine(Cli.Root, "data", "ucdp", "ucdp_ged_sahel_extract.csv");
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sim-cli-calibrate-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static string[] Args(string folder, int generations, int threads, params string[] more) =>
    [
        "calibrate", ScenarioFile, "--observed", Ged, "--window", "2023-01:2023-06", "--vary", "activity", "--vary", "attrition",
        "--particles", "20", "--generations", generations.ToString(CultureInfo.InvariantCulture), "--predictive", "12", "--seed", "3",
        "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", folder, .. more,
    ];

    [Test]
    public void CalibrateThenPosteriorEnsembleThenScore_SameBytesForAnyThreadsAndAfterResume()
    {
        var one = Path.Combine(_dir, "one");
        var (code, stdout, stderr) = Cli.Sim(Args(one, 3, 1));
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("activity").And.Contain("attrition").And.Contain("predictive 50% / 90% bands"));
        // How the data mapped, and that GED's missing control changes are left out rather than counted as none.
        Assert.That(stderr, Does.Contain("ucdp_ged_sahel_extract.csv (UCDP GED").And.Contain("actor_unknown"));
        Assert.That(stderr, Does.Contain("such as control changes in UCDP GED, are left out"));
        Assert.That(stderr, Does.Contain("generation 2:"));
        foreach (var f in new[] { "posterior.parquet", "generations.parquet", "predictive.parquet", "calibration.json", "calibration.state", "report.md",
            "plots/marginal-activity.png", "plots/pair-activity-attrition.png", "plots/predictive-fatalities-total.png" })
        {
            Assert.That(File.Exists(Path.Combine(one, f)), Is.True, f);
        }

        Assert.That(File.ReadAllText(Path.Combine(one, "calibration.json")), Does.Contain("\"observed\": \"ucdp_ged_sahel_extract.csv\"").And.Contain("\"max_distance_km\": 50"));
        Assert.That(File.ReadAllText(Path.Combine(one, "report.html")), Does.Contain("<img").And.Contain("data:image/png;base64,"), "the report as one page, charts embedded");

        var two = Path.Combine(_dir, "two");
        Assert.That(Cli.Sim(Args(two, 3, 2)).Code, Is.Zero);

        // Stopped after two generations (as a kill after generation 1's checkpoint would leave it), then resumed to three.
        var resumed = Path.Combine(_dir, "resumed");
        Assert.That(Cli.Sim(Args(resumed, 2, 2)).Code, Is.Zero);
        var again = Cli.Sim(Args(resumed, 3, 1, "--resume"));
        Assert.That(again.Code, Is.Zero, again.Err);
        Assert.That(again.Err, Does.Contain("resuming after generation 1"));
        foreach (var f in new[] { "posterior.parquet", "generations.parquet", "predictive.parquet", "calibration.state" })
        {
            var expected = File.ReadAllBytes(Path.Combine(one, f));
            Assert.That(File.ReadAllBytes(Path.Combine(two, f)), Is.EqualTo(expected), f);
            Assert.That(File.ReadAllBytes(Path.Combine(resumed, f)), Is.EqualTo(expected), f);
        }

        // An ensemble drawing from that posterior: same bytes on 1 or 2 threads, the draws recorded per run.
        var posterior = Path.Combine(one, "posterior.parquet");
        string Mc(string name, string threads)
        {
            var folder = Path.Combine(_dir, name);
            var r = Cli.Sim("mc", ScenarioFile, "--posterior", posterior, "--runs", "12", "--seed", "7", "--threads", threads, "--format", "csv", "--out", folder, "--quiet");
            Assert.That(r.Code, Is.Zero, r.Err);
            return folder;
        }

        var mcOne = Mc("mc1", "1");
        var mcTwo = Mc("mc2", "2");
        Assert.That(File.ReadAllBytes(Path.Combine(mcTwo, "runs.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(mcOne, "runs.csv"))));
        var header = File.ReadLines(Path.Combine(mcOne, "runs.csv")).First().Split(',');
        var activity = Array.IndexOf(header, "activity");
        var values = File.ReadLines(Path.Combine(mcOne, "runs.csv")).Skip(1).Select(l => l.Split(',')[activity]).Distinct().Count();
        Assert.That(values, Is.GreaterThan(1), "runs drew different particles");

        // --vary takes some of the posterior's parameters (their joint marginal); the others stay at the scenario's values.
        var some = Path.Combine(_dir, "some");
        var part = Cli.Sim("mc", ScenarioFile, "--posterior", posterior, "--vary", "activity", "--runs", "12", "--seed", "7", "--format", "csv", "--out", some, "--quiet");
        Assert.That(part.Code, Is.Zero, part.Err);
        var partHeader = File.ReadLines(Path.Combine(some, "runs.csv")).First().Split(',');
        Assert.That(File.ReadLines(Path.Combine(some, "runs.csv")).Skip(1).Select(l => l.Split(',')[Array.IndexOf(partHeader, "attrition")]).Distinct().Count(), Is.EqualTo(1),
            "attrition stays at the scenario's value");
        Assert.That(File.ReadLines(Path.Combine(some, "runs.csv")).Skip(1).Select(l => l.Split(',')[Array.IndexOf(partHeader, "activity")]),
            Is.EqualTo(File.ReadLines(Path.Combine(mcOne, "runs.csv")).Skip(1).Select(l => l.Split(',')[activity])), "the same particles, drawn by the same seeds");
        var unknown = Cli.Sim("mc", ScenarioFile, "--posterior", posterior, "--vary", "battle_chance", "--runs", "2", "--out", Path.Combine(_dir, "unknown"), "--quiet");
        Assert.That(unknown.Code, Is.EqualTo(2));
        Assert.That(unknown.Err, Does.Contain("has no parameter 'battle_chance'").And.Contain("activity, attrition").And.Not.Contain("   at "));

        // Scoring replays each run with the particle it drew; a replay with any other values would not reproduce its outcomes.
        var score = Cli.Sim("score", mcOne, "--observed", Ged, "--scenario", ScenarioFile, "--resamples", "100", "--format", "csv", "--out", Path.Combine(_dir, "score"));
        Assert.That(score.Code, Is.Zero, score.Err);
        Assert.That(score.Out, Does.Contain("12 runs scored on 2023-01:2023-12, baselines from 2022-01:2022-12"));
        Assert.That(File.Exists(Path.Combine(_dir, "score", "scores_groups.csv")));
    }

    [Test]
    public void Calibrate_Stats_FitsOnlyTheGroupsNamed()
    {
        var folder = Path.Combine(_dir, "stats");
        var r = Cli.Sim([.. Args(folder, 2, 1), "--stats", "events.type", "--stats", "fatalities.total"]);
        Assert.That(r.Code, Is.Zero, r.Err);
        Assert.That(r.Err, Does.Contain("on 24 statistics"), "3 types x 6 months + 6 months");
        Assert.That(File.ReadAllText(Path.Combine(folder, "report.md")), Does.Contain("(24 summary statistics: `events.type`, `fatalities.total`)"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "calibration.json")), Does.Contain("\"statistics\"").And.Contain("\"events.type\""));
        var bad = Cli.Sim([.. Args(Path.Combine(_dir, "bad"), 2, 1), "--stats", "events.kind"]);
        Assert.That(bad.Code, Is.EqualTo(2));
        Assert.That(bad.Err, Does.Contain("no summary statistic is named 'events.kind'").And.Contain("--stats").And.Not.Contain("   at "));
    }

    [Test]
    public void Calibrate_BadInput_SaysWhatAndExitsTwo()
    {
        var folder = Path.Combine(_dir, "bad");
        var unknown = Cli.Sim([.. Args(folder, 2, 1).Select(a => a == "attrition" ? "no_such_parameter" : a)]);
        Assert.That(unknown.Code, Is.EqualTo(2));
        Assert.That(unknown.Err, Does.Contain("no parameter 'no_such_parameter'").And.Not.Contain("   at "));
        var particles = Cli.Sim([.. Args(folder, 2, 1), "--particles", "1"]);
        Assert.That(particles.Code, Is.EqualTo(2));
        Assert.That(particles.Err, Does.Contain("--particles"));
        var early = Cli.Sim([.. Args(folder, 2, 1).Select(a => a == "2023-01:2023-06" ? "2022-11:2023-06" : a)]);
        Assert.That(early.Code, Is.EqualTo(2));
        Assert.That(early.Err, Does.Contain("starts before the scenario (2023-01-01)"));
        Assert.That(Cli.Sim(Args(folder, 2, 1)).Code, Is.Zero);
        var again = Cli.Sim(Args(folder, 2, 1));
        Assert.That(again.Code, Is.EqualTo(2));
        Assert.That(again.Err, Does.Contain("--resume").And.Contain("--force"));
        var other = Cli.Sim([.. Args(folder, 2, 1, "--resume").Select(a => a == "3" ? "4" : a)]);
        Assert.That(other.Code, Is.EqualTo(2));
        Assert.That(other.Err, Does.Contain("another calibration"));
    }

    [Test]
    public void Calibrate_BadObservedRow_FileLineAndExitCode2()
    {
        var bad = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(bad, "event_date,event_type,sub_event_type,actor1,actor2,admin1,admin2,latitude,longitude,fatalities\n"
            + "2023-02-01,Battles,Armed clash,JNIM,Islamic State (Sahel),Gao region,,,,4\n"
            + "2023-02-30,Battles,Armed clash,JNIM,Islamic State (Sahel),Gao region,,,,4\n");
        var (code, _, err) = Cli.Sim([.. Args(Path.Combine(_dir, "x"), 2, 1).Select(a => a == Ged ? bad : a)]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("bad.csv:3: event_date '2023-02-30' is not a date"));
        Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
    }
}
