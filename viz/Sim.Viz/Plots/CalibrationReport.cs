using System.Globalization;
using System.Text;
using ScottPlot;
using Sim.Engine.Runs.Calibration;
using Sim.Output;

namespace Sim.Viz.Plots;

/// <summary>
/// The charts and <c>report.md</c> of a calibration: each parameter's weighted marginal against its prior, each pair of
/// parameters as a scatter of the particles, the generations (tolerance, acceptance, ESS) and the posterior predictive
/// bands of every monthly series with the observed values on them.
/// </summary>
public static class CalibrationReport
{
    /// <summary>Monthly series charted at most; the predictive table has every statistic.</summary>
    private const int ChartedSeries = 12;

    /// <summary>Writes <c>report.md</c> and <c>plots/*.png</c> into <paramref name="folder"/>; returns the paths written, the report first.</summary>
    public static IReadOnlyList<string> Write(string folder, CalibrationInfo info, AbcResult result, IReadOnlyList<PriorRange> priors,
        IReadOnlyList<PredictiveRow> predictive, TableFormat format)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(priors);
        ArgumentNullException.ThrowIfNull(predictive);
        var plots = Path.Combine(folder, "plots");
        Directory.CreateDirectory(plots);
        var written = new List<string>();
        var posterior = result.Posterior;
        var tables = format == TableFormat.Csv ? "csv" : "parquet";
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Calibration: {info.Scenario.Name}\n\n");
        md.Append(CultureInfo.InvariantCulture,
            $"ABC-SMC of {string.Join(", ", posterior.Names)} against `{Path.GetFileName(info.Observed)}` over {info.Window} ({result.State.Scales.Length} summary statistics{(info.Statistics.Count == 0 ? "" : $": {string.Join(", ", info.Statistics.Select(g => $"`{g}`"))}")}): ");
        md.Append(CultureInfo.InvariantCulture,
            $"{result.Generations.Count} generations of {info.Settings.Particles} particles, {result.Simulations} simulations, seed {info.Settings.Seed}; stopped by {StopText(result.Stop)}.\n\n");

        md.Append("## Posterior\n\n| parameter | prior | mean | sd | 5% | median | 95% |\n| --- | --- | --: | --: | --: | --: | --: |\n");
        var mean = posterior.Mean();
        var sd = posterior.StandardDeviation();
        for (var j = 0; j < posterior.Names.Count; j++)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {posterior.Names[j]} | [{priors[j].Min:0.####}, {priors[j].Max:0.####}] | {mean[j]:0.####} | {sd[j]:0.####} | {posterior.Quantile(j, 0.05):0.####} | {posterior.Quantile(j, 0.5):0.####} | {posterior.Quantile(j, 0.95):0.####} |\n");
        }

        md.Append('\n');
        for (var j = 0; j < posterior.Names.Count; j++)
        {
            var file = $"marginal-{EnsembleReport.Slug(posterior.Names[j])}.png";
            written.Add(Marginal(posterior, j, priors[j], Path.Combine(plots, file)));
            md.Append(CultureInfo.InvariantCulture, $"![{posterior.Names[j]}](plots/{file})\n\n");
        }

        for (var a = 0; a < posterior.Names.Count; a++)
        {
            for (var b = a + 1; b < posterior.Names.Count; b++)
            {
                var file = $"pair-{EnsembleReport.Slug(posterior.Names[a])}-{EnsembleReport.Slug(posterior.Names[b])}.png";
                written.Add(Pair(posterior, a, b, priors, Path.Combine(plots, file)));
                md.Append(CultureInfo.InvariantCulture, $"![{posterior.Names[a]} and {posterior.Names[b]}](plots/{file})\n\n");
            }
        }

        md.Append("## Generations\n\n| generation | tolerance | simulations | acceptance | ESS |\n| --: | --: | --: | --: | --: |\n");
        foreach (var g in result.Generations)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {g.Index} | {CalibrationFiles.Format(g.Tolerance)} | {g.Simulations} | {g.Acceptance:0.###} | {g.Ess:0} |\n");
        }

        md.Append('\n');
        var (in50, in90, counted) = PredictiveCheck.Coverage(predictive);
        md.Append("## Posterior predictive check\n\n");
        md.Append(CultureInfo.InvariantCulture,
            $"{info.PredictiveRuns} runs with parameters drawn from the posterior. Of {counted} observed statistics, {Share(in50)} lie inside the simulated 50% band and {Share(in90)} inside the 90% band ");
        md.Append("(a calibrated model: about 50% and 90%; much less means the model misses the data, much more that its runs spread too wide). ");
        md.Append(CultureInfo.InvariantCulture, $"Every statistic is in `predictive.{tables}`.\n\n");
        var series = MonthlySeries(predictive);
        foreach (var (name, rows) in series.Take(ChartedSeries))
        {
            var file = $"predictive-{EnsembleReport.Slug(name)}.png";
            written.Add(Bands(name, rows, Path.Combine(plots, file)));
            md.Append(CultureInfo.InvariantCulture, $"![{name}](plots/{file})\n\n");
        }

        if (series.Count > ChartedSeries)
        {
            md.Append(CultureInfo.InvariantCulture, $"({series.Count - ChartedSeries} more monthly series in the table.)\n\n");
        }

        md.Append("## Files\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- `posterior.{tables}`: the last generation's particles with their weights and distances; `sim mc --posterior` draws from it.\n");
        md.Append(CultureInfo.InvariantCulture, $"- `generations.{tables}`: tolerance, simulations, acceptance and effective sample size per generation.\n");
        md.Append(CultureInfo.InvariantCulture, $"- `predictive.{tables}`: per statistic, the observed value, the 5/25/50/75/95% quantiles of the predictive runs and whether it lies in the 50% and 90% bands.\n");
        md.Append("- `calibration.json`: what was calibrated and how; `calibration.state`: the last finished generation (what `--resume` continues).\n");
        var (report, html) = HtmlReport.WriteReport(folder, md.ToString());
        written.InsertRange(0, [report, html]);
        return written;
    }

