using Sim.Engine.Scenarios;
using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>What an event looks like on the map.</summary>
public enum EventMarker
{
    /// <summary>Diplomacy, statements, deployments: a small diamond.</summary>
    Other,
    /// <summary>Verbal conflict (CAMEO 10-14, ACLED protests and riots): a ring.</summary>
    Protest,
    /// <summary>ACLED battles: a cross.</summary>
    Battle,
    /// <summary>ACLED explosions/remote violence (air and drone strikes): a triangle.</summary>
    Strike,
    /// <summary>ACLED violence against civilians: a filled square.</summary>
    Civilians,
}

/// <summary>
/// Draws the map of one snapshot: regions shaded by controller, forces sized by strength,
/// relations between actors coloured by affinity band and thickened by escalation rung,
/// recent events fading, the side panel, legend and escalation strip. Every surface (the live
/// window, PNG frames, video) draws through <see cref="Draw"/>, so they show the same pixels.
/// The output depends only on the arguments; what does not change between frames (land,
/// borders, region fills, labels, relation edges) is kept in an image and redrawn only when
/// the view, the selection, a region's controller or a dyad's band or rung changes.
/// Each layer draws in its own type (regions, relations, forces, events, actors, panel, legend, strip) with the
/// tools of one <see cref="SceneKit"/>. Not thread-safe: one scene per surface.
/// </summary>
public sealed class MapScene : IDisposable
{
    private readonly MapLayout _layout;
    private readonly SceneKit _kit;
    private readonly int[] _signature;
    private readonly int[] _staticSignature;
    private SKImage? _static;
    private (Viewport View, MapStyle Style) _staticKey;

    /// <summary>A scene for <paramref name="layout"/>.</summary>
    public MapScene(MapLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        _kit = new SceneKit(layout);
        var actorCount = layout.Definition.Actors.Length;
        _signature = new int[layout.Definition.Regions.Length + (actorCount * actorCount)];
        _staticSignature = new int[_signature.Length];
    }

    /// <summary>The layout drawn.</summary>
    public MapLayout Layout => _layout;

    /// <summary>How an action's events are drawn.</summary>
    public static EventMarker MarkerOf(ActionDefinition action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.Acled switch
        {
            "Battles" => EventMarker.Battle,
            "Explosions/Remote violence" => EventMarker.Strike,
            "Violence against civilians" => EventMarker.Civilians,
            "Protests" or "Riots" => EventMarker.Protest,
            _ => action.CameoRoot is >= 10 and <= 14 ? EventMarker.Protest : EventMarker.Other,
        };
    }

    /// <summary>Draws <paramref name="snapshot"/> as seen through <paramref name="view"/> onto <paramref name="canvas"/>.</summary>
    public void Draw(SKCanvas canvas, MapSnapshot snapshot, Viewport view, MapStyle style)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(style);
        canvas.DrawImage(StaticLayer(snapshot, view, style), 0, 0);

        canvas.Save();
        canvas.ClipRect(new SKRect(0, 0, view.MapWidth, view.MapHeight));
        ForceLayer.Draw(_kit, canvas, snapshot, view);
        EventLayer.Draw(_kit, canvas, snapshot, view, style);
        ActorLayer.Draw(_kit, canvas, view, style);
        canvas.Restore();

        PanelLayer.Draw(_kit, canvas, snapshot, view, style);
        StripLayer.Draw(_kit, canvas, snapshot, view, style);
    }

    /// <summary>The actor or region under a screen position: (actor, -1), (-1, region) or (-1, -1).</summary>
    public (int Actor, int Region) HitTest(Viewport view, float x, float y)
    {
        if (!view.IsOnMap(x, y))
        {
            return (-1, -1);
        }

        for (var a = 0; a < _layout.Definition.Actors.Length; a++)
        {
            var p = _kit.AnchorOf(a, view);
            if (((p.X - x) * (p.X - x)) + ((p.Y - y) * (p.Y - y)) <= 9 * 9)
            {
                return (a, -1);
            }
        }

        var (lon, lat) = view.ToGeo(x, y);
        for (var r = 0; r < _layout.RegionCells.Count; r++)
        {
            if (_layout.RegionCells[r].Length > 0 && Geo.Polygons.Contains(_layout.RegionCells[r], lon, lat))
            {
                return (-1, r);
            }
        }

        return (-1, -1);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _static?.Dispose();
        _kit.Dispose();
    }

    /// <summary>
    /// The layer that changes only when the view, a region's controller, or a dyad's affinity
    /// band or rung changes: land, borders, region fills, labels and relation edges.
    /// </summary>
    private SKImage StaticLayer(MapSnapshot snapshot, Viewport view, MapStyle style)
    {
        var key = (view, style);
        snapshot.Controller.CopyTo(_signature, 0);
        var n = snapshot.ActorCount;
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                _signature[snapshot.RegionCount + (a * n) + b] = (SceneKit.RelationBand(snapshot, a, b) * 16) + snapshot.EscalationOf(a, b);
            }
        }

        if (_static is not null && key == _staticKey && _signature.AsSpan().SequenceEqual(_staticSignature))
        {
            return _static;
        }

        _static?.Dispose();

        // Opaque, so drawing it each frame is a copy rather than a blend.
        using (var surface = SKSurface.Create(new SKImageInfo(view.Width, view.Height, SKColorType.Rgba8888, SKAlphaType.Opaque)))
        {
            RegionLayer.Draw(_kit, surface.Canvas, snapshot, view, style);
            _static = surface.Snapshot();
        }

        _staticKey = key;
        _signature.CopyTo(_staticSignature, 0);
        return _static;
    }
}
