using NUnit.Framework;

namespace Sim.Cli.Tests;

public class CliTests
{
    private static string Root => Cli.Root;

    [Test]
    public void Version_PrintsVersion_ExitsZero()
    {
        var (code, output, _) = Cli.Sim("--version");
        Assert.That(code, Is.Zero);
        Assert.That(output.Trim(), Is.Not.Empty);
    }

    [Test]
    public void UnknownOption_ExitsTwo_WithHelpHint()
    {
        var (code, _, err) = Cli.Sim("--frobnicate");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--frobnicate").And.Contain("sim --help"));
    }

    [Test]
    public void Validate_ShippedScenario_PrintsSummary()
    {
        var (code, output, _) = Cli.Sim("validate", Path.Combine(Root, "scenarios", "sahel-2024", "scenario.yaml"));
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("Sahel 2024: valid").And.Contain("actors    11"));
    }

    [Test]
    public void Validate_BadScenario_ExitsTwo_WithFileLineColumn_NoStackTrace()
    {
        using var scratch = new ScratchFolder("sim-cli-bad-");
        var path = scratch["bad.yaml"];
        File.WriteAllText(path, "scenario: {name: x, start: 2024-01-01, tick: 1d, horizon: 5}\nactors:\n  - {id: A, name: A, kind: stat}\n");
        var (code, _, err) = Cli.Sim("validate", path);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain($"{path}:3:").And.Contain("state"));
        Assert.That(err, Does.Not.Contain("   at "));
    }

    [Test]
    public void Run_BadOverride_ExitsTwo_NamingTheClosestParameter()
    {
        var (code, _, err) = Cli.Sim("run", Path.Combine(Root, "scenarios", "tutorial", "scenario.yaml"), "--set", "bakcing=0.2", "--out", Path.GetTempPath());
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--set:1:1").And.Contain("backing"));
    }

    [Test]
    public void Run_WritesOutputs_SameSeedSameBytes()
    {
        using var scratch = new ScratchFolder("sim-cli-run-");
        var (a, b) = (scratch["a"], scratch["b"]);
        var scenario = Path.Combine(Root, "scenarios", "tutorial", "scenario.yaml");
        Assert.That(Cli.Sim("run", scenario, "--seed", "3", "--out", a, "--quiet", "--set", "backing=1").Code, Is.Zero);
        Assert.That(Cli.Sim("run", scenario, "--seed", "3", "--out", b, "--quiet", "--set", "backing=1").Code, Is.Zero);
        foreach (var file in new[] { "events.csv", "timeseries.csv", "outcomes.json", "manifest.json" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(b, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, file))), file);
        }

        Assert.That(File.ReadAllText(Path.Combine(a, "manifest.json")), Does.Contain("\"backing=1\""));
    }

    [Test]
    public void Run_MissingFile_ExitsTwo()
    {
        var (code, _, err) = Cli.Sim("run", "no/such/scenario.yaml");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("no/such/scenario.yaml"));
    }
}
