using System.Diagnostics;
using NUnit.Framework;
using Sim.Cli.Commands;

namespace Sim.Cli.Tests;

/// <summary>
/// Two writers into one folder, as two processes started together: the folder ends with the whole output set of one
/// of them, never a mix, and the other either succeeds before or after it or is refused with exit code 2.
/// </summary>
public class ConcurrentWritersTests
{
    private static readonly string[] RunData = ["events.csv", "timeseries.csv", "outcomes.json"];

    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sim-cli-writers-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sim.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    private static (int Code, string Err) Wait(Process p)
    {
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, err.Result);
    }

    /// <summary>Both processes' exit codes are 0 or 2 (2 only as the refusal of a second writer), and at least one is 0.</summary>
    private static void AssertOneWriterWon(params (int Code, string Err)[] results)
    {
        foreach (var (code, err) in results)
        {
            Assert.That(code, Is.EqualTo(0).Or.EqualTo(2), err);
            Assert.That(err, Does.Not.Contain("   at "));
            if (code == 2)
            {
                Assert.That(err, Does.Contain("another 'sim "));
            }
        }

        Assert.That(results.Count(r => r.Code == 0), Is.GreaterThanOrEqualTo(1), "one of them wrote its outputs");
    }

    [Test]
    public void Run_WhileAnotherRunHoldsTheFolder_RefusedWithExitTwo_FolderUntouched()
    {
        var folder = Path.Combine(_dir, "o");
        Assert.That(Cli.Sim("run", Cli.Tutorial, "--seed", "1", "--ticks", "30", "--out", folder, "--quiet").Code, Is.Zero);
        var before = RunData.Select(f => File.ReadAllBytes(Path.Combine(folder, f))).ToList();
        using (var held = new Mutex(initiallyOwned: false, RunFolder.LockName(Path.GetFullPath(folder))))
        {
            Assert.That(held.WaitOne(0), Is.True);
            try
            {
                var (code, _, err) = Cli.Sim("run", Cli.Tutorial, "--seed", "2", "--ticks", "30", "--out", folder, "--quiet");
                Assert.That(code, Is.EqualTo(2), err);
                Assert.That(err, Does.Contain("another 'sim run' is writing to").And.Contain("wrote nothing"));
            }
            finally
            {
                held.ReleaseMutex();
            }
        }

        Assert.That(RunData.Select(f => File.ReadAllBytes(Path.Combine(folder, f))), Is.EqualTo(before), "the first run's outputs are untouched");
        Assert.That(Cli.Sim("run", Cli.Tutorial, "--seed", "2", "--ticks", "30", "--out", folder, "--quiet").Code, Is.Zero, "free again once released");
    }

    /// <param name="withOtherFiles">The folder holds a file of one's own, so it is filled file by file rather than replaced whole.</param>
    [TestCase(false)]
    [TestCase(true)]
    public void TwoRuns_StartedTogether_LeaveOneWholeSet(bool withOtherFiles)
    {
        var references = new[] { "1", "2" }.Select(seed =>
        {
            var reference = Path.Combine(_dir, "ref" + seed);
            Assert.That(Cli.Sim("run", Cli.Tutorial, "--seed", seed, "--ticks", "400", "--out", reference, "--quiet").Code, Is.Zero);
            return RunData.Select(f => File.ReadAllBytes(Path.Combine(reference, f))).ToList();
        }).ToList();
        Assert.That(references[0][0], Is.Not.EqualTo(references[1][0]), "the two seeds give different events");

        for (var round = 0; round < 4; round++)
        {
            var folder = Path.Combine(_dir, $"shared{round}");
            if (withOtherFiles)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
            }

            var a = Start("run", Cli.Tutorial, "--seed", "1", "--ticks", "400", "--out", folder, "--quiet");
            var b = Start("run", Cli.Tutorial, "--seed", "2", "--ticks", "400", "--out", folder, "--quiet");
            AssertOneWriterWon(Wait(a), Wait(b));
            var found = RunData.Select(f => File.ReadAllBytes(Path.Combine(folder, f))).ToList();
            Assert.That(references.Any(r => r.Zip(found).All(pair => pair.First.SequenceEqual(pair.Second))), Is.True,
                $"round {round}: the folder holds one run's whole set, not files of both");
            Assert.That(Directory.GetDirectories(_dir).Where(d => Path.GetFileName(d).StartsWith('.')), Is.Empty, "no staging folder is left");
        }
    }

    [Test]
    public void McForce_WhileAnotherCommandHoldsTheFolder_RefusedWithExitTwo_FolderUntouched()
    {
        var folder = Path.Combine(_dir, "busy");
        Assert.That(Cli.Sim("mc", Cli.Tutorial, "--runs", "3", "--quiet", "--out", folder).Code, Is.Zero);
        var before = File.ReadAllBytes(Path.Combine(folder, "runs.store"));
        using (var held = new Mutex(initiallyOwned: false, RunFolder.LockName(Path.GetFullPath(folder))))
        {
            Assert.That(held.WaitOne(0), Is.True);
            try
            {
                var (code, _, err) = Cli.Sim("mc", Cli.Tutorial, "--runs", "4", "--quiet", "--force", "--out", folder);
                Assert.That(code, Is.EqualTo(2), err);
                Assert.That(err, Does.Contain("another 'sim mc' (or 'sim run') is writing to").And.Contain("changed nothing"));
            }
            finally
            {
                held.ReleaseMutex();
            }
        }

        Assert.That(File.ReadAllBytes(Path.Combine(folder, "runs.store")), Is.EqualTo(before), "the ensemble there is untouched");
    }

    [Test]
    public void ReadingAStoreAnotherMcHolds_RefusedWithExitTwo()
    {
        // What an ensemble meets when a 'sim mc --force' into its folder takes the store between its last run and
        // reading the store back: the other writer holds it as RunStore.Open does.
        var folder = Path.Combine(_dir, "held");
        Assert.That(Cli.Sim("mc", Cli.Tutorial, "--runs", "3", "--quiet", "--out", folder).Code, Is.Zero);
        using (new FileStream(Path.Combine(folder, "runs.store"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var (code, _, err) = Cli.Sim("export", folder, "--scenario", Cli.Tutorial, "--keep", "series", "--quiet");
            Assert.That(code, Is.EqualTo(2), err);
            Assert.That(err, Does.Contain("another 'sim mc' is writing to this folder").And.Not.Contain("   at "));
        }
    }

    [Test]
    public void TwoMcForce_StartedTogether_LeaveOneFinishedEnsemble()
    {
        string[] design = ["--runs", "40", "--seed", "5", "--format", "csv", "--quiet"];
        var reference = Path.Combine(_dir, "ref");
        Assert.That(Cli.Sim(["mc", Cli.Tutorial, .. design, "--out", reference]).Code, Is.Zero);
        var folder = Path.Combine(_dir, "shared");
        Assert.That(Cli.Sim(["mc", Cli.Tutorial, "--runs", "6", "--format", "csv", "--quiet", "--out", folder]).Code, Is.Zero);

        var a = Start(["mc", Cli.Tutorial, .. design, "--out", folder, "--force", "--threads", "1"]);
        var b = Start(["mc", Cli.Tutorial, .. design, "--out", folder, "--force", "--threads", "1"]);
        AssertOneWriterWon(Wait(a), Wait(b));
        Assert.That(File.Exists(Path.Combine(folder, "manifest.json")), Is.True, "finished");
        Assert.That(File.ReadAllBytes(Path.Combine(folder, "runs.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(reference, "runs.csv"))));
    }
}
