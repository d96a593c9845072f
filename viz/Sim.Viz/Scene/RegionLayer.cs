using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>The base map, drawn into the cached static image: land, regions shaded by controller, borders and labels, with the relations over them.</summary>
internal static class RegionLayer
{
    /// <summary>Sea, land, region fills by controller, borders, country and region labels, then the relation edges.</summary>
    public static void Draw(SceneKit kit, SKCanvas canvas, MapSnapshot snapshot, Viewport view, MapStyle style)
    {
        canvas.Clear(style.Panel);
        canvas.Save();
        canvas.ClipRect(new SKRect(0, 0, view.MapWidth, view.MapHeight));
        canvas.Clear(style.Sea);
        var countries = kit.Layout.Countries.Countries;
        kit.Fill.Color = style.Land;
        if (countries.Count == 0)
        {
            // No outlines: the regions' cells split the scenario's area, drawn as land.
            var nw = view.ToScreen(kit.Layout.West, kit.Layout.North);
            var se = view.ToScreen(kit.Layout.East, kit.Layout.South);
            canvas.DrawRect(new SKRect(nw.X, nw.Y, se.X, se.Y), kit.Fill);
        }

        foreach (var c in countries)
        {
            foreach (var ring in c.Rings)
            {
                kit.DrawRing(canvas, ring, view, kit.Fill);
            }
        }

        for (var r = 0; r < kit.Layout.RegionCells.Count; r++)
        {
            var controller = snapshot.Controller[r];
            kit.Fill.Color = MapStyle.ActorColor(controller).WithAlpha(controller < 0 ? (byte)40 : style.RegionAlpha);
            kit.DrawRing(canvas, kit.Layout.RegionCells[r], view, kit.Fill);
        }

        kit.Stroke.Color = style.Border.WithAlpha(90);
        kit.Stroke.StrokeWidth = 0.8f;
        kit.Stroke.PathEffect = null;
        foreach (var cell in kit.Layout.RegionCells)
        {
            kit.DrawRing(canvas, cell, view, kit.Stroke);
        }

        kit.Stroke.Color = style.Border;
        kit.Stroke.StrokeWidth = 1.2f;
        foreach (var c in countries)
        {
            foreach (var ring in c.Rings)
            {
                kit.DrawRing(canvas, ring, view, kit.Stroke);
            }
        }

        kit.Text.Color = style.Border;
        foreach (var (name, lon, lat) in kit.Layout.CountryLabels)
        {
            var p = view.ToScreen(lon, lat);
            canvas.DrawText(name.ToUpperInvariant(), p.X, p.Y, SKTextAlign.Center, kit.Small, kit.Text);
        }

        foreach (var r in kit.Layout.Definition.Regions)
        {
            var p = view.ToScreen(r.Lon, r.Lat);
            kit.Fill.Color = style.Ink;
            canvas.DrawCircle(p, 2.5f, kit.Fill);
            kit.Text.Color = style.Ink;
            canvas.DrawText(r.Name, p.X, p.Y + 14, SKTextAlign.Center, kit.Font, kit.Text);
        }

        RelationLayer.Draw(kit, canvas, snapshot, view);
        canvas.Restore();
    }
}
