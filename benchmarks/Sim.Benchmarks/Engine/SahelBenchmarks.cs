using BenchmarkDotNet.Attributes;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Benchmarks.Engine;

/// <summary>
/// The Sahel 2024 scenario: a whole 365-tick run (building the run included, loading the file
/// not), and single ticks of a run already 100 ticks in, where allocation per tick must be 0.
/// </summary>
[MemoryDiagnoser]
public class SahelBenchmarks
{
    /// <summary>Ticks per <see cref="OneTick"/> iteration, from tick 100 on: stays inside the 365-tick horizon.</summary>
    private const int TicksPerIteration = 200;

    private ScenarioDefinition _definition = null!;
    private ScenarioRun _run = null!;

    [GlobalSetup]
    public void Setup()
    {
        _definition = RepoScenario.Load("scenarios/sahel-2024/scenario.yaml");
        // The one-tick benchmark's own warm-up (a few hundred ticks) is too short for the JIT to reach its optimised
        // tier: its ticks then measured 7x slower than the whole runs' average. A hundred whole runs first settle it.
        for (var i = 0; i < 100; i++)
        {
            new ScenarioRun(_definition, seed: (ulong)i).Run();
        }
    }

    [Benchmark(Description = "Sahel: whole 365-tick run")]
    public ScenarioRun WholeRun()
    {
        var run = new ScenarioRun(_definition, seed: 42);
        run.Run();
        return run;
    }

    [IterationSetup(Target = nameof(OneTick))]
    public void WarmRun()
    {
        _run = new ScenarioRun(_definition, seed: 42);
        _run.Simulation.Run(100);
    }

    [Benchmark(Description = "Sahel: one tick (from tick 100)", OperationsPerInvoke = 1)]
    [InvocationCount(TicksPerIteration)]
    public void OneTick() => _run.Simulation.Step();
}
