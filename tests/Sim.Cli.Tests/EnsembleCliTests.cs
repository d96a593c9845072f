using System.Diagnostics;
using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary>
/// <c>sim mc</c>, <c>merge</c> and <c>compare</c> as users run them: in process for errors and reports, and as
/// separate processes for sharding and for crashes, which only real processes can show.
/// </summary>
public class EnsembleCliTests
{
    private static readonly string Root = Cli.Root;
    private static readonly string Tutorial = Path.Combine(Root, "scenarios", "tutorial", "scenario.yaml");
    private static readonly string[] Outputs = ["runs.parquet", "timeseries.parquet", "manifest.json", "ensemble.json", "report.md", "report.html", "plots/outcomes.png"];
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sim-cli-mc-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Sim(params string[] args) => Cli.Sim(args);

    /// <summary>Starts <c>sim</c> as its own process (the build beside this test).</summary>
    private static Process Start(IReadOnlyList<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sim.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        return Process.Start(info)!;
    }

    private static void Finish(Process p)
    {
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero, stderr.Result);
    }

    private static void AssertSameOutputs(string expected, string actual)
    {
        foreach (var f in Outputs)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(actual, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(expected, f))), f);
        }
    }

    [Test]
    public void Mc_WritesTablesManifestReportAndPlots()
    {
        var outDir = Path.Combine(_dir, "e");
        var (code, output, err) = Cli.Sim("mc", Tutorial, "--runs", "30", "--seed", "3", "--out", outDir, "--quiet");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("30 runs").And.Contain("open_war"));
        foreach (var f in Outputs)
        {
            Assert.That(new FileInfo(Path.Combine(outDir, f)).Length, Is.GreaterThan(100), f);
        }

        var report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.That(report, Does.Contain("| open_war |").And.Contain("plots/escalation-NORTH-SOUTH.png").And.Contain("plots/hist-fatalities.png"));
        Assert.That(File.Exists(Path.Combine(outDir, "plots", "escalation-NORTH-SOUTH.png")));

        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("<img alt=\"Escalation of Northland towards Southland\" src=\"data:image/png;base64,")
            .And.Not.Contain("src=\"plots/").And.Contain("<td>open_war</td>"));

        // Names from the scenario beside the ids.
        Assert.That(report, Does.Contain("| open_war | The dispute reached open war (rung 8+) |")
            .And.Contain("![Escalation of Northland towards Southland](plots/escalation-NORTH-SOUTH.png)")
            .And.Contain("![who holds Riverford]")
            .And.Contain("![Everyone killed](plots/hist-fatalities.png)"));
    }

    [Test]
    public void Mc_FivePointSweep_ReportDetailsEveryPoint()
    {
        var outDir = Path.Combine(_dir, "sweep");
        var (code, _, err) = Cli.Sim("mc", Tutorial, "--runs", "3", "--sweep", "backing=0:1:5", "--out", outDir, "--quiet");
        Assert.That(code, Is.Zero, err);
        var report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        for (var p = 0; p < 5; p++)
        {
            Assert.That(report, Does.Contain($"## Point {p}: backing = "), $"point {p}");
            Assert.That(File.Exists(Path.Combine(outDir, "plots", $"outcomes-point{p}.png")), $"point {p}");
        }

        Assert.That(report, Does.Not.Contain("summarised in the table above"));
    }

    [TestCase("--sweep", "backing=0:9:3", "outside backing's range")]
    [TestCase("--sweep", "nope=0:1:3", "no parameter 'nope'")]
    [TestCase("--sample", "lhs:x", "not lhs:K")]
    [TestCase("--shard", "3/3", "does not exist")]
    [TestCase("--runs", "0", "--runs must be at least 1")]
    public void Mc_BadOption_ExitsTwo_SaysWhy(string option, string value, string expected)
    {
        var (code, _, err) = Cli.Sim("mc", Tutorial, option, value, "--out", Path.Combine(_dir, "x"), "--quiet");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain(expected).And.Not.Contain("   at "));
    }

    [Test]
    public void Mc_FinishedFolder_RefusedWithoutForce()
    {
        var outDir = Path.Combine(_dir, "e");
        Assert.That(Cli.Sim("mc", Tutorial, "--runs", "5", "--out", outDir, "--quiet").Code, Is.Zero);
        var (code, _, err) = Cli.Sim("mc", Tutorial, "--runs", "5", "--out", outDir, "--quiet");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--force"));
        Assert.That(Cli.Sim("mc", Tutorial, "--runs", "6", "--out", outDir, "--quiet", "--force").Code, Is.Zero);
    }

    [Test]
    public void Compare_ScenarioVariants_ReportsDifferences()
    {
        var outDir = Path.Combine(_dir, "cmp");
        var (code, output, err) = Cli.Sim("compare", Tutorial, $"{Tutorial},backing=0", "--runs", "60", "--out", outDir, "--quiet");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("north_holds_riverford"));
        var csv = File.ReadAllLines(Path.Combine(outDir, "comparison.csv"));
        Assert.That(csv[0], Does.StartWith("variant,outcome,kind,a,"));
        Assert.That(csv, Has.Length.EqualTo(4), "header and three outcomes");
        Assert.That(File.ReadAllText(Path.Combine(outDir, "report.md")), Does.Contain("## B = ").And.Contain("Holm"));
        Assert.That(File.Exists(Path.Combine(outDir, "plots", "probabilities-1.png")));
        Assert.That(File.Exists(Path.Combine(outDir, "plots", "differences-1.png")), "forest plot of the paired differences");
        var report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.That(report, Does.Contain("## B = Border town, backing=0").And.Contain("A = Border town**")
            .And.Contain("| open_war | The dispute reached open war (rung 8+) |").And.Not.Contain("scenario.yaml"));

        // A second compare reuses the finished ensembles and gives the same report.
        var first = File.ReadAllBytes(Path.Combine(outDir, "comparison.csv"));
        Assert.That(Cli.Sim("compare", Tutorial, $"{Tutorial},backing=0", "--runs", "60", "--out", outDir, "--quiet").Code, Is.Zero);
        Assert.That(File.ReadAllBytes(Path.Combine(outDir, "comparison.csv")), Is.EqualTo(first));
    }

    [Test]
    public void Compare_SameEnsembleTwice_NothingChanges()
    {
        var a = Path.Combine(_dir, "a");
        Assert.That(Cli.Sim("mc", Tutorial, "--runs", "40", "--out", a, "--quiet").Code, Is.Zero);
        var (code, output, err) = Cli.Sim("compare", a, a, "--out", Path.Combine(_dir, "cmp"));
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Not.Contain("changed"));
        Assert.That(File.ReadAllText(Path.Combine(_dir, "cmp", "report.md")), Does.Contain("No outcome changed significantly."));
    }

    [Test]
    public void ShardProcesses_PlusMerge_SameBytesAsOneProcess()
    {
        var single = Path.Combine(_dir, "single");
        Finish(Start(["mc", Tutorial, "--runs", "90", "--seed", "5", "--out", single, "--quiet"]));

        // Three shards at once, as a cluster would run them: one by --shard, one by Slurm's, one by Kubernetes' variables.
        var shards = new[]
        {
            Start(["mc", Tutorial, "--runs", "90", "--seed", "5", "--out", Path.Combine(_dir, "s0"), "--quiet", "--shard", "0/3"]),
            Start(["mc", Tutorial, "--runs", "90", "--seed", "5", "--out", Path.Combine(_dir, "s1"), "--quiet"],
                new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "2", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "3" }),
            Start(["mc", Tutorial, "--runs", "90", "--seed", "5", "--out", Path.Combine(_dir, "s2"), "--quiet", "--shard", "3"],
                new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2" }),
        };
        foreach (var p in shards)
        {
            Finish(p);
        }

        var merged = Path.Combine(_dir, "merged");
        Finish(Start(["merge", Path.Combine(_dir, "s2"), Path.Combine(_dir, "s0"), Path.Combine(_dir, "s1"), "--out", merged]));
        AssertSameOutputs(single, merged);
    }

    [Test]
    public void KilledAtRandomMoments_ThenResumed_SameBytesAsUninterrupted() => KillAndResume(4, 1500, 20241125);

    /// <summary>
    /// The long version for docs/reliability.md: many SIGKILLs over a bigger ensemble. Explicit, as it takes minutes;
    /// run it with <c>dotnet test tests/Sim.Cli.Tests --filter Name~KilledManyTimes</c>.
    /// </summary>
    [Test]
    [Explicit("minutes of killing and resuming; run by hand for the reliability numbers")]
    public void KilledManyTimes_ThenResumed_SameBytesAsUninterrupted() => KillAndResume(100, 6000, 20241126);

    private void KillAndResume(int attempts, int runs, int seed)
    {
        string[] args = ["mc", Tutorial, "--runs", runs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "9", "--quiet"];
        var clean = Path.Combine(_dir, "clean");
        Finish(Start([.. args, "--out", clean]));

        var crashed = Path.Combine(_dir, "crashed");
        var store = Path.Combine(crashed, "runs.store");
        var random = new Random(seed);
        var kills = 0;
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var p = Start([.. args, "--out", crashed, "--resume"]);
            var before = File.Exists(store) ? new FileInfo(store).Length : 0;
            var wait = Stopwatch.StartNew();
            // Kill once the store has grown, at a random extra delay, so kills land mid-run and mid-write.
            while (!p.HasExited && (!File.Exists(store) || new FileInfo(store).Length <= before) && wait.ElapsedMilliseconds < 20_000)
            {
                Thread.Sleep(5);
            }

            Thread.Sleep(random.Next(0, 150));
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                kills++;
            }

            p.WaitForExit();
        }

        Finish(Start([.. args, "--out", crashed, "--resume"]));
        TestContext.Out.WriteLine($"{kills} of {attempts} attempts killed sim mc mid-ensemble ({runs} runs) in {clock.Elapsed.TotalSeconds:0} s; outputs after resuming equal the uninterrupted ones");
        Assert.That(kills, Is.GreaterThan(0), "at least one run was really killed");
        AssertSameOutputs(clean, crashed);
    }
}
