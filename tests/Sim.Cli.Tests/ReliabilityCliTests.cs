using System.Diagnostics;
using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary>
/// Bad command lines and hostile disks: every one gets a message that says what and how to fix, the right exit
/// code and no stack trace; a disk that fills up or turns read-only mid-ensemble loses no finished run.
/// </summary>
public class ReliabilityCliTests
{
    private static readonly string Tutorial = Cli.Tutorial;
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sim-cli-rel-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Sim(params string[] args) => Cli.Sim(args);

    [Test]
    public void Run_Check_ExitsZero_SameBytesAsUnchecked()
    {
        var plain = Path.Combine(_dir, "plain");
        var checkedOut = Path.Combine(_dir, "checked");
        Assert.That(Sim("run", Tutorial, "--seed", "5", "--out", plain, "--quiet").Code, Is.Zero);
        var (code, _, err) = Sim("run", Tutorial, "--seed", "5", "--out", checkedOut, "--quiet", "--check");
        Assert.That(code, Is.Zero, err);
        foreach (var file in new[] { "events.csv", "timeseries.csv", "outcomes.json" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(checkedOut, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(plain, file))), file);
        }
    }

    [Test]
    public void Mc_Check_ExitsZero()
    {
        var (code, _, err) = Sim("mc", Tutorial, "--runs", "20", "--out", Path.Combine(_dir, "e"), "--quiet", "--check", "--format", "csv");
        Assert.That(code, Is.Zero, err);
    }

    [TestCase("run")]
    [TestCase("mc")]
    public void OutIsAFile_ExitsTwo_SaysWhereAndHowToFix(string command)
    {
        var file = Path.Combine(_dir, "taken");
        File.WriteAllText(file, "not a folder");
        var (code, _, err) = command == "mc" ? Sim(command, Tutorial, "--out", file, "--quiet", "--runs", "5") : Sim(command, Tutorial, "--out", file, "--quiet");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith($"error: --out {file} is a file, not a folder (fix: ").And.Not.Contain("   at "));
        Assert.That(File.ReadAllText(file), Is.EqualTo("not a folder"));
    }

    [TestCase("backing", "expected name=value")]
    [TestCase("=1", "expected name=value")]
    [TestCase("backing=lots", "is not a number")]
    [TestCase("backing=2", "outside its declared range")]
    [TestCase("backing=1e999", "is not a number")]
    public void Run_BadSet_ExitsTwo_PointsAtTheOverride(string set, string expected)
    {
        var (code, _, err) = Sim("run", Tutorial, "--set", set, "--out", Path.Combine(_dir, "o"), "--quiet");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.StartWith("--set:1:").And.Contain(expected).And.Not.Contain("   at "));
    }

    [TestCase("--shard", "x")]
    [TestCase("--shard", "1/0")]
    [TestCase("--shard", "-1/2")]
    [TestCase("--threads", "0")]
    [TestCase("--runs", "-5")]
    [TestCase("--ticks", "-1")]
    [TestCase("--ticks", "2147483647")]
    [TestCase("--bogus", "1")]
    public void Mc_BadOption_ExitsTwo_NoStackTrace(string option, string value)
    {
        var (code, _, err) = Sim("mc", Tutorial, option, value, "--out", Path.Combine(_dir, "e"), "--quiet");
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("error").And.Not.Contain("   at "));
    }

    [TestCase("validate", "")]
    [TestCase("run", "")]
    [TestCase("run", "TUTORIAL", "--out", "")]
    [TestCase("mc", "TUTORIAL", "--runs", "2", "--out", "")]
    [TestCase("render", "TUTORIAL", "--png", "")]
    [TestCase("merge", "", "--out", "OUT")]
    [TestCase("compare", "TUTORIAL", "", "--out", "OUT")]
    public void EmptyPath_ExitsTwo_NamesTheArgument(params string[] args)
    {
        var (code, _, err) = Sim([.. args.Select(a => a switch { "TUTORIAL" => Tutorial, "OUT" => Path.Combine(_dir, "o"), _ => a })]);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("is an empty path").And.Not.Contain("   at "));
    }

    [Test]
    public void Mc_Force_WhileAnotherWriterHoldsTheFolder_Refuses_KeepsItsRuns()
    {
        var outDir = Path.Combine(_dir, "busy");
        Assert.That(Sim("mc", Tutorial, "--runs", "5", "--out", outDir, "--quiet").Code, Is.Zero);
        var store = Path.Combine(outDir, "runs.store");
        var size = new FileInfo(store).Length;
        using (new FileStream(store, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            // This process now holds the store as a running 'sim mc' does.
            var (code, _, err) = Sim("mc", Tutorial, "--runs", "6", "--out", outDir, "--quiet", "--force");
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("another 'sim mc' is writing to this folder, and --force does not replace a running ensemble").And.Not.Contain("   at "));
        }

        Assert.That(new FileInfo(store).Length, Is.EqualTo(size), "the running ensemble's store is untouched");
    }

    [Test]
    public void Mc_Force_PlotsLinkedElsewhere_LeavesWhatTheLinkPointsAt()
    {
        var outDir = Path.Combine(_dir, "linked");
        Assert.That(Sim("mc", Tutorial, "--runs", "5", "--out", outDir, "--quiet").Code, Is.Zero);
        var elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "elsewhere")).FullName;
        var precious = Path.Combine(elsewhere, "precious.png");
        File.WriteAllText(precious, "not a plot of this ensemble");
        Directory.Delete(Path.Combine(outDir, "plots"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(outDir, "plots"), elsewhere);
        Assert.That(Sim("mc", Tutorial, "--runs", "6", "--out", outDir, "--quiet", "--force").Code, Is.Zero);
        Assert.That(File.Exists(precious), Is.True, "--force deletes only what the ensemble wrote in its folder, never through a link");
    }

    [Test]
    public void Merge_OutIsOneOfTheShards_Refuses_KeepsTheShard()
    {
        var s0 = Path.Combine(_dir, "s0");
        var s1 = Path.Combine(_dir, "s1");
        Assert.That(Sim("mc", Tutorial, "--runs", "6", "--shard", "0/2", "--out", s0, "--quiet").Code, Is.Zero);
        Assert.That(Sim("mc", Tutorial, "--runs", "6", "--shard", "1/2", "--out", s1, "--quiet").Code, Is.Zero);
        var size = new FileInfo(Path.Combine(s0, "runs.store")).Length;
        var (code, _, err) = Sim("merge", s0, s1, "--out", Path.Combine(_dir, ".", "s0"), "--force");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("is also one of the shards to merge").And.Not.Contain("   at "));
        Assert.That(new FileInfo(Path.Combine(s0, "runs.store")).Length, Is.EqualTo(size));
    }

    [Test]
    public void Mc_DiskFullMidRun_SaysResume_ThenResumedSameBytes()
    {
        using var disk = SmallDisk.Mount(Path.Combine(_dir, "disk"), "64k");
        string[] args = ["mc", Tutorial, "--runs", "200", "--seed", "4", "--quiet", "--format", "csv"];
        var full = Path.Combine(disk.Path, "e");
        var (code, _, err) = Sim([.. args, "--out", full]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err, Does.StartWith($"error: cannot write the ensemble in {full}: No space left on device").And.Contain("--resume").And.Not.Contain("   at "));
        var kept = new FileInfo(Path.Combine(full, "runs.store")).Length;
        Assert.That(kept, Is.GreaterThan(0), "runs finished before the disk filled are kept");

        disk.Resize("16m");
        (code, _, err) = Sim([.. args, "--out", full, "--resume"]);
        Assert.That(code, Is.Zero, err);
        var clean = Path.Combine(_dir, "clean");
        Assert.That(Sim([.. args, "--out", clean]).Code, Is.Zero);
        foreach (var file in new[] { "runs.csv", "timeseries.csv", "manifest.json", "report.md" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(full, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(clean, file))), file);
        }
    }

    [Test]
    public void Run_ParquetOnAFullDisk_ExitsOne_SaysWhichFile()
    {
        using var disk = SmallDisk.Mount(Path.Combine(_dir, "disk"), "16k");
        var folder = Path.Combine(disk.Path, "run");
        var (code, _, err) = Sim("run", Cli.Scenario("sahel-2024"), "--seed", "3", "--format", "parquet", "--out", folder, "--quiet");
        Assert.That(code, Is.EqualTo(1), err);
        Assert.That(err, Does.StartWith($"error: cannot write {folder}").And.Not.Contain("   at ").And.Not.Contain("Exception"));
    }

    [Test]
    public void Run_OutCannotBeCreated_ExitsOne_SaysWhichFolder()
    {
        var (code, _, err) = Sim("run", Tutorial, "--out", "/proc/sim-cannot-be-here", "--quiet");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err, Does.StartWith("error: cannot create the output folder /proc/sim-cannot-be-here: ").And.Not.Contain("   at "));
    }

    [Test]
    public void Mc_ReadOnlyDisk_ExitsOne_SaysWhy()
    {
        using var disk = SmallDisk.Mount(Path.Combine(_dir, "disk"), "1m", readOnly: true);
        var (code, _, err) = Sim("mc", Tutorial, "--runs", "5", "--out", Path.Combine(disk.Path, "e"), "--quiet");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(err, Does.StartWith("error: ").And.Contain("Read-only file system").And.Not.Contain("   at "));
    }

    /// <summary>A tmpfs of a given size: a real full or read-only disk. Needs root (test.sh runs as root); other users skip these tests.</summary>
    private sealed class SmallDisk : IDisposable
    {
        private SmallDisk(string path) => Path = path;

        public string Path { get; }

        public static SmallDisk Mount(string path, string size, bool readOnly = false)
        {
            Directory.CreateDirectory(path);
            if (Environment.UserName != "root" || Exec("mount", "-t", "tmpfs", "-o", $"size={size}{(readOnly ? ",ro" : "")}", "tmpfs", path) != 0)
            {
                Assert.Ignore("mounting a small tmpfs needs root");
            }

            return new SmallDisk(path);
        }

        public void Resize(string size) => Assert.That(Exec("mount", "-o", $"remount,size={size}", Path), Is.Zero);

        public void Dispose() => Exec("umount", Path);

        private static int Exec(string file, params string[] args)
        {
            var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            using var p = Process.Start(info)!;
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode;
        }
    }
}
