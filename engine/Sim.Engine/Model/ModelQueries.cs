using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Model;

/// <summary>
/// Questions about a run's state that take more than reading one value: backed power, treaty obligations, who a
/// PMC works for, how many events matched. Reads only. Scenario expressions (rules, effects, outcomes) read the
/// state through it, as an <see cref="IScenarioState"/>.
/// </summary>
public sealed class ModelQueries : IScenarioState
{
    /// <summary>Goldstein score at or below which an event is a use of force that binds treaty partners.</summary>
    public const double UseOfForce = -7;

    private readonly ModelState _state;

    /// <summary>Queries over <paramref name="state"/>.</summary>
    internal ModelQueries(ModelState state) => _state = state;

    /// <inheritdoc/>
    public int Tick => _state.Tick;

    /// <summary>
    /// Whether <paramref name="b"/> is a friend of <paramref name="a"/> on the ground: bound to it by a defence pact, or
    /// with an affinity toward it above 0.5. Friends hold ground for each other, supply each other, give each other
    /// refuge, and share each other's wars where they stand together.
    /// </summary>
    public bool Friends(int a, int b) => a != b && (_state.Affinity[a, b] > 0.5 || _state.Treaties[a, b] == Treaty.DefensePact);

    /// <summary>
    /// An actor's power with the PMCs working for it: its own power plus, for each active contract it hosts, the
    /// PMC's power times the strength deployed for it over the strength that power stands for
    /// (<see cref="ModelState.RatedStrength"/>). A PMC reinforced to twice its rated strength adds twice its power,
    /// a PMC with two hosts adds to each what it deploys for each, and a state-run successor's forces count as the
    /// PMC they were.
    /// </summary>
    public double SidePower(int actor)
    {
        var s = _state;
        var power = s.Power(actor);
        foreach (ref readonly var c in s.Contracts.AsSpan())
        {
            if (c.Active && c.Host == actor && s.RatedStrength[c.Pmc] > 0)
            {
                power += s.Power(c.Pmc) * s.Strengths.Working(c.Contractor, actor) / s.RatedStrength[c.Pmc];
            }
        }

        return power;
    }

    /// <summary>The first host <paramref name="contractor"/> works for under an active contract, or -1.</summary>
    public int HostOf(int contractor)
    {
        foreach (ref readonly var c in _state.Contracts.AsSpan())
        {
            if (c.Active && c.Contractor == contractor)
            {
                return c.Host;
            }
        }

        return -1;
    }

    /// <summary>
    /// The host a force of <paramref name="contractor"/> in <paramref name="region"/> works for: the host its forces
    /// there already work for, else the host that controls the region or whose country it is, else (unless
    /// <paramref name="localOnly"/>) its first host; -1 when none.
    /// </summary>
    public int HostIn(int contractor, int region, bool localOnly = false)
    {
        var first = -1;
        var local = -1;
        foreach (ref readonly var c in _state.Contracts.AsSpan())
        {
            if (!c.Active || c.Contractor != contractor)
            {
                continue;
            }

            if (region >= 0 && _state.Strengths.Working(contractor, c.Host, region) > 0)
            {
                return c.Host;
            }

            first = first < 0 ? c.Host : first;
            if (local < 0 && region >= 0 && (_state.RegionOf(region).Controller == c.Host || _state.RegionOf(region).Country == c.Host))
            {
                local = c.Host;
            }
        }

        return local >= 0 || localOnly ? local : first;
    }

