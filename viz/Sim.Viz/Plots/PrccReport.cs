using System.Globalization;
using System.Text;
using ScottPlot;
using Sim.Output;

namespace Sim.Viz.Plots;

/// <summary>
/// The partial rank correlations of an ensemble's outcomes with its varied parameters: a tornado chart per outcome
/// (parameters sorted by the size of their PRCC, bars signed, 95% intervals as lines) and <c>report.md</c>.
/// </summary>
public static class PrccReport
{
    /// <summary>Writes <c>report.md</c>, <c>plots/overview.png</c> and <c>plots/tornado-*.png</c>; returns the paths, the report first.</summary>
    public static IReadOnlyList<string> Write(string folder, string ensemble, EnsembleResults results, IReadOnlyList<SensitivityIndex> rows, string table)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(rows);
        var plots = Path.Combine(folder, "plots");
        Directory.CreateDirectory(plots);
        var written = new List<string>();
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Partial rank correlations: {Path.GetFileName(Path.GetFullPath(ensemble).TrimEnd(Path.DirectorySeparatorChar))}\n\n");
        md.Append(CultureInfo.InvariantCulture,
            $"{results.Runs.Count} runs of the ensemble in `{ensemble}`. PRCC (Marino et al. 2008): the correlation of an outcome's ranks with a parameter's ranks once the other parameters' ranks are regressed out of both; -1 to 1, the sign the direction of a monotone effect. 95% intervals by Fisher's z. Table: `{Path.GetFileName(table)}`.\n\n");
        written.Add(OverviewChart.Write(results, ReportLabels.For(results.Info), Path.Combine(plots, "overview.png")));
        md.Append("Each outcome against each parameter, every run a dot and the line the mean over runs in bins of the parameter: the shapes the coefficients below sum up (a threshold or a U-shape has a small PRCC). ")
            .Append(OverviewChart.Omitted(results.Info)).Append("\n\n![each outcome against each parameter](plots/overview.png)\n\n");
        foreach (var group in rows.GroupBy(r => r.Outcome))
        {
            var sorted = group.OrderByDescending(r => double.IsFinite(r.Value) ? Math.Abs(r.Value) : -1).ToList();
            md.Append(CultureInfo.InvariantCulture, $"## {group.Key}\n\n| parameter | PRCC | 95% interval |\n| --- | --: | --- |\n");
            foreach (var r in sorted)
            {
                md.Append(CultureInfo.InvariantCulture, $"| {r.Parameter} | {F(r.Value)} | [{F(r.Low)}, {F(r.High)}] |\n");
            }

            var file = $"tornado-{EnsembleReport.Slug(group.Key)}.png";
            written.Add(Tornado(sorted, $"{group.Key}: partial rank correlations", Path.Combine(plots, file)));
            md.Append(CultureInfo.InvariantCulture, $"\n![{group.Key}](plots/{file})\n\n");
        }

        var (report, html) = HtmlReport.WriteReport(folder, md.ToString());
        written.InsertRange(0, [report, html]);
        return written;
    }

    /// <summary>Signed horizontal bars, largest magnitude on top.</summary>
    private static string Tornado(List<SensitivityIndex> sorted, string title, string path)
    {
        var plot = PlotStyle.NewPlot(title);
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var p = 0; p < sorted.Count; p++)
        {
            var r = sorted[p];
            var y = (double)(sorted.Count - 1 - p);
            var value = double.IsFinite(r.Value) ? r.Value : 0;
            bars.Add(new Bar { Position = y, Value = value, FillColor = value >= 0 ? Colors.SteelBlue : Colors.IndianRed, Orientation = Orientation.Horizontal, Size = 0.7 });
            ticks.Add(new Tick(y, r.Parameter));
        }

        plot.Add.Bars(bars);

        // The intervals over the bars, so that the part inside a bar shows too.
        for (var p = 0; p < sorted.Count; p++)
        {
            var r = sorted[p];
            if (double.IsFinite(r.Low) && double.IsFinite(r.High))
            {
                var y = (double)(sorted.Count - 1 - p);
                var line = plot.Add.Line(r.Low, y, r.High, y);
                line.LineWidth = 2;
                line.LineColor = Colors.Black;
                line.MarkerSize = 0;
            }
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.SetLimitsX(-1, 1);
        plot.XLabel("partial rank correlation coefficient");
        PlotStyle.Save(plot, path, PlotStyle.Width, Math.Max(300, 100 + (45 * sorted.Count)));
        return path;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
}
