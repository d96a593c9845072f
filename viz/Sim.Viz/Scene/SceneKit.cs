using Sim.Viz.Fonts;
using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>
/// What every layer of a <see cref="MapScene"/> draws with: the layout, fonts, paints and path (reused from frame
/// to frame, so drawing allocates nothing of its own), each action's marker and label, where each actor's marker
/// stands, and the shapes several layers draw.
/// </summary>
internal sealed class SceneKit : IDisposable
{
    private readonly (int Region, int Slot)[] _anchorSlots;

    /// <summary>Tools for <paramref name="layout"/>.</summary>
    public SceneKit(MapLayout layout)
    {
        Layout = layout;
        var actions = layout.Definition.Actions;
        Markers = [.. actions.Select(MapScene.MarkerOf)];
        EventLabels = [.. actions.Select(a => a.Acled is null ? $"CAMEO {a.Cameo}" : $"{a.Acled} (CAMEO {a.Cameo})")];
        _anchorSlots = new (int, int)[layout.Definition.Actors.Length];
        var used = new Dictionary<int, int>();
        for (var a = 0; a < _anchorSlots.Length; a++)
        {
            var region = layout.ActorAnchors[a];
            var slot = used.GetValueOrDefault(region);
            used[region] = slot + 1;
            _anchorSlots[a] = (region, slot);
        }
    }

    /// <summary>The layout drawn.</summary>
    public MapLayout Layout { get; }

    /// <summary>Each action's marker, by action index.</summary>
    public EventMarker[] Markers { get; }

    /// <summary>Each action's ACLED type and CAMEO code as the event list shows them, by action index.</summary>
    public string[] EventLabels { get; }

    /// <summary>Body text.</summary>
    public SKFont Font { get; } = new(EmbeddedFonts.Regular, 12);

    /// <summary>Small text.</summary>
    public SKFont Small { get; } = new(EmbeddedFonts.Regular, 10);

    /// <summary>Headings and actor ids.</summary>
    public SKFont Bold { get; } = new(EmbeddedFonts.Bold, 13);

    /// <summary>The fill paint; each shape sets its colour.</summary>
    public SKPaint Fill { get; } = new() { IsAntialias = true, Style = SKPaintStyle.Fill };

    /// <summary>The stroke paint; each line sets its colour and width.</summary>
    public SKPaint Stroke { get; } = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };

    /// <summary>The text paint; each text sets its colour.</summary>
    public SKPaint Text { get; } = new() { IsAntialias = true };

    /// <summary>The path every polygon and line series is built in.</summary>
    public SKPath Path { get; } = new();

    /// <summary>Where an actor's marker is: beside its anchor region, or in the off-map row along the top.</summary>
    public SKPoint AnchorOf(int actor, Viewport view)
    {
        var (region, slot) = _anchorSlots[actor];
        if (region < 0)
        {
            var i = 0;
            while (Layout.OffMapActors[i] != actor)
            {
                i++;
            }

            return new SKPoint(24 + (i * 64), 18);
        }

        var r = Layout.Definition.Regions[region];
        var p = view.ToScreen(r.Lon, r.Lat);
        return new SKPoint(p.X + 10 + (slot * 16), p.Y - 10);
    }

    /// <summary>The affinity band of a dyad, from both sides' affinities.</summary>
    public static int RelationBand(MapSnapshot s, int a, int b) => MapStyle.BandOf((s.AffinityOf(a, b) + s.AffinityOf(b, a)) / 2);

    /// <summary>The radius of a force disc of <paramref name="strength"/>.</summary>
    public static float ForceRadius(double strength) => 3 + (float)(Math.Sqrt(strength) / 5);

    /// <summary>Fills or strokes (by <paramref name="paint"/>) a ring of lon/lat pairs.</summary>
    public void DrawRing(SKCanvas canvas, float[] ring, Viewport view, SKPaint paint)
    {
        if (BuildRing(ring, view))
        {
            canvas.DrawPath(Path, paint);
        }
    }

    /// <summary>An event marker of <paramref name="size"/> centred on <paramref name="p"/>.</summary>
    public void DrawMarker(SKCanvas canvas, EventMarker marker, SKPoint p, SKColor color, float size)
    {
        Stroke.Color = color;
        Stroke.StrokeWidth = 2;
        Fill.Color = color;
        switch (marker)
        {
            case EventMarker.Battle:
                canvas.DrawLine(p.X - size, p.Y - size, p.X + size, p.Y + size, Stroke);
                canvas.DrawLine(p.X - size, p.Y + size, p.X + size, p.Y - size, Stroke);
                break;
            case EventMarker.Strike:
                Path.Rewind();
                Path.MoveTo(p.X, p.Y - size);
                Path.LineTo(p.X + size, p.Y + size);
                Path.LineTo(p.X - size, p.Y + size);
                Path.Close();
                canvas.DrawPath(Path, Fill);
                break;
            case EventMarker.Civilians:
                canvas.DrawRect(p.X - (size * 0.8f), p.Y - (size * 0.8f), size * 1.6f, size * 1.6f, Fill);
                break;
            case EventMarker.Protest:
                canvas.DrawCircle(p, size * 0.8f, Stroke);
                break;
            default:
                Path.Rewind();
                Path.MoveTo(p.X, p.Y - (size * 0.8f));
                Path.LineTo(p.X + (size * 0.8f), p.Y);
                Path.LineTo(p.X, p.Y + (size * 0.8f));
                Path.LineTo(p.X - (size * 0.8f), p.Y);
                Path.Close();
                canvas.DrawPath(Path, Fill);
                break;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Font.Dispose();
        Small.Dispose();
        Bold.Dispose();
        Fill.Dispose();
        Stroke.Dispose();
        Text.Dispose();
        Path.Dispose();
    }

    private bool BuildRing(float[] ring, Viewport view)
    {
        Path.Rewind();
        if (ring.Length < 6)
        {
            return false;
        }

        Path.MoveTo(view.ToScreen(ring[0], ring[1]));
        for (var i = 2; i < ring.Length; i += 2)
        {
            Path.LineTo(view.ToScreen(ring[i], ring[i + 1]));
        }

        Path.Close();
        return true;
    }
}
