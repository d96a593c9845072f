using ScottPlot;
using Sim.Output;
using Sim.Viz.Fonts;
using SkiaSharp;

namespace Sim.Viz.Plots;

/// <summary>
/// Every outcome against every parameter a design varied, one small panel each (outcomes in rows, parameters in
/// columns): each run as a dot, and the mean over runs in bins of the parameter as a line (for a yes/no outcome,
/// the share of runs in which it happened). It shows the shape of each effect that a rank correlation or an index
/// sums up in one number: thresholds, non-monotone effects, interactions that widen the spread.
/// </summary>
public static class OverviewChart
{
    /// <summary>Most outcomes (rows) drawn; the rest are named under the chart.</summary>
    public const int MaxOutcomes = 24;

    /// <summary>Most parameters (columns) drawn.</summary>
    public const int MaxParameters = 8;

    /// <summary>Most runs drawn as dots per panel (evenly spaced rows beyond it); the binned means use every run.</summary>
    public const int MaxDots = 5000;

    /// <summary>Bins of a parameter with many distinct values (each holds about as many runs).</summary>
    public const int Bins = 10;

    private const int PanelWidth = 300;
    private const int PanelHeight = 210;
    private const int Header = 44;

    /// <summary>Draws the chart for the runs of <paramref name="results"/> into <paramref name="path"/>; returns the path.</summary>
    public static string Write(EnsembleResults results, ReportLabels labels, string path)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(labels);
        var info = results.Info;
        var x = results.VariedValues();
        var columns = Math.Min(x.Length, MaxParameters);
        var rows = Math.Min(info.Outcomes.Count, MaxOutcomes);
        if (columns == 0 || rows == 0)
        {
            throw new ArgumentException("an overview needs a varied parameter and an outcome", nameof(results));
        }

        using var surface = SKSurface.Create(new SKImageInfo(columns * PanelWidth, Header + (rows * PanelHeight)));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var font = new SKFont(EmbeddedFonts.Bold, 17))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            canvas.DrawText($"{info.Scenario}: each outcome against each varied parameter ({results.Runs.Count} runs; line: mean in bins)",
                12, 28, SKTextAlign.Left, font, paint);
        }

        for (var o = 0; o < rows; o++)
        {
            var y = results.OutcomeValues(o);
            for (var j = 0; j < columns; j++)
            {
                var plot = Panel(x[j], y, info.OutcomeIsBool[o]);
                plot.XLabel(info.Varied[j]);
                plot.YLabel(j == 0 ? Shorten(info.Outcomes[o]) : "");
                plot.Title(j == 0 ? Shorten(labels.OutcomeTitle(info.Outcomes[o]), 40) : "");
                // Each panel on its own surface: a plot clears the whole canvas it renders on.
                using var panel = SKSurface.Create(new SKImageInfo(PanelWidth, PanelHeight));
                plot.Render(panel);
                using var drawn = panel.Snapshot();
                canvas.DrawImage(drawn, j * PanelWidth, Header + (o * PanelHeight));
            }
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, png.SaveTo);
        return path;
    }

    /// <summary>A sentence for a report: what the chart leaves out, or "" when it draws everything.</summary>
    public static string Omitted(EnsembleInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var parts = new List<string>();
        if (info.Outcomes.Count > MaxOutcomes)
        {
            parts.Add($"outcomes {string.Join(", ", info.Outcomes.Skip(MaxOutcomes))}");
        }

        if (info.Varied.Count > MaxParameters)
        {
            parts.Add($"parameters {string.Join(", ", info.Varied.Skip(MaxParameters))}");
        }

        return parts.Count == 0 ? "" : $"The overview leaves out {string.Join(" and ", parts)} (the runs table has them).";
    }

    private static Plot Panel(double[] x, double[] y, bool isBool)
    {
        var plot = PlotStyle.NewPlot("");
        plot.Axes.Title.Label.FontSize = 12;
        plot.Axes.Left.Label.FontSize = 12;
        plot.Axes.Bottom.Label.FontSize = 12;
        if (!isBool)
        {
            var step = Math.Max(1, (x.Length + MaxDots - 1) / MaxDots);
            var count = (x.Length + step - 1) / step;
            var dx = new double[count];
            var dy = new double[count];
            for (var i = 0; i < count; i++)
            {
                dx[i] = x[i * step];
                dy[i] = y[i * step];
            }

            var dots = plot.Add.Scatter(dx, dy);
            dots.LineWidth = 0;
            dots.MarkerSize = 3;
            dots.Color = Colors.SteelBlue.WithAlpha(0.35);
        }

        var (bx, by) = BinnedMeans(x, y);
        var line = plot.Add.Scatter(bx, by);
        line.Color = isBool ? Colors.SteelBlue : Colors.Black;
        line.LineWidth = 2;
        line.MarkerSize = 5;
        if (isBool)
        {
            plot.Axes.SetLimitsY(0, 1);
        }

        return plot;
    }

    /// <summary>
    /// The mean of <paramref name="y"/> per bin of <paramref name="x"/>, at each bin's mean x: one bin per distinct value
    /// when there are at most <see cref="Bins"/> (a grid), else <see cref="Bins"/> bins of about equal run counts.
    /// </summary>
    public static (double[] X, double[] Y) BinnedMeans(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ThenBy(i => i).ToArray();
        var distinct = x.Distinct().Count();
        var bx = new List<double>();
        var by = new List<double>();
        var start = 0;
        while (start < order.Length)
        {
            var end = distinct <= Bins
                ? Array.FindIndex(order, start, i => x[i] != x[order[start]]) is var next and >= 0 ? next : order.Length
                : (int)((long)(bx.Count + 1) * order.Length / Bins);
            end = Math.Max(end, start + 1);
            double sx = 0, sy = 0;
            for (var k = start; k < end; k++)
            {
                sx += x[order[k]];
                sy += y[order[k]];
            }

            bx.Add(sx / (end - start));
            by.Add(sy / (end - start));
            start = end;
        }

        return (bx.ToArray(), by.ToArray());
    }

    private static string Shorten(string text, int length = 28) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
