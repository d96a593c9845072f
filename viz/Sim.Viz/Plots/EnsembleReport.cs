using System.Globalization;
using System.Text;
using ScottPlot;
using Sim.Engine.Runs.Ensembles;
using Sim.Output;

namespace Sim.Viz.Plots;

/// <summary>
/// The ensemble's <c>report.md</c> and its charts (<c>plots/</c>): outcome probabilities with Wilson intervals,
/// fan charts of escalation per recorded dyad, histograms of numeric outcomes. Text and charts are pure
/// functions of the results, so a merged ensemble's report equals the single-process one.
/// </summary>
public static class EnsembleReport
{
    /// <summary>
    /// Points of a grid sweep described one by one in the report (every point of a sweep of up to this many);
    /// beyond this the point table and runs.parquet hold them.
    /// </summary>
    public const int DetailedPoints = 25;

    /// <summary>Points of a sample (LHS) design described one by one: its points are random draws, not levels to read one by one.</summary>
    public const int DetailedSamplePoints = 4;

    /// <summary>How many points, from the first, the report details.</summary>
    public static int Detailed(EnsembleInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var limit = info.Design.StartsWith("lhs", StringComparison.Ordinal) ? DetailedSamplePoints : DetailedPoints;
        return Math.Min(limit, info.PointCount);
    }

    /// <summary>Points whose series summaries the report needs (for <see cref="EnsembleTables.Write"/>).</summary>
    public static IReadOnlySet<int> PointsToKeep(EnsembleInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return Enumerable.Range(0, Detailed(info)).ToHashSet();
    }

    /// <summary>
    /// Draws a small chart with the parts the report's charts use (bands, lines, bars, dates, a legend, text) into memory
    /// and discards it. The first chart of a process pays for loading the chart library and its fonts and compiling its
    /// code; a command that will draw charts can have this done on a spare core while it does other work, such as
    /// loading its scenario. Writes nothing, and changes no chart drawn afterwards.
    /// </summary>
    public static void DrawAhead()
    {
        var plot = PlotStyle.NewPlot("warm");
        double[] xs = [45000, 45001, 45002];
        double[] low = [0, 1, 1];
        double[] high = [1, 2, 3];
        var band = plot.Add.FillY(xs, low, high);
        band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
        var line = plot.Add.ScatterLine(xs, high);
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = "line";
        plot.Add.Bars(low, high);
        plot.Axes.DateTimeTicksBottom();
        plot.YLabel("y");
        plot.ShowLegend(Alignment.UpperLeft);
        PlotStyle.Png(plot, 96, 64);
    }

    /// <summary>Writes <c>report.md</c> and the charts; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(EnsembleResults results, IReadOnlyList<SeriesSummary> series, TableFormat format) =>
        Write(results, series, format, 0);

    /// <summary>
    /// Writes <c>report.md</c> and the charts, drawing the charts on <paramref name="threads"/> threads (0: every core);
    /// each chart is drawn alone from the same inputs, so the files are the same for any count. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(EnsembleResults results, IReadOnlyList<SeriesSummary> series, TableFormat format, int threads)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(series);
        var charts = new List<Action>();
        string Chart(string path, Action<string> draw)
        {
            charts.Add(() => draw(path));
            return path;
        }

        var info = results.Info;
        var labels = ReportLabels.For(info);
        var folder = results.Folder;
        var tables = format == TableFormat.Csv ? "csv" : "parquet";
        var plots = Path.Combine(folder, "plots");
        Directory.CreateDirectory(plots);
        var written = new List<string>();
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Ensemble: {info.Scenario}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{results.Runs.Count} runs of {info.Ticks} ticks from {info.Start} (scenario `{info.ScenarioFile}`, hash `{info.ScenarioHash[..Math.Min(12, info.ScenarioHash.Length)]}`), master seed {info.Seed}, engine {info.EngineVersion}.");
        if (info.Overrides.Count > 0)
        {
            md.Append(CultureInfo.InvariantCulture, $" Overrides: `{string.Join("`, `", info.Overrides)}`.");
        }

        if (info.Posterior is { } posterior)
        {
            md.Append(CultureInfo.InvariantCulture,
                $" Each run drew its values of {string.Join(", ", posterior.Names)} from a posterior of {posterior.Weights.Length} weighted particles, from its own seed (recorded per run in the runs table), so these estimates include that parameter uncertainty.");
        }

