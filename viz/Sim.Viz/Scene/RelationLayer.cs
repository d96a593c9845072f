using SkiaSharp;

namespace Sim.Viz.Scene;

/// <summary>Relations between actors: coloured by affinity band, thickened by escalation rung.</summary>
internal static class RelationLayer
{
    /// <summary>An edge between every two actors that are not neutral or are above rung 0, faded unless it involves the selected actor.</summary>
    public static void Draw(SceneKit kit, SKCanvas canvas, MapSnapshot s, Viewport view)
    {
        kit.Stroke.PathEffect = null;
        for (var a = 0; a < s.ActorCount; a++)
        {
            for (var b = a + 1; b < s.ActorCount; b++)
            {
                var band = SceneKit.RelationBand(s, a, b);
                var rung = s.EscalationOf(a, b);
                if (band == MapStyle.NeutralBand && rung == 0)
                {
                    continue;
                }

                var involved = view.SelectedActor < 0 || view.SelectedActor == a || view.SelectedActor == b;
                kit.Stroke.Color = MapStyle.Bands[band].Color.WithAlpha(involved ? (byte)190 : (byte)40);
                kit.Stroke.StrokeWidth = 1 + (rung * 0.7f);
                canvas.DrawLine(kit.AnchorOf(a, view), kit.AnchorOf(b, view), kit.Stroke);
            }
        }
    }
}
