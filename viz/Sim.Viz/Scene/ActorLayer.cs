using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>Actors' markers.</summary>
internal static class ActorLayer
{
    /// <summary>Each actor's square beside its anchor region (or in the off-map row), outlined in black when selected, with its id.</summary>
    public static void Draw(SceneKit kit, SKCanvas canvas, Viewport view, MapStyle style)
    {
        var actors = kit.Layout.Definition.Actors;
        for (var a = 0; a < actors.Length; a++)
        {
            var p = kit.AnchorOf(a, view);
            var selected = view.SelectedActor == a;
            kit.Fill.Color = MapStyle.ActorColor(a);
            canvas.DrawRect(p.X - 6, p.Y - 6, 12, 12, kit.Fill);
            kit.Stroke.Color = selected ? SKColors.Black : SKColors.White;
            kit.Stroke.StrokeWidth = selected ? 3 : 1.5f;
            canvas.DrawRect(p.X - 6, p.Y - 6, 12, 12, kit.Stroke);
            kit.Text.Color = style.Ink;
            canvas.DrawText(actors[a].Id, p.X, p.Y - 9, SKTextAlign.Center, kit.Bold, kit.Text);
        }
    }
}
