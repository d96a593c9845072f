using System.Globalization;
using Sim.Engine.Core;
using Sim.Engine.Model;
using Sim.Engine.Runs;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;

namespace Sim;

/// <summary>What a run adds to the model: invariant checks and systems of the caller's own.</summary>
public sealed record RunOptions
{
    /// <summary>
    /// Check the model's <see cref="Invariants"/> at the start and after every system of every tick, throwing
    /// <see cref="InvariantViolationException"/> at the first one broken; the run is the same either way.
    /// </summary>
    public bool Check { get; init; }

    /// <summary>
    /// Systems run each tick after the model's own, in order, built from the run's state (see docs/library.md). With
    /// <see cref="Check"/>, one that implements <see cref="IModelSystem"/> (declaring what it changes) is checked too.
    /// </summary>
    public Func<ModelState, IEnumerable<ISystem>>? AddSystems { get; init; }

    /// <summary>
    /// A finished run whose event log and recorded series arrays this run takes over (when the shapes match), so that an
    /// ensemble's runs on one thread do not each allocate and clear them afresh; that run must not be read afterwards.
    /// </summary>
    internal ScenarioRun? Reuse { get; init; }
}

/// <summary>
/// One run of a scenario: a pure function of (scenario with its overrides, seed, ticks). <see cref="Step()"/> it or
/// <see cref="Run"/> it to the end, and read its state by id, its events, its recorded series and its outcomes by name.
/// </summary>
public sealed class ScenarioRun
{
    /// <summary>Builds the starting state of a run of <paramref name="scenario"/>.</summary>
    public ScenarioRun(Scenario scenario, ulong seed, int? ticks = null, RunOptions? options = null)
        : this(scenario?.Definition!, seed, ticks, options)
    {
    }

    /// <summary>Builds the starting state of a run of a resolved definition.</summary>
    /// <param name="definition">The scenario.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="ticks">How many ticks (default: the scenario's horizon).</param>
    /// <param name="options">Invariant checks and extra systems.</param>
    public ScenarioRun(ScenarioDefinition definition, ulong seed, int? ticks = null, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Seed = seed;
        Ticks = ticks ?? definition.Horizon;
        ArgumentOutOfRangeException.ThrowIfNegative(Ticks, nameof(ticks));
        if (Ticks > definition.MaxTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(ticks), Ticks, string.Create(CultureInfo.InvariantCulture,
                $"{Ticks} ticks of {definition.TickDays} days from {definition.Start:yyyy-MM-dd} pass 9999-12-31; at most {definition.MaxTicks}"));
        }
        var clock = new WorldClock(definition.Start, definition.TickDays);
        State = new ModelState(definition, clock, options?.Reuse?.State.Events);
        IEnumerable<ISystem> systems = ModelSystems.Create(State);
        if (options?.AddSystems is { } add)
        {
            systems = [.. systems, .. add(State)];
        }

        if (options?.Check == true)
        {
            var invariants = new Invariants(State);
            if (invariants.CheckState() is { } message)
            {
                throw new InvariantViolationException(new InvariantViolation(-1, "start", message));
            }

            // A system of the caller's own is checked when it declares what it changes.
            systems = [.. systems.Select(s => s is IModelSystem m ? new CheckedSystem(m, invariants) : s)];
        }