        if (!info.ShardValue.IsAll)
        {
            md.Append(CultureInfo.InvariantCulture, $" **Shard {info.Shard} only**: merge all shards with `sim merge` for the ensemble's results.");
        }

        md.Append("\n\n");
        md.Append("Probabilities are the share of runs in which a yes/no outcome happened, with a 95% Wilson score interval; ");
        md.Append("numbers are means over runs with a 95% Student-t interval, then the median and the 5-95% range across runs. ");
        md.Append("\"Runs for ±0.05\" is how many runs a 95% interval half as wide as ±0.05 would need at this probability (or, for numbers, for ±5% of the mean).\n\n");

        if (info.PointCount > 1)
        {
            md.Append(CultureInfo.InvariantCulture, $"Design: {info.Design} over {string.Join(", ", info.Varied)}, {info.PointCount} points of {info.RunsPerPoint} runs each.\n\n");
            WritePointTable(md, results);
            if (info.Varied.Count == 1 && info.OutcomeIsBool.Any(b => b))
            {
                written.Add(Chart(Path.Combine(plots, "sweep.png"), path => SweepChart(results, labels, path)));
                md.Append("![outcome probabilities across the sweep](plots/sweep.png)\n\n");
            }
        }

        if (info.Varied.Count > 0 && info.Outcomes.Count > 0)
        {
            written.Add(Chart(Path.Combine(plots, "overview.png"), path => OverviewChart.Write(results, labels, path)));
            md.Append("Each outcome against each varied parameter, every run a dot and the line the mean over runs in bins of the parameter (for a yes/no outcome, the share of runs in which it happened). ")
                .Append(OverviewChart.Omitted(info)).Append("\n\n![each outcome against each varied parameter](plots/overview.png)\n\n");
        }

        for (var point = 0; point < Detailed(info); point++)
        {
            var summaries = results.Summarize(point);
            var suffix = info.PointCount > 1 ? string.Create(CultureInfo.InvariantCulture, $"-point{point}") : "";
            if (info.PointCount > 1)
            {
                md.Append(CultureInfo.InvariantCulture, $"## Point {point}: {PointLabel(info, point)}\n\n");
            }
            else
            {
                md.Append("## Outcomes\n\n");
            }

            WriteOutcomeTable(md, summaries, labels);
            var probabilities = summaries.Where(s => s.IsBool).ToList();
            if (probabilities.Count > 0)
            {
                var file = $"outcomes{suffix}.png";
                written.Add(Chart(Path.Combine(plots, file), path => ProbabilityChart(probabilities, path, "Outcome probabilities (95% Wilson intervals)")));
                md.Append(CultureInfo.InvariantCulture, $"![outcome probabilities](plots/{file})\n\n");
            }

            foreach (var s in series.Where(s => s.Point == point && s.Series.StartsWith("escalation.", StringComparison.Ordinal)))
            {
                var file = $"{Slug(s.Series)}{suffix}.png";
                written.Add(Chart(Path.Combine(plots, file), path => FanChart(info, s, labels, path)));
                md.Append(CultureInfo.InvariantCulture, $"![{labels.SeriesTitle(s.Series)}](plots/{file})\n\n");
            }

            var held = series.Where(s => s.Point == point && s.Series.StartsWith("held.", StringComparison.Ordinal)).ToList();
            foreach (var region in held.Select(s => s.Series.Split('.')[1]).Distinct())
            {
                var file = $"held-{Slug(region)}{suffix}.png";
                var shares = held.Where(s => s.Series.Split('.')[1] == region).ToList();
                written.Add(Chart(Path.Combine(plots, file), path => ControlChart(info, region, shares, labels, path)));
                md.Append(CultureInfo.InvariantCulture, $"![who holds {labels.Name(region)}](plots/{file})\n\n");
            }

            for (var o = 0; o < info.Outcomes.Count; o++)
            {
                if (!info.OutcomeIsBool[o])
                {
                    var file = $"hist-{Slug(info.Outcomes[o])}{suffix}.png";
                    var (outcome, values) = (info.Outcomes[o], results.OutcomeValues(o, point));
                    written.Add(Chart(Path.Combine(plots, file), path => Histogram(outcome, labels, values, path)));
                    md.Append(CultureInfo.InvariantCulture, $"![{labels.OutcomeTitle(info.Outcomes[o])}](plots/{file})\n\n");
                }
            }
        }

        if (info.PointCount > Detailed(info))
        {
            md.Append(CultureInfo.InvariantCulture, $"Points {Detailed(info)} to {info.PointCount - 1} are summarised in the table above; every run is in `runs.{tables}`.\n\n");
        }

