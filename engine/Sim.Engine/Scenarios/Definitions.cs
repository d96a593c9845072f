using System.Collections.Immutable;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Scenarios;

/// <summary>
/// Base of every item of a definition: where it was written and where its values came from.
/// Provenance is kept per item (<c>source:</c> key) and per field (<c>{value: .., source: ..}</c> form)
/// so outputs can cite the source of any number they use.
/// </summary>
public abstract record ScenarioItem
{
    /// <summary>Where the item starts in its file.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>The item's own <c>source:</c>, if any.</summary>
    public string? Source { get; init; }

    /// <summary>Sources given for single fields with the <c>{value, source}</c> form, keyed by the field's key (list elements as <c>key[i]</c>).</summary>
    public ImmutableDictionary<string, string> FieldSources { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The source of one field: its own source when given, otherwise the item's.</summary>
    public string? SourceOf(string field) => FieldSources.TryGetValue(field, out var s) ? s : Source;
}

/// <summary>What an actor is; the model treats kinds differently (juntas can fall to coups, PMCs are paid...).</summary>
public enum ActorKind
{
    /// <summary>A recognised state.</summary>
    State,
    /// <summary>A state ruled by its army.</summary>
    Junta,
    /// <summary>A movement claiming regions.</summary>
    Separatist,
    /// <summary>A private military company, with a patron and paying hosts.</summary>
    Pmc,
    /// <summary>A non-state armed group.</summary>
    ArmedGroup,
    /// <summary>An arena such as the UN Security Council: no army.</summary>
    Organization,
}

/// <summary>Formal treaty types (Correlates of War alliance types).</summary>
public enum Treaty
{
    /// <summary>No treaty.</summary>
    None,
    /// <summary>Defence pact.</summary>
    DefensePact,
    /// <summary>Neutrality or non-aggression pact.</summary>
    NonAggression,
    /// <summary>Entente.</summary>
    Entente,
}

/// <summary>A named number the scenario can be tuned and swept by; expressions read its current value by index.</summary>
public sealed record ParameterDefinition : ScenarioItem
{
    /// <summary>Position in <see cref="ScenarioDefinition.Parameters"/> (what <see cref="IScenarioState.Parameter"/> receives).</summary>
    public required int Index { get; init; }
    /// <summary>The id expressions use.</summary>
    public required string Id { get; init; }
    /// <summary>The value for this load: the file's value, or the <c>--set</c> override.</summary>
    public required double Value { get; init; }
    /// <summary>The value written in the file.</summary>
    public required double FileValue { get; init; }
    /// <summary>Lowest allowed value (declared range).</summary>
    public required double Min { get; init; }
    /// <summary>Highest allowed value (declared range).</summary>
    public required double Max { get; init; }
    /// <summary>What the parameter means.</summary>
    public string? Description { get; init; }
}

/// <summary>A host paying a PMC.</summary>
public sealed record ContractDefinition : ScenarioItem
{
    /// <summary>Actor index of the paying host.</summary>
    public required ActorId Host { get; init; }
    /// <summary>Payment per tick, in the scenario's economy units.</summary>
    public required double Payment { get; init; }
}

/// <summary>An agent: state, junta, separatist movement, PMC, armed group or organization.</summary>
public sealed record ActorDefinition : ScenarioItem
{
    /// <summary>Position in <see cref="ScenarioDefinition.Actors"/>.</summary>
    public required int Index { get; init; }
    /// <summary>Id (unique across actors and regions).</summary>
    public required string Id { get; init; }
    /// <summary>Display name (defaults to the id).</summary>
    public required string Name { get; init; }
    /// <summary>Kind.</summary>
    public required ActorKind Kind { get; init; }
    /// <summary>Relative military power, &gt;= 0.</summary>
    public double Power { get; init; }
    /// <summary>Relative economy, &gt;= 0.</summary>
    public double Economy { get; init; }
    /// <summary>Cohesion/legitimacy in [0, 1].</summary>
    public double Cohesion { get; init; }
    /// <summary>Resolve in [0, 1].</summary>
    public double Resolve { get; init; }
    /// <summary>Logit (quantal response) precision, &gt;= 0: 0 picks at random, large values pick the best action.</summary>
    public double Rationality { get; init; }
    /// <summary>Region index of the capital, or none.</summary>
    public RegionId Capital { get; init; } = RegionId.None;
    /// <summary>Actor index of the patron, or none.</summary>
    public ActorId Patron { get; init; } = ActorId.None;
    /// <summary>Hosts paying this PMC (PMCs only).</summary>
    public ImmutableArray<ContractDefinition> Contracts { get; init; } = [];
    /// <summary>Region indexes the actor claims.</summary>
    public ImmutableArray<int> Claims { get; init; } = [];
    /// <summary>Actor indexes of an organization's members (organizations only).</summary>
    public ImmutableArray<int> Members { get; init; } = [];
    /// <summary>Multiplies the engine's <c>activity</c> for this actor's decisions, &gt;= 0 (1 unless the scenario says).</summary>
    public double Activity { get; init; } = 1;
    /// <summary>Aircraft and armed drones it can strike with, and their reach.</summary>
    public WeaponDefinition Strike { get; init; }
    /// <summary>Artillery (guns, rockets, short-range missiles) it can shell with, and their reach.</summary>
    public WeaponDefinition Artillery { get; init; }
    /// <summary>Its air defence: the chance to bring down each striking asset over the regions it covers.</summary>
    public AirDefenceDefinition AirDefence { get; init; }
    /// <summary>
    /// The names (or UCDP actor ids) the actor goes by in observed event data, as written in the scenario: UCDP GED
    /// side names or ids, ACLED actor names; a trailing <c>*</c> matches any name that starts with the rest.
    /// </summary>
    public ImmutableArray<string> ObservedAs { get; init; } = [];
}

/// <summary>A strike capability: how many assets, reaching how far from a base.</summary>
/// <param name="Assets">Aircraft, drones or guns available (a count, &gt;= 0).</param>
/// <param name="RangeKm">Great-circle reach from a region the owner holds or stands in, in km.</param>
public readonly record struct WeaponDefinition(double Assets, double RangeKm);

/// <summary>An air defence: how likely each striking asset over a covered region is brought down, and how far it covers.</summary>
/// <param name="Effectiveness">Chance, per striking asset, of an interception, in [0, 1].</param>
/// <param name="RangeKm">Cover from a region the owner holds or stands in, in km.</param>
public readonly record struct AirDefenceDefinition(double Effectiveness, double RangeKm);

/// <summary>A place on the map.</summary>
public sealed record RegionDefinition : ScenarioItem
{
    /// <summary>Position in <see cref="ScenarioDefinition.Regions"/>.</summary>
    public required int Index { get; init; }
    /// <summary>Id (unique across actors and regions).</summary>
    public required string Id { get; init; }
    /// <summary>Display name (defaults to the id).</summary>
    public required string Name { get; init; }
    /// <summary>Latitude in degrees, [-90, 90].</summary>
    public required double Lat { get; init; }
    /// <summary>Longitude in degrees, [-180, 180].</summary>
    public required double Lon { get; init; }
    /// <summary>Actor index of the state the region belongs to, or none.</summary>
    public ActorId Country { get; init; } = ActorId.None;
    /// <summary>Region indexes adjacent to this one, sorted; symmetric across regions.</summary>
    public ImmutableArray<int> Adjacent { get; init; } = [];
    /// <summary>Actor index of the controller at the start, or none.</summary>
    public ActorId Controller { get; init; } = ActorId.None;
    /// <summary>Population at the start, &gt;= 0.</summary>
    public double Population { get; init; }
    /// <summary>People displaced at the start, &gt;= 0.</summary>
    public double Displaced { get; init; }
    /// <summary>Administrative unit names (admin1 or admin2, as event data spell them) whose events belong to this region.</summary>
    public ImmutableArray<string> Admin { get; init; } = [];
}

/// <summary>Armed strength of one actor in one region at the start.</summary>
public sealed record ForceDefinition : ScenarioItem
{
    /// <summary>Actor index of the owner.</summary>
    public required ActorId Owner { get; init; }
    /// <summary>Region index.</summary>
    public required RegionId Region { get; init; }
    /// <summary>Strength (personnel-equivalents), &gt;= 0.</summary>
    public required double Strength { get; init; }
    /// <summary>Actor index the force works for under contract, or none.</summary>
    public ActorId Contract { get; init; } = ActorId.None;
}

/// <summary>The starting tie between two actors.</summary>
public sealed record RelationDefinition : ScenarioItem
{
    /// <summary>First actor index.</summary>
    public required ActorId A { get; init; }
    /// <summary>Second actor index.</summary>
    public required ActorId B { get; init; }
    /// <summary>Affinity in [-1, 1] (A towards B, and B towards A unless directed).</summary>
    public double Affinity { get; init; }
    /// <summary>Escalation rung 0..9.</summary>
    public int Escalation { get; init; }
    /// <summary>Formal treaty.</summary>
    public Treaty Treaty { get; init; }
    /// <summary>When true the values hold from A to B only.</summary>
    public bool Directed { get; init; }
}

/// <summary>An action actors (or rules) can take, with its event-data coding.</summary>
public sealed record ActionDefinition : ScenarioItem
{
    /// <summary>Position in <see cref="ScenarioDefinition.Actions"/>.</summary>
    public required int Index { get; init; }
    /// <summary>Id.</summary>
    public required string Id { get; init; }
    /// <summary>Display name.</summary>
    public required string Name { get; init; }
    /// <summary>CAMEO code, 2 to 4 digits as text (leading zeros matter).</summary>
    public required string Cameo { get; init; }
    /// <summary>CAMEO root 1..20 (the code's first two digits).</summary>
    public int CameoRoot => int.Parse(Cameo.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
    /// <summary>Goldstein (1992) conflict-cooperation score in [-10, 10].</summary>
    public required double Goldstein { get; init; }
    /// <summary>ACLED event type for violent actions, or null.</summary>
    public string? Acled { get; init; }
    /// <summary>Minimum escalation rung (0..9) the action implies.</summary>
    public required int Rung { get; init; }
    /// <summary>True when the action comes from the engine's default catalog unchanged by the scenario.</summary>
    public bool IsDefault { get; init; }
}

/// <summary>How an effect changes a value.</summary>
public enum EffectMode
{
    /// <summary>Add the value.</summary>
    Add,
    /// <summary>Replace with the value.</summary>
    Set,
}

/// <summary>A change to the state made by a rule or the timeline. Numeric values are expressions evaluated when the effect fires.</summary>
public abstract record EffectDefinition : ScenarioItem;

/// <summary>Emit an event (as if <see cref="Actor"/> took the action).</summary>
public sealed record EventEffect : EffectDefinition
{
    /// <summary>Action index.</summary>
    public required int Action { get; init; }
    /// <summary>Acting actor index.</summary>
    public required ActorId Actor { get; init; }
    /// <summary>Target actor index, or none.</summary>
    public ActorId Target { get; init; } = ActorId.None;
    /// <summary>Region index, or none.</summary>
    public RegionId Region { get; init; } = RegionId.None;
    /// <summary>Fatalities, or null for none.</summary>
    public CompiledExpression? Fatalities { get; init; }
    /// <summary>Civilian fatalities (part of the fatalities), or null for none.</summary>
    public CompiledExpression? CivilianFatalities { get; init; }
}

/// <summary>Change the affinity of <see cref="From"/> towards <see cref="To"/> (and back when <see cref="Both"/>).</summary>
public sealed record AffinityEffect : EffectDefinition
{
    /// <summary>Actor index.</summary>
    public required ActorId From { get; init; }
    /// <summary>Actor index.</summary>
    public required ActorId To { get; init; }
    /// <summary>Add or set.</summary>
    public required EffectMode Mode { get; init; }
    /// <summary>The amount; the model clamps the result to [-1, 1].</summary>
    public required CompiledExpression Value { get; init; }
    /// <summary>Apply to both directions.</summary>
    public bool Both { get; init; }
    /// <summary>Move the baseline the affinity drifts back to along with it, so the change holds.</summary>
    public bool Baseline { get; init; }
}

/// <summary>Set or end the treaty between <see cref="A"/> and <see cref="B"/>.</summary>
public sealed record TreatyEffect : EffectDefinition
{
    /// <summary>Actor index.</summary>
    public required ActorId A { get; init; }
    /// <summary>Actor index.</summary>
    public required ActorId B { get; init; }
    /// <summary>The new treaty; <see cref="Scenarios.Treaty.None"/> ends the one there was.</summary>
    public required Treaty Treaty { get; init; }
    /// <summary>When true, from A to B only.</summary>
    public bool Directed { get; init; }
}

/// <summary>Change an actor's military power.</summary>
public sealed record PowerEffect : EffectDefinition
{
    /// <summary>Actor index.</summary>
    public required ActorId Actor { get; init; }
    /// <summary>Add or set.</summary>
    public required EffectMode Mode { get; init; }
    /// <summary>The amount; the model keeps the result &gt;= 0.</summary>
    public required CompiledExpression Value { get; init; }
}

/// <summary>Change an actor's economy.</summary>
public sealed record EconomyEffect : EffectDefinition
{
    /// <summary>Actor index.</summary>
    public required ActorId Actor { get; init; }
    /// <summary>Add or set.</summary>
    public required EffectMode Mode { get; init; }
    /// <summary>The amount; the model keeps the result &gt;= 0.</summary>
    public required CompiledExpression Value { get; init; }
}

/// <summary>Change a dyad's escalation rung.</summary>
public sealed record EscalationEffect : EffectDefinition
{
    /// <summary>Actor index.</summary>
    public required ActorId A { get; init; }
    /// <summary>Actor index.</summary>
    public required ActorId B { get; init; }
    /// <summary>Add or set.</summary>
    public required EffectMode Mode { get; init; }
    /// <summary>The amount; the model rounds and clamps the result to 0..9.</summary>
    public required CompiledExpression Value { get; init; }
}

/// <summary>Hand a region to an actor.</summary>
public sealed record ControlEffect : EffectDefinition
{
    /// <summary>Region index.</summary>
    public required RegionId Region { get; init; }
    /// <summary>Actor index of the new controller.</summary>
    public required ActorId Actor { get; init; }
}

/// <summary>Change an actor's force strength in a region.</summary>
public sealed record StrengthEffect : EffectDefinition
{
    /// <summary>Actor index.</summary>
    public required ActorId Actor { get; init; }
    /// <summary>Region index.</summary>
    public required RegionId Region { get; init; }
    /// <summary>Add or set.</summary>
    public required EffectMode Mode { get; init; }
    /// <summary>The amount; the model keeps the result &gt;= 0.</summary>
    public required CompiledExpression Value { get; init; }
}

/// <summary>Change an actor's cohesion.</summary>
public sealed record CohesionEffect : EffectDefinition
{
    /// <summary>Actor index.</summary>
    public required ActorId Actor { get; init; }
    /// <summary>Add or set.</summary>
    public required EffectMode Mode { get; init; }
    /// <summary>The amount; the model clamps the result to [0, 1].</summary>
    public required CompiledExpression Value { get; init; }
}

/// <summary>The patron of <see cref="Pmc"/> takes it over now (a state-run successor keeping its contracts).</summary>
public sealed record TakeoverEffect : EffectDefinition
{
    /// <summary>Actor index of the PMC; an actor without a patron or contracts is left as it is.</summary>
    public required ActorId Pmc { get; init; }
}

/// <summary>Change a parameter's current value.</summary>
public sealed record ParameterEffect : EffectDefinition
{
    /// <summary>Parameter index.</summary>
    public required int Parameter { get; init; }
    /// <summary>Add or set.</summary>
    public required EffectMode Mode { get; init; }
    /// <summary>The amount; the model clamps the result to the parameter's declared range.</summary>
    public required CompiledExpression Value { get; init; }
}

/// <summary><c>when condition [chance p] [once] then effects</c>, checked every tick.</summary>
public sealed record RuleDefinition : ScenarioItem
{
    /// <summary>Id.</summary>
    public required string Id { get; init; }
    /// <summary>A bool expression.</summary>
    public required CompiledExpression When { get; init; }
    /// <summary>Per-tick probability of firing while the condition holds (a number expression; the model clamps it to [0, 1]).</summary>
    public required CompiledExpression Chance { get; init; }
    /// <summary>Fire at most once per run.</summary>
    public bool Once { get; init; }
    /// <summary>Effects, in order.</summary>
    public required ImmutableArray<EffectDefinition> Then { get; init; }
}

/// <summary>Effects scheduled at a tick.</summary>
public sealed record TimelineEntry : ScenarioItem
{
    /// <summary>Tick at which the effects apply (a date in the file is converted with the tick length).</summary>
    public required int Tick { get; init; }
    /// <summary>Effects, in order.</summary>
    public required ImmutableArray<EffectDefinition> Then { get; init; }
}

/// <summary>A named measure of a run, evaluated at its end.</summary>
public sealed record OutcomeDefinition : ScenarioItem
{
    /// <summary>Id.</summary>
    public required string Id { get; init; }
    /// <summary>What it measures.</summary>
    public string? Description { get; init; }
    /// <summary>A number or bool expression; <see cref="CompiledExpression.Type"/> says which.</summary>
    public required CompiledExpression Expr { get; init; }
}

/// <summary>Time series a run records per tick.</summary>
public sealed record RecordDefinition : ScenarioItem
{
    /// <summary>Actor index pairs whose affinity and escalation are recorded.</summary>
    public ImmutableArray<(int A, int B)> Pairs { get; init; } = [];
    /// <summary>Actor indexes whose power and cohesion are recorded.</summary>
    public ImmutableArray<int> Actors { get; init; } = [];
    /// <summary>Region indexes whose controller is recorded.</summary>
    public ImmutableArray<int> Regions { get; init; } = [];
}
