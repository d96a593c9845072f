using System.Globalization;
using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>The side panel right of the map.</summary>
internal static class PanelLayer
{
    /// <summary>Scenario, date, tick, seed and fatalities; the selected actor's or region's details; recent events; the legend below.</summary>
    public static void Draw(SceneKit kit, SKCanvas canvas, MapSnapshot s, Viewport view, MapStyle style)
    {
        var d = kit.Layout.Definition;
        float x = view.MapWidth + 12, y = 22, right = view.Width - 10;
        kit.Text.Color = style.Ink;
        canvas.DrawText(d.Name, x, y, SKTextAlign.Left, kit.Bold, kit.Text);
        y += 18;
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{s.Date:yyyy-MM-dd}   tick {s.Tick} / {s.Horizon}"), x, y, SKTextAlign.Left, kit.Font, kit.Text);
        y += 16;
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"seed {s.Seed}   fatalities {s.Fatalities:0}"), x, y, SKTextAlign.Left, kit.Small, kit.Text);
        y += 22;

        if (view.SelectedActor >= 0)
        {
            y = DrawActor(kit, canvas, s, view.SelectedActor, x, y, right);
        }
        else if (view.SelectedRegion >= 0)
        {
            y = DrawRegion(kit, canvas, s, view.SelectedRegion, x, y);
        }
        else
        {
            kit.Text.Color = style.Ink.WithAlpha(160);
            canvas.DrawText("Click an actor or a region.", x, y, SKTextAlign.Left, kit.Small, kit.Text);
            y += 18;
        }

        // A short frame with a long selection has no room for both: the details win, rather than text drawn over text.
        var legendTop = view.Height - 200;
        if (y + 4 + 16 < legendTop - 8)
        {
            y = DrawEventList(kit, canvas, s, view, x, y + 4, legendTop - 8, style);
        }

        if (y <= legendTop)
        {
            LegendLayer.Draw(kit, canvas, x, legendTop, style);
        }
    }

    private static float DrawActor(SceneKit kit, SKCanvas canvas, MapSnapshot s, int actor, float x, float y, float right)
    {
        var a = kit.Layout.Definition.Actors[actor];
        kit.Fill.Color = MapStyle.ActorColor(actor);
        canvas.DrawRect(x, y - 10, 10, 10, kit.Fill);
        canvas.DrawText(a.Name, x + 16, y, SKTextAlign.Left, kit.Bold, kit.Text);
        y += 16;
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{a.Kind}   relations (affinity, rung):"), x, y, SKTextAlign.Left, kit.Small, kit.Text);
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
            kit.Fill.Color = MapStyle.Bands[band].Color;
            canvas.DrawRect(x, y - 9, 8, 8, kit.Fill);
            canvas.DrawText(kit.Layout.Definition.Actors[b].Id, x + 14, y, SKTextAlign.Left, kit.Small, kit.Text);
            canvas.DrawText(MapStyle.Bands[band].Name, x + 70, y, SKTextAlign.Left, kit.Small, kit.Text);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{affinity:+0.00;-0.00; 0.00}   {rung}"), right, y, SKTextAlign.Right, kit.Small, kit.Text);
            y += 13;
        }

        return y + 6;
    }

    private static float DrawRegion(SceneKit kit, SKCanvas canvas, MapSnapshot s, int region, float x, float y)
    {
        var r = kit.Layout.Definition.Regions[region];
        var controller = s.Controller[region];
        canvas.DrawText(r.Name, x, y, SKTextAlign.Left, kit.Bold, kit.Text);
        y += 16;
        var who = controller < 0 ? "nobody" : kit.Layout.Definition.Actors[controller].Name;
        canvas.DrawText($"held by {who}", x, y, SKTextAlign.Left, kit.Small, kit.Text);
        y += 14;
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"population {r.Population:N0}"), x, y, SKTextAlign.Left, kit.Small, kit.Text);
        y += 14;
        for (var a = 0; a < s.ActorCount; a++)
        {
            var strength = s.Strength[(region * s.ActorCount) + a];
            if (strength > 0.5)
            {
                kit.Fill.Color = MapStyle.ActorColor(a);
                canvas.DrawCircle(x + 4, y - 4, 4, kit.Fill);
                canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{kit.Layout.Definition.Actors[a].Id}  {strength:0}"), x + 14, y, SKTextAlign.Left, kit.Small, kit.Text);
                y += 13;
            }
        }

        return y + 6;
    }

    private static float DrawEventList(SceneKit kit, SKCanvas canvas, MapSnapshot s, Viewport view, float x, float y, float bottom, MapStyle style)
    {
        kit.Text.Color = style.Ink;
        canvas.DrawText("Recent events", x, y, SKTextAlign.Left, kit.Bold, kit.Text);
        y += 16;
        var d = kit.Layout.Definition;
        for (var i = s.Recent.Count - 1; i >= 0 && y + 26 < bottom; i--)
        {
            var e = s.Recent[i];
            if ((view.SelectedActor >= 0 && e.Actor.Index != view.SelectedActor && e.Target.Index != view.SelectedActor)
                || (view.SelectedRegion >= 0 && e.Region.Index != view.SelectedRegion))
            {
                continue;
            }

            var date = d.Start.AddDays(e.Tick * d.TickDays);
            var target = d.Actor(e.Target) is { } t ? " > " + t.Id : "";
            var where = d.Region(e.Region) is { } w ? ", " + w.Name : "";
            kit.DrawMarker(canvas, kit.Markers[e.Action], new SKPoint(x + 5, y - 4), new SKColor(0x60, 0, 0), 4);
            kit.Text.Color = style.Ink;
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{date:MM-dd} {d.Actors[e.Actor.Index].Id}{target} {d.Actions[e.Action].Id}{where}"), x + 14, y, SKTextAlign.Left, kit.Small, kit.Text);
            kit.Text.Color = style.Ink.WithAlpha(150);
            canvas.DrawText(kit.EventLabels[e.Action], x + 14, y + 11, SKTextAlign.Left, kit.Small, kit.Text);
            y += 26;
        }

        return y;
    }
}
