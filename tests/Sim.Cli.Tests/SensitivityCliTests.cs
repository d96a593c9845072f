using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary><c>sim sensitivity</c> on the tutorial with a tiny design: files written, the same bytes for any thread count, bad input refused.</summary>
public class SensitivityCliTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sim-cli-sensitivity-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Err) Run(string folder, string threads, params string[] more) =>
        Cli.Sim(["sensitivity", Cli.Tutorial, "--vary", "backing", "--vary", "activity", "--samples", "4", "--ticks", "30", "--bootstrap", "50",
            "--threads", threads, "--out", Path.Combine(_dir, folder), "--quiet", .. more]);

    [TestCase("sobol", "S1")]
    [TestCase("morris", "mu_star")]
    public void Sensitivity_Tutorial_WritesTheSameBytesForOneAndTwoThreads(string method, string index)
    {
        var one = Run("one", "1", "--method", method, "--format", "csv");
        var two = Run("two", "2", "--method", method, "--format", "csv");
        Assert.That(one.Code, Is.EqualTo(0), one.Err);
        Assert.That(two.Code, Is.EqualTo(0), two.Err);
        var files = Directory.EnumerateFiles(Path.Combine(_dir, "one"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(_dir, "one"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.That(files, Does.Contain("report.md").And.Contain("indices.csv").And.Contain("runs.csv"));
        var report = File.ReadAllText(Path.Combine(_dir, "one", "report.md"));
        var charts = files.Count(f => f.StartsWith("plots", StringComparison.Ordinal) && f.EndsWith(".png", StringComparison.Ordinal));
        Assert.That(charts, Is.GreaterThan(0));
        Assert.That(charts + report.Split("took one value in every run").Length - 1, Is.EqualTo(3), "a chart per outcome that varied");
        Assert.That(Directory.EnumerateFiles(Path.Combine(_dir, "two"), "*", SearchOption.AllDirectories).Count(), Is.EqualTo(files.Count));
        foreach (var f in files)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(_dir, "two", f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(_dir, "one", f))), f);
        }

        var indices = File.ReadAllLines(Path.Combine(_dir, "one", "indices.csv"));
        Assert.That(indices[0], Is.EqualTo("outcome,parameter,index,value,low,high"));
        Assert.That(indices.Skip(1).Select(l => l.Split(',')[2]), Does.Contain(index));
        Assert.That(File.ReadAllLines(Path.Combine(_dir, "one", "runs.csv")), Has.Length.EqualTo(1 + (method == "sobol" ? 4 * 5 : 4 * 4)));
        Assert.That(report, Does.Contain("![open_war](plots/").And.Contain("(noise)"));
    }

    [Test]
    public void Sensitivity_Parquet_IsTheDefault()
    {
        var (code, _, err) = Run("pq", "2");
        Assert.That(code, Is.EqualTo(0), err);
        Assert.That(File.Exists(Path.Combine(_dir, "pq", "indices.parquet")), Is.True);
    }

    [Test]
    public void Sensitivity_UnknownParameter_ExitsTwoNamingIt()
    {
        var (code, _, err) = Cli.Sim("sensitivity", Cli.Tutorial, "--vary", "bakcing", "--out", _dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("no parameter 'bakcing'").And.Contain("backing"));
    }

    [Test]
    public void Sensitivity_NoVary_ExitsTwoSayingWhatIsMissing()
    {
        var (code, _, err) = Cli.Sim("sensitivity", Cli.Tutorial, "--out", _dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--vary NAME").And.Contain("backing"));
    }

    [Test]
    public void Sensitivity_TooFewSamples_ExitsTwo()
    {
        var (code, _, err) = Cli.Sim("sensitivity", Cli.Tutorial, "--vary", "backing", "--samples", "1", "--out", _dir);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--samples must be at least 2"));
    }
}
