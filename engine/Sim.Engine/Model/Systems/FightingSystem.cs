using MathNet.Numerics.Distributions;
using Sim.Ecs;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 4: first, a side outmatched in a region by sides it is one rung short of fighting or
/// already fighting (own strength below <c>retreat_ratio</c> of theirs) retreats, with chance
/// <c>retreat_chance</c> a tick, to an adjacent region it or a friend holds. Next, a side in a region
/// free of such hostile sides may move, with chance <c>advance_chance</c>, one hop into an adjacent
/// region to reinforce itself where it is outnumbered (if together they at least match the hostile
/// strength there), else to attack where together they reach <c>advance_ratio</c> times the hostile
/// strength, or to walk into a region held by a side it is fighting that has no forces there.
/// A side moves at most one hop a tick. Then, in every region where two sides with forces are at or above the clashes rung, they
/// fight one tick of Lanchester square-law attrition with log-normal noise (each side loses
/// <c>attrition</c> times the other's strength); battles displace civilians; a region changes
/// hands when its controller's side falls below <c>control_threshold</c> of a hostile side.
/// A force fights for its contractor when it has one, else for its owner.
/// </summary>
public sealed class FightingSystem(ModelState state) : IModelSystem
{
    private static readonly ulong Purpose = RngKey.Purpose("fighting");
    private static readonly ulong RetreatPurpose = RngKey.Purpose("retreat");
    private static readonly ulong AdvancePurpose = RngKey.Purpose("advance");
    private static readonly QueryDescription ForcesQuery = new QueryDescription().WithAll<Force>();

    private readonly double[] _side = new double[state.RegionCount * state.ActorCount];
    private readonly double[] _keep = new double[state.RegionCount * state.ActorCount];
    private readonly int[] _present = new int[state.ActorCount];
    private readonly int[] _moveTo = new int[state.RegionCount * state.ActorCount];
    private readonly bool[] _arrived = new bool[state.RegionCount * state.ActorCount];

    // The sides with forces in each region at the start of the tick (ascending), so that hostile strength sums
    // only them rather than every actor; a region a new side moved into this tick is summed in full.
    private readonly int[] _presentStart = new int[state.RegionCount + 1];
    private readonly int[] _presentSides = new int[state.RegionCount * state.ActorCount];
    private readonly bool[] _newcomer = new bool[state.RegionCount];
    private readonly int[] _everySide = [.. Enumerable.Range(0, state.ActorCount)];
    private readonly RngRandom _random = new(default);
    private readonly int _clash = state.Action(DefaultAction.Clash);
    private readonly int _occupy = state.Action(DefaultAction.Occupy);

    /// <inheritdoc/>
    public string Name => "fighting";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.Events | StateChanges.Casualties | StateChanges.Marches | StateChanges.Control | StateChanges.Displacement;

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
        Array.Fill(_moveTo, -1);
        Array.Clear(_arrived);
        ListPresentSides();
        var moved = Retreat(simulation, clashRung);
        moved |= Advance(simulation, clashRung);
        if (moved)
        {
            Move(tables);
        }

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

        if (!fought && !moved)
        {
            return;
        }

        if (fought)
        {
            foreach (var table in tables)
            {
                foreach (ref var force in table.GetSpan<Force>())
                {
                    force.Strength *= _keep[(force.Region * n) + force.Side];
                }
            }

            state.Strengths.Invalidate();
        }