    private static string StopText(AbcStop stop) => stop switch
    {
        AbcStop.Generations => "reaching the generations asked for",
        AbcStop.Acceptance => "the acceptance rate falling below its least value",
        _ => "the simulation budget",
    };

    private static string Share(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>Statistics named <c>PREFIX.yyyy-MM</c>, grouped by prefix in first-seen order, months ascending as listed.</summary>
    internal static List<(string Name, List<(DateTime Month, PredictiveRow Row)> Rows)> MonthlySeries(IReadOnlyList<PredictiveRow> predictive)
    {
        var series = new List<(string, List<(DateTime, PredictiveRow)>)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in predictive)
        {
            var dot = row.Name.LastIndexOf('.');
            if (dot <= 0 || !DateTime.TryParseExact(row.Name[(dot + 1)..], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            {
                continue;
            }

            var name = row.Name[..dot];
            if (!index.TryGetValue(name, out var i))
            {
                index[name] = i = series.Count;
                series.Add((name, []));
            }

            series[i].Item2.Add((month, row));
        }

        return series;
    }

    private static string Marginal(PosteriorSample posterior, int j, PriorRange prior, string path)
    {
        var plot = PlotStyle.NewPlot($"{posterior.Names[j]}: posterior (weighted particles) over its prior range");
        const int bins = 30;
        var width = (prior.Max - prior.Min) / bins;
        var mass = new double[bins];
        var total = 0.0;
        for (var i = 0; i < posterior.Count; i++)
        {
            var b = Math.Clamp((int)((posterior.Particle(i)[j] - prior.Min) / width), 0, bins - 1);
            mass[b] += posterior.Weights[i];
            total += posterior.Weights[i];
        }

        var bars = new List<Bar>();
        for (var b = 0; b < bins; b++)
        {
            // Density, so the prior is the flat line at 1 / width of the range.
            bars.Add(new Bar { Position = prior.Min + ((b + 0.5) * width), Value = mass[b] / total / width, Size = width * 0.9, FillColor = Colors.SteelBlue, LineWidth = 0 });
        }

        plot.Add.Bars(bars);
        var flat = plot.Add.HorizontalLine(1 / (prior.Max - prior.Min));
        flat.Color = Colors.OrangeRed;
        flat.LinePattern = LinePattern.Dashed;
        flat.LegendText = "prior";
        plot.ShowLegend(Alignment.UpperRight);
        plot.XLabel(posterior.Names[j]);
        plot.YLabel("density");
        PlotStyle.Save(plot, path);
        return path;
    }

    private static string Pair(PosteriorSample posterior, int a, int b, IReadOnlyList<PriorRange> priors, string path)
    {
        var plot = PlotStyle.NewPlot($"{posterior.Names[a]} and {posterior.Names[b]}: particles (larger = heavier)");
        var top = posterior.Weights.Max();
        for (var i = 0; i < posterior.Count; i++)
        {
            var p = posterior.Particle(i);
            var marker = plot.Add.Marker(p[a], p[b]);
            marker.Size = (float)(2 + (8 * Math.Sqrt(posterior.Weights[i] / top)));
            marker.Color = Colors.SteelBlue.WithAlpha(0.5);
        }

        plot.Axes.SetLimits(priors[a].Min, priors[a].Max, priors[b].Min, priors[b].Max);
        plot.XLabel(posterior.Names[a]);
        plot.YLabel(posterior.Names[b]);
        PlotStyle.Save(plot, path);
        return path;
    }

    private static string Bands(string name, List<(DateTime Month, PredictiveRow Row)> rows, string path)
    {
        var plot = PlotStyle.NewPlot($"{name}: observed and posterior predictive (median, 50%, 90%)");
        // One position per month, labelled yyyy-MM: date axes put their ticks between months and repeat labels.
        var xs = Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray();
        var outer = plot.Add.FillY(xs, [.. rows.Select(r => r.Row.P05)], [.. rows.Select(r => r.Row.P95)]);
        outer.FillColor = Colors.SteelBlue.WithAlpha(0.25);
        outer.LineWidth = 0;
        var inner = plot.Add.FillY(xs, [.. rows.Select(r => r.Row.P25)], [.. rows.Select(r => r.Row.P75)]);
        inner.FillColor = Colors.SteelBlue.WithAlpha(0.5);
        inner.LineWidth = 0;
        var median = plot.Add.ScatterLine(xs, [.. rows.Select(r => r.Row.P50)]);
        median.Color = Colors.Navy;
        median.LegendText = "median of runs";
        var observed = plot.Add.ScatterPoints(xs, [.. rows.Select(r => r.Row.Observed)]);
        observed.Color = Colors.OrangeRed;
        observed.MarkerSize = 7;
        observed.LegendText = "observed";
        var step = Math.Max(1, rows.Count / 12);
        var ticks = Enumerable.Range(0, rows.Count).Where(i => i % step == 0).ToArray();
        plot.Axes.Bottom.SetTicks([.. ticks.Select(i => (double)i)], [.. ticks.Select(i => rows[i].Month.ToString("yyyy-MM", CultureInfo.InvariantCulture))]);
        plot.YLabel(name);
        plot.ShowLegend(Alignment.UpperLeft);
        PlotStyle.Save(plot, path);
        return path;
    }
}
