using BenchmarkDotNet.Attributes;
using Sim.Engine.Scenarios;
using Sim.Viz;
using Sim.Viz.Geo;
using Sim.Viz.Scene;
using SkiaSharp;

namespace Sim.Benchmarks.Viz;

/// <summary>
/// Frame time of the Sahel map at 1280x800 on a raster surface (what 'sim render' does and what
/// the live window blits), 30 ticks into a run. Cached: the view is unchanged, so land,
/// borders, region fills and labels come from the cached image. Uncached: the view moves by a
/// pixel every frame (as while dragging), so the static layer is redrawn too.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through GlobalCleanup.")]
public class MapFrameBenchmarks
{
    private ViewSession _session = null!;
    private SKSurface _surface = null!;
    private Viewport _view;
    private int _frame;

    [GlobalSetup]
    public void Setup()
    {
        var file = FindScenario();
        var definition = ScenarioLoader.Load(file).Definition ?? throw new InvalidOperationException($"cannot load {file}");
        _session = new ViewSession(definition, CountryMap.ForScenario(file), seed: 7);
        while (_session.Tick < 30)
        {
            _session.Step();
        }

        _view = Viewport.Fit(_session.Layout, 1280, 800);
        _surface = SKSurface.Create(new SKImageInfo(1280, 800, SKColorType.Rgba8888, SKAlphaType.Premul));
        _session.Scene.Draw(_surface.Canvas, _session.Snapshot, _view, _session.Style);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _surface.Dispose();
        _session.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void FrameStaticCached()
    {
        _session.Scene.Draw(_surface.Canvas, _session.Snapshot, _view, _session.Style);
        _surface.Canvas.Flush();
    }

    [Benchmark]
    public void FrameStaticRedrawn()
    {
        var view = _view.PanBy((_frame++ & 1) == 0 ? 1 : -1, 0);
        _session.Scene.Draw(_surface.Canvas, _session.Snapshot, view, _session.Style);
        _surface.Canvas.Flush();
    }

    private static string FindScenario()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sim.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? ".", "scenarios", "sahel-2024", "scenario.yaml");
    }
}
