using ScottPlot;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Viz.Plots;

/// <summary>
/// A forest plot of one comparison: per outcome, the difference B - A as a point with its 95% interval as a line,
/// against a line at zero. Probabilities are differences in percentage points; numbers are differences as a
/// percentage of A's mean, so outcomes of different sizes share an axis (a number whose A mean is 0 is left out). Changed
/// outcomes are drawn in blue, unclear ones in orange, the rest in grey.
/// </summary>
public static class ComparisonForest
{
    /// <summary>Draws the forest plot of <paramref name="rows"/> to <paramref name="path"/>; returns the path.</summary>
    public static string Write(IReadOnlyList<OutcomeComparison> rows, string labelA, string labelB, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var drawn = rows.Select(r => (Row: r, Scaled: Scaled(r))).Where(x => x.Scaled is not null).ToList();
        var plot = PlotStyle.NewPlot($"Differences B - A with 95% intervals (A: {labelA}; B: {labelB})");
        var ticks = new List<Tick>();
        for (var i = 0; i < drawn.Count; i++)
        {
            var (r, s) = drawn[i];
            var (value, low, high) = s!.Value;
            var y = drawn.Count - 1 - i;
            var color = r.Changed ? Colors.SteelBlue : r.Significant != r.IntervalExcludesZero ? Colors.DarkOrange : Colors.Gray;
            var line = plot.Add.Line(low, y, high, y);
            line.LineWidth = 3;
            line.LineColor = color;
            line.MarkerSize = 0;
            var marker = plot.Add.Marker(value, y);
            marker.Color = color;
            marker.Size = 10;
            ticks.Add(new Tick(y, r.IsBool ? r.Outcome + " (points)" : r.Outcome + " (% of A)"));
        }

        var zero = plot.Add.VerticalLine(0);
        zero.Color = Colors.Black;
        zero.LineWidth = 1;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.SetLimitsY(-1, Math.Max(1, drawn.Count));
        plot.XLabel("B - A: percentage points (probabilities), % of A's mean (numbers)");
        PlotStyle.Save(plot, path, PlotStyle.Width, Math.Max(300, 90 + (50 * drawn.Count)));
        return path;
    }

    /// <summary>The difference and its interval on the plot's scale, or null when it cannot be drawn.</summary>
    internal static (double Value, double Low, double High)? Scaled(OutcomeComparison r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var d = r.Test.Difference;
        if (r.IsBool)
        {
            return double.IsFinite(d.Value) ? (100 * d.Value, 100 * d.Low, 100 * d.High) : null;
        }

        var a = Math.Abs(r.A.Estimate.Value);
        if (a == 0 || !double.IsFinite(a) || !double.IsFinite(d.Value))
        {
            return null;
        }

        return (100 * d.Value / a, 100 * d.Low / a, 100 * d.High / a);
    }
}
