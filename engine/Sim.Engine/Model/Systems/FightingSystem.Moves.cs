using Sim.Ecs;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Retreats and offensives, before the battles. A side moves at most one hop a tick, and "hostile" means at
/// <c>clash_rung - 1</c> or more.
/// <list type="bullet">
/// <item>A side in contact with hostile forces retreats to an adjacent region it holds, else one a friend holds: always when
/// it is broken, with chance <c>retreat_chance</c> a tick when its strength is below <c>retreat_ratio</c> of theirs.</item>
/// <item>An unbroken side in a quiet region goes on the offensive with chance <c>advance_chance</c> a tick, committing
/// its strength there less a <c>garrison</c> share where it or a friend holds the region. Its objective is an adjacent
/// region where its own outnumbered forces stand or that it holds and the commitment makes them a match (reinforcement),
/// else one where its forces there plus the commitment reach <c>advance_ratio</c> times the hostile strength, a region
/// it claims before any other, then the best odds; a region an enemy holds with no hostile forces in it counts as the
/// best odds when the commitment can occupy it (<c>occupation_per_1000</c>).</item>
/// </list>
/// Moving forces split: the committed share of each force marches and joins a force of the same owner and contract
/// at its objective, or becomes one.
/// </summary>
public sealed partial class FightingSystem
{
    private static readonly ulong RetreatPurpose = RngKey.Purpose("retreat");
    private static readonly ulong AdvancePurpose = RngKey.Purpose("advance");

    // By cell: where its side marches this tick and with what share of its strength, and whether it arrived this tick.
    private int[] _moveTo = [];
    private double[] _moveShare = [];
    private bool[] _arrived = [];

    // By cell: the hostile strength the retreats found there; by region: whether a side moved out of or into it since.
    private double[] _hostileAt = [];
    private readonly bool[] _movedIn;

    // Shares of forces on the march, by the cell they march to: the first split (a list through Split.Next), -1 for none.
    private int[] _splitAt = [];
    private Split[] _splits = new Split[16];
    private int _splitCount;

    /// <summary>The committed share of one force, marching to join a force of its owner and contract at <see cref="To"/>.</summary>
    private struct Split
    {
        public int Owner;
        public int Contract;
        public int To;
        public int Cell;
        public double Strength;
        public double Establishment;
        public int Next;
        public bool Joined;
    }

    /// <summary>Books every retreat and offensive, then moves the forces; true when any side moved.</summary>
    private bool MoveSides(Simulation simulation, int clashRung, ReadOnlySpan<Archetype> tables)
    {
        Array.Clear(_movedIn);
        var moved = Retreat(simulation, clashRung);
        moved |= Advance(simulation, clashRung);
        if (moved)
        {
            Move(tables);
        }

        return moved;
    }

    /// <summary>Books the retreats of broken and outmatched sides (see the class summary); true when any side retreats.</summary>
    private bool Retreat(Simulation simulation, int clashRung)
    {
        var n = _state.ActorCount;
        var ratio = _state.P(ModelParameter.RetreatRatio);
        var chance = _state.P(ModelParameter.RetreatChance);
        var moved = false;
        var streams = simulation.Streams(RetreatPurpose);

        // The cells listed at the start of the tick, in region then side order; those sides moved into are arrivals, which stay.
        for (var cell = 0; cell < _cellCount; cell++)
        {
            var own = _side[cell];
            // Forces move one hop a tick: a side that fell back into this region stays, or the strength that
            // fights here would include forces still standing in the region they came from.
            if (own <= 0 || _arrived[cell])
            {
                continue;
            }

            int r = _cellRegion[cell], a = _cellSide[cell];
            MapRegion(r);
            var hostile = _hostileAt[cell] = Hostile(r, a, clashRung);
            if (hostile <= 0 || (!Broken(cell) && (own >= ratio * hostile || !streams.For((r * (long)n) + a).Chance(chance))))
            {
                continue;
            }

            var to = Refuge(r, a);
            if (to >= 0)
            {
                MoveSide(cell, to, 1);
                moved = true;
            }
        }

        MapRegion(-1);
        return moved;
    }

    /// <summary>Books the offensives of unbroken sides in quiet regions (see the class summary); true when any side goes.</summary>
    private bool Advance(Simulation simulation, int clashRung)
    {
        var n = _state.ActorCount;
        var chance = _state.P(ModelParameter.AdvanceChance);
        if (chance <= 0)
        {
            return false;
        }

        var garrison = _state.P(ModelParameter.Garrison);
        var streams = simulation.Streams(AdvancePurpose);
        var moved = false;
        for (var cell = 0; cell < _cellCount; cell++)
        {
            var own = _side[cell];
            int r = _cellRegion[cell], a = _cellSide[cell];
            // A side that just arrived stays (one hop a tick); one facing hostile forces where it stands holds its ground.
            // Each side's draw is its own stream, so the order of the tests does not change which sides move: the draw,
            // which costs more than looking up the few actors a side is hostile to, comes last.
            if (own <= 0 || _arrived[cell] || Broken(cell))
            {
                continue;
            }

            // The retreats found the hostile strength of every side present and not arrived: it stands where no one moved since.
            if (_movedIn[r])
            {
                MapRegion(r);
            }

            if ((_movedIn[r] ? Hostile(r, a, clashRung) : _hostileAt[cell]) > 0 || !streams.For((r * (long)n) + a).Chance(chance))
            {
                continue;
            }

            var share = HeldBy(r, a) ? 1 - garrison : 1;
            var to = Objective(r, a, own * share, clashRung);
            if (to >= 0 && share > 0)
            {
                MoveSide(cell, to, share);
                moved = true;
            }
        }

        MapRegion(-1);
        return moved;
    }

