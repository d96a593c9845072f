using Sim.Viz.Scene;
using SkiaSharp;

namespace Sim.Viz.Tests.Scene;

public class MapSceneTests
{
    private const string GoldenName = "sahel-seed7-tick10.png";

    // Anti-aliasing may differ by a few levels between CPUs' Skia code paths; a moved line or missing text differs by far more.
    private const int Tolerance = 24;
    private const int AllowedOutliers = 200;

    [Test]
    public void Draw_SahelSeed7Tick10_MatchesGoldenPng()
    {
        using var actual = TestData.RenderSahel(7, 10);
        var golden = TestData.Golden(GoldenName);
        if (Environment.GetEnvironmentVariable("SIM_UPDATE_GOLDEN") == "1")
        {
            TestData.SavePng(actual, golden);
            Assert.Warn($"rewrote {golden}");
        }

        using var expected = SKBitmap.Decode(golden);
        Assert.That(expected, Is.Not.Null, $"{golden} is missing; run the tests with SIM_UPDATE_GOLDEN=1 to write it");
        var differing = TestData.DifferingPixels(actual, expected, Tolerance);
        if (differing > AllowedOutliers)
        {
            var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "actual-" + GoldenName);
            TestData.SavePng(actual, path);
            Assert.Fail($"{differing} pixels differ from {golden} by more than {Tolerance}; this render is at {path}");
        }
    }

    [Test]
    public void Draw_PanelTitle_TextIsVisible()
    {
        using var frame = TestData.RenderSahel(7, 0);

        // The scenario's name is written at the top of the side panel in dark ink.
        var dark = 0;
        for (var y = 5; y < 30; y++)
        {
            for (var x = TestData.Width - Viewport.PanelWidth + 10; x < TestData.Width - 10; x++)
            {
                var c = frame.GetPixel(x, y);
                dark += c.Red < 100 && c.Green < 100 && c.Blue < 100 ? 1 : 0;
            }
        }

        Assert.That(dark, Is.GreaterThan(80), "no text in the panel title: is the embedded font loading?");
    }

    [Test]
    public void Draw_LaterTick_DiffersFromStart()
    {
        using var start = TestData.RenderSahel(7, 0);
        using var later = TestData.RenderSahel(7, 20);
        Assert.That(TestData.DifferingPixels(start, later, Tolerance), Is.GreaterThan(1000));
    }

    [Test]
    public void Draw_SameSeedAndTick_IsIdentical()
    {
        using var a = TestData.RenderSahel(3, 12);
        using var b = TestData.RenderSahel(3, 12);
        Assert.That(TestData.DifferingPixels(a, b, 0), Is.Zero);
    }

    [Test]
    public void Draw_CachedStaticLayer_GivesTheSamePixelsAsAFreshScene()
    {
        using var fresh = TestData.RenderSahel(7, 15);
        using var session = TestData.SahelSession(7);
        var view = Viewport.Fit(session.Layout, TestData.Width, TestData.Height);
        using var renderer = new Sim.Viz.Headless.HeadlessRenderer(TestData.Width, TestData.Height);

        // Frames at other ticks and views fill the cache; the last frame must not show any of them.
        renderer.Render(session, view.PanBy(40, 10));
        while (session.Tick < 15)
        {
            session.Step();
            renderer.Render(session, view);
        }

        using var cached = new SKBitmap(renderer.Info);
        renderer.Pixels.CopyTo(cached.GetPixelSpan());
        Assert.That(TestData.DifferingPixels(fresh, cached, 0), Is.Zero);
    }

    [Test]
    public void Draw_SelectedActor_ListsItsRelationsInPanel()
    {
        var mali = TestData.Sahel().Actors.Single(a => a.Id == "MLI").Index;
        using var plain = TestData.RenderSahel(7, 5);
        using var selected = TestData.RenderSahel(7, 5, v => v with { SelectedActor = mali });
        var panelChanged = 0;
        for (var y = 60; y < 300; y++)
        {
            for (var x = TestData.Width - Viewport.PanelWidth; x < TestData.Width; x++)
            {
                panelChanged += plain.GetPixel(x, y) != selected.GetPixel(x, y) ? 1 : 0;
            }
        }

        Assert.That(panelChanged, Is.GreaterThan(500));
    }

    [Test]
    public void HitTest_ActorMarkerAndRegionCell_AreFound()
    {
        using var session = TestData.SahelSession(1);
        var view = Viewport.Fit(session.Layout, TestData.Width, TestData.Height);
        var d = session.Layout.Definition;
        var tamanrasset = d.Regions.Single(r => r.Id == "tamanrasset");
        var p = view.ToScreen(tamanrasset.Lon, tamanrasset.Lat);

        Assert.That(session.Scene.HitTest(view, p.X, p.Y + 20), Is.EqualTo((-1, tamanrasset.Index)));

        var mali = d.Actors.Single(a => a.Id == "MLI");
        var bamako = d.Region(mali.Capital)!;
        var b = view.ToScreen(bamako.Lon, bamako.Lat);
        Assert.That(session.Scene.HitTest(view, b.X + 10, b.Y - 10), Is.EqualTo((mali.Index, -1)));

        Assert.That(session.Scene.HitTest(view, TestData.Width - 5, 5), Is.EqualTo((-1, -1)), "the panel is not the map");
    }

    [Test]
    public void MarkerOf_AcledTypes_PickTheirShapes()
    {
        var actions = TestData.Sahel().Actions;
        Assert.Multiple(() =>
        {
            Assert.That(MapScene.MarkerOf(actions.Single(a => a.Id == "clash")), Is.EqualTo(EventMarker.Battle));
            Assert.That(MapScene.MarkerOf(actions.Single(a => a.Id == "drone_strike")), Is.EqualTo(EventMarker.Strike));
            Assert.That(MapScene.MarkerOf(actions.Single(a => a.Id == "attack_civilians")), Is.EqualTo(EventMarker.Civilians));
            Assert.That(MapScene.MarkerOf(actions.Single(a => a.Id == "protest")), Is.EqualTo(EventMarker.Protest));
            Assert.That(MapScene.MarkerOf(actions.Single(a => a.Id == "aid")), Is.EqualTo(EventMarker.Other));
        });
    }
}
