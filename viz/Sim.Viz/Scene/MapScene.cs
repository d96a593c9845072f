using System.Globalization;
using Sim.Engine.Model;
using Sim.Engine.Scenarios;
using Sim.Viz.Fonts;
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
/// Not thread-safe: one scene per surface.
/// </summary>
public sealed class MapScene : IDisposable
{
    private readonly MapLayout _layout;
    private readonly EventMarker[] _markers;
    private readonly string[] _eventLabels;
    private readonly (int Region, int Slot)[] _anchorSlots;
    private readonly SKFont _font = new(EmbeddedFonts.Regular, 12);
    private readonly SKFont _small = new(EmbeddedFonts.Regular, 10);
    private readonly SKFont _bold = new(EmbeddedFonts.Bold, 13);
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly SKPaint _text = new() { IsAntialias = true };
    private readonly SKPath _path = new();
    private readonly int[] _signature;
    private readonly int[] _staticSignature;
    private SKImage? _static;
    private (Viewport View, MapStyle Style) _staticKey;

    /// <summary>A scene for <paramref name="layout"/>.</summary>
    public MapScene(MapLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        var actions = layout.Definition.Actions;
        _markers = [.. actions.Select(MarkerOf)];
        _eventLabels = [.. actions.Select(a => a.Acled is null ? $"CAMEO {a.Cameo}" : $"{a.Acled} (CAMEO {a.Cameo})")];
        var actorCount = layout.Definition.Actors.Length;
        _signature = new int[layout.Definition.Regions.Length + (actorCount * actorCount)];
        _staticSignature = new int[_signature.Length];
        _anchorSlots = new (int, int)[actorCount];
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
        DrawForces(canvas, snapshot, view);
        DrawEvents(canvas, snapshot, view, style);
        DrawActors(canvas, view, style);
        canvas.Restore();

        DrawPanel(canvas, snapshot, view, style);
        DrawStrip(canvas, snapshot, view, style);
    }

    /// <summary>The actor or region under a screen position: (actor, -1), (-1, region) or (-1, -1).</summary>
    public (int Actor, int Region) HitTest(Viewport view, float x, float y)
    {
        if (!view.IsOnMap(x, y))
        {
            return (-1, -1);
        }

        for (var a = 0; a < _anchorSlots.Length; a++)
        {
            var p = AnchorOf(a, view);
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
        _font.Dispose();
        _small.Dispose();
        _bold.Dispose();
        _fill.Dispose();
        _stroke.Dispose();
        _text.Dispose();
        _path.Dispose();
    }

    /// <summary>Where an actor's marker is: beside its anchor region, or in the off-map row along the top.</summary>
    private SKPoint AnchorOf(int actor, Viewport view)
    {
        var (region, slot) = _anchorSlots[actor];
        if (region < 0)
        {
            var i = 0;
            while (_layout.OffMapActors[i] != actor)
            {
                i++;
            }

            return new SKPoint(24 + (i * 64), 18);
        }

        var r = _layout.Definition.Regions[region];
        var p = view.ToScreen(r.Lon, r.Lat);
        return new SKPoint(p.X + 10 + (slot * 16), p.Y - 10);
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
                _signature[snapshot.RegionCount + (a * n) + b] = (RelationBand(snapshot, a, b) * 16) + snapshot.EscalationOf(a, b);
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
            DrawStatic(surface.Canvas, snapshot, view, style);
            _static = surface.Snapshot();
        }

        _staticKey = key;
        _signature.CopyTo(_staticSignature, 0);
        return _static;
    }

    /// <summary>The affinity band of a dyad, from both sides' affinities.</summary>
    private static int RelationBand(MapSnapshot s, int a, int b) => MapStyle.BandOf((s.AffinityOf(a, b) + s.AffinityOf(b, a)) / 2);

