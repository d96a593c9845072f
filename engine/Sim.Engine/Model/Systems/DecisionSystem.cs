using MathNet.Numerics.Distributions;
using Sim.Ecs;
using Sim.Engine.Runs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 3: each actor, toward each other actor it has business with, may act this tick (with
/// a chance that grows with hostility) and then picks one action by a logit (quantal
/// response) choice over utilities, with its rationality as the precision. Strikes hit the
/// target's forces in a region and may harm civilians.
/// </summary>
public sealed class DecisionSystem : ISystem
{
    private static readonly ulong Purpose = RngKey.Purpose("decisions");

    private readonly ModelState _state;
    private readonly Choice[] _choices;
    private readonly double[] _weights;
    private readonly RngRandom _random = new(default);

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
    }

    /// <summary>The catalog actions actors choose among by themselves; others happen only through rules, the timeline or fighting.</summary>
    private static (string Id, ChoiceKind Kind)[] DecidableActions =>
    [
        ("protest", ChoiceKind.Verbal), ("demand", ChoiceKind.Verbal), ("threaten", ChoiceKind.Verbal),
        ("reduce_relations", ChoiceKind.Verbal), ("denounce_un", ChoiceKind.UnDenunciation), ("sanction", ChoiceKind.Sanction),
        ("mobilize", ChoiceKind.Mobilize), ("strike", ChoiceKind.Strike), ("drone_strike", ChoiceKind.Strike),
        ("negotiate", ChoiceKind.Negotiate), ("ceasefire", ChoiceKind.Ceasefire), ("cooperate", ChoiceKind.Cooperate),
    ];

    /// <inheritdoc/>
    public string Name => "decisions";

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var n = _state.ActorCount;
        var activity = _state.P(ModelParameter.Activity);
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
                var hostility = Math.Max(0, -affinity) + (rung / 9.0);
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
        var power = _state.Power(i);
        var share = power / Math.Max(1e-9, power + _state.Power(j));
        var lambda = politics.Rationality;
        var total = 1.0; // exp(lambda * 0) for doing nothing
        for (var c = 0; c < _choices.Length; c++)
        {
            var utility = Utility(_choices[c], i, j, affinity, rung, hostility, share, politics);
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
    private double Utility(Choice choice, int i, int j, double affinity, int rung, double hostility, double share, in Politics politics)
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
            ChoiceKind.Strike => hasAirPower && _state.Power(i) > 0 && _state.Strength(j, -1) > 0 && rung >= action.Rung - 1,
            ChoiceKind.Negotiate => rung >= 3 && kind != ActorKind.Pmc,
            ChoiceKind.Ceasefire => rung >= 6 && kind != ActorKind.Pmc,
            ChoiceKind.Cooperate => affinity > 0.3 && kind != ActorKind.Pmc,
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
            var climb = Math.Max(0, action.Rung - rung) * 0.3;
            return (hostility * politics.Resolve * severity) - cost - climb;
        }

        // Cooperative: pays with friends, or as a way out when fighting erodes cohesion.
        var relief = (1 - politics.Cohesion) * rung / 9.0;
        return (severity * (affinity + relief)) - 0.2;
    }

    private void Perform(Choice choice, int i, int j, ref Rng rng)
    {
        var action = _state.Definition.Actions[choice.Action];
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
            civilians = Poisson.Sample(_random, Math.Max(1e-9, _state.P(ModelParameter.CivilianDeaths)));
            ref var r = ref _state.RegionOf(region);
            r.Population = Math.Max(0, r.Population - civilians);
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