    /// <summary>True when <paramref name="pmc"/> has an active contract with <paramref name="host"/>, run by itself or by its patron after a takeover.</summary>
    public bool Serves(int pmc, int host)
    {
        foreach (ref readonly var c in _state.Contracts.AsSpan())
        {
            if (c.Active && c.Pmc == pmc && c.Host == host)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How much of a use of force against <paramref name="ally"/> actor <paramref name="partner"/> takes
    /// as aimed at itself: <c>treaty_obligation</c> for a defence pact, half of it for an entente, else 0.
    /// </summary>
    public double Obligation(int partner, int ally) => _state.Treaties[partner, ally] switch
    {
        Treaty.DefensePact => _state.P(ModelParameter.TreatyObligation),
        Treaty.Entente => _state.P(ModelParameter.TreatyObligation) / 2,
        _ => 0,
    };

    /// <inheritdoc/>
    public int EventCount(int action, int actor, int target, int region, int withinTicks, int minCivilians = 0)
    {
        var events = _state.Events;
        var from = withinTicks < 0 ? int.MinValue : Tick - withinTicks + 1;
        var count = 0;
        if (action >= 0)
        {
            var indexes = events.OfAction(action);
            for (var i = indexes.Length - 1; i >= 0; i--)
            {
                ref readonly var e = ref events[indexes[i]];
                if (e.Tick < from)
                {
                    break;
                }

                count += Matches(e, actor, target, region) && e.CivilianFatalities >= minCivilians ? 1 : 0;
            }

            return count;
        }

        var all = events.All;
        for (var i = all.Length - 1; i >= 0 && all[i].Tick >= from; i--)
        {
            count += Matches(all[i], actor, target, region) && all[i].CivilianFatalities >= minCivilians ? 1 : 0;
        }

        return count;
    }

    /// <inheritdoc/>
    public int FirstTick(int action, int actor, int target, int region)
    {
        var events = _state.Events;
        if (action >= 0)
        {
            foreach (var i in events.OfAction(action))
            {
                if (Matches(events[i], actor, target, region))
                {
                    return events[i].Tick;
                }
            }

            return -1;
        }

        foreach (ref readonly var e in events.All)
        {
            if (Matches(e, actor, target, region))
            {
                return e.Tick;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public double Fatalities(int region, bool civilian) => region < 0
        ? (civilian ? _state.TotalCivilianFatalities : _state.TotalFatalities)
        : (civilian ? _state.RegionCivilianFatalities[region] : _state.RegionFatalities[region]);

    // What an expression reads as it is: one value of the state.

    /// <inheritdoc/>
    double IScenarioState.Affinity(int a, int b) => _state.Affinity[a, b];

    /// <inheritdoc/>
    int IScenarioState.Escalation(int a, int b) => _state.Escalation[a, b];

    /// <inheritdoc/>
    int IScenarioState.MaxEscalation(int a, int b) => _state.MaxEscalation[a, b];

    /// <inheritdoc/>
    bool IScenarioState.Controls(int actor, int region) => _state.RegionOf(region).Controller == actor;

    /// <inheritdoc/>
    bool IScenarioState.Regime(int a, int b, int action) => _state.Regimes.Of(action) is { } regime && _state.Regimes.Holds(a, b, regime);

    /// <inheritdoc/>
    double IScenarioState.Power(int actor) => _state.Power(actor);

    /// <inheritdoc/>
    double IScenarioState.Strength(int actor, int region) => _state.Strengths.Of(actor, region);

    /// <inheritdoc/>
    double IScenarioState.Cohesion(int actor) => _state.PoliticsOf(actor).Cohesion;

    /// <inheritdoc/>
    int IScenarioState.Faction(int actor) => _state.PoliticsOf(actor).Faction;

    /// <inheritdoc/>
    double IScenarioState.Population(int region) => _state.RegionOf(region).Population;

    /// <inheritdoc/>
    double IScenarioState.Displaced(int region) => _state.RegionOf(region).Displaced;

    /// <inheritdoc/>
    double IScenarioState.Parameter(int index) => _state.Parameters[index];

    private static bool Matches(in SimEvent e, int actor, int target, int region) =>
        (actor < 0 || e.Actor.Index == actor) && (target < 0 || e.Target.Index == target) && (region < 0 || e.Region.Index == region);
}
