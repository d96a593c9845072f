using ScottPlot;
using Sim.Output;
using Sim.Viz.Fonts;
using SkiaSharp;

namespace Sim.Viz.Plots;

/// <summary>
/// What every chart shares: the embedded font (registered once with ScottPlot, which otherwise finds no font on a
/// machine without fontconfig and silently draws no text), sizes and colours.
/// </summary>
public static class PlotStyle
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Width of a saved chart, in pixels.</summary>
    public const int Width = 900;

    /// <summary>Height of a saved chart, in pixels.</summary>
    public const int Height = 500;

    /// <summary>A new plot using the embedded font.</summary>
    public static Plot NewPlot(string title)
    {
        lock (Gate)
        {
            if (!_registered)
            {
                ScottPlot.Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
                ScottPlot.Fonts.Default = EmbeddedFonts.Family;
                ScottPlot.Fonts.Sans = EmbeddedFonts.Family;
                _registered = true;
            }
        }

        var plot = new Plot();
        plot.Font.Set(EmbeddedFonts.Family);
        plot.Title(title);
        return plot;
    }

    /// <summary>Saves <paramref name="plot"/> as a PNG, atomically.</summary>
    public static void Save(Plot plot, string path, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        Sim.Output.AtomicFile.Write(path, stream =>
        {
            var bytes = plot.GetImageBytes(width, height, ImageFormat.Png);
            stream.Write(bytes);
        });
    }

    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            bold ? EmbeddedFonts.Bold : EmbeddedFonts.Regular;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            weight >= FontWeight.SemiBold ? EmbeddedFonts.Bold : EmbeddedFonts.Regular;
    }
}
