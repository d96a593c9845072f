using Sim.Engine.Model;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Runs;

/// <summary>
/// One run of a scenario: a pure function of (definition with its overrides, seed, ticks).
/// Build it, <see cref="Run"/> it, then read its state, recorded series and outcomes.
/// </summary>
public sealed class ScenarioRun
{
    /// <summary>Builds the starting state of a run.</summary>
    /// <param name="definition">The scenario.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="ticks">How many ticks (default: the scenario's horizon).</param>
    /// <param name="check">Check the model's <see cref="Invariants"/> at the start and after every system of every tick,
    /// throwing <see cref="InvariantViolationException"/> at the first one broken; the outputs are the same bytes either way.</param>
    public ScenarioRun(ScenarioDefinition definition, ulong seed, int? ticks = null, bool check = false)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Seed = seed;
        Ticks = ticks ?? definition.Horizon;
        ArgumentOutOfRangeException.ThrowIfNegative(Ticks);
        var clock = new WorldClock(definition.Start, definition.TickDays);
        State = new ModelState(definition, clock);
        var systems = ModelSystems.Create(State);
        if (check)
        {
            var invariants = new Invariants(State);
            if (invariants.CheckState() is { } message)
            {
                throw new InvariantViolationException(new InvariantViolation(-1, "start", message));
            }

            systems = [.. systems.Select(s => new CheckedSystem(s, invariants))];
        }

        Simulation = new Simulation(State.World, clock, seed, systems);
        Recorder = new Recorder(State, Ticks);
        Simulation.Observe(Recorder);
    }

    /// <summary>The scenario.</summary>
    public ScenarioDefinition Definition { get; }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; }

    /// <summary>How many ticks the run lasts.</summary>
    public int Ticks { get; }

    /// <summary>The run's model state.</summary>
    public ModelState State { get; }

    /// <summary>The tick loop.</summary>
    public Simulation Simulation { get; }

    /// <summary>The recorded series.</summary>
    public Recorder Recorder { get; }

    /// <summary>Runs every remaining tick.</summary>
    public void Run(IProgress<int>? progress = null, CancellationToken cancellation = default) =>
        Simulation.Run(Ticks - Simulation.Clock.Tick, progress, cancellation);

    /// <summary>Every outcome's value now: a number, or 1/0 for a bool outcome.</summary>
    public double[] EvaluateOutcomes()
    {
        var outcomes = Definition.Outcomes;
        var values = new double[outcomes.Length];
        for (var o = 0; o < outcomes.Length; o++)
        {
            values[o] = outcomes[o].Expr.EvaluateNumber(State.Queries);
        }

        return values;
    }
}
