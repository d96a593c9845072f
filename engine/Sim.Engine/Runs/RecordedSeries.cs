using Sim.Engine.Model;

namespace Sim.Engine.Runs;

/// <summary>What a recorded series is about, which decides how the <c>record:</c> section names it.</summary>
public enum SeriesScope
{
    /// <summary>One series per recorded pair and direction: <c>name.A.B</c> and <c>name.B.A</c>.</summary>
    DirectedPair,

    /// <summary>One series per recorded pair: <c>name.A.B</c>.</summary>
    Pair,

    /// <summary>One series per recorded actor: <c>name.A</c>.</summary>
    Actor,

    /// <summary>One series per recorded region: <c>name.R</c>; its value is an actor (index, -1 for none).</summary>
    Region,

    /// <summary>One series for the whole run: <c>name</c>.</summary>
    Run,
}

/// <summary>
/// One kind of recorded series, declared once: its name, what it is about, what it means (the row of
/// docs/scenarios.md's series table, which a test holds to this list) and how it is read from the state.
/// </summary>
/// <param name="Name">The series' name, before the ids of what it is about.</param>
/// <param name="Scope">What it is about.</param>
/// <param name="Description">What it means.</param>
/// <param name="Value">What it reads from the state (see <see cref="Read"/>).</param>
public sealed record RecordedSeries(string Name, SeriesScope Scope, string Description, SeriesValue Value)
{
    /// <summary>Whether its values are actors (indices, -1 for none) rather than numbers.</summary>
    public bool HoldsActors => Scope == SeriesScope.Region;

    /// <summary>Every kind, in the order the columns of a run are made: per pair, per actor, per region, then the run's totals.</summary>
    public static readonly IReadOnlyList<RecordedSeries> All =
    [
        new("affinity", SeriesScope.DirectedPair, "affinity of the first actor toward the second, -1 to 1", SeriesValue.Affinity),
        new("escalation", SeriesScope.Pair, "the pair's escalation rung, 0 to 9", SeriesValue.Escalation),
        new("mid", SeriesScope.Pair, "the pair's Militarized Interstate Dispute hostility level, 1 to 5, from its rung", SeriesValue.MidHostility),
        new("power", SeriesScope.Actor, "the actor's power", SeriesValue.Power),
        new("strength", SeriesScope.Actor, "the strength of all the actor's forces", SeriesValue.Strength),
        new("cohesion", SeriesScope.Actor, "the actor's cohesion, 0 to 1", SeriesValue.Cohesion),
        new("controller", SeriesScope.Region, "the actor that controls the region (empty: none)", SeriesValue.Controller),
        new("fatalities", SeriesScope.Run, "everyone killed so far", SeriesValue.Fatalities),
        new("civilian_fatalities", SeriesScope.Run, "civilians killed so far", SeriesValue.CivilianFatalities),
        new("events", SeriesScope.Run, "events so far", SeriesValue.Events),
    ];

    /// <summary>
    /// The series' value now, for the actors or region (a, b) it is about. A switch rather than a delegate per
    /// series: the recorder reads every series every tick, and a jump table inlined into its loop costs less than a call.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Read(ModelState state, int a, int b) =>
        Value switch
        {
            SeriesValue.Affinity => state.Affinity[a, b],
            SeriesValue.Escalation => state.Escalation[a, b],
            SeriesValue.MidHostility => MidHostility.Of(state.Escalation[a, b]),
            SeriesValue.Power => state.Power(a),
            SeriesValue.Strength => state.Strengths.Of(a, -1),
            SeriesValue.Cohesion => state.PoliticsOf(a).Cohesion,
            SeriesValue.Controller => state.RegionOf(a).Controller,
            SeriesValue.Fatalities => state.TotalFatalities,
            SeriesValue.CivilianFatalities => state.TotalCivilianFatalities,
            _ => state.Events.Count,
        };
}

/// <summary>What a <see cref="RecordedSeries"/> reads from the state: one member per entry of <see cref="RecordedSeries.All"/>.</summary>
public enum SeriesValue
{
    /// <summary>Affinity of A toward B.</summary>
    Affinity,

    /// <summary>The pair's rung.</summary>
    Escalation,

    /// <summary>The pair's MID hostility level.</summary>
    MidHostility,

    /// <summary>A's power.</summary>
    Power,

    /// <summary>A's total force strength.</summary>
    Strength,

    /// <summary>A's cohesion.</summary>
    Cohesion,

    /// <summary>Region A's controller.</summary>
    Controller,

    /// <summary>Everyone killed so far.</summary>
    Fatalities,

    /// <summary>Civilians killed so far.</summary>
    CivilianFatalities,

    /// <summary>Events so far.</summary>
    Events,
}
