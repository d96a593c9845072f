using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>Recent events on the map, fading as they age.</summary>
internal static class EventLayer
{
    /// <summary>Each recent event's marker where it happened (else at its target or actor), fading with age; the newest labelled with its CAMEO code.</summary>
    public static void Draw(SceneKit kit, SKCanvas canvas, MapSnapshot s, Viewport view, MapStyle style)
    {
        var regions = kit.Layout.Definition.Regions;
        for (var i = 0; i < s.Recent.Count; i++)
        {
            var e = s.Recent[i];
            var ageDays = (s.Tick - e.Tick) * s.TickDays;
            var fade = 1 - ((ageDays - 1) / (float)(style.EventDays + 1));
            SKPoint p;
            if (!e.Region.IsNone)
            {
                p = view.ToScreen(regions[e.Region.Index].Lon, regions[e.Region.Index].Lat);
            }
            else if (!e.Target.IsNone)
            {
                p = kit.AnchorOf(e.Target.Index, view);
            }
            else
            {
                p = kit.AnchorOf(e.Actor.Index, view);
            }

            // Spread events of one place a little so they do not stack into one mark.
            var jitter = (i * 2654435761u) >> 27;
            p.Offset(((jitter & 7) - 3.5f) * 3, (((jitter >> 3) & 3) - 1.5f) * 4);
            var alpha = (byte)Math.Clamp(255 * fade, 30, 255);
            kit.DrawMarker(canvas, kit.Markers[e.Action], p, new SKColor(0x60, 0x00, 0x00, alpha), 6);
            if (ageDays <= s.TickDays)
            {
                kit.Text.Color = style.Ink.WithAlpha(alpha);
                canvas.DrawText(kit.Layout.Definition.Actions[e.Action].Cameo, p.X + 8, p.Y - 6, SKTextAlign.Left, kit.Small, kit.Text);
            }
        }
    }
}