        // Battles and moves both change who stands where: a side that walked into an empty region held by its enemy takes it.
        for (var r = 0; r < state.RegionCount; r++)
        {
            UpdateControl(r, clashRung);
        }
    }

    /// <summary>Moves outmatched sides out of contested regions (see the class summary); true when any side moved.</summary>
    private bool Retreat(Simulation simulation, int clashRung)
    {
        var n = state.ActorCount;
        var ratio = state.P(ModelParameter.RetreatRatio);
        var chance = state.P(ModelParameter.RetreatChance);
        var moved = false;
        var streams = simulation.Streams(RetreatPurpose);
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

                if (own >= ratio * Hostile(r, a, clashRung) || !streams.For((r * (long)n) + a).Chance(chance))
                {
                    continue;
                }

                var to = Refuge(r, a);
                if (to >= 0)
                {
                    MoveSide(a, r, to);
                    moved = true;
                }
            }
        }

        return moved;
    }

    /// <summary>
    /// Moves sides out of quiet regions into an adjacent one to reinforce or attack (see the class summary);
    /// true when any side moved.
    /// </summary>
    private bool Advance(Simulation simulation, int clashRung)
    {
        var n = state.ActorCount;
        var ratio = state.P(ModelParameter.AdvanceRatio);
        var chance = state.P(ModelParameter.AdvanceChance);
        if (chance <= 0)
        {
            return false;
        }

        var rungs = state.Escalation.AsSpan();
        var streams = simulation.Streams(AdvancePurpose);
        var moved = false;
        for (var r = 0; r < state.RegionCount; r++)
        {
            for (var a = 0; a < n; a++)
            {
                var own = _side[(r * n) + a];
                // A side that just arrived stays (one hop a tick); one facing hostile forces where it stands holds its ground.
                // The draw comes first because it is the cheapest test: each side's draw is its own stream, so the
                // order of the tests does not change which sides move.
                if (own <= 0 || _arrived[(r * n) + a] || !streams.For((r * (long)n) + a).Chance(chance) || Hostile(r, a, clashRung) > 0)
                {
                    continue;
                }

                var to = Objective(r, a, own, ratio, clashRung, rungs);
                if (to >= 0)
                {
                    MoveSide(a, r, to);
                    moved = true;
                }
            }
        }

        return moved;
    }

    /// <summary>
    /// Where side <paramref name="a"/>, with <paramref name="own"/> strength in quiet region <paramref name="region"/>, would
    /// move: first an adjacent region where it stands or that it holds, where it is outnumbered and the two together
    /// at least match the hostile strength (reinforcement), else the adjacent region where together they outmatch the hostile strength by the largest ratio,
    /// if at least <paramref name="ratio"/> (attack), a region held by a side it is fighting but empty of hostile forces
    /// counting as the best; -1 for none.
    /// </summary>
    private int Objective(int region, int a, double own, double ratio, int clashRung, ReadOnlySpan<int> rungs)
    {
        var n = state.ActorCount;
        var best = -1;
        var bestRatio = 0.0;
        foreach (var to in state.Definition.Regions[region].Adjacent)
        {
            var there = _side[(to * n) + a];
            var hostile = Hostile(to, a, clashRung);
            var together = there + own;
            var holder = state.RegionOf(to).Controller;
            if (hostile > 0 && (there > 0 || holder == a) && there < hostile && together >= hostile)
            {
                return to;
            }

            var odds = hostile > 0 ? together / hostile
                : holder >= 0 && holder != a && rungs[(a * n) + holder] >= clashRung ? double.PositiveInfinity : 0;
            if (odds >= ratio && odds > bestRatio)
            {
                best = to;
                bestRatio = odds;
            }
        }

        return best;
    }

    /// <summary>Strength in <paramref name="region"/> of the sides <paramref name="a"/> is fighting or one rung short of fighting.</summary>
    private double Hostile(int region, int a, int clashRung)
    {
        var n = state.ActorCount;
        var rungs = state.Escalation.AsSpan();
        var hostile = 0.0;
        // Summing only the sides listed at the start of the tick gives the same sum in the same order: every other
        // side has no strength here, and those that left since add their zero. Where a new side arrived, all are summed.
        var sides = _newcomer[region]
            ? _everySide
            : _presentSides.AsSpan(_presentStart[region], _presentStart[region + 1] - _presentStart[region]);
        foreach (var b in sides)
        {
            hostile += b != a && rungs[(a * n) + b] >= clashRung - 1 ? _side[(region * n) + b] : 0;
        }

        return hostile;
    }

    /// <summary>Lists the sides with forces in each region, at the start of the tick.</summary>
    private void ListPresentSides()
    {
        var n = state.ActorCount;
        var count = 0;
        for (var r = 0; r < state.RegionCount; r++)
        {
            _presentStart[r] = count;
            _newcomer[r] = false;
            for (var a = 0; a < n; a++)
            {
                if (_side[(r * n) + a] > 0)
                {
                    _presentSides[count++] = a;
                }
            }
        }

        _presentStart[state.RegionCount] = count;
    }

    /// <summary>Books side <paramref name="a"/>'s move from <paramref name="from"/> to <paramref name="to"/>; <see cref="Move"/> applies it to the forces.</summary>
    private void MoveSide(int a, int from, int to)
    {
        var n = state.ActorCount;
        _moveTo[(from * n) + a] = to;
        _arrived[(to * n) + a] = true;
        _newcomer[to] |= _side[(to * n) + a] <= 0;
        _side[(to * n) + a] += _side[(from * n) + a];
        _side[(from * n) + a] = 0;
    }

    /// <summary>Moves every force of a side that moved; strength is unchanged (no one dies on the march).</summary>
    private void Move(ReadOnlySpan<Archetype> tables)
    {
        var n = state.ActorCount;
        foreach (var table in tables)
        {
            foreach (ref var force in table.GetSpan<Force>())
            {
                var to = _moveTo[(force.Region * n) + force.Side];
                force.Region = to >= 0 ? to : force.Region;
            }
        }

        state.Strengths.Invalidate();
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
        state.Emit(new SimEvent
        {
            Tick = state.Tick,
            Action = _clash,
            Actor = new ActorId(attacker),
            Target = new ActorId(defender),
            Region = new RegionId(region),
            Goldstein = state.Definition.Actions[_clash].Goldstein,
            Fatalities = (int)Math.Round(lossA + lossB),
            Origin = EventOrigin.Fighting,
        });
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
            state.Emit(_occupy, EventOrigin.Fighting, actor: new ActorId(best), target: new ActorId(holder), region: new RegionId(region));
        }
    }
}
