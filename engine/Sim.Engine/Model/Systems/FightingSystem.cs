using MathNet.Numerics.Distributions;
using Sim.Ecs;
using Sim.Engine.Runs;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 4: first, a side outmatched in a region by sides it is one rung short of fighting or
/// already fighting (own strength below <c>retreat_ratio</c> of theirs) retreats, with chance
/// <c>retreat_chance</c> a tick, to an adjacent region it or a friend holds. Then, in every region where two sides with forces are at or above the clashes rung, they
/// fight one tick of Lanchester square-law attrition with log-normal noise (each side loses
/// <c>attrition</c> times the other's strength); battles displace civilians; a region changes
/// hands when its controller's side falls below <c>control_threshold</c> of a hostile side.
/// A force fights for its contractor when it has one, else for its owner.
/// </summary>
public sealed class FightingSystem(ModelState state) : ISystem
{
    private static readonly ulong Purpose = RngKey.Purpose("fighting");
    private static readonly ulong RetreatPurpose = RngKey.Purpose("retreat");
    private static readonly QueryDescription ForcesQuery = new QueryDescription().WithAll<Force>();

    private readonly double[] _side = new double[state.RegionCount * state.ActorCount];
    private readonly double[] _keep = new double[state.RegionCount * state.ActorCount];
    private readonly int[] _present = new int[state.ActorCount];
    private readonly int[] _retreatTo = new int[state.RegionCount * state.ActorCount];
    private readonly bool[] _arrived = new bool[state.RegionCount * state.ActorCount];
    private readonly RngRandom _random = new(default);
    private readonly int _clash = state.Definition.ActionIndex("clash");
    private readonly int _occupy = state.Definition.ActionIndex("occupy");

    /// <inheritdoc/>
    public string Name => "fighting";

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var n = state.ActorCount;
        Array.Clear(_side);
        Array.Fill(_keep, 1.0);
        var tables = state.World.GetQuery(ForcesQuery).Tables;
        foreach (var table in tables)
        {
            foreach (ref readonly var force in table.GetSpan<Force>())
            {
                _side[(force.Region * n) + force.Side] += force.Strength;
            }
        }

        var clashRung = (int)state.P(ModelParameter.ClashRung);
        Retreat(simulation, tables, clashRung);
        var rungs = state.Escalation.AsSpan();
        var fought = false;
        for (var r = 0; r < state.RegionCount; r++)
        {
            var count = 0;
            for (var a = 0; a < n; a++)
            {
                if (_side[(r * n) + a] > 0)
                {
                    _present[count++] = a;
                }
            }

            for (var x = 0; x < count; x++)
            {
                for (var y = x + 1; y < count; y++)
                {
                    var a = _present[x];
                    var b = _present[y];
                    if (rungs[(a * n) + b] >= clashRung)
                    {
                        Battle(simulation, r, a, b);
                        fought = true;
                    }
                }
            }
        }

        if (!fought)
        {
            return;
        }

        foreach (var table in tables)
        {
            foreach (ref var force in table.GetSpan<Force>())
            {
                force.Strength *= _keep[(force.Region * n) + force.Side];
            }
        }

