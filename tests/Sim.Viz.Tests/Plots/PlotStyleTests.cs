using ScottPlot;
using SkiaSharp;
using PlotStyle = Sim.Viz.Plots.PlotStyle;

namespace Sim.Viz.Tests.Plots;

/// <summary>Charts are saved with their own PNG settings; the pixels must be those the chart library draws.</summary>
public class PlotStyleTests
{
    [Test]
    public void Png_SamePixelsAsTheChartLibrarysOwnPng()
    {
        var plot = PlotStyle.NewPlot("Bands, lines and text");
        double[] xs = [45000, 45030, 45060, 45090];
        double[] low = [0, 1.5, 1, 4];
        double[] high = [1, 2.5, 3.25, 6];
        plot.Add.FillY(xs, low, high).FillColor = Colors.SteelBlue.WithAlpha(0.25);
        plot.Add.ScatterLine(xs, high).LegendText = "p95";
        plot.Axes.DateTimeTicksBottom();
        plot.ShowLegend(Alignment.UpperLeft);

        using var ours = SKBitmap.Decode(PlotStyle.Png(plot, 300, 200));
        using var theirs = SKBitmap.Decode(plot.GetImageBytes(300, 200, ImageFormat.Png));
        Assert.That((ours.Width, ours.Height), Is.EqualTo((300, 200)));
        Assert.That((ours.ColorType, ours.AlphaType), Is.EqualTo((theirs.ColorType, theirs.AlphaType)));
        Assert.That(ours.Bytes, Is.EqualTo(theirs.Bytes));
        // Not a blank image that would pass the comparison trivially: the band, line and text leave several colours.
        Assert.That(ours.Pixels.Distinct().Count(), Is.GreaterThan(10));
    }
}
