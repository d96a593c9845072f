using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>Forces: one disc per actor and region, sized by strength.</summary>
internal static class ForceLayer
{
    /// <summary>Each actor's forces in each region, a disc sized by strength, discs of one region spread around its centre.</summary>
    public static void Draw(SceneKit kit, SKCanvas canvas, MapSnapshot s, Viewport view)
    {
        var regions = kit.Layout.Definition.Regions;
        kit.Stroke.StrokeWidth = 1;
        kit.Stroke.Color = SKColors.White;
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
                var radius = SceneKit.ForceRadius(strength);
                var spread = present == 1 ? 0 : radius + 4;
                var p = new SKPoint(center.X + (float)(spread * Math.Cos(angle)), center.Y + (float)(spread * Math.Sin(angle)));
                kit.Fill.Color = MapStyle.ActorColor(a).WithAlpha(150);
                canvas.DrawCircle(p, radius, kit.Fill);
                canvas.DrawCircle(p, radius, kit.Stroke);
            }
        }
    }
}
