using BenchmarkDotNet.Attributes;
using Sim.Engine.Runs.Ensembles;
using Sim.Engine.Scenarios;
using Sim.Output;

namespace Sim.Benchmarks.Ensembles;

/// <summary>
/// A whole Sahel ensemble as <c>sim mc</c> does it: N runs of the default 365-tick horizon on 2 threads, each
/// stored as it finishes and kept in memory, then the runs table, the time-series quantiles and the manifest written
/// as Parquet.
/// Runs per second = N / mean time.
/// </summary>
[MemoryDiagnoser]
public class EnsembleThroughputBenchmarks
{
    private string _scenario = "";
    private string _root = "";
    private EnsemblePlan _plan = null!;

    /// <summary>Runs per ensemble.</summary>
    [Params(1000)]
    public int Runs { get; set; }

    /// <summary>Threads running replicates.</summary>
    [Params(2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scenario = Path.Combine(RepoRoot(), "scenarios", "sahel-2024", "scenario.yaml");
        var definition = ScenarioLoader.Load(_scenario).Definition!;
        _plan = EnsemblePlan.Create(definition, _scenario, 1, Runs, definition.Horizon, [], new ParameterDesign.OnePoint());
        _root = Directory.CreateTempSubdirectory("sim-bench-mc-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public long SahelEnsemble()
    {
        var folder = Path.Combine(_root, "e");
        var ensemble = Ensemble.Prepare(_plan, Scenario.Load(_scenario), Shard.All, folder, resume: false, force: true);
        var stored = ensemble.RunPending(Threads, null, CancellationToken.None, keepInMemory: true);
        using var inMemory = ensemble.TakeRunsInMemory();
        var results = EnsembleResults.Load(folder, inMemory);
        var (files, _) = EnsembleTables.WriteTables(results, TableFormat.Parquet, new HashSet<int>(), 0, null, inMemory, ensemble.SeriesPassBytes);
        EnsembleTables.WriteManifest(results, files);
        return stored;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Sim.sln not found above the benchmark folder.");
    }
}
