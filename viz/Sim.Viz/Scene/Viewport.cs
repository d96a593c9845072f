using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>
/// What the user looks at: the canvas size, which part of the map fills it (an equirectangular
/// projection centred on <see cref="CenterLon"/>, <see cref="CenterLat"/>) and what is selected.
/// A value: panning, zooming and selecting return a new viewport.
/// </summary>
public readonly record struct Viewport
{
    /// <summary>Width of the side panel on the right, pixels.</summary>
    public const int PanelWidth = 300;

    /// <summary>Height of the escalation strip at the bottom, pixels.</summary>
    public const int StripHeight = 110;

    /// <summary>Canvas width, pixels.</summary>
    public int Width { get; init; }

    /// <summary>Canvas height, pixels.</summary>
    public int Height { get; init; }

    /// <summary>Longitude at the middle of the map area.</summary>
    public double CenterLon { get; init; }

    /// <summary>Latitude at the middle of the map area.</summary>
    public double CenterLat { get; init; }

    /// <summary>Pixels per degree of latitude.</summary>
    public double Scale { get; init; }

    /// <summary>Width of a degree of longitude relative to one of latitude (fixed per map, so zooming keeps shapes).</summary>
    public double LonScale { get; init; }

    /// <summary>The selected actor, or -1.</summary>
    public int SelectedActor { get; init; }

    /// <summary>The selected region, or -1.</summary>
    public int SelectedRegion { get; init; }

    /// <summary>Width of the map area (the canvas less the side panel).</summary>
    public int MapWidth => Math.Max(1, Width - PanelWidth);

    /// <summary>Height of the map area (the canvas less the strip).</summary>
    public int MapHeight => Math.Max(1, Height - StripHeight);

    /// <summary>A viewport of <paramref name="width"/> x <paramref name="height"/> showing all of <paramref name="layout"/>'s area.</summary>
    public static Viewport Fit(MapLayout layout, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var v = new Viewport { Width = width, Height = height, LonScale = layout.LonScale, SelectedActor = -1, SelectedRegion = -1 };
        var scale = Math.Min(v.MapWidth / ((layout.East - layout.West) * layout.LonScale), v.MapHeight / (layout.North - layout.South));
        return v with { CenterLon = (layout.West + layout.East) / 2, CenterLat = (layout.South + layout.North) / 2, Scale = scale };
    }

    /// <summary>Screen position of a geographic point.</summary>
    public SKPoint ToScreen(double lon, double lat) => new(
        (float)((MapWidth / 2.0) + ((lon - CenterLon) * LonScale * Scale)),
        (float)((MapHeight / 2.0) - ((lat - CenterLat) * Scale)));

    /// <summary>Geographic point under a screen position.</summary>
    public (double Lon, double Lat) ToGeo(double x, double y) => (
        CenterLon + ((x - (MapWidth / 2.0)) / (LonScale * Scale)),
        CenterLat - ((y - (MapHeight / 2.0)) / Scale));

    /// <summary>True when a screen position lies on the map area (not the panel or strip).</summary>
    public bool IsOnMap(double x, double y) => x >= 0 && y >= 0 && x < MapWidth && y < MapHeight;

    /// <summary>Zooms by <paramref name="factor"/> keeping the point under (<paramref name="x"/>, <paramref name="y"/>) in place.</summary>
    public Viewport ZoomAt(double x, double y, double factor)
    {
        var scale = Math.Clamp(Scale * factor, 2, 2000);
        var (lon, lat) = ToGeo(x, y);
        var zoomed = this with { Scale = scale };
        var (lon2, lat2) = zoomed.ToGeo(x, y);
        return zoomed with { CenterLon = CenterLon + (lon - lon2), CenterLat = CenterLat + (lat - lat2) };
    }

    /// <summary>Moves the map by (<paramref name="dx"/>, <paramref name="dy"/>) pixels.</summary>
    public Viewport PanBy(double dx, double dy) =>
        this with { CenterLon = CenterLon - (dx / (LonScale * Scale)), CenterLat = CenterLat + (dy / Scale) };

    /// <summary>The same view on a canvas of another size.</summary>
    public Viewport Resize(int width, int height) => this with { Width = width, Height = height };
}
