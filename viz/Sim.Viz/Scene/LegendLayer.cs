using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>The legend: affinity bands, event markers, rung widths, force sizes.</summary>
internal static class LegendLayer
{
    /// <summary>The legend with its top-left at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void Draw(SceneKit kit, SKCanvas canvas, float x, float y, MapStyle style)
    {
        kit.Text.Color = style.Ink;
        canvas.DrawText("Legend", x, y, SKTextAlign.Left, kit.Bold, kit.Text);
        y += 16;
        var bands = MapStyle.Bands;
        for (var i = 0; i < bands.Count; i++)
        {
            kit.Stroke.Color = bands[i].Color;
            kit.Stroke.StrokeWidth = 3;
            var bx = x + ((i % 3) * 92);
            var by = y + ((i / 3) * 14);
            canvas.DrawLine(bx, by - 4, bx + 18, by - 4, kit.Stroke);
            canvas.DrawText(bands[i].Name, bx + 22, by, SKTextAlign.Left, kit.Small, kit.Text);
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
            kit.DrawMarker(canvas, markers[i].Marker, new SKPoint(bx + 5, by - 4), new SKColor(0x60, 0, 0), 5);
            canvas.DrawText(markers[i].Name, bx + 16, by, SKTextAlign.Left, kit.Small, kit.Text);
        }

        y += 50;
        kit.Stroke.Color = style.Ink;
        for (var rung = 0; rung <= 9; rung += 3)
        {
            kit.Stroke.StrokeWidth = 1 + (rung * 0.7f);
            var bx = x + (rung / 3 * 30);
            canvas.DrawLine(bx, y - 4, bx + 20, y - 4, kit.Stroke);
        }

        canvas.DrawText("rung 0, 3, 6, 9", x + 124, y, SKTextAlign.Left, kit.Small, kit.Text);
        y += 22;
        kit.Fill.Color = style.Ink.WithAlpha(120);
        canvas.DrawCircle(x + 5, y - 4, SceneKit.ForceRadius(100), kit.Fill);
        canvas.DrawCircle(x + 30, y - 4, SceneKit.ForceRadius(1000), kit.Fill);
        canvas.DrawText("forces: 100, 1000", x + 50, y, SKTextAlign.Left, kit.Small, kit.Text);
    }
}
