using System.Globalization;
using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>The escalation strip under the map.</summary>
internal static class StripLayer
{
    /// <summary>The rung of each recorded pair over the run so far, under the map, with a line at the current tick.</summary>
    public static void Draw(SceneKit kit, SKCanvas canvas, MapSnapshot s, Viewport view, MapStyle style)
    {
        float left = 96, top = view.MapHeight + 14, right = view.MapWidth - 10, bottom = view.Height - 18;
        kit.Text.Color = style.Ink;
        canvas.DrawText("Escalation", 8, top + 8, SKTextAlign.Left, kit.Small, kit.Text);
        kit.Stroke.Color = style.Border.WithAlpha(120);
        kit.Stroke.StrokeWidth = 1;
        canvas.DrawRect(left, top, right - left, bottom - top, kit.Stroke);
        for (var rung = 0; rung <= 9; rung += 3)
        {
            var gy = bottom - ((bottom - top) * rung / 9);
            canvas.DrawText(rung.ToString(CultureInfo.InvariantCulture), left - 6, gy + 4, SKTextAlign.Right, kit.Small, kit.Text);
        }

        var horizon = Math.Max(1, s.Horizon);
        var nowX = left + ((right - left) * Math.Min(s.Tick, horizon) / horizon);
        canvas.DrawLine(nowX, top, nowX, bottom, kit.Stroke);
        var pairs = kit.Layout.SeriesPairs;
        var actors = kit.Layout.Definition.Actors;
        for (var p = 0; p < pairs.Count; p++)
        {
            var series = s.Series(p);
            var color = MapStyle.ActorColor(p + 4);
            kit.Path.Rewind();
            for (var t = 0; t < series.Count && t <= horizon; t++)
            {
                var px = left + ((right - left) * t / horizon);
                var py = bottom - ((bottom - top) * series[t] / 9) - (p * 1.5f);
                if (t == 0)
                {
                    kit.Path.MoveTo(px, py);
                }
                else
                {
                    kit.Path.LineTo(px, py);
                }
            }

            kit.Stroke.Color = color;
            kit.Stroke.StrokeWidth = 2;
            canvas.DrawPath(kit.Path, kit.Stroke);
            kit.Text.Color = color;
            canvas.DrawText($"{actors[pairs[p].A].Id}-{actors[pairs[p].B].Id}", 8, top + 24 + (p * 12), SKTextAlign.Left, kit.Small, kit.Text);
        }
    }
}
