using Sim.Engine.Scenarios;
using Sim.Viz.Geo;
using Sim.Viz.Headless;
using Sim.Viz.Scene;
using SkiaSharp;

namespace Sim.Viz.Tests;

/// <summary>Repository files, the Sahel scenario and image comparison shared by the tests.</summary>
internal static class TestData
{
    public const int Width = 1280;
    public const int Height = 800;

    public static string Root { get; } = FindRoot();

    public static string SahelFile => Path.Combine(Root, "scenarios", "sahel-2024", "scenario.yaml");

    public static string Golden(string name) => Path.Combine(Root, "tests", "Sim.Viz.Tests", "golden", name);

    public static ScenarioDefinition Sahel()
    {
        var result = ScenarioLoader.Load(SahelFile);
        Assert.That(result.Success, Is.True, string.Join('\n', result.Diagnostics));
        return result.Definition!;
    }

    public static ViewSession SahelSession(ulong seed) => new(Sahel(), CountryMap.ForScenario(SahelFile), seed);

    /// <summary>The headless frame of the Sahel run at <paramref name="tick"/>, decoded.</summary>
    public static SKBitmap RenderSahel(ulong seed, int tick, Func<Viewport, Viewport>? adjust = null)
    {
        using var session = SahelSession(seed);
        while (session.Tick < tick)
        {
            session.Step();
        }

        var view = Viewport.Fit(session.Layout, Width, Height);
        view = adjust?.Invoke(view) ?? view;
        using var renderer = new HeadlessRenderer(Width, Height);
        renderer.Render(session, view);
        var bitmap = new SKBitmap(renderer.Info);
        renderer.Pixels.CopyTo(bitmap.GetPixelSpan());
        return bitmap;
    }

    /// <summary>Pixels whose largest channel difference exceeds <paramref name="tolerance"/>.</summary>
    public static int DifferingPixels(SKBitmap a, SKBitmap b, int tolerance)
    {
        Assert.That((a.Width, a.Height), Is.EqualTo((b.Width, b.Height)), "image sizes differ");
        using var ca = a.Copy(SKColorType.Rgba8888);
        using var cb = b.Copy(SKColorType.Rgba8888);
        var pa = ca.GetPixelSpan();
        var pb = cb.GetPixelSpan();
        var count = 0;
        for (var i = 0; i < pa.Length; i += 4)
        {
            var worst = 0;
            for (var c = 0; c < 4; c++)
            {
                worst = Math.Max(worst, Math.Abs(pa[i + c] - pb[i + c]));
            }

            count += worst > tolerance ? 1 : 0;
        }

        return count;
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    public static void SavePng(SKBitmap bitmap, string path)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Sim.sln not found above the test folder.");
    }
}