    private void DrawStatic(SKCanvas canvas, MapSnapshot snapshot, Viewport view, MapStyle style)
    {
        canvas.Clear(style.Panel);
        canvas.Save();
        canvas.ClipRect(new SKRect(0, 0, view.MapWidth, view.MapHeight));
        canvas.Clear(style.Sea);
        var countries = _layout.Countries.Countries;
        _fill.Color = style.Land;
        if (countries.Count == 0)
        {
            // No outlines: the regions' cells split the scenario's area, drawn as land.
            var nw = view.ToScreen(_layout.West, _layout.North);
            var se = view.ToScreen(_layout.East, _layout.South);
            canvas.DrawRect(new SKRect(nw.X, nw.Y, se.X, se.Y), _fill);
        }

        foreach (var c in countries)
        {
            foreach (var ring in c.Rings)
            {
                DrawRing(canvas, ring, view, _fill);
            }
        }

        for (var r = 0; r < _layout.RegionCells.Count; r++)
        {
            var controller = snapshot.Controller[r];
            _fill.Color = MapStyle.ActorColor(controller).WithAlpha(controller < 0 ? (byte)40 : style.RegionAlpha);
            DrawRing(canvas, _layout.RegionCells[r], view, _fill);
        }

        _stroke.Color = style.Border.WithAlpha(90);
        _stroke.StrokeWidth = 0.8f;
        _stroke.PathEffect = null;
        foreach (var cell in _layout.RegionCells)
        {
            DrawRing(canvas, cell, view, _stroke);
        }

        _stroke.Color = style.Border;
        _stroke.StrokeWidth = 1.2f;
        foreach (var c in countries)
        {
            foreach (var ring in c.Rings)
            {
                DrawRing(canvas, ring, view, _stroke);
            }
        }

        _text.Color = style.Border;
        foreach (var (name, lon, lat) in _layout.CountryLabels)
        {
            var p = view.ToScreen(lon, lat);
            canvas.DrawText(name.ToUpperInvariant(), p.X, p.Y, SKTextAlign.Center, _small, _text);
        }

        foreach (var r in _layout.Definition.Regions)
        {
            var p = view.ToScreen(r.Lon, r.Lat);
            _fill.Color = style.Ink;
            canvas.DrawCircle(p, 2.5f, _fill);
            _text.Color = style.Ink;
            canvas.DrawText(r.Name, p.X, p.Y + 14, SKTextAlign.Center, _font, _text);
        }

        DrawRelations(canvas, snapshot, view);
        canvas.Restore();
    }

    private void DrawRing(SKCanvas canvas, float[] ring, Viewport view, SKPaint paint)
    {
        if (BuildRing(ring, view))
        {
            canvas.DrawPath(_path, paint);
        }
    }

    private bool BuildRing(float[] ring, Viewport view)
    {
        _path.Rewind();
        if (ring.Length < 6)
        {
            return false;
        }

        _path.MoveTo(view.ToScreen(ring[0], ring[1]));
        for (var i = 2; i < ring.Length; i += 2)
        {
            _path.LineTo(view.ToScreen(ring[i], ring[i + 1]));
        }

        _path.Close();
        return true;
    }

    private void DrawRelations(SKCanvas canvas, MapSnapshot s, Viewport view)
    {
        _stroke.PathEffect = null;
        for (var a = 0; a < s.ActorCount; a++)
        {
            for (var b = a + 1; b < s.ActorCount; b++)
            {
                var band = RelationBand(s, a, b);
                var rung = s.EscalationOf(a, b);
                if (band == MapStyle.NeutralBand && rung == 0)
                {
                    continue;
                }

                var involved = view.SelectedActor < 0 || view.SelectedActor == a || view.SelectedActor == b;
                _stroke.Color = MapStyle.Bands[band].Color.WithAlpha(involved ? (byte)190 : (byte)40);
                _stroke.StrokeWidth = 1 + (rung * 0.7f);
                canvas.DrawLine(AnchorOf(a, view), AnchorOf(b, view), _stroke);
            }
        }
    }

    private void DrawForces(SKCanvas canvas, MapSnapshot s, Viewport view)
    {
        var regions = _layout.Definition.Regions;
        _stroke.StrokeWidth = 1;
        _stroke.Color = SKColors.White;
        for (var r = 0; r < s.RegionCount; r++)
        {
            var present = 0;
            for (var a = 0; a < s.ActorCount; a++)
            {
                present += s.Strength[(r * s.ActorCount) + a] > 0.5 ? 1 : 0;
            }

            var center = view.ToScreen(regions[r].Lon, regions[r].Lat);
            var k = 0;
            for (var a = 0; a < s.ActorCount; a++)
            {
                var strength = s.Strength[(r * s.ActorCount) + a];
                if (strength <= 0.5)
                {
                    continue;
                }

                var angle = (Math.PI / 2) + (2 * Math.PI * k++ / present);
                var radius = ForceRadius(strength);
                var spread = present == 1 ? 0 : radius + 4;
                var p = new SKPoint(center.X + (float)(spread * Math.Cos(angle)), center.Y + (float)(spread * Math.Sin(angle)));
                _fill.Color = MapStyle.ActorColor(a).WithAlpha(150);
                canvas.DrawCircle(p, radius, _fill);
                canvas.DrawCircle(p, radius, _stroke);
            }
        }
    }

    private static float ForceRadius(double strength) => 3 + (float)(Math.Sqrt(strength) / 5);

