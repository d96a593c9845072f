using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary><c>sim run</c> into a folder used before: the whole output set is replaced, nothing stale is left beside it.</summary>
public class RunFolderTests
{
    [Test]
    public void Run_AgainWithAnotherFormat_LeavesNoStaleFiles()
    {
        using var scratch = new ScratchFolder("sim-cli-runfolder-");
        var (parent, folder) = (scratch.Path, scratch["out"]);
        Assert.That(Cli.Sim("run", Cli.Tutorial, "--ticks", "20", "--format", "parquet", "--out", folder, "--quiet").Code, Is.Zero);
        Assert.That(File.Exists(Path.Combine(folder, "events.parquet")), Is.True);

        var (code, output, err) = Cli.Sim("run", Cli.Tutorial, "--ticks", "20", "--format", "csv", "--out", folder, "--quiet");
        Assert.That(code, Is.Zero, err);
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "events.csv", "manifest.json", "outcomes.json", "timeseries.csv" }));
        Assert.That(Directory.GetFileSystemEntries(parent).Select(Path.GetFileName), Is.EqualTo(new[] { "out" }), "no staging folder left");
        Assert.That(output, Does.Contain(Path.Combine(folder, "events.csv")));
    }

    [Test]
    public void Run_IntoAFolderHoldingOtherFiles_KeepsThem_RemovesOnlyStaleOutputs()
    {
        using var scratch = new ScratchFolder("sim-cli-runfolder-");
        var folder = scratch["out"];
        Assert.That(Cli.Sim("run", Cli.Tutorial, "--ticks", "20", "--format", "parquet", "--out", folder, "--quiet").Code, Is.Zero);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");

        Assert.That(Cli.Sim("run", Cli.Tutorial, "--ticks", "20", "--format", "csv", "--out", folder, "--quiet").Code, Is.Zero);
        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName).Order(),
            Is.EqualTo(new[] { "events.csv", "manifest.json", "notes.txt", "outcomes.json", "timeseries.csv" }));
        Assert.That(File.ReadAllText(Path.Combine(folder, "notes.txt")), Is.EqualTo("mine"));
    }
}
