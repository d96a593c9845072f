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
        Assert.That(files, Does.Contain("report.md").And.Contain("report.html").And.Contain("indices.csv").And.Contain("runs.csv"));
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
    public void Sensitivity_OfAnLhsEnsemble_PartialRankCorrelations()
    {
        var ensemble = Path.Combine(_dir, "lhs");
        var (mc, _, mcErr) = Cli.Sim("mc", Cli.Tutorial, "--sample", "lhs:20", "--vary", "backing", "--vary", "activity", "--runs", "2", "--ticks", "60",
            "--out", ensemble, "--quiet");
        Assert.That(mc, Is.Zero, mcErr);
        var folder = Path.Combine(_dir, "prcc");
        var (code, stdout, err) = Cli.Sim("sensitivity", ensemble, "--format", "csv", "--out", folder);
        Assert.That(code, Is.Zero, err);
        var lines = File.ReadAllLines(Path.Combine(folder, "prcc.csv"));
        Assert.That(lines[0], Is.EqualTo("outcome,parameter,prcc,low,high"));
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[1]).Distinct(), Is.EquivalentTo(new[] { "backing", "activity" }));
        foreach (var cells in lines.Skip(1).Select(l => l.Split(',')).Where(c => c[2].Length > 0))
        {
            var (value, low, high) = (double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture), double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture), double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(value, Is.InRange(-1, 1).And.InRange(low, high));
        }

        Assert.That(Directory.GetFiles(Path.Combine(folder, "plots"), "tornado-*.png"), Is.Not.Empty);
        Assert.That(stdout, Does.Contain("wrote").And.Contain("report.md"));

        // Each outcome against each parameter, in the ensemble's own report and in the PRCC report.
        foreach (var report in new[] { ensemble, folder })
        {
            using var png = SkiaSharp.SKBitmap.Decode(Path.Combine(report, "plots", "overview.png"));
            Assert.That(png.Width, Is.GreaterThan(2 * 200), report);
            Assert.That(File.ReadAllText(Path.Combine(report, "report.md")), Does.Contain("(plots/overview.png)"), report);
            Assert.That(File.ReadAllText(Path.Combine(report, "report.html")), Does.Contain("data:image/png;base64,"), report);
        }

        var (vary, _, varyErr) = Cli.Sim("sensitivity", ensemble, "--vary", "activity", "--out", Path.Combine(_dir, "x"));
        Assert.That(vary, Is.EqualTo(2));
        Assert.That(varyErr, Does.Contain("ensemble folder").And.Contain("--vary"));
        var plain = Path.Combine(_dir, "plain");
        Assert.That(Cli.Sim("mc", Cli.Tutorial, "--runs", "4", "--ticks", "10", "--out", plain, "--quiet").Code, Is.Zero);
        var (none, _, noneErr) = Cli.Sim("sensitivity", plain, "--out", Path.Combine(_dir, "y"));
        Assert.That(none, Is.EqualTo(2));
        Assert.That(noneErr, Does.Contain("varies 0 parameters").And.Not.Contain("   at "));
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
