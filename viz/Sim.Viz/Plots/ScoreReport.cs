using System.Globalization;
using System.Text;
using ScottPlot;
using Sim.Engine.Evidence;

namespace Sim.Viz.Plots;

/// <summary><c>score.md</c> and its charts: scores against the baselines, coverage, the reliability diagram and the observed months against the ensemble's bands.</summary>
public static class ScoreReport
{
    /// <summary>Writes the report and charts into <paramref name="folder"/>; returns the report's path first, then the charts'.</summary>
    public static IReadOnlyList<string> Write(string folder, string ensemble, ScoreCard card, MappingReport mapping, IReadOnlyList<string> tables)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(tables);
        var plots = Path.Combine(folder, "plots");
        Directory.CreateDirectory(plots);
        var reliability = ReliabilityChart(card, Path.Combine(plots, "reliability.png"));
        var monthly = MonthlyChart(card, "fatalities.total", Path.Combine(plots, "fatalities_total.png"));
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Scores: {ensemble}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{card.Runs} runs scored on {card.Window} against {mapping.File}; baselines from {card.Training} only (climatology: those months' values; persistence: the last one's).\n\n");
        md.Append("## Monthly series (CRPS, lower is better)\n\n");
        md.Append("| group | items | model | climatology | persistence | skill vs climatology [95%] | skill vs persistence [95%] | in 50% | in 90% | clim. in 50% | clim. in 90% |\n");
        md.Append("| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: |\n");
        foreach (var g in card.Groups)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {g.Group} | {g.Items} | {N(g.Score)} | {N(g.Climatology)} | {N(g.Persistence)} | {Skill(g.SkillClimatology)} | {Skill(g.SkillPersistence)} | {P(g.Coverage50)} | {P(g.Coverage90)} | {P(g.ClimatologyCoverage50)} | {P(g.ClimatologyCoverage90)} |\n");
        }

        md.Append("\n`any_event` scores P(at least one event) of every `events.*` series and month with the Brier score; `outcomes` scores the yes/no outcomes with the Brier score against their reference probabilities (in the climatology column). Skill is 1 - S/S_ref: above 0 beats the baseline; the interval resamples months. A well calibrated ensemble holds about 50% and 90% of observations in its 50% and 90% intervals.\n\n");
        if (card.Outcomes.Count > 0)
        {
            md.Append("## Outcomes\n\n| outcome | observed | forecast | Brier | log | reference p | ref. Brier | ref. log | CRPS | in 50% | in 90% |\n");
            md.Append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
            foreach (var o in card.Outcomes)
            {
                md.Append(CultureInfo.InvariantCulture,
                    $"| {o.Outcome} | {N(o.Observed)} | {N(o.Forecast)} | {N(o.Brier)} | {N(o.Log)} | {N(o.Reference)} | {N(o.ReferenceBrier)} | {N(o.ReferenceLog)} | {N(o.Crps)} | {(o.In50 ? "yes" : "no")} | {(o.In90 ? "yes" : "no")} |\n");
            }

            md.Append("\nThe log score uses (k + 0.5)/(n + 1) for k of n runs, so an outcome no run produced is not -infinity; the reference is the outcomes file's `base_rate`, else 0.5.\n\n");
        }

        md.Append("## Observed rows\n\n```\n").Append(mapping.Describe()).Append("```\n\n");
        md.Append("## Files\n\n");
        foreach (var f in tables)
        {
            md.Append(CultureInfo.InvariantCulture, $"- `{Path.GetFileName(f)}`\n");
        }

        md.Append("\n![reliability](plots/reliability.png)\n\n![fatalities](plots/fatalities_total.png)\n");
        var (report, html) = HtmlReport.WriteReport(folder, md.ToString(), "score");
        return [report, html, reliability, monthly];
    }

    private static string ReliabilityChart(ScoreCard card, string path)
    {
        var plot = PlotStyle.NewPlot("Reliability: forecast probability against observed frequency");
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var b in card.Reliability)
        {
            if (b.Count > 0)
            {
                xs.Add(b.MeanForecast);
                ys.Add(b.ObservedFrequency);
                var label = plot.Add.Text(b.Count.ToString(CultureInfo.InvariantCulture), b.MeanForecast, b.ObservedFrequency);
                label.LabelFontSize = 11;
                label.OffsetX = 6;
            }
        }

        if (xs.Count > 0)
        {
            var points = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            points.Color = Colors.SteelBlue;
            points.LineWidth = 2;
            points.MarkerSize = 8;
        }

        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.XLabel("forecast probability (bin mean; labels: forecasts in the bin)");
        plot.YLabel("observed frequency");
        PlotStyle.Save(plot, path, 600, 600);
        return path;
    }

    private static string MonthlyChart(ScoreCard card, string series, string path)
    {
        var rows = card.Series.Where(s => s.Series == series).ToList();
        var plot = PlotStyle.NewPlot($"{series}: observed against the ensemble (median, 25-75%, 5-95%)");
        if (rows.Count > 0)
        {
            var xs = Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray();
            var outer = plot.Add.FillY(xs, rows.Select(r => r.Quantiles[0]).ToArray(), rows.Select(r => r.Quantiles[4]).ToArray());
            outer.FillColor = Colors.SteelBlue.WithAlpha(0.25);
            outer.LineWidth = 0;
            var inner = plot.Add.FillY(xs, rows.Select(r => r.Quantiles[1]).ToArray(), rows.Select(r => r.Quantiles[3]).ToArray());
            inner.FillColor = Colors.SteelBlue.WithAlpha(0.5);
            inner.LineWidth = 0;
            var median = plot.Add.ScatterLine(xs, rows.Select(r => r.Quantiles[2]).ToArray());
            median.Color = Colors.Navy;
            median.LegendText = "median";
            var observed = plot.Add.Scatter(xs, rows.Select(r => r.Observed).ToArray());
            observed.Color = Colors.OrangeRed;
            observed.MarkerSize = 8;
            observed.LegendText = "observed";
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                rows.Select((r, i) => new Tick(i, r.Month)).ToArray());
            plot.ShowLegend(Alignment.UpperLeft);
        }

        plot.YLabel(series);
        PlotStyle.Save(plot, path);
        return path;
    }

    private static string N(double v) => double.IsNaN(v) ? "-" : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string P(double v) => double.IsNaN(v) ? "-" : v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Skill((double Value, double Low, double High) s) =>
        double.IsNaN(s.Value) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{s.Value:0.00} [{s.Low:0.00}, {s.High:0.00}]");
}
