using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary>
/// A run or ensemble that would need more memory or work than its budget is refused before it starts, with exit code 2
/// and the option that raises the budget; one that passes its --time-limit stops with exit code 2, keeping finished runs.
/// </summary>
public class WorkGuardTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sim-cli-guard-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [TestCase("--runs", "2147483647")]
    [TestCase("--sweep", "backing=0:1:20000")]
    public void Mc_BeyondTheMemoryBudget_RefusedBeforeAnyRun(string option, string value)
    {
        var outDir = Path.Combine(_dir, "e");
        // The work budget would refuse --runs 2147483647 first: lifted here so that the memory estimate is what is tested.
        var (code, _, err) = Cli.Sim("mc", Cli.Tutorial, option, value, "--out", outDir, "--quiet", "--max-work", "1e300");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("error: this ensemble would need about").And.Contain("--memory").And.Not.Contain("   at "));
        Assert.That(File.Exists(Path.Combine(outDir, "runs.store")), Is.False, "nothing was run");
    }

    [Test]
    public void Mc_SmallerBudget_RefusesWhatTheDefaultAllows_LargerAllowsIt()
    {
        string[] args = ["mc", Cli.Tutorial, "--sweep", "backing=0:1:40", "--runs", "1", "--quiet", "--format", "csv"];
        var (code, _, err) = Cli.Sim([.. args, "--out", Path.Combine(_dir, "small"), "--memory", "0.01"]);
        Assert.That(code, Is.EqualTo(2), err);
        (code, _, err) = Cli.Sim([.. args, "--out", Path.Combine(_dir, "large"), "--memory", "4"]);
        Assert.That(code, Is.Zero, err);
        (code, _, err) = Cli.Sim([.. args, "--out", Path.Combine(_dir, "bad"), "--memory", "0"]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--memory must be"));
    }

    [TestCase("run")]
    [TestCase("mc")]
    public void EffectListSharedByThousandsOfRules_StopsAtTheEventBudget_ExitTwo(string command)
    {
        // One 50-event list aliased into 2,000 rules that fire every tick: 100,000 events a tick, a gigabyte a run.
        var text = File.ReadAllText(Cli.Tutorial);
        var rules = new System.Text.StringBuilder("\nrules:\n  - id: r0\n    when: \"true\"\n    then: &then\n");
        rules.Insert(rules.Length, string.Concat(Enumerable.Repeat("      - event: {action: threaten, actor: NORTH, target: FRONT}\n", 50)));
        for (var r = 1; r < 2_000; r++)
        {
            rules.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{id: r{r}, when: \"true\", then: *then}}\n");
        }

        var scenario = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(scenario, text[..text.IndexOf("\nrules:", StringComparison.Ordinal)] + rules + text[text.IndexOf("\ntimeline:", StringComparison.Ordinal)..]);
        string[] args = command == "mc" ? ["mc", scenario, "--runs", "2", "--ticks", "5"] : ["run", scenario, "--ticks", "5"];
        var (code, _, err) = Cli.Sim([.. args, "--out", Path.Combine(_dir, "o"), "--quiet"]);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("recorded more than 100,000 events").And.Not.Contain("   at "));
    }

    /// <summary>A valid scenario whose horizon asks for some 4e12 work units: 2,000 actors for 1,000,000 ticks.</summary>
    private string CostlyScenario()
    {
        var yaml = new System.Text.StringBuilder("scenario: {name: costly, start: 2024-01-01, horizon: 1000000}\nactors:\n");
        for (var a = 0; a < 2_000; a++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{id: A{a}, kind: state}}\n");
        }

        var path = Path.Combine(_dir, "costly.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    [Test]
    public void Validate_HorizonBeyondTheWorkBudget_IsAnErrorAtTheHorizon_LiftedByMaxWork()
    {
        var path = CostlyScenario();
        var (code, _, err) = Cli.Sim("validate", path);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith($"{path}:1:").And.Contain("error: the horizon of 1000000 ticks: the run would do about 4e12 work units").And.Contain("--max-work"));
        (code, _, err) = Cli.Sim("validate", path, "--max-work", "1e13");
        Assert.That(code, Is.Zero, err);
    }

    [TestCase("run")]
    [TestCase("view")]
    public void RunOrView_HorizonBeyondTheWorkBudget_RefusedBeforeTheFirstTick(string command)
    {
        var path = CostlyScenario();
        var outDir = Path.Combine(_dir, "o");
        var (code, _, err) = Cli.Sim(command == "run" ? ["run", path, "--out", outDir, "--quiet"] : ["view", path]);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("work units").And.Contain("--max-work").And.Not.Contain("   at "));
        Assert.That(Directory.Exists(outDir), Is.False, "nothing was written");
    }

    [Test]
    public void Run_SmallerWorkOrMemoryBudget_RefusedNamingTheOption()
    {
        var (code, _, err) = Cli.Sim("run", Cli.Tutorial, "--out", Path.Combine(_dir, "w"), "--max-work", "1000", "--quiet");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith($"{Cli.Tutorial}:").And.Contain("work units").And.Contain("--max-work"));
        (code, _, err) = Cli.Sim("run", Cli.Tutorial, "--ticks", "20", "--out", Path.Combine(_dir, "m"), "--memory", "0.001", "--quiet");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("error: --ticks 20: the run would need about").And.Contain("--memory"));
        (code, _, err) = Cli.Sim("run", Cli.Tutorial, "--ticks", "20", "--out", Path.Combine(_dir, "ok"), "--quiet");
        Assert.That(code, Is.Zero, err);
    }

    [Test]
    public void Mc_BeyondTheWorkBudget_RefusedBeforeAnyRun()
    {
        var outDir = Path.Combine(_dir, "e");
        var (code, _, err) = Cli.Sim("mc", Cli.Tutorial, "--runs", "20000000", "--out", outDir, "--quiet");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("error: this ensemble would do about").And.Contain("--max-work"));
        Assert.That(File.Exists(Path.Combine(outDir, "runs.store")), Is.False, "nothing was run");
    }

    [Test]
    public void Render_InheritsTheBudgets_FramesCountedAsWork()
    {
        var png = Path.Combine(_dir, "frames");
        // 2,000,000 frames of a million pixels: refused at once instead of rendering for months.
        var (code, _, err) = Cli.Sim("render", Cli.Tutorial, "--ticks", "2000000", "--png", png);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("frames of 1280x800 pixels").And.Contain("--max-work"));
        (code, _, err) = Cli.Sim("render", Cli.Tutorial, "--ticks", "5", "--png", png, "--memory", "0.001");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("--memory"));
        Assert.That(Directory.Exists(png) && Directory.EnumerateFiles(png).Any(), Is.False, "no frame was written");
    }

    [Test]
    public void Run_PastTheTimeLimit_StopsWithExitTwo_WritingNothing()
    {
        var outDir = Path.Combine(_dir, "o");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Far more work than the limit allows on any machine (about 10 s here), so the limit, not the horizon, ends it.
        var (code, _, err) = Cli.Sim("run", Cli.Tutorial, "--ticks", "2900000", "--time-limit", "1s", "--out", outDir, "--quiet");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("--time-limit (1 s)").And.Not.Contain("   at "));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
        Assert.That(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir).Any(), Is.False);
    }

    [Test]
    public void Mc_PastTheTimeLimit_KeepsFinishedRuns_ThenResumes()
    {
        var outDir = Path.Combine(_dir, "e");
        // Runs long enough (about 6 s of work here) that the limit ends the ensemble on any machine.
        string[] args = ["mc", Cli.Tutorial, "--runs", "400", "--ticks", "5000", "--threads", "1", "--format", "csv", "--out", outDir, "--quiet"];
        var (code, _, err) = Cli.Sim([.. args, "--time-limit", "1s"]);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.StartWith("error: stopped at --time-limit (1 s) after").And.Contain("--resume"));
        Assert.That(File.Exists(Path.Combine(outDir, "runs.store")), Is.True, "the finished runs are kept");
        Assert.That(File.Exists(Path.Combine(outDir, "manifest.json")), Is.False, "not marked finished");
        (code, _, err) = Cli.Sim([.. args, "--resume"]);
        Assert.That(code, Is.Zero, err);
        Assert.That(File.ReadLines(Path.Combine(outDir, "runs.csv")).Count(), Is.EqualTo(401));
    }

    [TestCase("--max-work", "0", "--max-work must be")]
    [TestCase("--time-limit", "soon", "--time-limit soon: not a duration")]
    [TestCase("--time-limit", "0s", "not a duration")]
    public void BadBudgetOption_ExitTwo(string option, string value, string message)
    {
        var (code, _, err) = Cli.Sim("run", Cli.Tutorial, "--out", Path.Combine(_dir, "o"), option, value);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain(message));
    }
}
