using Sim.Engine.Runs.Ensembles;
using Sim.Viz.Plots;

namespace Sim.Viz.Tests.Plots;

/// <summary>How the ensemble and comparison reports bin and print numbers.</summary>
public class ReportFormatTests
{
    [Test]
    public void OverviewBins_GridParameter_OneBinPerValue()
    {
        // A grid repeats each value: the line must pass through each value's mean, not mix values in a bin.
        var x = new double[] { 0.5, 0, 1, 0, 0.5, 1 };
        var y = new double[] { 4, 1, 10, 3, 6, 20 };
        var (bx, by) = OverviewChart.BinnedMeans(x, y);
        Assert.That(bx, Is.EqualTo(new[] { 0, 0.5, 1 }));
        Assert.That(by, Is.EqualTo(new[] { 2, 5, 15 }));
    }

    [Test]
    public void OverviewBins_ManyValues_TenBinsOfEqualCounts()
    {
        var x = Enumerable.Range(0, 100).Select(i => (double)((i * 37) % 100)).ToArray();
        var y = x.Select(v => v * 2).ToArray();
        var (bx, by) = OverviewChart.BinnedMeans(x, y);
        Assert.That(bx, Has.Length.EqualTo(OverviewChart.Bins));
        Assert.That(bx[0], Is.EqualTo(4.5));
        Assert.That(bx[^1], Is.EqualTo(94.5));
        Assert.That(by, Is.EqualTo(bx.Select(v => v * 2)));
    }

    [Test]
    public void HistogramBins_IntegerOutcome_OneValuePerBin()
    {
        // 50 runs over 0..11: the square-root rule made 8 bins 1.375 wide, so some bins held two values and
        // others one, drawing spikes that are not in the data.
        var values = Enumerable.Range(0, 50).Select(i => (double)(i % 12)).ToArray();
        var (low, width, count) = EnsembleReport.HistogramBins(values);
        Assert.That(width, Is.EqualTo(1));
        Assert.That(low, Is.EqualTo(-0.5));
        Assert.That(count, Is.EqualTo(12));
    }

    [Test]
    public void HistogramBins_WideIntegerRange_WholeNumberWidth_CoversRange()
    {
        var values = new double[] { 3, 17, 250, 101 };
        var (low, width, count) = EnsembleReport.HistogramBins(values);
        Assert.That(width, Is.EqualTo(Math.Round(width)).And.GreaterThan(1));
        Assert.That(count, Is.LessThanOrEqualTo(40));
        Assert.That(low, Is.EqualTo(2.5));
        Assert.That(low + (count * width), Is.GreaterThan(250.5 - 1e-9));
    }

    [Test]
    public void HistogramBins_RealOutcome_SquareRootRule()
    {
        var values = Enumerable.Range(0, 100).Select(i => i * 0.37).ToArray();
        var (low, width, count) = EnsembleReport.HistogramBins(values);
        Assert.That(count, Is.EqualTo(10));
        Assert.That(low, Is.EqualTo(0));
        Assert.That(low + (count * width), Is.EqualTo(99 * 0.37).Within(1e-9));
    }

    [Test]
    public void HistogramCounts_LargestValueOnARoundedEdge_CountsInTheLastBin()
    {
        // 13.53... + 11 * ((68.65... - 13.53...) / 11) falls short of 68.65... in floating point: ScottPlot's own
        // histogram then indexed one past its last bin and the report crashed.
        double[] values = [13.534597739545296, 40, 68.65164514646695];
        var (low, width, count) = (13.534597739545296, (68.65164514646695 - 13.534597739545296) / 11, 11);
        Assert.That(low + (count * width), Is.LessThan(values[2]), "the case this guards against");
        var counts = EnsembleReport.HistogramCounts(values, low, width, count);
        Assert.That(counts.Sum(), Is.EqualTo(3));
        Assert.That(counts[0], Is.EqualTo(1));
        Assert.That(counts[^1], Is.EqualTo(1));
    }

    private static OutcomeComparison Row(bool isBool, double a, double b, double low, double high)
    {
        static OutcomeSummary Summary(bool isBool, double v) => new("x", isBool, 100, new Interval(v, v - 0.01, v + 0.01), 0.1, v, v, v);
        return new OutcomeComparison("x", isBool, Summary(isBool, a), Summary(isBool, b),
            new Comparison(new Interval(b - a, low, high), 3, 0.001, "exact McNemar"), 0.001);
    }

    [Test]
    public void Sentence_SmallDifference_ShowsIt()
    {
        var row = Row(true, 0.29100, 0.29123, 0.0001, 0.0004);
        var sentence = ComparisonReport.Sentence(row);
        Assert.That(sentence, Does.Not.Contain("0.291 to 0.291").And.Not.Contain("(+0,"));
        Assert.That(sentence, Does.Contain("from 0.29100 to 0.29123 (+0.00023"));
    }

    [Test]
    public void Sentence_UsualDifference_ThreeDecimals()
    {
        var row = Row(true, 0.2, 0.35, 0.1, 0.2);
        Assert.That(ComparisonReport.Sentence(row), Is.EqualTo("x up from 0.200 to 0.350 (+0.150, 95% interval +0.100 to +0.200)"));
    }
}

/// <summary>The self-contained HTML page rendered from a report's markdown.</summary>
public class HtmlReportTests
{
    [Test]
    public void Render_HeadingsTablesImagesInline()
    {
        var dir = Directory.CreateTempSubdirectory("sim-html-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "plots"));
            File.WriteAllBytes(Path.Combine(dir, "plots", "a.png"), [1, 2, 3]);
            const string md = "# Ensemble: A & B\n\nSome **bold**, *unclear* and `code`.\n\n| outcome | meaning | p |\n| --- | --- | --: |\n| x | a \\| b | 0.5 |\n\n![chart](plots/a.png)\n\n- one\n- two\n";
            var html = File.ReadAllText(HtmlReport.Write(dir, md));
            Assert.That(html, Does.Contain("<title>Ensemble: A &amp; B</title>").And.Contain("<h1>Ensemble: A &amp; B</h1>")
                .And.Contain("<strong>bold</strong>").And.Contain("<em>unclear</em>").And.Contain("<code>code</code>")
                .And.Contain("<td>x</td><td>a | b</td><td class=\"r\">0.5</td>")
                .And.Contain("<img alt=\"chart\" src=\"data:image/png;base64,AQID\">")
                .And.Contain("<li>two</li>"));
            Assert.That(HtmlReport.Write(dir, md), Is.Not.Null);
            Assert.That(File.ReadAllText(Path.Combine(dir, "report.html")), Is.EqualTo(html), "same bytes again");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