        state.ForcesChanged();
        for (var r = 0; r < state.RegionCount; r++)
        {
            UpdateControl(r, clashRung);
        }
    }

    /// <summary>Moves outmatched sides out of contested regions (see the class summary).</summary>
    private void Retreat(Simulation simulation, ReadOnlySpan<Archetype> tables, int clashRung)
    {
        var n = state.ActorCount;
        var ratio = state.P(ModelParameter.RetreatRatio);
        var chance = state.P(ModelParameter.RetreatChance);
        var rungs = state.Escalation.AsSpan();
        var moved = false;
        var streams = simulation.Streams(RetreatPurpose);
        Array.Fill(_retreatTo, -1);
        Array.Clear(_arrived);
        for (var r = 0; r < state.RegionCount; r++)
        {
            for (var a = 0; a < n; a++)
            {
                var own = _side[(r * n) + a];
                // Forces move one hop a tick: a side that fell back into this region stays, or the strength that
                // fights here would include forces still standing in the region they came from.
                if (own <= 0 || _arrived[(r * n) + a])
                {
                    continue;
                }

                var hostile = 0.0;
                for (var b = 0; b < n; b++)
                {
                    hostile += b != a && rungs[(a * n) + b] >= clashRung - 1 ? _side[(r * n) + b] : 0;
                }

                if (own >= ratio * hostile || !streams.For((r * (long)n) + a).Chance(chance))
                {
                    continue;
                }

                var to = Refuge(r, a);
                if (to >= 0)
                {
                    _retreatTo[(r * n) + a] = to;
                    _arrived[(to * n) + a] = true;
                    _side[(to * n) + a] += own;
                    _side[(r * n) + a] = 0;
                    moved = true;
                }
            }
        }

        if (!moved)
        {
            return;
        }

        foreach (var table in tables)
        {
            foreach (ref var force in table.GetSpan<Force>())
            {
                var to = _retreatTo[(force.Region * n) + force.Side];
                force.Region = to >= 0 ? to : force.Region;
            }
        }

        state.ForcesChanged();
    }

    /// <summary>An adjacent region held by the side itself, else by a friend (affinity above 0.5), else -1.</summary>
    private int Refuge(int region, int side)
    {
        var friend = -1;
        foreach (var to in state.Definition.Regions[region].Adjacent)
        {
            var holder = state.RegionOf(to).Controller;
            if (holder == side)
            {
                return to;
            }

            if (friend < 0 && holder >= 0 && state.Affinity[side, holder] > 0.5)
            {
                friend = to;
            }
        }

        return friend;
    }

    private void Battle(Simulation simulation, int region, int a, int b)
    {
        var n = state.ActorCount;
        var sa = _side[(region * n) + a] * _keep[(region * n) + a];
        var sb = _side[(region * n) + b] * _keep[(region * n) + b];
        var rng = simulation.Random(Purpose, (((long)region * n) + a) * n + b);
        _random.Reset(rng);
        var sigma = state.P(ModelParameter.AttritionNoise);
        var k = state.P(ModelParameter.Attrition);
        var lossA = Math.Min(sa, k * sb * LogNormal.Sample(_random, 0, sigma));
        var lossB = Math.Min(sb, k * sa * LogNormal.Sample(_random, 0, sigma));
        _keep[(region * n) + a] *= sa > 0 ? 1 - (lossA / sa) : 1;
        _keep[(region * n) + b] *= sb > 0 ? 1 - (lossB / sb) : 1;

        ref var r = ref state.RegionOf(region);
        var displaced = state.P(ModelParameter.Displacement) * r.Population;
        r.Population -= displaced;
        r.Displaced += displaced;

        // The side that does not hold the region is the one attacking it.
        var (attacker, defender) = r.Controller == a ? (b, a) : (a, b);
        var goldstein = _clash >= 0 ? state.Definition.Actions[_clash].Goldstein : -10;
        if (_clash >= 0)
        {
            state.Emit(new SimEvent(state.Tick, _clash, attacker, defender, region, goldstein, (int)Math.Round(lossA + lossB), 0, EventOrigin.Fighting));
        }
    }

    private void UpdateControl(int region, int clashRung)
    {
        var n = state.ActorCount;
        ref var r = ref state.RegionOf(region);
        var holder = r.Controller;
        var held = holder >= 0 ? _side[(region * n) + holder] * _keep[(region * n) + holder] : 0;
        var best = -1;
        var bestStrength = 0.0;
        for (var a = 0; a < n; a++)
        {
            var s = _side[(region * n) + a] * _keep[(region * n) + a];
            if (a != holder && s > bestStrength && (holder < 0 || state.Escalation[a, holder] >= clashRung))
            {
                best = a;
                bestStrength = s;
            }
        }

        if (best >= 0 && held < state.P(ModelParameter.ControlThreshold) * bestStrength)
        {
            r.Controller = best;
            if (_occupy >= 0)
            {
                var action = state.Definition.Actions[_occupy];
                state.Emit(new SimEvent(state.Tick, _occupy, best, holder, region, action.Goldstein, 0, 0, EventOrigin.Fighting));
            }
        }
    }
}
