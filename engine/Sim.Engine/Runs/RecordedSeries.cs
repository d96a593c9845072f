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
/// <param name="Read">Its value now, for the actors or region (a, b) it is about.</param>
public sealed record RecordedSeries(string Name, SeriesScope Scope, string Description, Func<ModelState, int, int, double> Read)
{
    /// <summary>Whether its values are actors (indices, -1 for none) rather than numbers.</summary>
    public bool HoldsActors => Scope == SeriesScope.Region;

    /// <summary>Every kind, in the order the columns of a run are made: per pair, per actor, per region, then the run's totals.</summary>
    public static readonly IReadOnlyList<RecordedSeries> All =
    [
        new("affinity", SeriesScope.DirectedPair, "affinity of the first actor toward the second, -1 to 1", (s, a, b) => s.Affinity[a, b]),
        new("escalation", SeriesScope.Pair, "the pair's escalation rung, 0 to 9", (s, a, b) => s.Escalation[a, b]),
        new("mid", SeriesScope.Pair, "the pair's Militarized Interstate Dispute hostility level, 1 to 5, from its rung", (s, a, b) => MidHostility.Of(s.Escalation[a, b])),
        new("power", SeriesScope.Actor, "the actor's power", (s, a, _) => s.Power(a)),
        new("strength", SeriesScope.Actor, "the strength of all the actor's forces", (s, a, _) => s.Strengths.Of(a, -1)),
        new("cohesion", SeriesScope.Actor, "the actor's cohesion, 0 to 1", (s, a, _) => s.PoliticsOf(a).Cohesion),
        new("controller", SeriesScope.Region, "the actor that controls the region (empty: none)", (s, r, _) => s.RegionOf(r).Controller),
        new("fatalities", SeriesScope.Run, "everyone killed so far", (s, _, _) => s.TotalFatalities),
        new("civilian_fatalities", SeriesScope.Run, "civilians killed so far", (s, _, _) => s.TotalCivilianFatalities),
        new("events", SeriesScope.Run, "events so far", (s, _, _) => s.Events.Count),
    ];
}
