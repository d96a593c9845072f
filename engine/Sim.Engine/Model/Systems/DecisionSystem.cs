using Sim.Ecs;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 3: each actor, toward each other actor it has business with, may act this tick (with
/// a chance that grows with hostility and perceived threat) and then picks one action by a
/// logit (quantal response) choice over utilities, with its rationality as the precision.
/// Kinetic acts are deterred by the target's backed power; strikes need assets with the target
/// within their reach and are carried out by <see cref="Strikes"/>; arms deliveries raise a client's
/// power; mediation lowers the tension of the target's hottest dyad. Sanctions, reduced and broken relations, airspace
/// closures, expulsions of a mission and recognitions are regimes (<see cref="Regimes"/>): reviewed (lapsed or lifted)
/// first, never chosen again while they hold. Organizations act through their members (<see cref="Organizations"/>).
/// </summary>
public sealed class DecisionSystem : IModelSystem
{
    private static readonly ulong Purpose = RngKey.Purpose("decisions");

    private readonly ModelState _state;
    private readonly Choice[] _choices;
    private readonly double[] _weights;
    private readonly Organizations _organizations;

    // This step's count, which marks what the tables below found this tick.
    private int _step;

    // Whether each actor holds a region, read the first time a choice asks this tick (closing airspace needs ground
    // of one's own); control does not change during this step.
    private readonly bool[] _holdsGround;
    private int _holdersStep;

    // Each actor's hottest dyad and highest threat, found the first time a choice asks about the actor this tick: only
    // a few actors a tick are asked about, and neither rungs nor threats change during this step.
    private readonly int[] _hottest;
    private readonly int[] _hottestStep;
    private readonly double[] _maxThreat;
    private readonly int[] _maxThreatStep;

    // Per-tick tables: each actor's power and side power. Powers and side powers are read O(actors^2) times a tick but
    // change only when an arms delivery or a strike is performed, which updates them (side powers lazily, by stamp).
    private readonly double[] _power;
    private readonly double[] _sidePower;
    private readonly int[] _sidePowerStamp;

    // Whether the actor deciding can strike its target with each weapon, found at most once per choice:
    // strike and drone_strike both fly aircraft, and a reach test scans the regions. 0 unknown, 1 yes, 2 no.
    private readonly byte[] _reach = new byte[2];
    private int _stamp;

    /// <summary>Prepares the choice set from the action catalog.</summary>
    public DecisionSystem(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _choices = [.. DecidableActions.Select(decidable =>
        {
            var index = state.Action(decidable.Action);
            var action = state.Definition.Actions[index];
            var weapon = decidable.Action == DefaultAction.Shell ? Weapon.Artillery : Weapon.Air;
            return new Choice(index, decidable.Kind, weapon, action.Goldstein, action.Rung, Math.Abs(action.Goldstein) / 10, state.Regimes.Of(index));
        })];
        _weights = new double[_choices.Length];
        _hottest = new int[state.ActorCount];
        _hottestStep = new int[state.ActorCount];
        _maxThreatStep = new int[state.ActorCount];
        _power = new double[state.ActorCount];
        _sidePower = new double[state.ActorCount];
        _sidePowerStamp = new int[state.ActorCount];
        _maxThreat = new double[state.ActorCount];
        _holdsGround = new bool[state.ActorCount];
        _organizations = new Organizations(state);
    }

    /// <summary>What an action needs and does; preconditions and utilities depend on it.</summary>
    private enum ChoiceKind
    {
        Verbal,
        UnDenunciation,
        Sanction,
        Mobilize,
        Strike,
        Negotiate,
        Ceasefire,
        Cooperate,
        ArmClient,
        Mediate,
        BreakRelations,
        ExpelMission,
        CloseAirspace,
        Recognize,
    }

    /// <summary>The catalog actions actors choose among by themselves; others happen only through rules, the timeline or fighting.</summary>
    private static (DefaultAction Action, ChoiceKind Kind)[] DecidableActions =>
    [
        (DefaultAction.Protest, ChoiceKind.Verbal), (DefaultAction.Demand, ChoiceKind.Verbal), (DefaultAction.Threaten, ChoiceKind.Verbal),
        (DefaultAction.ReduceRelations, ChoiceKind.Verbal), (DefaultAction.DenounceUn, ChoiceKind.UnDenunciation), (DefaultAction.Sanction, ChoiceKind.Sanction),
        (DefaultAction.Mobilize, ChoiceKind.Mobilize), (DefaultAction.Strike, ChoiceKind.Strike), (DefaultAction.DroneStrike, ChoiceKind.Strike), (DefaultAction.Shell, ChoiceKind.Strike),
        (DefaultAction.Negotiate, ChoiceKind.Negotiate), (DefaultAction.Ceasefire, ChoiceKind.Ceasefire), (DefaultAction.Cooperate, ChoiceKind.Cooperate),
        (DefaultAction.ArmClient, ChoiceKind.ArmClient), (DefaultAction.Mediate, ChoiceKind.Mediate),
        (DefaultAction.BreakRelations, ChoiceKind.BreakRelations), (DefaultAction.ExpelMission, ChoiceKind.ExpelMission),
        (DefaultAction.CloseAirspace, ChoiceKind.CloseAirspace), (DefaultAction.Recognize, ChoiceKind.Recognize),
    ];

    /// <inheritdoc/>
    public string Name => "decisions";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.Events | StateChanges.Casualties | StateChanges.Power | StateChanges.Strength | StateChanges.Tension | StateChanges.Regimes;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var n = _state.ActorCount;
        var activity = _state.P(ModelParameter.Activity);
        var affinities = _state.Affinity.AsSpan();
        var rungs = _state.Escalation.AsSpan();
        var threats = _state.Threat.AsSpan();
        _step++;
        _state.Regimes.Review();
        RefreshPowers();
        var streams = simulation.Streams(Purpose);
        var organizationStreams = Organizations.Streams(simulation);
        for (var i = 0; i < n; i++)
        {
            var actorActivity = activity * _state.Definition.Actors[i].Activity;
            if (_state.KindOf(i) == ActorKind.Organization)
            {
                _organizations.Act(i, actorActivity, organizationStreams);
                continue;
            }

            var affinityRow = affinities.Slice(i * n, n);
            var rungRow = rungs.Slice(i * n, n);
            var threatRow = threats.Slice(i * n, n);
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var affinity = affinityRow[j];
                var rung = rungRow[j];
                var hostility = Math.Max(0, -affinity) + RungShare.Of(rung) + threatRow[j];
                if (hostility < 0.05 && affinity < 0.3)
                {
                    continue;
                }

                var rng = streams.For((i * (long)n) + j);
                if (!rng.Chance(Math.Min(1, actorActivity * (0.25 + hostility))))
                {
                    continue;
                }

                var choice = Choose(i, j, affinity, rung, hostility, ref rng);
                if (choice >= 0)
                {
                    Perform(_choices[choice], i, j, ref rng);
                }
            }
        }
    }

    /// <summary>Logit choice among allowed actions and doing nothing (utility 0); returns a choice index or -1.</summary>
    private int Choose(int i, int j, double affinity, int rung, double hostility, ref Rng rng)
    {
        ref readonly var politics = ref _state.PoliticsOf(i);
        // No grievance (affinity at least 0 and rung 0), no hostile act: tested here once for all the hostile choices.
        var noGrievance = affinity >= 0 && rung == 0;

        // The balance of power weighs only on hostile acts, so a pair of friends skips its O(actors) backed power.
        double share = 0, deterrence = 0;
        if (!noGrievance)
        {
            var power = SidePower(i);
            var backed = BackedPower(j, i);
            share = power / Math.Max(1e-9, power + backed);
            deterrence = _state.P(ModelParameter.Deterrence) * backed / Math.Max(1e-3, power);
        }

        var lambda = politics.Rationality * _state.P(ModelParameter.RationalityScale);
        var pair = new Pair(i, j, _state.KindOf(i), affinity, rung, hostility, share, deterrence);
        _reach[(int)Weapon.Air] = _reach[(int)Weapon.Artillery] = 0; // two stores, not a call to clear two bytes
        var total = 1.0; // exp(lambda * 0) for doing nothing
        for (var c = 0; c < _choices.Length; c++)
        {
            if (noGrievance && _choices[c].Goldstein < 0)
            {
                _weights[c] = 0; // adding 0 to the total would not change it
                continue;
            }

            var utility = Utility(_choices[c], pair, politics);
            _weights[c] = double.IsNaN(utility) ? 0 : Math.Exp(lambda * utility);
            total += _weights[c];
        }

        var draw = rng.NextDouble() * total;
        for (var c = 0; c < _choices.Length; c++)
        {
            draw -= _weights[c];
            if (draw < 0)
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>
    /// The utility of a choice for <paramref name="pair"/>'s actor toward its target, or NaN when not allowed; asked of a
    /// hostile choice only when the actor has a grievance (<see cref="Choose"/>).
    /// </summary>
    private double Utility(in Choice choice, in Pair pair, in Politics politics)
    {
        var (i, j, kind, affinity, rung) = (pair.Actor, pair.Target, pair.Kind, pair.Affinity, pair.Rung);
        var isStateLike = kind is ActorKind.State or ActorKind.Junta;
        if (choice.Regime is { } regime && _state.Regimes.Holds(i, j, regime))
        {
            return double.NaN; // a regime that holds is not imposed again
        }

        var allowed = choice.Kind switch
        {
            ChoiceKind.Verbal => kind != ActorKind.Pmc,
            ChoiceKind.UnDenunciation => isStateLike,
            ChoiceKind.Sanction => isStateLike && _state.CapabilityOf(i).Economy > 0,
            ChoiceKind.Mobilize => _state.Strengths.Of(i, -1) > 0,
            // Any kind of actor strikes with what it owns; a strike follows this dyad's own rung, never a third party's.
            ChoiceKind.Strike => rung >= choice.Rung - 1 && CanStrike(i, j, choice.Weapon),
            ChoiceKind.Negotiate => rung >= 3 && kind != ActorKind.Pmc,
            ChoiceKind.Ceasefire => rung >= 6 && kind != ActorKind.Pmc,
            ChoiceKind.Cooperate => affinity > 0.3 && kind != ActorKind.Pmc,
            ChoiceKind.ArmClient => isStateLike && affinity > 0.5 && _state.KindOf(j) is not (ActorKind.Pmc or ActorKind.Organization)
                && _state.CapabilityOf(i).Economy > _state.CapabilityOf(j).Economy && MaxThreat(j) > 0.1,
            ChoiceKind.Mediate => kind == ActorKind.State && affinity > 0.3 && Hottest(j) >= 0 && Hottest(j) != i
                && _state.Escalation[j, Hottest(j)] >= 5 && _state.Affinity[i, Hottest(j)] > -0.1,
            // The ladder of ties: relations are reduced before they are broken or a mission expelled.
            ChoiceKind.BreakRelations or ChoiceKind.ExpelMission => isStateLike && _state.Regimes.Holds(i, j, Regime.ReducedRelations),
            // Closing airspace takes ground of one's own, and matters only to a target that flies.
            ChoiceKind.CloseAirspace => isStateLike && _state.CapabilityOf(j).StrikeAssets >= 1 && HoldsGround(i),
            ChoiceKind.Recognize => isStateLike && affinity > 0.5 && _state.KindOf(j) is ActorKind.Separatist or ActorKind.ArmedGroup,
            _ => false,
        };
        if (!allowed)
        {
            return double.NaN;
        }

        var severity = choice.Severity;
        if (choice.Goldstein < 0)
        {
            // Hostile: worth more the more hostile and resolved the actor; costs grow with the
            // rung, fall with the actor's share of power, and jump when the act climbs the ladder.
            var cost = RungShare.Of(choice.Rung) * (1 - pair.Share) * (1 - (0.5 * politics.Resolve));
            var climb = Math.Max(0, choice.Rung - rung) * _state.P(ModelParameter.ClimbCost);
            var deterred = choice.Rung >= 5 ? pair.Deterrence : 0;
            return (Math.Min(1, pair.Hostility) * politics.Resolve * severity) - cost - climb - deterred;
        }

        // Cooperative: pays with friends, or as a way out when fighting erodes cohesion; arming and
        // mediating pay with how much the friend is threatened or embroiled.
        // A way out pays more the higher the rung and the less cohesive and resolved the actor.
        var relief = (1 - (politics.Cohesion * politics.Resolve)) * rung / 9.0;
        var stake = choice.Kind switch
        {
            ChoiceKind.ArmClient => MaxThreat(j),
            ChoiceKind.Mediate => RungShare.Of(_state.Escalation[j, Hottest(j)]),
            _ => relief,
        };
        return (severity * (affinity + stake)) - 0.2 - (choice.Kind is ChoiceKind.ArmClient or ChoiceKind.Mediate or ChoiceKind.Recognize ? 0.3 : 0);
    }

    /// <summary>Whether <paramref name="actor"/> holds at least one region this tick.</summary>
    private bool HoldsGround(int actor)
    {
        if (_holdersStep != _step)
        {
            FindHolders();
            _holdersStep = _step;
        }

        return _holdsGround[actor];
    }

    /// <summary>Marks the actors that hold at least one region this tick.</summary>
    private void FindHolders()
    {
        Array.Clear(_holdsGround);
        for (var r = 0; r < _state.RegionCount; r++)
        {
            var holder = _state.RegionOf(r).Controller;
            if (holder >= 0)
            {
                _holdsGround[holder] = true;
            }
        }
    }

    /// <summary><see cref="Strikes.CanStrike"/>, remembered for the rest of this choice.</summary>
    private bool CanStrike(int i, int j, Weapon weapon)
    {
        ref var known = ref _reach[(int)weapon];
        if (known == 0)
        {
            known = _state.Acts.Strikes.CanStrike(i, j, weapon) ? (byte)1 : (byte)2;
        }

        return known == 1;
    }

    /// <summary>The most <paramref name="actor"/> feels threatened by anyone this tick.</summary>
    private double MaxThreat(int actor)
    {
        if (_maxThreatStep[actor] != _step)
        {
            var max = 0.0;
            foreach (var t in _state.Threat.Row(actor))
            {
                max = Math.Max(max, t);
            }

            _maxThreat[actor] = max;
            _maxThreatStep[actor] = _step;
        }

        return _maxThreat[actor];
    }

    /// <summary>Reads every actor's power and marks side powers stale, at the start of the step.</summary>
    private void RefreshPowers()
    {
        for (var a = 0; a < _power.Length; a++)
        {
            _power[a] = _state.Power(a);
        }

        _stamp++;
    }

    /// <summary><see cref="ModelQueries.SidePower"/>, computed once per actor until an action changes powers or strengths.</summary>
    private double SidePower(int actor)
    {
        if (_sidePowerStamp[actor] != _stamp)
        {
            _sidePower[actor] = _state.Queries.SidePower(actor);
            _sidePowerStamp[actor] = _stamp;
        }

        return _sidePower[actor];
    }

    /// <summary>
    /// The power an attacker of <paramref name="target"/> must reckon with: the target's side power
    /// plus that of third parties who prefer the target to the attacker, in full with a treaty and
    /// at half without.
    /// </summary>
    private double BackedPower(int target, int attacker)
    {
        var n = _state.ActorCount;
        var affinities = _state.Affinity.AsSpan();
        var treaties = _state.Treaties.AsSpan();
        var backed = SidePower(target);
        for (var k = 0; k < n; k++)
        {
            if (k == target || k == attacker)
            {
                continue;
            }

            var preference = affinities[(k * n) + target] - Math.Max(0, affinities[(k * n) + attacker]);
            if (preference > 0)
            {
                backed += preference * _power[k] * (treaties[(k * n) + target] is Treaty.DefensePact or Treaty.Entente ? 1 : 0.5);
            }
        }

        return backed;
    }

    /// <summary>The other actor <paramref name="actor"/> has its highest rung with this tick (the first such), or -1 when none is above 0.</summary>
    private int Hottest(int actor)
    {
        if (_hottestStep[actor] != _step)
        {
            var best = -1;
            var bestRung = 0;
            var rungs = _state.Escalation.Row(actor);
            for (var b = 0; b < rungs.Length; b++)
            {
                if (b != actor && rungs[b] > bestRung)
                {
                    best = b;
                    bestRung = rungs[b];
                }
            }

            _hottest[actor] = best;
            _hottestStep[actor] = _step;
        }

        return _hottest[actor];
    }

    private void Perform(Choice choice, int i, int j, ref Rng rng)
    {
        _state.Acts.Perform(choice.Action, i, j, RegionId.None, EventOrigin.Decision, ref rng);
        if (choice.Kind is ChoiceKind.ArmClient or ChoiceKind.Strike)
        {
            _power[j] = _state.Power(j);
            _stamp++; // side powers include the client's power and PMC strengths
        }
    }

    /// <summary>What every choice's utility reads about one actor-target pair (share and deterrence only when hostile choices are weighed).</summary>
    private readonly record struct Pair(int Actor, int Target, ActorKind Kind, double Affinity, int Rung, double Hostility, double Share, double Deterrence);

    /// <summary>A decidable action with the catalog values its utility reads (severity is |Goldstein| / 10) and, for a strike, its weapon.</summary>
    private readonly record struct Choice(int Action, ChoiceKind Kind, Weapon Weapon, double Goldstein, int Rung, double Severity, Regime? Regime);
}
