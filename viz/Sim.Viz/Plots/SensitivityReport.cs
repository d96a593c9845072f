using System.Globalization;
using System.Text;
using ScottPlot;
using Sim.Output;

namespace Sim.Viz.Plots;

/// <summary>
/// The <c>report.md</c> and charts of <c>sim sensitivity</c>: per outcome, a table of the indices with their intervals
/// and a bar chart of them (Sobol: first-order and total side by side; Morris: μ*), intervals drawn as lines.
/// </summary>
public static class SensitivityReport
{
    /// <summary>Writes the report and its charts into <paramref name="folder"/>; <paramref name="tables"/> are the table files written beside it.</summary>
    public static IReadOnlyList<string> Write(string folder, string scenarioFile, SensitivityResults results, IReadOnlyList<string> tables)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(tables);
        var plots = Path.Combine(folder, "plots");
        Directory.CreateDirectory(plots);
        var written = new List<string>();
        var sobol = results.Method == SensitivityMethod.Sobol;
        var level = results.Level.ToString("0.##%", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Sensitivity: {results.Runs.Plan.ScenarioName}\n\n");
        md.Append(CultureInfo.InvariantCulture,
            $"Scenario `{Path.GetFileName(scenarioFile)}`, {results.Runs.Runs.Count} runs of {results.Runs.Plan.Ticks} ticks, master seed {results.Seed}");
        md.Append(results.Runs.Plan.Overrides.Count == 0 ? ".\n\n" : $", overrides `{string.Join("`, `", results.Runs.Plan.Overrides)}`.\n\n");
        md.Append("| parameter | range |\n| --- | --- |\n");
        for (var i = 0; i < results.Vary.Count; i++)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {results.Vary[i]} | {results.Ranges[i].Min:0.####} to {results.Ranges[i].Max:0.####} |\n");
        }

        md.Append('\n');
        var delta = (results.MorrisDelta ?? 0).ToString("0.###", CultureInfo.InvariantCulture);
        if (sobol)
        {
            md.Append(CultureInfo.InvariantCulture,
                $"**Method: Sobol indices.** Saltelli's design: two seeded pseudo-random uniform samples A and B of N = {results.Samples} points over the declared ranges, and for each parameter A with that parameter's column from B, N (k + 2) runs for k factors (the noise reference counts as one). Jansen's estimators give the first-order index S1 (the share of the outcome's variance the parameter explains alone) and the total index ST (alone and through its interactions). ");
        }
        else
        {
            md.Append(CultureInfo.InvariantCulture,
                $"**Method: Morris elementary effects.** r = {results.Samples} trajectories on a grid of {results.Levels} levels per range, each moving one parameter at a time by {delta} of its range, r (k + 1) runs for k factors (the noise reference counts as one). μ* is the mean absolute effect of a parameter (the outcome's change per full range of it): its overall influence; μ the signed mean; σ the spread of the effects (non-linearity or interaction). Compare μ* within an outcome, not across outcomes. ");
        }

        md.Append(CultureInfo.InvariantCulture,
            $"Intervals are {level} percentile bootstraps over {(sobol ? "the N sample rows" : "the trajectories")} ({results.Resamples} resamples). ");
        md.Append("Every run has its own seed, so the model's own randomness is part of the variance: ");
        md.Append(sobol
            ? "1 minus the sum of S1 is the share left to interactions and to chance; indices of an outcome that chance dominates are small and their intervals wide.\n\n"
            : "effects include run-to-run noise, which inflates μ* and σ of parameters that do nothing; read them against the noise.\n\n");
        if (results.Factors.Contains(SensitivityAnalysis.NoiseFactor))
        {
            md.Append(CultureInfo.InvariantCulture,
                $"**{SensitivityAnalysis.NoiseFactor}** is a dummy factor the model never reads: its runs differ from their partners only in their seeds, so its indices are what chance alone gives. ");
            md.Append(sobol
                ? "Its ST estimates the share of the outcome's variance that is noise, and every parameter's ST includes that share too: a parameter's own total effect is roughly its ST minus the noise's, and a parameter whose ST is not clearly above the noise's is indistinguishable from none.\n\n"
                : "A parameter whose μ* is not clearly above the noise's is indistinguishable from none.\n\n");
        }

        md.Append(CultureInfo.InvariantCulture, $"Tables: {string.Join(", ", tables.Select(t => $"`{Path.GetFileName(t)}`"))}.\n\n");

        var outcomes = results.Indices.Select(i => i.Outcome).Distinct().ToList();
        for (var o = 0; o < outcomes.Count; o++)
        {
            var outcome = outcomes[o];
            var rows = results.Indices.Where(i => i.Outcome == outcome).ToList();
            md.Append(CultureInfo.InvariantCulture, $"## {outcome}\n\n");
            var main = rows.Where(r => r.Index == (sobol ? "ST" : "mu_star")).ToList();
            var values = results.Runs.Values(outcome);
            if (main.All(r => double.IsNaN(r.Value)) || values.All(v => v == values[0]))
            {
                md.Append("The outcome took one value in every run: no variance to share out.\n\n");
                continue;
            }

            var top = main.Where(r => !double.IsNaN(r.Value) && r.Parameter != SensitivityAnalysis.NoiseFactor).MaxBy(r => r.Value)!;
            var noise = main.FirstOrDefault(r => r.Parameter == SensitivityAnalysis.NoiseFactor);
            var against = noise is null ? "" : $"; chance alone gives {F(noise.Value)}, {F(noise.Low)} to {F(noise.High)}";
            var lead = noise is not null && top.Low <= noise.High ? "No parameter stands clearly above chance (intervals overlap the noise's); the largest" : "Most influential";
            md.Append(CultureInfo.InvariantCulture, $"{lead}: **{top.Parameter}** ({(sobol ? "ST" : "μ*")} {F(top.Value)}, {level} interval {F(top.Low)} to {F(top.High)}{against}).\n\n");
            if (sobol)
            {
                md.Append("| parameter | S1 | S1 interval | ST | ST interval |\n| --- | --: | --: | --: | --: |\n");
                foreach (var p in results.Factors)
                {
                    var s = rows.First(r => r.Parameter == p && r.Index == "S1");
                    var t = rows.First(r => r.Parameter == p && r.Index == "ST");
                    md.Append(CultureInfo.InvariantCulture, $"| {p} | {F(s.Value)} | {F(s.Low)} to {F(s.High)} | {F(t.Value)} | {F(t.Low)} to {F(t.High)} |\n");
                }
            }
            else
            {
                md.Append("| parameter | μ* | μ* interval | μ | σ |\n| --- | --: | --: | --: | --: |\n");
                foreach (var p in results.Factors)
                {
                    var m = rows.First(r => r.Parameter == p && r.Index == "mu_star");
                    var mu = rows.First(r => r.Parameter == p && r.Index == "mu");
                    var sd = rows.First(r => r.Parameter == p && r.Index == "sigma");
                    md.Append(CultureInfo.InvariantCulture, $"| {p} | {F(m.Value)} | {F(m.Low)} to {F(m.High)} | {F(mu.Value)} | {F(sd.Value)} |\n");
                }
            }

            var file = string.Create(CultureInfo.InvariantCulture, $"indices-{o + 1}-{EnsembleReport.Slug(outcome)}.png");
            written.Add(Bars(rows, results.Factors, sobol, $"{outcome}: {(sobol ? "Sobol indices" : "Morris μ*")} ({level} intervals)", Path.Combine(plots, file)));
            md.Append(CultureInfo.InvariantCulture, $"\n![{outcome}](plots/{file})\n\n");
        }

        var (report, html) = HtmlReport.WriteReport(folder, md.ToString());
        written.InsertRange(0, [report, html]);
        return written;
    }

