using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary>
/// Outputs never reach outside their folder: temporary files are created exclusively under unpredictable names, so a
/// link planted where one would be written is never followed.
/// </summary>
public class OutputSafetyTests
{
    private static readonly string Tutorial = Cli.Tutorial;
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sim-cli-safe-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Mc_LinksPlantedAtTemporaryNames_AreNotFollowed()
    {
        var outDir = Directory.CreateDirectory(Path.Combine(_dir, "e")).FullName;
        var victims = new List<string>();
        // Where the temporary files of this process used to go: a hidden name built from the output and the process id.
        foreach (var output in new[] { "runs.csv", "timeseries.csv", "events.csv" })
        {
            var victim = Path.Combine(_dir, $"victim-{output}");
            File.WriteAllText(victim, "precious");
            victims.Add(victim);
            File.CreateSymbolicLink(Path.Combine(outDir, $".{output}.{Environment.ProcessId}.tmp"), victim);
        }

        var (code, _, err) = Cli.Sim("mc", Tutorial, "--runs", "4", "--out", outDir, "--quiet", "--format", "csv", "--keep", "events");
        foreach (var victim in victims)
        {
            Assert.That(File.ReadAllText(victim), Is.EqualTo("precious"), victim);
        }

        Assert.That(code, Is.Zero, err);

        Assert.That(File.ReadAllText(Path.Combine(outDir, "runs.csv")), Does.StartWith("run,"));
    }

    [Test]
    public void Validate_IncludeOutsideTheFolder_RefusedUnlessAllowed()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "s")).FullName;
        File.WriteAllText(Path.Combine(_dir, "regions.yaml"), "regions: []\n");
        var scenario = Path.Combine(folder, "scenario.yaml");
        File.WriteAllText(scenario, "include: [../regions.yaml]\n" + File.ReadAllText(Tutorial).Replace("regions:", "more_regions:", StringComparison.Ordinal));

        var (code, _, err) = Cli.Sim("validate", scenario);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("leads outside the scenario's folder").And.Contain("--allow-includes-outside"));

        (code, _, err) = Cli.Sim("validate", scenario, "--allow-includes-outside");
        Assert.That(err, Does.Not.Contain("leads outside"));
        Assert.That(code, Is.EqualTo(2), "read, then the rest of this scenario's problems reported");
    }

    [Test]
    public void Mc_Force_RemovesOnlyWhatTheManifestListed_AndLeftoverTemporaries()
    {
        var outDir = Path.Combine(_dir, "e");
        Assert.That(Cli.Sim("mc", Tutorial, "--runs", "4", "--out", outDir, "--quiet").Code, Is.Zero);
        var manifest = File.ReadAllText(Path.Combine(outDir, "manifest.json"));
        Assert.That(manifest, Does.Contain("\"report.md\"").And.Contain("\"report.html\"").And.Contain("\"plots/outcomes.png\""), "the manifest lists every file written");
        Assert.That(File.GetLastWriteTimeUtc(Path.Combine(outDir, "manifest.json")), Is.GreaterThanOrEqualTo(File.GetLastWriteTimeUtc(Path.Combine(outDir, "report.html"))),
            "the manifest, which marks the folder finished, is written last");

        var mine = Path.Combine(outDir, "plots", "my-own-chart.png");
        File.WriteAllText(mine, "drawn by hand");
        var notes = Path.Combine(outDir, ".notes.tmp");
        File.WriteAllText(notes, "not a temporary file of sim");
        var leftover = Path.Combine(outDir, ".runs.parquet.0123456789abcdef.tmp");
        File.WriteAllText(leftover, "left by a killed sim mc");

        var (code, _, err) = Cli.Sim("mc", Tutorial, "--runs", "5", "--out", outDir, "--quiet", "--force");
        Assert.That(code, Is.Zero, err);
        Assert.That(File.ReadAllText(mine), Is.EqualTo("drawn by hand"));
        Assert.That(File.Exists(notes), Is.True);
        Assert.That(File.Exists(leftover), Is.False, "a temporary file of an output is the ensemble's own");
    }

    private string Fifo()
    {
        var path = Path.Combine(_dir, "pipe.yaml");
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.That(mkfifo.ExitCode, Is.Zero);
        return path;
    }

    [Test]
    [CancelAfter(120_000)]
    public void Mc_ScenarioFromANamedPipe_IsReadFullyOnce_ForEveryPoint()
    {
        var fifo = Fifo();
        var writer = Task.Run(() => File.WriteAllBytes(fifo, File.ReadAllBytes(Tutorial)));
        var (code, output, err) = Cli.Sim("mc", fifo, "--sweep", "backing=0:1:3", "--runs", "2", "--out", Path.Combine(_dir, "e"), "--format", "csv");
        writer.Wait();
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("6 runs"));
    }

    [Test]
    [CancelAfter(120_000)]
    public void Validate_NamedPipeWithNoWriter_IsRefused_NoHang()
    {
        var fifo = Fifo();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, err) = Cli.Sim("validate", fifo);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("named pipe with no writer").And.Not.Contain("   at "));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public void Messages_ShowControlCharactersEscaped_NeverRaw()
    {
        // A name that would clear the screen, ring the bell and overwrite the line, and an id that reverses the text after it.
        var scenario = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(scenario, File.ReadAllText(Tutorial)
            .Replace("name: Border town", "name: \"Border\\e[2J\\a\\rtown\"", StringComparison.Ordinal)
            .Replace("{id: EAST,", "{id: \"EA\\u202eST\",", StringComparison.Ordinal));
        var (code, output, err) = Cli.Sim("validate", scenario);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("EA\\u202eST"));

        File.WriteAllText(scenario, File.ReadAllText(Tutorial).Replace("name: Border town", "name: \"Border\\e[2J\\a\\rtown\"", StringComparison.Ordinal));
        (code, output, err) = Cli.Sim("validate", scenario);
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.StartWith("Border\\x1b[2J\\x07\\x0dtown: valid"));
        foreach (var text in new[] { output, err })
        {
            Assert.That(text.Where(c => c is '\u001b' or '\a' or '\r' or '\u202e'), Is.Empty);
        }
    }
}