    /// <summary>
    /// The objective of side <paramref name="a"/>'s offensive from quiet region <paramref name="region"/>, committing
    /// <paramref name="commit"/> strength (see the class summary); -1 for none.
    /// </summary>
    private int Objective(int region, int a, double commit, int clashRung)
    {
        var ratio = _state.P(ModelParameter.AdvanceRatio);
        var claims = _state.Definition.Actors[a].Claims;
        var best = -1;
        var bestOdds = 0.0;
        var bestClaimed = false;
        foreach (var to in _state.Definition.Regions[region].Adjacent)
        {
            var cell = FindCell(to, a);
            var there = cell >= 0 ? _side[cell] : 0;
            var hostile = Hostile(to, a, clashRung);
            var holder = _holder[to];
            if (hostile > 0 && (there > 0 || holder == a) && there < hostile && there + commit >= hostile)
            {
                return to;
            }

            var enemyHeld = holder >= 0 && holder != a && _state.Escalation[a, holder] >= clashRung;
            var odds = hostile > 0 ? (there + commit) / hostile
                : enemyHeld && commit >= OccupationNeed(to) ? double.PositiveInfinity : 0;
            var claimed = claims.Contains(to);
            if (odds >= ratio && ((claimed && !bestClaimed) || (claimed == bestClaimed && odds > bestOdds)))
            {
                best = to;
                bestOdds = odds;
                bestClaimed = claimed;
            }
        }

        return best;
    }

    /// <summary>An adjacent region held by the side itself, else by a friend, else -1.</summary>
    private int Refuge(int region, int side)
    {
        var friend = -1;
        foreach (var to in _state.Definition.Regions[region].Adjacent)
        {
            var holder = _holder[to];
            if (holder == side)
            {
                return to;
            }

            friend = friend < 0 && holder >= 0 && _state.Queries.Friends(side, holder) ? to : friend;
        }

        return friend;
    }

    /// <summary>
    /// Books the march of <paramref name="share"/> of the strength of the side in cell <paramref name="origin"/> to
    /// region <paramref name="to"/>; <see cref="Move"/> applies it to the forces. The marching forces' shock mixes with
    /// that of the side's forces there.
    /// </summary>
    private void MoveSide(int origin, int to, double share)
    {
        var target = CellFor(to, _cellSide[origin]);
        _movedIn[to] = _movedIn[_cellRegion[origin]] = true;
        var moving = _side[origin] * share;
        _moveTo[origin] = to;
        _moveShare[origin] = share;
        _arrived[target] = true;
        _shock[target] = ((_shock[target] * _side[target]) + (_shock[origin] * moving)) / (_side[target] + moving);
        _side[target] += moving;
        _side[origin] = share >= 1 ? 0 : _side[origin] - moving;
    }

    /// <summary>
    /// Moves the forces of every side that marched: whole forces when the whole side goes, else the committed share of
    /// each, joining a force of the same owner and contract at the objective or becoming one. No one dies on the march.
    /// </summary>
    private void Move(ReadOnlySpan<Archetype> tables)
    {
        for (var t = 0; t < tables.Length; t++)
        {
            var forces = tables[t].GetSpan<Force>();
            for (var row = 0; row < forces.Length; row++)
            {
                ref var force = ref forces[row];
                var cell = _cellOf[_tableStart[t] + row];
                var to = _moveTo[cell];
                if (to < 0)
                {
                    continue;
                }

                var share = _moveShare[cell];
                var target = FindCell(to, force.Side);
                if (share >= 1)
                {
                    force.Region = to;
                    _cellOf[_tableStart[t] + row] = target;
                    continue;
                }

                if (_splitCount == _splits.Length)
                {
                    Array.Resize(ref _splits, _splitCount * 2);
                }

                var key = target;
                _splits[_splitCount] = new Split
                {
                    Owner = force.Owner,
                    Contract = force.Contract,
                    To = to,
                    Cell = target,
                    Strength = force.Strength * share,
                    Establishment = force.Establishment * share,
                    Next = _splitAt[key],
                };
                _splitAt[key] = _splitCount++;
                force.Strength -= _splits[_splitAt[key]].Strength;
                force.Establishment -= _splits[_splitAt[key]].Establishment;
            }
        }

        if (_splitCount > 0)
        {
            JoinSplits(tables);
        }

        _state.Strengths.Invalidate();
    }

    /// <summary>Adds each share on the march to the first force of its owner and contract at its objective, or makes it a force of its own.</summary>
    private void JoinSplits(ReadOnlySpan<Archetype> tables)
    {
        for (var t = 0; t < tables.Length; t++)
        {
            var forces = tables[t].GetSpan<Force>();
            for (var row = 0; row < forces.Length; row++)
            {
                ref var force = ref forces[row];
                for (var s = _splitAt[_cellOf[_tableStart[t] + row]]; s >= 0; s = _splits[s].Next)
                {
                    ref var split = ref _splits[s];
                    if (!split.Joined && split.Owner == force.Owner && split.Contract == force.Contract)
                    {
                        force.Strength += split.Strength;
                        force.Establishment += split.Establishment;
                        split.Joined = true;
                    }
                }
            }
        }

        for (var s = 0; s < _splitCount; s++)
        {
            ref readonly var split = ref _splits[s];
            _splitAt[split.Cell] = -1;
            if (!split.Joined)
            {
                _state.World.Create(new Force { Owner = split.Owner, Region = split.To, Strength = split.Strength, Contract = split.Contract, Establishment = split.Establishment });
            }
        }

        _splitCount = 0;
    }
}