        Simulation = new Simulation(State.World, clock, seed, systems);
        Recorder = new Recorder(State, Ticks, options?.Reuse?.Recorder);
        Simulation.Observe(Recorder);
    }

    /// <summary>The scenario.</summary>
    public ScenarioDefinition Definition { get; }

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; }

    /// <summary>How many ticks the run lasts.</summary>
    public int Ticks { get; }

    /// <summary>The tick about to run (ticks done so far).</summary>
    public int Tick => Simulation.Clock.Tick;

    /// <summary>The date of <see cref="Tick"/>.</summary>
    public DateOnly Date => Definition.DateOf(Tick);

    /// <summary>Whether every tick has run.</summary>
    public bool IsFinished => Tick >= Ticks;

    /// <summary>The run's model state (for systems and observers).</summary>
    public ModelState State { get; }

    /// <summary>The tick loop.</summary>
    public Simulation Simulation { get; }

    /// <summary>The recorded series.</summary>
    public Recorder Recorder { get; }

    /// <summary>Runs one tick.</summary>
    /// <exception cref="InvalidOperationException">The run is finished.</exception>
    public void Step() => Step(1);

    /// <summary>Runs <paramref name="ticks"/> more ticks, at most to the end of the run.</summary>
    /// <exception cref="InvalidOperationException">More ticks than are left.</exception>
    public void Step(int ticks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        if (ticks > Ticks - Tick)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"the run lasts {Ticks} ticks and is at tick {Tick}: {ticks} more would pass its end (start the run with more ticks)"));
        }

        Simulation.Run(ticks);
    }

    /// <summary>Runs every remaining tick, reporting the ticks done in this call.</summary>
    public void Run(IProgress<int>? progress = null, CancellationToken cancellation = default) =>
        Simulation.Run(Ticks - Tick, progress, cancellation);

    /// <summary>Adds an observer called after every tick (after the recorder).</summary>
    public void Observe(ITickObserver observer) => Simulation.Observe(observer);

    /// <summary>Affinity of <paramref name="from"/> toward <paramref name="to"/>, in [-1, 1].</summary>
    public double Affinity(string from, string to) => State.Affinity[ActorIndex(from), ActorIndex(to)];

    /// <summary>The escalation rung (0-9) of the pair.</summary>
    public int Escalation(string a, string b) => State.Escalation[ActorIndex(a), ActorIndex(b)];

    /// <summary>The id of the actor that controls <paramref name="region"/>, or null when no one does.</summary>
    public string? Controller(string region) =>
        State.RegionOf(RegionIndex(region)).Controller is var c and >= 0 ? Definition.Actors[c].Id : null;

    /// <summary>The strength of <paramref name="actor"/>'s forces, everywhere or in one region.</summary>
    public double Strength(string actor, string? region = null) =>
        State.Strengths.Of(ActorIndex(actor), region is null ? -1 : RegionIndex(region));

    /// <summary>The actor's power (military and economic weight).</summary>
    public double Power(string actor) => State.CapabilityOf(ActorIndex(actor)).Power;

    /// <summary>The actor's cohesion, in [0, 1].</summary>
    public double Cohesion(string actor) => State.PoliticsOf(ActorIndex(actor)).Cohesion;

    /// <summary>Fatalities so far, in all or one region.</summary>
    public double Fatalities(string? region = null, bool civilians = false) =>
        State.Queries.Fatalities(region is null ? -1 : RegionIndex(region), civilians);

    /// <summary>Every event so far, with names (a new list on each call: read it once per tick at most).</summary>
    public IReadOnlyList<RunEvent> Events
    {
        get
        {
            var all = State.Events.All;
            var list = new List<RunEvent>(all.Length);
            foreach (ref readonly var e in all)
            {
                list.Add(RunEvent.From(Definition, e));
            }

            return list;
        }
    }

    /// <summary>The names of the recorded series (the scenario's <c>record:</c> section plus run-wide totals).</summary>
    public IReadOnlyList<string> SeriesNames => [.. Recorder.Columns.Select(c => c.Name)];

    /// <summary>A recorded series, one value per tick done (a controller series holds actor indices, -1 for none).</summary>
    /// <exception cref="ArgumentException">No series has this name.</exception>
    public double[] Series(string name)
    {
        var columns = Recorder.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Name == name)
            {
                return Recorder.Series(c).ToArray();
            }
        }

        throw new ArgumentException($"no recorded series '{name}' (recorded: {string.Join(", ", SeriesNames)})", nameof(name));
    }

    /// <summary>Every outcome's value now, by id: a number, or 1/0 for a true/false outcome.</summary>
    public IReadOnlyDictionary<string, double> Outcomes
    {
        get
        {
            var values = EvaluateOutcomes();
            var outcomes = new Dictionary<string, double>(values.Length, StringComparer.Ordinal);
            for (var o = 0; o < values.Length; o++)
            {
                outcomes.Add(Definition.Outcomes[o].Id, values[o]);
            }

            return outcomes;
        }
    }

    /// <summary>One outcome's value now.</summary>
    /// <exception cref="ArgumentException">No outcome has this id.</exception>
    public double Outcome(string id)
    {
        foreach (var o in Definition.Outcomes)
        {
            if (o.Id == id)
            {
                return o.Expr.EvaluateNumber(State.Queries);
            }
        }

        throw new ArgumentException($"no outcome '{id}' (outcomes: {string.Join(", ", Definition.Outcomes.Select(x => x.Id))})", nameof(id));
    }

    /// <summary>Every outcome's value now, in the scenario's order: a number, or 1/0 for a true/false outcome.</summary>
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

    private int ActorIndex(string id) => Definition.ActorIndex(id) is var i and >= 0
        ? i
        : throw new ArgumentException($"no actor '{id}' (actors: {string.Join(", ", Definition.Actors.Select(a => a.Id))})", nameof(id));

    private int RegionIndex(string id) => Definition.RegionIndex(id) is var i and >= 0
        ? i
        : throw new ArgumentException($"no region '{id}' (regions: {string.Join(", ", Definition.Regions.Select(r => r.Id))})", nameof(id));
}
