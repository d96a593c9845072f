using MathNet.Numerics.Distributions;
using Sim.Ecs;
using Sim.Engine.Runs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 3: each actor, toward each other actor it has business with, may act this tick (with
/// a chance that grows with hostility and perceived threat) and then picks one action by a
/// logit (quantal response) choice over utilities, with its rationality as the precision.
/// Kinetic acts are deterred by the target's backed power; strikes hit the target's forces in a
/// region and may harm civilians; arms deliveries raise a client's power; mediation lowers the
/// tension of the target's hottest dyad.
/// </summary>
public sealed class DecisionSystem : ISystem
{
    private static readonly ulong Purpose = RngKey.Purpose("decisions");

    private readonly ModelState _state;
    private readonly Choice[] _choices;
    private readonly double[] _weights;
    private readonly RngRandom _random = new(default);
    private readonly int[] _hottest;

    /// <summary>Prepares the choice set from the action catalog.</summary>
    public DecisionSystem(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        var choices = new List<Choice>();
        foreach (var (id, kind) in DecidableActions)
        {
            var index = state.Definition.ActionIndex(id);
            if (index >= 0)
            {
                choices.Add(new Choice(index, kind));
            }
        }

        _choices = [.. choices];
        _weights = new double[_choices.Length];
        _hottest = new int[state.ActorCount];
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
    }

    /// <summary>The catalog actions actors choose among by themselves; others happen only through rules, the timeline or fighting.</summary>
    private static (string Id, ChoiceKind Kind)[] DecidableActions =>
    [
        ("protest", ChoiceKind.Verbal), ("demand", ChoiceKind.Verbal), ("threaten", ChoiceKind.Verbal),
        ("reduce_relations", ChoiceKind.Verbal), ("denounce_un", ChoiceKind.UnDenunciation), ("sanction", ChoiceKind.Sanction),
        ("mobilize", ChoiceKind.Mobilize), ("strike", ChoiceKind.Strike), ("drone_strike", ChoiceKind.Strike),
        ("negotiate", ChoiceKind.Negotiate), ("ceasefire", ChoiceKind.Ceasefire), ("cooperate", ChoiceKind.Cooperate),
        ("arm_client", ChoiceKind.ArmClient), ("mediate", ChoiceKind.Mediate),
    ];

    /// <inheritdoc/>
    public string Name => "decisions";

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var n = _state.ActorCount;
        var activity = _state.P(ModelParameter.Activity);
        FindHottestDyads();
        for (var i = 0; i < n; i++)
        {
            if (_state.KindOf(i) == ActorKind.Organization)
            {
                continue;
            }

            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var affinity = _state.Affinity[i, j];
                var rung = _state.Escalation[i, j];
                var hostility = Math.Max(0, -affinity) + (rung / 9.0) + _state.Threat[i, j];
                if (hostility < 0.05 && affinity < 0.3)
                {
                    continue;
                }

                var rng = simulation.Random(Purpose, (i * (long)n) + j);
                if (!rng.Chance(Math.Min(1, activity * (0.25 + hostility))))
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
        var power = _state.SidePower(i);
        var backed = BackedPower(j, i);
        var share = power / Math.Max(1e-9, power + backed);
        var deterrence = _state.P(ModelParameter.Deterrence) * backed / Math.Max(1e-3, power);
        var lambda = politics.Rationality * _state.P(ModelParameter.RationalityScale);
        var total = 1.0; // exp(lambda * 0) for doing nothing
        for (var c = 0; c < _choices.Length; c++)
        {
            var utility = Utility(_choices[c], i, j, affinity, rung, hostility, share, deterrence, politics);
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

    /// <summary>The utility of a choice for actor <paramref name="i"/> toward <paramref name="j"/>, or NaN when not allowed.</summary>
    private double Utility(Choice choice, int i, int j, double affinity, int rung, double hostility, double share, double deterrence, in Politics politics)
    {
        var action = _state.Definition.Actions[choice.Action];
        var kind = _state.KindOf(i);
        var isStateLike = kind is ActorKind.State or ActorKind.Junta;
        var hasAirPower = isStateLike || kind == ActorKind.Pmc;
        if (action.Goldstein < 0 && affinity >= 0 && rung == 0)
        {
            return double.NaN; // no grievance, no hostile act
        }

        var allowed = choice.Kind switch
        {
            ChoiceKind.Verbal => kind != ActorKind.Pmc,
            ChoiceKind.UnDenunciation => isStateLike,
            ChoiceKind.Sanction => isStateLike && _state.CapabilityOf(i).Economy > 0,
            ChoiceKind.Mobilize => _state.Strength(i, -1) > 0,
            ChoiceKind.Strike => hasAirPower && _state.Power(i) > 0 && (kind != ActorKind.Pmc || _state.Strength(i, -1) > 0) && _state.Strength(j, -1) > 0 && rung >= action.Rung - 1,
            ChoiceKind.Negotiate => rung >= 3 && kind != ActorKind.Pmc,
            ChoiceKind.Ceasefire => rung >= 6 && kind != ActorKind.Pmc,
            ChoiceKind.Cooperate => affinity > 0.3 && kind != ActorKind.Pmc,
            ChoiceKind.ArmClient => isStateLike && affinity > 0.5 && _state.KindOf(j) is not (ActorKind.Pmc or ActorKind.Organization)
                && _state.CapabilityOf(i).Economy > _state.CapabilityOf(j).Economy && ThreatTo(j) > 0.1,
            ChoiceKind.Mediate => kind == ActorKind.State && affinity > 0.3 && _hottest[j] >= 0 && _hottest[j] != i
                && _state.Escalation[j, _hottest[j]] >= 5 && _state.Affinity[i, _hottest[j]] > -0.1,
            _ => false,
        };
        if (!allowed)
        {
            return double.NaN;
        }

        var severity = Math.Abs(action.Goldstein) / 10;
        if (action.Goldstein < 0)
        {
            // Hostile: worth more the more hostile and resolved the actor; costs grow with the
            // rung, fall with the actor's share of power, and jump when the act climbs the ladder.
            var cost = action.Rung / 9.0 * (1 - share) * (1 - (0.5 * politics.Resolve));
            var climb = Math.Max(0, action.Rung - rung) * _state.P(ModelParameter.ClimbCost);
            var deterred = action.Rung >= 5 ? deterrence : 0;
            return (Math.Min(1, hostility) * politics.Resolve * severity) - cost - climb - deterred;
        }

        // Cooperative: pays with friends, or as a way out when fighting erodes cohesion; arming and
        // mediating pay with how much the friend is threatened or embroiled.
        // A way out pays more the higher the rung and the less cohesive and resolved the actor.
        var relief = (1 - (politics.Cohesion * politics.Resolve)) * rung / 9.0;
        var stake = choice.Kind switch
        {
            ChoiceKind.ArmClient => ThreatTo(j),
            ChoiceKind.Mediate => _state.Escalation[j, _hottest[j]] / 9.0,
            _ => relief,
        };
        return (severity * (affinity + stake)) - 0.2 - (choice.Kind is ChoiceKind.ArmClient or ChoiceKind.Mediate ? 0.3 : 0);
    }

    /// <summary>The most an actor feels threatened by anyone.</summary>
    private double ThreatTo(int actor)
    {
        var max = 0.0;
        foreach (var t in _state.Threat.Row(actor))
        {
            max = Math.Max(max, t);
        }

        return max;
    }

    /// <summary>
    /// The power an attacker of <paramref name="target"/> must reckon with: the target's side power
    /// plus that of third parties who prefer the target to the attacker, in full with a treaty and
    /// at half without.
    /// </summary>
    private double BackedPower(int target, int attacker)
    {
        var backed = _state.SidePower(target);
        for (var k = 0; k < _state.ActorCount; k++)
        {
            if (k == target || k == attacker)
            {
                continue;
            }

            var preference = _state.Affinity[k, target] - Math.Max(0, _state.Affinity[k, attacker]);
            if (preference > 0)
            {
                backed += preference * _state.Power(k) * (_state.Treaties[k, target] is Treaty.DefensePact or Treaty.Entente ? 1 : 0.5);
            }
        }

        return backed;
    }

    /// <summary>For each actor, the other actor it has its highest rung with (or -1 when none is above 0).</summary>
    private void FindHottestDyads()
    {
        var n = _state.ActorCount;
        for (var a = 0; a < n; a++)
        {
            var best = -1;
            var bestRung = 0;
            for (var b = 0; b < n; b++)
            {
                if (b != a && _state.Escalation[a, b] > bestRung)
                {
                    best = b;
                    bestRung = _state.Escalation[a, b];
                }
            }

            _hottest[a] = best;
        }
    }

    private void Perform(Choice choice, int i, int j, ref Rng rng)
    {
        var action = _state.Definition.Actions[choice.Action];
        if (choice.Kind == ChoiceKind.ArmClient)
        {
            _state.CapabilityOf(j).Power += _state.P(ModelParameter.ArmsTransfer) * _state.InitialPower[j];
        }
        else if (choice.Kind == ChoiceKind.Mediate)
        {
            var k = _hottest[j];
            var keep = 1 - _state.P(ModelParameter.Mediation);
            _state.Tension[j, k] = _state.Tension[k, j] = _state.Tension[j, k] * keep;
        }

        if (choice.Kind != ChoiceKind.Strike)
        {
            _state.Emit(new SimEvent(_state.Tick, choice.Action, i, j, -1, action.Goldstein, 0, 0, EventOrigin.Decision));
            return;
        }

        var region = PickTargetRegion(j, ref rng);
        if (region < 0)
        {
            return;
        }

        _random.Reset(rng);
        var damage = _state.P(ModelParameter.StrikeDamage) * _state.Power(i) * LogNormal.Sample(_random, 0, _state.P(ModelParameter.AttritionNoise));
        var killed = Hit(j, region, damage);
        var civilians = 0;
        if (_random.NextDouble() < _state.P(ModelParameter.CivilianHarm))
        {
            ref var r = ref _state.RegionOf(region);
            // No more civilians die than live there: the dead are taken from the region's population.
            civilians = (int)Math.Min(Poisson.Sample(_random, Math.Max(1e-9, _state.P(ModelParameter.CivilianDeaths))), Math.Floor(r.Population));
            r.Population -= civilians;
        }

        _state.Emit(new SimEvent(_state.Tick, choice.Action, i, j, region, action.Goldstein, (int)Math.Round(killed) + civilians, civilians, EventOrigin.Decision));
    }

    /// <summary>A region where <paramref name="target"/> has forces, drawn in proportion to its strength there.</summary>
    private int PickTargetRegion(int target, ref Rng rng)
    {
        var total = _state.Strength(target, -1);
        var draw = rng.NextDouble() * total;
        for (var r = 0; r < _state.RegionCount; r++)
        {
            draw -= _state.Strength(target, r);
            if (draw < 0)
            {
                return r;
            }
        }

        return -1;
    }

    /// <summary>Removes up to <paramref name="damage"/> strength from the target's forces in a region, proportionally; returns what was removed.</summary>
    private double Hit(int target, int region, double damage)
    {
        var present = _state.Strength(target, region);
        if (present <= 0)
        {
            return 0;
        }

        var removed = Math.Min(present, damage);
        _state.ScaleForces(target, region, 1 - (removed / present));
        return removed;
    }

    private readonly record struct Choice(int Action, ChoiceKind Kind);
}
