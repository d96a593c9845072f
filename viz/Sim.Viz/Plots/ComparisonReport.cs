using System.Globalization;
using System.Text;
using ScottPlot;
using Sim.Engine.Runs.Ensembles;
using Sim.Output;

namespace Sim.Viz.Plots;

/// <summary>
/// The <c>report.md</c>, <c>comparison.csv</c> and charts of <c>sim compare</c>: for each variant against the
/// baseline, what changed and what did not, with intervals, in words a brief can quote.
/// </summary>
public static class ComparisonReport
{
    /// <summary>Writes the comparison of each of <paramref name="variants"/> with <paramref name="baseline"/> into <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Write(string folder, (string Label, EnsembleResults Results) baseline,
        IReadOnlyList<(string Label, EnsembleResults Results, IReadOnlyList<OutcomeComparison> Rows)> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var plots = Path.Combine(folder, "plots");
        Directory.CreateDirectory(plots);
        var written = new List<string>();
        var md = new StringBuilder();
        var a = baseline.Results.Info;
        var labels = ReportLabels.For(a);
        md.Append(CultureInfo.InvariantCulture, $"# Comparison: {a.Scenario}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Baseline **A = {baseline.Label}**: {baseline.Results.Runs.Count} runs, seed {a.Seed}{Overrides(a)}.\n\n");
        md.Append("Differences are B - A. When B has A's master seed and runs, run i of each drew the same random numbers, so runs are compared in pairs: ");
        md.Append("probabilities with Newcombe's paired 95% interval and an exact McNemar test, numbers with a paired t 95% interval and a Wilcoxon signed-rank test. ");
        md.Append("Otherwise runs are independent samples: probabilities with Newcombe's 95% interval and a two-proportion z test, numbers with a Welch 95% interval and a Mann-Whitney U test. ");
        md.Append("P-values are Holm-corrected over the outcomes of each comparison. **Changed** means both: the test is significant at 5% after correction and the 95% interval of the difference excludes zero. ");
        md.Append("The rank tests and the interval of the mean can disagree (a skewed difference shifts the ranks without moving the mean clearly); such outcomes are marked *unclear*, with the test named, and are not counted as changed. ");
        md.Append("Values are printed with enough decimals to show the difference.\n\n");
        var csv = new StringBuilder("variant,outcome,kind,a,a_low,a_high,b,b_low,b_high,difference,difference_low,difference_high,test,statistic,p,p_holm,changed\n");
        for (var v = 0; v < variants.Count; v++)
        {
            var (label, results, rows) = variants[v];
            var b = results.Info;
            var pairing = EnsembleComparison.Paired(baseline.Results, results)
                ? "runs paired with A's (common random numbers)"
                : "runs independent of A's";
            md.Append(CultureInfo.InvariantCulture, $"## B = {label}\n\n{results.Runs.Count} runs, seed {b.Seed}{Overrides(b)}; {pairing}.\n\n");
            var changed = rows.Where(r => r.Changed).ToList();
            md.Append(changed.Count == 0
                ? "No outcome changed significantly.\n\n"
                : $"Changed: {string.Join("; ", changed.Select(Sentence))}.\n\n");
            var unchanged = rows.Where(r => !r.Changed && !r.Significant && !r.IntervalExcludesZero).Select(r => r.Outcome).ToList();
            if (unchanged.Count > 0)
            {
                md.Append(CultureInfo.InvariantCulture, $"Not significantly changed: {string.Join(", ", unchanged)}.\n\n");
            }

            var unclear = rows.Where(r => r.Significant != r.IntervalExcludesZero).ToList();
            if (unclear.Count > 0)
            {
                md.Append(CultureInfo.InvariantCulture, $"Unclear (the test and the interval disagree; not counted as changed): {string.Join("; ", unclear.Select(r => $"{r.Outcome} ({r.Verdict["unclear: ".Length..]})"))}.\n\n");
            }

            md.Append("| outcome | meaning | A | B | B - A (95% interval) | test | p (Holm) | changed |\n| --- | --- | --: | --: | --: | --- | --: | :-: |\n");
            foreach (var r in rows)
            {
                var d = r.Test.Difference;
                md.Append(CultureInfo.InvariantCulture,
                    $"| {r.Outcome} | {EnsembleReport.Cell(labels.Description(r.Outcome))} | {Value(r, r.A.Estimate.Value)} | {Value(r, r.B.Estimate.Value)} | {WithSign(r, d.Value)} ({WithSign(r, d.Low)} to {WithSign(r, d.High)}) | {r.Test.Test} | {P(r.AdjustedP)} | {r.Verdict} |\n");
                csv.Append(CultureInfo.InvariantCulture,
                    $"{Csv(label)},{Csv(r.Outcome)},{(r.IsBool ? "probability" : "mean")},{R(r.A.Estimate.Value)},{R(r.A.Estimate.Low)},{R(r.A.Estimate.High)},{R(r.B.Estimate.Value)},{R(r.B.Estimate.Low)},{R(r.B.Estimate.High)},{R(d.Value)},{R(d.Low)},{R(d.High)},{r.Test.Test},{R(r.Test.Statistic)},{R(r.Test.PValue)},{R(r.AdjustedP)},{(r.Changed ? "true" : "false")}\n");
            }

            md.Append('\n');
            var probabilities = rows.Where(r => r.IsBool).ToList();
            if (probabilities.Count > 0)
            {
                var file = string.Create(CultureInfo.InvariantCulture, $"probabilities-{v + 1}.png");
                written.Add(SideBySide(probabilities, baseline.Label, label, Path.Combine(plots, file)));
                md.Append(CultureInfo.InvariantCulture, $"![probabilities, A and B](plots/{file})\n\n");
            }

            var forest = string.Create(CultureInfo.InvariantCulture, $"differences-{v + 1}.png");
            written.Add(ComparisonForest.Write(rows, baseline.Label, label, Path.Combine(plots, forest)));
            md.Append(CultureInfo.InvariantCulture, $"![differences B - A with 95% intervals](plots/{forest})\n\n");
        }

