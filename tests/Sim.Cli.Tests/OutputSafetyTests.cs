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
}