    /// <summary>Horizontal bars per parameter (Sobol: S1 and ST side by side; Morris: μ*), intervals as black lines.</summary>
    private static string Bars(List<SensitivityIndex> rows, IReadOnlyList<string> vary, bool sobol, string title, string path)
    {
        var plot = PlotStyle.NewPlot(title);
        var kinds = sobol ? new[] { ("S1", Colors.Gray, "first order S1"), ("ST", Colors.SteelBlue, "total ST") } : [("mu_star", Colors.SteelBlue, "μ*")];
        var ticks = new List<Tick>();
        var high = 0.0;
        for (var k = 0; k < kinds.Length; k++)
        {
            var (index, color, legend) = kinds[k];
            var bars = new List<Bar>();
            for (var p = 0; p < vary.Count; p++)
            {
                var y = (vary.Count - 1 - p) * 3.0;
                var offset = sobol ? (k == 0 ? 0.5 : -0.5) : 0;
                var r = rows.First(x => x.Parameter == vary[p] && x.Index == index);
                var value = double.IsFinite(r.Value) ? r.Value : 0;
                bars.Add(new Bar { Position = y + offset, Value = value, FillColor = color, Orientation = Orientation.Horizontal, Size = sobol ? 0.9 : 1.6 });
                if (double.IsFinite(r.Low) && double.IsFinite(r.High))
                {
                    var line = plot.Add.Line(r.Low, y + offset, r.High, y + offset);
                    line.LineWidth = 2;
                    line.LineColor = Colors.Black;
                    line.MarkerSize = 0;
                    high = Math.Max(high, r.High);
                }

                high = Math.Max(high, value);
                if (k == 0)
                {
                    ticks.Add(new Tick(y, vary[p]));
                }
            }

            plot.Add.Bars(bars).LegendText = legend;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        if (sobol)
        {
            // Indices are shares of variance; estimates a little outside [0, 1] are sampling error and stay visible.
            var low = Math.Min(0, rows.Where(r => double.IsFinite(r.Low)).Select(r => r.Low).DefaultIfEmpty(0).Min());
            plot.Axes.SetLimitsX(low, Math.Max(1, high));
            plot.XLabel("share of the outcome's variance");
        }
        else
        {
            plot.Axes.SetLimitsX(0, high > 0 ? high * 1.05 : 1);
            plot.XLabel("mean absolute change of the outcome per full range of the parameter");
        }

        plot.ShowLegend(Alignment.LowerRight);
        PlotStyle.Save(plot, path, PlotStyle.Width, Math.Max(300, 100 + (70 * vary.Count)));
        return path;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
}
