using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary>An ensemble that would need more memory than its budget is refused before any run, with exit code 2.</summary>
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
        var (code, _, err) = Cli.Sim("mc", Cli.Tutorial, option, value, "--out", outDir, "--quiet");
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
}
