using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Sim.Engine.Scenarios;

/// <summary>
/// A validated scenario with every id resolved to an integer index. Immutable: a run builds its world
/// from it and never changes it, so one definition can feed any number of runs in parallel.
/// </summary>
public sealed class ScenarioDefinition
{
    private FrozenDictionary<string, int> _actorIndex = FrozenDictionary<string, int>.Empty;
    private FrozenDictionary<string, int> _regionIndex = FrozenDictionary<string, int>.Empty;
    private FrozenDictionary<string, int> _actionIndex = FrozenDictionary<string, int>.Empty;
    private FrozenDictionary<string, int> _parameterIndex = FrozenDictionary<string, int>.Empty;
    private ImmutableArray<ParameterDefinition> _parameters = [];
    private ImmutableArray<string> _overrides = [];

    internal ScenarioDefinition() { }

    /// <summary>Scenario name.</summary>
    public string Name { get; internal init; } = "";
    /// <summary>Free text description, or null.</summary>
    public string? Description { get; internal init; }
    /// <summary>Date of tick 0.</summary>
    public DateOnly Start { get; internal init; }
    /// <summary>Days per tick (1 for <c>1d</c>, 7 for <c>1w</c>).</summary>
    public int TickDays { get; internal init; } = 1;
    /// <summary>Default number of ticks a run lasts.</summary>
    public int Horizon { get; internal init; }
    /// <summary>Where the horizon is set, as <c>file:line:col</c> (the <c>scenario</c> section when it is left to its default).</summary>
    public string HorizonAt { get; internal init; } = "";

    /// <summary>Parameters, by index (values include <c>--set</c> overrides).</summary>
    public ImmutableArray<ParameterDefinition> Parameters { get => _parameters; internal init => _parameters = value; }
    /// <summary>Actors, by index.</summary>
    public ImmutableArray<ActorDefinition> Actors { get; internal init; } = [];
    /// <summary>Regions, by index.</summary>
    public ImmutableArray<RegionDefinition> Regions { get; internal init; } = [];
    /// <summary>Starting forces.</summary>
    public ImmutableArray<ForceDefinition> Forces { get; internal init; } = [];
    /// <summary>Starting relations (pairs not listed start neutral: affinity 0, rung 0).</summary>
    public ImmutableArray<RelationDefinition> Relations { get; internal init; } = [];
    /// <summary>The action catalog: the engine's defaults (possibly overridden) followed by the scenario's own, by index.</summary>
    public ImmutableArray<ActionDefinition> Actions { get; internal init; } = [];
    /// <summary>Rules, in file order (the order they are checked each tick).</summary>
    public ImmutableArray<RuleDefinition> Rules { get; internal init; } = [];
    /// <summary>Scheduled effects, sorted by tick (file order within a tick).</summary>
    public ImmutableArray<TimelineEntry> Timeline { get; internal init; } = [];
    /// <summary>Outcomes.</summary>
    public ImmutableArray<OutcomeDefinition> Outcomes { get; internal init; } = [];
    /// <summary>Series to record.</summary>
    public RecordDefinition Record { get; internal init; } = new();

    /// <summary>The files read, root first then includes in load order, as displayed in diagnostics.</summary>
    public ImmutableArray<string> Files { get; internal init; } = [];

    /// <summary>The parameter overrides applied, as given (<c>name=value</c>).</summary>
    public ImmutableArray<string> Overrides { get => _overrides; internal init => _overrides = value; }

    /// <summary>
    /// Lower-case hex SHA-256 of the files' canonical bytes in load order (see docs/scenarios.md), for run manifests.
    /// Overrides are not part of it: a manifest records them beside the hash.
    /// </summary>
    public string Hash { get; internal init; } = "";

    internal IReadOnlyDictionary<string, int> ActorIds { get => _actorIndex; init => _actorIndex = value.ToFrozenDictionary(StringComparer.Ordinal); }
    internal IReadOnlyDictionary<string, int> RegionIds { get => _regionIndex; init => _regionIndex = value.ToFrozenDictionary(StringComparer.Ordinal); }
    internal IReadOnlyDictionary<string, int> ActionIds { get => _actionIndex; init => _actionIndex = value.ToFrozenDictionary(StringComparer.Ordinal); }
    internal IReadOnlyDictionary<string, int> ParameterIds { get => _parameterIndex; init => _parameterIndex = value.ToFrozenDictionary(StringComparer.Ordinal); }

    /// <summary>Index of the actor with this id, or -1.</summary>
    public int ActorIndex(string id) => _actorIndex.GetValueOrDefault(id, -1);
    /// <summary>Index of the region with this id, or -1.</summary>
    public int RegionIndex(string id) => _regionIndex.GetValueOrDefault(id, -1);
    /// <summary>The actor with this id, or <see cref="ActorId.None"/>.</summary>
    public ActorId ActorIdOf(string id) => new(ActorIndex(id));
    /// <summary>The region with this id, or <see cref="RegionId.None"/>.</summary>
    public RegionId RegionIdOf(string id) => new(RegionIndex(id));
    /// <summary>The definition of an actor, or null for <see cref="ActorId.None"/>.</summary>
    public ActorDefinition? Actor(ActorId id) => id.IsNone ? null : Actors[id.Index];
    /// <summary>The definition of a region, or null for <see cref="RegionId.None"/>.</summary>
    public RegionDefinition? Region(RegionId id) => id.IsNone ? null : Regions[id.Index];
    /// <summary>Index of the action with this id, or -1.</summary>
    public int ActionIndex(string id) => _actionIndex.GetValueOrDefault(id, -1);
    /// <summary>Index of the parameter with this id, or -1.</summary>
    public int ParameterIndex(string id) => _parameterIndex.GetValueOrDefault(id, -1);

    /// <summary>
    /// This definition with other parameter values and the overrides that gave them: everything else is shared, which
    /// is safe because a definition is immutable and only a run's starting state reads the values.
    /// </summary>
    internal ScenarioDefinition WithParameters(ImmutableArray<ParameterDefinition> parameters, IReadOnlyList<string> overrides)
    {
        var copy = (ScenarioDefinition)MemberwiseClone();
        copy._parameters = parameters;
        copy._overrides = [.. overrides];
        return copy;
    }

    /// <summary>The calendar date a tick starts on.</summary>
    public DateOnly DateOf(int tick) => Start.AddDays(tick * TickDays);

    /// <summary>The most ticks a run may last: its last date must not pass 9999-12-31, the last a date can hold.</summary>
    public int MaxTicks => (int)Math.Min(int.MaxValue, (DateOnly.MaxValue.DayNumber - Start.DayNumber) / (long)TickDays);
}