    private void DrawEvents(SKCanvas canvas, MapSnapshot s, Viewport view, MapStyle style)
    {
        var regions = _layout.Definition.Regions;
        for (var i = 0; i < s.Recent.Count; i++)
        {
            var e = s.Recent[i];
            var ageDays = (s.Tick - e.Tick) * s.TickDays;
            var fade = 1 - ((ageDays - 1) / (float)(style.EventDays + 1));
            SKPoint p;
            if (e.Region >= 0)
            {
                p = view.ToScreen(regions[e.Region].Lon, regions[e.Region].Lat);
            }
            else if (e.Target >= 0)
            {
                p = AnchorOf(e.Target, view);
            }
            else
            {
                p = AnchorOf(e.Actor, view);
            }

            // Spread events of one place a little so they do not stack into one mark.
            var jitter = (i * 2654435761u) >> 27;
            p.Offset(((jitter & 7) - 3.5f) * 3, (((jitter >> 3) & 3) - 1.5f) * 4);
            var alpha = (byte)Math.Clamp(255 * fade, 30, 255);
            DrawMarker(canvas, _markers[e.Action], p, new SKColor(0x60, 0x00, 0x00, alpha), 6);
            if (ageDays <= s.TickDays)
            {
                _text.Color = style.Ink.WithAlpha(alpha);
                canvas.DrawText(_layout.Definition.Actions[e.Action].Cameo, p.X + 8, p.Y - 6, SKTextAlign.Left, _small, _text);
            }
        }
    }

    private void DrawMarker(SKCanvas canvas, EventMarker marker, SKPoint p, SKColor color, float size)
    {
        _stroke.Color = color;
        _stroke.StrokeWidth = 2;
        _fill.Color = color;
        switch (marker)
        {
            case EventMarker.Battle:
                canvas.DrawLine(p.X - size, p.Y - size, p.X + size, p.Y + size, _stroke);
                canvas.DrawLine(p.X - size, p.Y + size, p.X + size, p.Y - size, _stroke);
                break;
            case EventMarker.Strike:
                _path.Rewind();
                _path.MoveTo(p.X, p.Y - size);
                _path.LineTo(p.X + size, p.Y + size);
                _path.LineTo(p.X - size, p.Y + size);
                _path.Close();
                canvas.DrawPath(_path, _fill);
                break;
            case EventMarker.Civilians:
                canvas.DrawRect(p.X - (size * 0.8f), p.Y - (size * 0.8f), size * 1.6f, size * 1.6f, _fill);
                break;
            case EventMarker.Protest:
                canvas.DrawCircle(p, size * 0.8f, _stroke);
                break;
            default:
                _path.Rewind();
                _path.MoveTo(p.X, p.Y - (size * 0.8f));
                _path.LineTo(p.X + (size * 0.8f), p.Y);
                _path.LineTo(p.X, p.Y + (size * 0.8f));
                _path.LineTo(p.X - (size * 0.8f), p.Y);
                _path.Close();
                canvas.DrawPath(_path, _fill);
                break;
        }
    }

    private void DrawActors(SKCanvas canvas, Viewport view, MapStyle style)
    {
        var actors = _layout.Definition.Actors;
        for (var a = 0; a < actors.Length; a++)
        {
            var p = AnchorOf(a, view);
            var selected = view.SelectedActor == a;
            _fill.Color = MapStyle.ActorColor(a);
            canvas.DrawRect(p.X - 6, p.Y - 6, 12, 12, _fill);
            _stroke.Color = selected ? SKColors.Black : SKColors.White;
            _stroke.StrokeWidth = selected ? 3 : 1.5f;
            canvas.DrawRect(p.X - 6, p.Y - 6, 12, 12, _stroke);
            _text.Color = style.Ink;
            canvas.DrawText(actors[a].Id, p.X, p.Y - 9, SKTextAlign.Center, _bold, _text);
        }
    }

