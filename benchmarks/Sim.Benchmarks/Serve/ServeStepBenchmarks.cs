using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Sim.Serve;
using Sim.Viz.Geo;

namespace Sim.Benchmarks.Serve;

/// <summary>
/// What one request of the <c>sim serve</c> page costs the server on the Sahel scenario, without the HTTP around it.
/// Step: one tick of the live run (the simulation step and the map snapshot), then the state the page gets (the series
/// since its last tick, the event feed, the outcomes now) as JSON bytes; the run starts again when it ends, so the
/// steps cover every tick of the year (a restart is one step in 365). Frame: the map as PNG at the page's size.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes through GlobalCleanup.")]
public class ServeStepBenchmarks
{
    private LiveSession _session = null!;

    [GlobalSetup]
    public void Setup()
    {
        var file = FindScenario();
        _session = new LiveSession(Scenario.Load(file), CountryMap.ForScenario(file), 7);
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] Step()
    {
        var tick = _session.Tick;
        if (tick >= 365)
        {
            _session.Reset(7, new Dictionary<string, double>());
            tick = 0;
        }

        return JsonSerializer.SerializeToUtf8Bytes(_session.Step(1, tick), ServeServer.Json);
    }

    [Benchmark]
    public byte[] FramePng() => _session.Frame(660, 410);

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
