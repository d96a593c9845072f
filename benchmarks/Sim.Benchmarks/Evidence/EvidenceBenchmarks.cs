using BenchmarkDotNet.Attributes;
using Sim.Engine.Evidence;

namespace Sim.Benchmarks.Evidence;

/// <summary>
/// What a calibration pays per simulated run beyond the run itself: the summary statistics of its events (with a
/// layout built once, and through <see cref="SummaryStatistics.Simulated"/>, which builds one per call), and, once
/// per calibration, reading the whole GED extract.
/// </summary>
[MemoryDiagnoser]
public class EvidenceBenchmarks
{
    private Scenario _scenario = null!;
    private IReadOnlyList<RunEvent> _events = null!;
    private SummaryLayout _layout = null!;
    private SummaryWindow _window;
    private string _ged = "";

    [GlobalSetup]
    public void Setup()
    {
        _scenario = Scenario.Load(Find("tests/Sim.Engine.Tests/Evidence/data/mali-2023-test.yaml"));
        _ged = Find("data/ucdp/ucdp_ged_sahel_extract.csv");
        var run = _scenario.StartRun(seed: 1);
        run.Run();
        _events = run.Events;
        _window = new SummaryWindow(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 1));
        _layout = new SummaryLayout(_scenario.Definition, _window);
    }

    [Benchmark(Description = "statistics of one 365-tick run, layout built once")]
    public SummaryVector WithLayout() => _layout.Simulated(_events);

    [Benchmark(Description = "statistics of one 365-tick run, SummaryStatistics.Simulated")]
    public SummaryVector Simulated() => SummaryStatistics.Simulated(_events, _scenario, _window);

    [Benchmark(Description = "read and map the GED extract (4,212 rows)")]
    public Observations LoadGed() => Observations.Load(_ged, _scenario);

    private static string Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}.");
    }
}