    private void DrawPanel(SKCanvas canvas, MapSnapshot s, Viewport view, MapStyle style)
    {
        var d = _layout.Definition;
        float x = view.MapWidth + 12, y = 22, right = view.Width - 10;
        _text.Color = style.Ink;
        canvas.DrawText(d.Name, x, y, SKTextAlign.Left, _bold, _text);
        y += 18;
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{s.Date:yyyy-MM-dd}   tick {s.Tick} / {s.Horizon}"), x, y, SKTextAlign.Left, _font, _text);
        y += 16;
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"seed {s.Seed}   fatalities {s.Fatalities:0}"), x, y, SKTextAlign.Left, _small, _text);
        y += 22;

        if (view.SelectedActor >= 0)
        {
            y = DrawActorPanel(canvas, s, view.SelectedActor, x, y, right);
        }
        else if (view.SelectedRegion >= 0)
        {
            y = DrawRegionPanel(canvas, s, view.SelectedRegion, x, y);
        }
        else
        {
            _text.Color = style.Ink.WithAlpha(160);
            canvas.DrawText("Click an actor or a region.", x, y, SKTextAlign.Left, _small, _text);
            y += 18;
        }

        var legendTop = view.Height - 200;
        y = DrawEventList(canvas, s, view, x, y + 4, legendTop - 8, style);
        DrawLegend(canvas, x, legendTop, style);
    }

    private float DrawActorPanel(SKCanvas canvas, MapSnapshot s, int actor, float x, float y, float right)
    {
        var a = _layout.Definition.Actors[actor];
        _fill.Color = MapStyle.ActorColor(actor);
        canvas.DrawRect(x, y - 10, 10, 10, _fill);
        canvas.DrawText(a.Name, x + 16, y, SKTextAlign.Left, _bold, _text);
        y += 16;
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{a.Kind}   relations (affinity, rung):"), x, y, SKTextAlign.Left, _small, _text);
        y += 15;
        for (var b = 0; b < s.ActorCount && y < 300; b++)
        {
            var affinity = s.AffinityOf(actor, b);
            var rung = s.EscalationOf(actor, b);
            if (b == actor || (affinity == 0 && rung == 0))
            {
                continue;
            }

            var band = MapStyle.BandOf(affinity);
            _fill.Color = MapStyle.Bands[band].Color;
            canvas.DrawRect(x, y - 9, 8, 8, _fill);
            canvas.DrawText(_layout.Definition.Actors[b].Id, x + 14, y, SKTextAlign.Left, _small, _text);
            canvas.DrawText(MapStyle.Bands[band].Name, x + 70, y, SKTextAlign.Left, _small, _text);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{affinity:+0.00;-0.00; 0.00}   {rung}"), right, y, SKTextAlign.Right, _small, _text);
            y += 13;
        }

        return y + 6;
    }

    private float DrawRegionPanel(SKCanvas canvas, MapSnapshot s, int region, float x, float y)
    {
        var r = _layout.Definition.Regions[region];
        var controller = s.Controller[region];
        canvas.DrawText(r.Name, x, y, SKTextAlign.Left, _bold, _text);
        y += 16;
        var who = controller < 0 ? "nobody" : _layout.Definition.Actors[controller].Name;
        canvas.DrawText($"held by {who}", x, y, SKTextAlign.Left, _small, _text);
        y += 14;
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"population {r.Population:N0}"), x, y, SKTextAlign.Left, _small, _text);
        y += 14;
        for (var a = 0; a < s.ActorCount; a++)
        {
            var strength = s.Strength[(region * s.ActorCount) + a];
            if (strength > 0.5)
            {
                _fill.Color = MapStyle.ActorColor(a);
                canvas.DrawCircle(x + 4, y - 4, 4, _fill);
                canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{_layout.Definition.Actors[a].Id}  {strength:0}"), x + 14, y, SKTextAlign.Left, _small, _text);
                y += 13;
            }
        }

        return y + 6;
    }

    private float DrawEventList(SKCanvas canvas, MapSnapshot s, Viewport view, float x, float y, float bottom, MapStyle style)
    {
        _text.Color = style.Ink;
        canvas.DrawText("Recent events", x, y, SKTextAlign.Left, _bold, _text);
        y += 16;
        var d = _layout.Definition;
        for (var i = s.Recent.Count - 1; i >= 0 && y + 26 < bottom; i--)
        {
            var e = s.Recent[i];
            if ((view.SelectedActor >= 0 && e.Actor != view.SelectedActor && e.Target != view.SelectedActor)
                || (view.SelectedRegion >= 0 && e.Region != view.SelectedRegion))
            {
                continue;
            }

            var date = d.Start.AddDays(e.Tick * d.TickDays);
            var target = e.Target >= 0 ? " > " + d.Actors[e.Target].Id : "";
            var where = e.Region >= 0 ? ", " + d.Regions[e.Region].Name : "";
            DrawMarker(canvas, _markers[e.Action], new SKPoint(x + 5, y - 4), new SKColor(0x60, 0, 0), 4);
            _text.Color = style.Ink;
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{date:MM-dd} {d.Actors[e.Actor].Id}{target} {d.Actions[e.Action].Id}{where}"), x + 14, y, SKTextAlign.Left, _small, _text);
            _text.Color = style.Ink.WithAlpha(150);
            canvas.DrawText(_eventLabels[e.Action], x + 14, y + 11, SKTextAlign.Left, _small, _text);
            y += 26;
        }

        return y;
    }

    private void DrawLegend(SKCanvas canvas, float x, float y, MapStyle style)
    {
        _text.Color = style.Ink;
        canvas.DrawText("Legend", x, y, SKTextAlign.Left, _bold, _text);
        y += 16;
        var bands = MapStyle.Bands;
        for (var i = 0; i < bands.Count; i++)
        {
            _stroke.Color = bands[i].Color;
            _stroke.StrokeWidth = 3;
            var bx = x + ((i % 3) * 92);
            var by = y + ((i / 3) * 14);
            canvas.DrawLine(bx, by - 4, bx + 18, by - 4, _stroke);
            canvas.DrawText(bands[i].Name, bx + 22, by, SKTextAlign.Left, _small, _text);
        }

        y += 32;
        (EventMarker Marker, string Name)[] markers =
        [
            (EventMarker.Battle, "battle"), (EventMarker.Strike, "air/drone strike"), (EventMarker.Civilians, "violence vs civilians"),
            (EventMarker.Protest, "protest/denounce"), (EventMarker.Other, "other event"),
        ];
        for (var i = 0; i < markers.Length; i++)
        {
            var bx = x + ((i % 2) * 140);
            var by = y + ((i / 2) * 15);
            DrawMarker(canvas, markers[i].Marker, new SKPoint(bx + 5, by - 4), new SKColor(0x60, 0, 0), 5);
            canvas.DrawText(markers[i].Name, bx + 16, by, SKTextAlign.Left, _small, _text);
        }

        y += 50;
        _stroke.Color = style.Ink;
        for (var rung = 0; rung <= 9; rung += 3)
        {
            _stroke.StrokeWidth = 1 + (rung * 0.7f);
            var bx = x + (rung / 3 * 30);
            canvas.DrawLine(bx, y - 4, bx + 20, y - 4, _stroke);
        }

        canvas.DrawText("rung 0, 3, 6, 9", x + 124, y, SKTextAlign.Left, _small, _text);
        y += 22;
        _fill.Color = style.Ink.WithAlpha(120);
        canvas.DrawCircle(x + 5, y - 4, ForceRadius(100), _fill);
        canvas.DrawCircle(x + 30, y - 4, ForceRadius(1000), _fill);
        canvas.DrawText("forces: 100, 1000", x + 50, y, SKTextAlign.Left, _small, _text);
    }

    private void DrawStrip(SKCanvas canvas, MapSnapshot s, Viewport view, MapStyle style)
    {
        float left = 96, top = view.MapHeight + 14, right = view.MapWidth - 10, bottom = view.Height - 18;
        _text.Color = style.Ink;
        canvas.DrawText("Escalation", 8, top + 8, SKTextAlign.Left, _small, _text);
        _stroke.Color = style.Border.WithAlpha(120);
        _stroke.StrokeWidth = 1;
        canvas.DrawRect(left, top, right - left, bottom - top, _stroke);
        for (var rung = 0; rung <= 9; rung += 3)
        {
            var gy = bottom - ((bottom - top) * rung / 9);
            canvas.DrawText(rung.ToString(CultureInfo.InvariantCulture), left - 6, gy + 4, SKTextAlign.Right, _small, _text);
        }

        var horizon = Math.Max(1, s.Horizon);
        var nowX = left + ((right - left) * Math.Min(s.Tick, horizon) / horizon);
        canvas.DrawLine(nowX, top, nowX, bottom, _stroke);
        var pairs = _layout.SeriesPairs;
        var actors = _layout.Definition.Actors;
        for (var p = 0; p < pairs.Count; p++)
        {
            var series = s.Series(p);
            var color = MapStyle.ActorColor(p + 4);
            _path.Rewind();
            for (var t = 0; t < series.Count && t <= horizon; t++)
            {
                var px = left + ((right - left) * t / horizon);
                var py = bottom - ((bottom - top) * series[t] / 9) - (p * 1.5f);
                if (t == 0)
                {
                    _path.MoveTo(px, py);
                }
                else
                {
                    _path.LineTo(px, py);
                }
            }

            _stroke.Color = color;
            _stroke.StrokeWidth = 2;
            canvas.DrawPath(_path, _stroke);
            _text.Color = color;
            canvas.DrawText($"{actors[pairs[p].A].Id}-{actors[pairs[p].B].Id}", 8, top + 24 + (p * 12), SKTextAlign.Left, _small, _text);
        }
    }
}