        md.Append("## Files\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- `runs.{tables}`: one row per run (run, point, replicate, seed, every parameter, every outcome).\n");
        md.Append(CultureInfo.InvariantCulture, $"- `timeseries.{tables}`: per point, tick and series, the mean and the 5/25/50/75/95% quantiles across runs; `held.REGION.ACTOR` is the share of runs in which ACTOR holds REGION.\n");
        md.Append("- `report.html`: this report as one page with the charts embedded.\n");
        md.Append("- `manifest.json`, `ensemble.json`: what was run; `runs.store`: the finished runs (for `--resume`, `sim merge`, `sim compare`).\n");
        DrawAll(charts, threads > 0 ? threads : Environment.ProcessorCount);
        var (report, html) = HtmlReport.WriteReport(folder, md.ToString());
        written.InsertRange(0, [report, html]);
        return written;
    }

    /// <summary>
    /// Draws the charts on <paramref name="threads"/> threads: this one and dedicated others. Not the thread pool's: a
    /// command waiting for the charts holds one of its few threads, and the pool adds another only after a delay, so the
    /// charts were drawn one after another. Rethrows the first chart's failure, as itself.
    /// </summary>
    private static void DrawAll(List<Action> charts, int threads)
    {
        var next = -1;
        Exception? failure = null;
        void Draw()
        {
            int k;
            while (Volatile.Read(ref failure) is null && (k = Interlocked.Increment(ref next)) < charts.Count)
            {
                try
                {
                    charts[k]();
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }
        }

        var helpers = new Thread[Math.Max(0, Math.Min(threads, charts.Count) - 1)];
        for (var h = 0; h < helpers.Length; h++)
        {
            helpers[h] = new Thread(Draw) { IsBackground = true, Name = "chart drawer" };
            helpers[h].Start();
        }

        Draw();
        foreach (var helper in helpers)
        {
            helper.Join();
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>A markdown table of every outcome's estimate.</summary>
    internal static void WriteOutcomeTable(StringBuilder md, IReadOnlyList<OutcomeSummary> summaries, ReportLabels labels)
    {
        md.Append("| outcome | meaning | estimate | 95% interval | median | 5-95% of runs | runs for ±0.05 |\n");
        md.Append("| --- | --- | --: | --: | --: | --: | --: |\n");
        foreach (var s in summaries)
        {
            var e = s.Estimate;
            var needed = s.IsBool
                ? Statistics.RunsForProbability(e.Value, 0.05)
                : Statistics.RunsForMean(s.StandardDeviation, Math.Abs(e.Value) * 0.05);
            md.Append(CultureInfo.InvariantCulture,
                $"| {s.Outcome} | {Cell(labels.Description(s.Outcome))} | {Format(e.Value, s.IsBool)} | {Format(e.Low, s.IsBool)} to {Format(e.High, s.IsBool)} | {(s.IsBool ? "" : Format(s.Median, false))} | {(s.IsBool ? "" : $"{Format(s.P05, false)} to {Format(s.P95, false)}")} | {needed} |\n");
        }

        md.Append('\n');
    }

    private static void WritePointTable(StringBuilder md, EnsembleResults results)
    {
        var info = results.Info;
        md.Append("| point | ").Append(string.Join(" | ", info.Varied)).Append(" | ").Append(string.Join(" | ", info.Outcomes)).Append(" |\n");
        md.Append("| --: |").Append(string.Concat(Enumerable.Repeat(" --: |", info.Varied.Count + info.Outcomes.Count))).Append('\n');
        for (var p = 0; p < Math.Min(info.PointCount, 200); p++)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {p} |");
            foreach (var v in VariedValues(info, p))
            {
                md.Append(CultureInfo.InvariantCulture, $" {v:0.####} |");
            }

            foreach (var s in results.Summarize(p))
            {
                md.Append(' ').Append(Format(s.Estimate.Value, s.IsBool)).Append(" |");
            }

            md.Append('\n');
        }

        if (info.PointCount > 200)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n({info.PointCount - 200} more points in the runs table.)\n");
        }

        md.Append('\n');
    }

    private static IEnumerable<double> VariedValues(EnsembleInfo info, int point)
    {
        foreach (var name in info.Varied)
        {
            var index = info.Parameters.ToList().IndexOf(name);
            yield return info.PointParameters[point][index];
        }
    }

    private static string PointLabel(EnsembleInfo info, int point) =>
        string.Join(", ", info.Varied.Zip(VariedValues(info, point), (n, v) => string.Create(CultureInfo.InvariantCulture, $"{n} = {v:0.####}")));

    /// <summary>Horizontal bars of probabilities with their intervals drawn as lines.</summary>
    internal static string ProbabilityChart(IReadOnlyList<OutcomeSummary> outcomes, string path, string title)
    {
        var plot = PlotStyle.NewPlot(title);
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            var y = outcomes.Count - 1 - i;
            bars.Add(new Bar { Position = y, Value = outcomes[i].Estimate.Value, FillColor = Colors.SteelBlue, Orientation = Orientation.Horizontal, Size = 0.6 });
            ticks.Add(new Tick(y, outcomes[i].Outcome));
        }

        plot.Add.Bars(bars);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var y = outcomes.Count - 1 - i;
            var line = plot.Add.Line(outcomes[i].Estimate.Low, y, outcomes[i].Estimate.High, y);
            line.LineWidth = 2;
            line.LineColor = Colors.Black;
            line.MarkerSize = 0;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.SetLimitsX(0, 1);
        plot.XLabel("probability");
        PlotStyle.Save(plot, path, PlotStyle.Width, Math.Max(300, 60 + (40 * outcomes.Count)));
        return path;
    }

    /// <summary>Each yes/no outcome's probability against the one swept parameter, with its Wilson band.</summary>
    private static string SweepChart(EnsembleResults results, ReportLabels labels, string path)
    {
        var info = results.Info;
        var plot = PlotStyle.NewPlot($"Outcome probabilities across {info.Varied[0]} (95% Wilson bands)");
        var xs = Enumerable.Range(0, info.PointCount).Select(p => VariedValues(info, p).First()).ToArray();
        var summaries = Enumerable.Range(0, info.PointCount).Select(results.Summarize).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        var colour = 0;
        for (var o = 0; o < info.Outcomes.Count; o++)
        {
            if (!info.OutcomeIsBool[o])
            {
                continue;
            }

            var color = palette.GetColor(colour++);
            var band = plot.Add.FillY(xs, summaries.Select(s => s[o].Estimate.Low).ToArray(), summaries.Select(s => s[o].Estimate.High).ToArray());
            band.FillColor = color.WithAlpha(0.15);
            band.LineWidth = 0;
            var line = plot.Add.Scatter(xs, summaries.Select(s => s[o].Estimate.Value).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.LegendText = labels.OutcomeTitle(info.Outcomes[o]);
        }

        plot.Axes.SetLimitsY(0, 1);
        plot.XLabel(info.Varied[0]);
        plot.YLabel("probability");
        plot.ShowLegend(Alignment.UpperRight);
        PlotStyle.Save(plot, path);
        return path;
    }

    /// <summary>A fan chart: 5-95% and 25-75% bands and the median of one series across runs, over dates.</summary>
    private static string FanChart(EnsembleInfo info, SeriesSummary s, ReportLabels labels, string path)
    {
        var plot = PlotStyle.NewPlot($"{labels.SeriesTitle(s.Series)} across runs (median, 25-75%, 5-95%)");
        var xs = Enumerable.Range(0, info.Ticks).Select(t => info.DateOf(t).ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        var outer = plot.Add.FillY(xs, s.Quantiles[0], s.Quantiles[4]);
        outer.FillColor = Colors.SteelBlue.WithAlpha(0.25);
        outer.LineWidth = 0;
        var inner = plot.Add.FillY(xs, s.Quantiles[1], s.Quantiles[3]);
        inner.FillColor = Colors.SteelBlue.WithAlpha(0.5);
        inner.LineWidth = 0;
        var median = plot.Add.ScatterLine(xs, s.Quantiles[2]);
        median.Color = Colors.Navy;
        median.LineWidth = 2;
        var mean = plot.Add.ScatterLine(xs, s.Mean);
        mean.Color = Colors.OrangeRed;
        mean.LinePattern = LinePattern.Dashed;
        mean.LegendText = "mean";
        median.LegendText = "median";
        // ISO dates: the default labels follow US conventions (month first), which readers elsewhere misread.
        if (plot.Axes.DateTimeTicksBottom().TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic dates)
        {
            dates.LabelFormatter = d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (s.Series.StartsWith("escalation.", StringComparison.Ordinal))
        {
            // Rungs are whole steps of the ladder: no tick between them.
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.YLabel("escalation rung");
        }
        else
        {
            plot.YLabel(s.Series);
        }

        plot.ShowLegend(Alignment.UpperLeft);
        PlotStyle.Save(plot, path);
        return path;
    }

    /// <summary>Who holds a region over time: the share of runs in which each actor that ever holds it does, over dates.</summary>
    private static string ControlChart(EnsembleInfo info, string region, IReadOnlyList<SeriesSummary> shares, ReportLabels labels, string path)
    {
        var plot = PlotStyle.NewPlot($"Who holds {labels.Name(region)}: share of runs");
        var xs = Enumerable.Range(0, info.Ticks).Select(t => info.DateOf(t).ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
        foreach (var s in shares.Where(s => s.Mean.Any(v => v > 0)))
        {
            var line = plot.Add.ScatterLine(xs, s.Mean);
            line.LineWidth = 2;
            line.LegendText = labels.Name(s.Series.Split('.')[2]);
        }

        if (plot.Axes.DateTimeTicksBottom().TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic dates)
        {
            dates.LabelFormatter = d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        plot.Axes.SetLimitsY(0, 1);
        plot.YLabel("share of runs");
        plot.ShowLegend(Alignment.UpperRight);
        PlotStyle.Save(plot, path);
        return path;
    }

    private static string Histogram(string outcome, ReportLabels labels, double[] values, string path)
    {
        var plot = PlotStyle.NewPlot($"{labels.OutcomeTitle(outcome)} across runs");
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length > 0)
        {
            var (low, width, count) = HistogramBins(finite);
            var counts = HistogramCounts(finite, low, width, count);
            var centres = Enumerable.Range(0, count).Select(k => low + ((k + 0.5) * width)).ToArray();
            var bars = plot.Add.Bars(centres, counts);
            foreach (var bar in bars.Bars)
            {
                bar.Size = width * 0.9;
                bar.LineWidth = 0;
            }
        }

        plot.XLabel(outcome);
        plot.YLabel("runs");
        PlotStyle.Save(plot, path);
        return path;
    }

    /// <summary>
    /// The bins of a histogram of <paramref name="values"/> (finite): the lower edge of the first, the width and the
    /// count. Integer-valued outcomes (counts of fatalities, of events, of regions) get bins centred on integers and
    /// a whole number wide, so that no bin merges two neighbouring values into a false spike next to an empty one;
    /// at most 40 bins. Other outcomes get about the square root of the runs, between 5 and 40, over their range.
    /// </summary>
    public static (double Low, double Width, int Count) HistogramBins(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return (0, 1, 1);
        }

        var min = values.Min();
        var max = values.Max();
        if (values.All(v => v == Math.Round(v)) && max - min < 1e15)
        {
            var span = max - min + 1;
            var width = Math.Max(1, Math.Ceiling(span / 40));
            return (min - 0.5, width, Math.Max(1, (int)Math.Ceiling(span / width)));
        }

        if (max <= min)
        {
            max = min + 1;
        }

        var bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(values.Count)), 5, 40);
        return (min, (max - min) / bins, bins);
    }

    /// <summary>
    /// How many of <paramref name="values"/> fall in each of the <paramref name="count"/> bins from
    /// <paramref name="low"/>, each <paramref name="width"/> wide. A value on the upper edge counts in the last bin:
    /// <c>low + count * width</c> can fall a rounding error short of the largest value, which a histogram that indexes
    /// bins by division sends one past the end.
    /// </summary>
    public static double[] HistogramCounts(IReadOnlyList<double> values, double low, double width, int count)
    {
        ArgumentNullException.ThrowIfNull(values);
        var counts = new double[count];
        foreach (var v in values)
        {
            counts[Math.Clamp((int)Math.Floor((v - low) / width), 0, count - 1)]++;
        }

        return counts;
    }

    /// <summary>A probability to three decimals, a number to at most three, "n/a" for NaN.</summary>
    public static string Format(double value, bool probability) => Format(value, probability, 3);

    /// <summary>A probability to <paramref name="decimals"/> decimals, a number to at most that many, "n/a" for NaN.</summary>
    public static string Format(double value, bool probability, int decimals) =>
        double.IsNaN(value) ? "n/a" : value.ToString((probability ? "0." + new string('0', decimals) : "0." + new string('#', decimals)), CultureInfo.InvariantCulture);

    /// <summary>Text safe in a markdown table cell.</summary>
    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    internal static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_' ? c : '-');
        }

        return sb.ToString();
    }
}
