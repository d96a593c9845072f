using SkiaSharp;

namespace Sim.Viz.Fonts;

/// <summary>
/// DejaVu Sans, embedded so text renders identically on every machine, including those
/// without fontconfig or any installed font (licence: Fonts/LICENSE-DejaVu.txt).
/// </summary>
public static class EmbeddedFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    /// <summary>The family name ScottPlot and Skia know these faces by.</summary>
    public const string Family = "DejaVu Sans";

    /// <summary>DejaVu Sans, regular weight.</summary>
    public static SKTypeface Regular => RegularFace.Value;

    /// <summary>DejaVu Sans, bold.</summary>
    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream("Sim.Viz.Fonts." + file)
            ?? throw new InvalidOperationException($"embedded font {file} is missing from Sim.Viz");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"embedded font {file} could not be read");
    }
}
