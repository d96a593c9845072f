using BenchmarkDotNet.Attributes;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Benchmarks.Engine;

/// <summary>
/// One tick of the generated scale scenario (1,000 actors, 10,000 regions) as forces grow from
/// 10,000 to 1,000,000: how tick time grows with the number of entities.
/// </summary>
[MemoryDiagnoser]
public class ScaleBenchmarks
{
    private ScenarioDefinition _definition = null!;
    private ScenarioRun _run = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Forces { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _definition = ScaleScenario.Load();
        _run = ScaleScenario.Build(_definition, Forces);
        _run.Simulation.Run(3); // first-tick caches and buffers
    }

    [Benchmark(Description = "Scale: one tick")]
    public void OneTick() => _run.Simulation.Step();
}