        var (report, html) = HtmlReport.WriteReport(folder, md.ToString());
        written.Insert(0, html);
        var table = Path.Combine(folder, "comparison.csv");
        AtomicFile.WriteText(table, w => w.Write(csv.ToString()));
        written.Insert(0, table);
        written.Insert(0, report);
        return written;
    }

    /// <summary>One changed outcome in words: "fatalities up from 12.4 to 15.1 (+2.7, 95% interval +1.1 to +4.3)".</summary>
    internal static string Sentence(OutcomeComparison r)
    {
        var d = r.Test.Difference;
        var direction = d.Value > 0 ? "up" : d.Value < 0 ? "down" : "unchanged";
        return string.Create(CultureInfo.InvariantCulture,
            $"{r.Outcome} {direction} from {Value(r, r.A.Estimate.Value)} to {Value(r, r.B.Estimate.Value)} ({WithSign(r, d.Value)}, 95% interval {WithSign(r, d.Low)} to {WithSign(r, d.High)})");
    }

    /// <summary>
    /// Decimals for one compared outcome: the usual three, or more when the difference is smaller, so that it
    /// shows two significant digits and A and B never print alike when they differ.
    /// </summary>
    public static int Decimals(OutcomeComparison row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var d = Math.Abs(row.Test.Difference.Value);
        if (d == 0 || !double.IsFinite(d))
        {
            return 3;
        }

        return Math.Clamp(1 - (int)Math.Floor(Math.Log10(d)), 3, 12);
    }

    /// <summary>A value of <paramref name="row"/> (an estimate, a difference or a bound) at the row's precision.</summary>
    public static string Value(OutcomeComparison row, double v)
    {
        ArgumentNullException.ThrowIfNull(row);
        return EnsembleReport.Format(v, row.IsBool, Decimals(row));
    }

    /// <summary>As <see cref="Value"/>, with a sign.</summary>
    public static string WithSign(OutcomeComparison row, double v) => (v > 0 ? "+" : "") + Value(row, v);

    /// <summary>Grouped horizontal bars: A and B per outcome, intervals as lines.</summary>
    private static string SideBySide(List<OutcomeComparison> rows, string labelA, string labelB, string path)
    {
        var plot = PlotStyle.NewPlot("Outcome probabilities, A and B (95% Wilson intervals)");
        var ticks = new List<Tick>();
        var barsA = new List<Bar>();
        var barsB = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var y = (rows.Count - 1 - i) * 3.0;
            barsA.Add(new Bar { Position = y + 0.5, Value = rows[i].A.Estimate.Value, FillColor = Colors.Gray, Orientation = Orientation.Horizontal, Size = 0.9 });
            barsB.Add(new Bar { Position = y - 0.5, Value = rows[i].B.Estimate.Value, FillColor = Colors.SteelBlue, Orientation = Orientation.Horizontal, Size = 0.9 });
            ticks.Add(new Tick(y, rows[i].Outcome));
            foreach (var (e, offset) in new[] { (rows[i].A.Estimate, 0.5), (rows[i].B.Estimate, -0.5) })
            {
                var line = plot.Add.Line(e.Low, y + offset, e.High, y + offset);
                line.LineWidth = 2;
                line.LineColor = Colors.Black;
                line.MarkerSize = 0;
            }
        }

        var a = plot.Add.Bars(barsA);
        a.LegendText = "A: " + labelA;
        var b = plot.Add.Bars(barsB);
        b.LegendText = "B: " + labelB;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.SetLimitsX(0, 1);
        plot.XLabel("probability");
        plot.ShowLegend(Alignment.LowerRight);
        PlotStyle.Save(plot, path, PlotStyle.Width, Math.Max(300, 80 + (70 * rows.Count)));
        return path;
    }

    private static string Overrides(EnsembleInfo info) =>
        info.Overrides.Count == 0 ? "" : $", overrides `{string.Join("`, `", info.Overrides)}`";

    private static string P(double p) => p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)
        ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : s;
}
