using MathNet.Numerics.Distributions;
using Sim.Ecs;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 4: the ground war. A force fights for its contractor when it has one, else for its owner (its side); the forces
/// of one side in one region fight as one and share one shock (0 fresh, 1 broken).
/// <list type="number">
/// <item>Retreats and offensives (<c>FightingSystem.Moves.cs</c>): a broken side in contact retreats; an outmatched one
/// may; a side in a quiet region may go on the offensive, leaving a <c>garrison</c> behind where it holds ground.</item>
/// <item>Battles: in each region, two sides fight when they are at <c>clash_rung</c>, or one rung short of it while a
/// friend of either fights the other there (co-belligerents share a war). Each side's fire is its strength times its
/// supply (falling with the distance to ground it or a friend holds) times <c>defence_advantage</c> for the holder and
/// its friends, spread over its enemies in proportion to their strength: Lanchester's square law, with log-normal
/// noise. An irregular side (separatist, armed group) weaker than its enemies on ground it does not hold disperses: it
/// fights only on the tempo of sustained clashes, and fire at it is area fire (Deitchman 1962). Losses raise shock by
/// the share lost over <c>breakpoint</c>; a side that did not fight sheds <c>rally_rate</c> of it.</item>
/// <item>Control: a region changes hands only when no unbroken force of its holder or the holder's friends is left
/// there (beaten or abandoned); the strongest unbroken side at war with the holder takes it if it has
/// <c>occupation_per_1000</c> strength per 1,000 residents.</item>
/// </list>
/// </summary>
public sealed partial class FightingSystem : IModelSystem
{
    private static readonly ulong Purpose = RngKey.Purpose("fighting");
    private static readonly ulong TempoPurpose = RngKey.Purpose("battle tempo");
    private readonly ModelState _state;

    // By cell (region x side holding forces, see FightingSystem.Cells.cs): strength, mean shock, and this tick's battle losses.
    private double[] _side = [];
    private double[] _shock = [];
    private double[] _loss = [];
    private bool[] _inBattle = [];

    // Each region's holder, read once a tick (supply and the moves ask for it region by region) and kept up to date by the control step.
    private readonly int[] _holder;

    // Per region, by position in its list of present sides: their side and cell, their fire and the strength of their enemies.
    private readonly int[] _present;
    private readonly int[] _presentCell;
    private readonly double[] _fire;
    private readonly double[] _enemies;

    // By position in the region's present sides: an irregular side (separatist, armed group) among stronger enemies on
    // ground it does not hold disperses, picking its fights (see BattlesToday and AreaFire).
    private readonly bool[] _dispersed;
    private readonly bool[] _irregular;
    private Battle[] _battles = new Battle[16];

    private readonly RngRandom _random = new(default);
    private readonly int _clash;
    private readonly int _occupy;

    /// <summary>A system over <paramref name="state"/>.</summary>
    public FightingSystem(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        var n = _state.ActorCount;
        var regions = _state.RegionCount;
        _holder = new int[regions];
        _present = new int[n];
        _presentCell = new int[n];
        _fire = new double[n];
        _enemies = new double[n];
        _dispersed = new bool[n];
        _irregular = new bool[n];
        for (var a = 0; a < _irregular.Length; a++)
        {
            _irregular[a] = _state.Definition.Actors[a].Kind is ActorKind.Separatist or ActorKind.ArmedGroup;
        }

        _clash = _state.Action(DefaultAction.Clash);
        _occupy = _state.Action(DefaultAction.Occupy);
        _sideCount = new int[n + 1];
        _regionCount = new int[regions + 1];
        _cellStart = new int[regions + 1];
        _mergedAt = new int[regions];
        _mergedLength = new int[regions];
        Array.Fill(_mergedAt, -1);
        _hostileStart = new int[n + 1];
        _warStart = new int[n + 1];
        _listedRungs = new int[n * n];
        _positionOf = new int[n];
        Array.Fill(_positionOf, -1);
        _movedIn = new bool[regions];
        _cellIn = new int[n];
        Array.Fill(_cellIn, -1);
    }

    /// <summary>Two sides fighting in one region this tick, by position in the region's present sides, and what each lost to the other.</summary>
    private struct Battle
    {
        public int X;
        public int Y;
        public double LossX;
        public double LossY;
    }

    /// <inheritdoc/>
    public string Name => "fighting";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.Events | StateChanges.Casualties | StateChanges.Marches | StateChanges.Control | StateChanges.Displacement;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var tables = _state.Forces.Tables;
        var shocked = ListCells(tables);
        for (var r = 0; r < _holder.Length; r++)
        {
            _holder[r] = _state.RegionOf(r).Controller;
        }

        var clashRung = (int)_state.P(ModelParameter.ClashRung);
        ListHostility(clashRung);
        var moved = MoveSides(simulation, clashRung, tables);

        var fought = false;
        for (var r = 0; r < _state.RegionCount; r++)
        {
            fought |= Fight(simulation, r, clashRung);
        }

        if (!fought && !moved && !shocked)
        {
            return;
        }

        // Every cell gets the rally once: those listed at the start of the tick and those sides moved into.
        var rally = _state.P(ModelParameter.RallyRate);
        for (var cell = 0; cell < _cellTotal; cell++)
        {
            _shock[cell] = _inBattle[cell] ? _shock[cell] : Math.Max(0, _shock[cell] - rally);
        }

        // Losses, shock (raised by battle, shed out of it, mixed on the march) reach every force; the forces of a side in a
        // region then share one shock, as the control rule and the invariants read it.
        for (var t = 0; t < tables.Length; t++)
        {
            var forces = tables[t].GetSpan<Force>();
            for (var row = 0; row < forces.Length; row++)
            {
                ref var force = ref forces[row];
                var cell = CellOf(t, row, force);
                var strength = _side[cell] + _loss[cell];
                force.Strength *= _loss[cell] > 0 ? 1 - (_loss[cell] / strength) : 1;
                force.Shock = _shock[cell];
            }
        }

        _state.Strengths.Invalidate();
        for (var r = 0; r < _state.RegionCount; r++)
        {
            UpdateControl(r, clashRung);
        }
    }

    /// <summary>Fights every battle in <paramref name="region"/> (see the class summary); true when there was one.</summary>
    private bool Fight(Simulation simulation, int region, int clashRung)
    {
        var count = 0;
        foreach (var cell in CellsIn(region))
        {
            if (_side[cell] > 0)
            {
                _present[count] = _cellSide[cell];
                _presentCell[count++] = cell;
            }
        }

        if (count < 2)
        {
            return false;
        }

        var battles = ListBattles(count, clashRung);
        if (battles == 0)
        {
            return false;
        }

        for (var x = 0; x < count; x++)
        {
            var a = _present[x];
            _dispersed[x] = _irregular[a] && !HeldBy(region, a) && _side[_presentCell[x]] < _enemies[x];
        }

        var atWar = battles;
        battles = BattlesToday(simulation, region, battles, clashRung);
        if (battles == 0)
        {
            return false;
        }

        // Fire is spread over the enemies actually fought today: recount them when a pair sat the day out.
        if (battles < atWar)
        {
            for (var x = 0; x < count; x++)
            {
                _enemies[x] = 0;
            }

            for (var i = 0; i < battles; i++)
            {
                _enemies[_battles[i].X] += _side[_presentCell[_battles[i].Y]];
                _enemies[_battles[i].Y] += _side[_presentCell[_battles[i].X]];
            }
        }

        var holder = _holder[region];
        var advantage = _state.P(ModelParameter.DefenceAdvantage);
        for (var x = 0; x < count; x++)
        {
            var a = _present[x];
            var defends = holder >= 0 && (a == holder || _state.Queries.Friends(a, holder));
            _fire[x] = _enemies[x] > 0 ? _side[_presentCell[x]] * Supply(region, a) * (defends ? advantage : 1) : 0;
        }

        // Each side's fire is spread over its enemies in proportion to their strength; the losses are drawn from the
        // strengths at the start of the battle (fire is simultaneous), then capped at what each side has.
        var n = _state.ActorCount;
        var k = _state.P(ModelParameter.Attrition);
        var sigma = _state.P(ModelParameter.AttritionNoise);
        for (var i = 0; i < battles; i++)
        {
            ref var battle = ref _battles[i];
            int a = _present[battle.X], b = _present[battle.Y];
            _random.Reset(simulation.Random(Purpose, (((long)region * n) + a) * n + b));
            double sa = _side[_presentCell[battle.X]], sb = _side[_presentCell[battle.Y]];
            battle.LossX = k * _fire[battle.Y] * (sa / _enemies[battle.Y]) * AreaFire(battle.X, sa, sb) * LogNormal.Sample(_random, 0, sigma);
            battle.LossY = k * _fire[battle.X] * (sb / _enemies[battle.X]) * AreaFire(battle.Y, sb, sa) * LogNormal.Sample(_random, 0, sigma);
            _loss[_presentCell[battle.X]] += battle.LossX;
            _loss[_presentCell[battle.Y]] += battle.LossY;
        }

        for (var x = 0; x < count; x++)
        {
            var cell = _presentCell[x];
            var wanted = _loss[cell];
            _fire[x] = wanted > _side[cell] ? _side[cell] / wanted : 1; // reused: the share of each loss that can be taken
            _loss[cell] = Math.Min(wanted, _side[cell]);
        }

        var breakpoint = _state.P(ModelParameter.Breakpoint);
        for (var x = 0; x < count; x++)
        {
            var cell = _presentCell[x];
            _inBattle[cell] = _enemies[x] > 0;
            if (_loss[cell] > 0)
            {
                _shock[cell] = Math.Min(1, _shock[cell] + (_loss[cell] / _side[cell] / breakpoint));
                _side[cell] -= _loss[cell];
            }
        }

        for (var i = 0; i < battles; i++)
        {
            ref readonly var battle = ref _battles[i];
            int a = _present[battle.X], b = _present[battle.Y];
            var lost = (battle.LossX * _fire[battle.X]) + (battle.LossY * _fire[battle.Y]);

            // The side that does not hold the region is the one attacking it.
            var (attacker, defender) = holder == a ? (b, a) : (a, b);
            _state.Emit(new SimEvent
            {
                Tick = _state.Tick,
                Action = _clash,
                Actor = new ActorId(attacker),
                Target = new ActorId(defender),
                Region = new RegionId(region),
                Goldstein = _state.Definition.Actions[_clash].Goldstein,
                Fatalities = (int)Math.Round(lost),
                Origin = EventOrigin.Fighting,
            });
        }

        ref var r = ref _state.RegionOf(region);
        var displaced = _state.P(ModelParameter.Displacement) * r.Population;
        r.Population -= displaced;
        r.Displaced += displaced;
        return true;
    }

    /// <summary>
    /// Keeps, of the region's <paramref name="battles"/> pairs at war, those fought this tick, first in the list, and
    /// returns how many. Once a pair of undispersed sides is above the clashes rung (major combat, war), every pair of
    /// undispersed sides there fights every tick; the rest fight with chance <c>battle_chance</c>, drawn once a tick for
    /// the region: sustained clashes, and the raids and ambushes of a guerrilla that picks its fights.
    /// </summary>
    private int BattlesToday(Simulation simulation, int region, int battles, int clashRung)
    {
        var pitched = false;
        for (var i = 0; i < battles && !pitched; i++)
        {
            var battle = _battles[i];
            pitched = _state.Escalation[_present[battle.X], _present[battle.Y]] > clashRung && !_dispersed[battle.X] && !_dispersed[battle.Y];
        }

        var kept = 0;
        bool? tempo = null;
        for (var i = 0; i < battles; i++)
        {
            var battle = _battles[i];
            if ((pitched && !_dispersed[battle.X] && !_dispersed[battle.Y])
                || (tempo ??= simulation.Random(TempoPurpose, region).Chance(_state.P(ModelParameter.BattleChance))))
            {
                _battles[kept++] = battle;
            }
        }

        return kept;
    }

    /// <summary>
    /// The share of an enemy's fire that finds side <paramref name="x"/> (strength <paramref name="strength"/>) when it
    /// faces an enemy of strength <paramref name="enemy"/>: 1 for a side fighting in the open; for a dispersed irregular
    /// side, its strength over the enemy's, at most 1. Fire at guerrillas is area fire: the shooters find only as many
    /// targets as there are, so losses follow the guerrillas' own numbers rather than the enemy's (Deitchman 1962).
    /// </summary>
    private double AreaFire(int x, double strength, double enemy) => _dispersed[x] ? Math.Min(1, strength / enemy) : 1;

    /// <summary>
    /// Lists the pairs of the region's <paramref name="count"/> present sides that are at war there (see
    /// <see cref="AtWar"/>), in order of the first side then the second, and sums each side's enemies in that order;
    /// returns how many. Each side's candidates are the present sides after it, or the actors it is hostile to, whichever
    /// list is shorter: the same pairs either way.
    /// </summary>
    private int ListBattles(int count, int clashRung)
    {
        var n = _state.ActorCount;
        var rungs = _state.Escalation.AsSpan();
        for (var x = 0; x < count; x++)
        {
            _enemies[x] = 0;
            _positionOf[_present[x]] = x;
        }

        var battles = 0;
        for (var x = 0; x < count; x++)
        {
            var a = _present[x];
            var hostileTo = HostileTo(a);
            if (hostileTo.Length < count - x - 1)
            {
                foreach (var b in hostileTo)
                {
                    var y = _positionOf[b];
                    if (b > a && y >= 0 && AtWar(a, b, count, clashRung))
                    {
                        AddBattle(ref battles, x, y);
                    }
                }
            }
            else
            {
                for (var y = x + 1; y < count; y++)
                {
                    var b = _present[y];
                    if (rungs[(a * n) + b] >= clashRung - 1 && AtWar(a, b, count, clashRung))
                    {
                        AddBattle(ref battles, x, y);
                    }
                }
            }
        }

        for (var x = 0; x < count; x++)
        {
            _positionOf[_present[x]] = -1;
        }

        return battles;
    }

    /// <summary>Lists the battle of the present sides at <paramref name="x"/> and <paramref name="y"/> and adds each to the other's enemies.</summary>
    private void AddBattle(ref int battles, int x, int y)
    {
        if (battles == _battles.Length)
        {
            Array.Resize(ref _battles, battles * 2);
        }

        _battles[battles++] = new Battle { X = x, Y = y };
        _enemies[x] += _side[_presentCell[y]];
        _enemies[y] += _side[_presentCell[x]];
    }

    /// <summary>
    /// Whether sides <paramref name="a"/> and <paramref name="b"/>, both among the region's <paramref name="count"/>
    /// present sides, fight there: at <paramref name="clashRung"/>, or one rung short of it while a friend of either,
    /// standing there too, fights the other. The friends looked for are among the present sides or among those at war
    /// with either, whichever list is shorter.
    /// </summary>
    private bool AtWar(int a, int b, int count, int clashRung)
    {
        var rung = _state.Escalation[a, b];
        if (rung >= clashRung)
        {
            return true;
        }

        if (rung < clashRung - 1)
        {
            return false;
        }

        var queries = _state.Queries;
        ReadOnlySpan<int> warB = AtWarWith(b), warA = AtWarWith(a);
        if (warA.Length + warB.Length < count)
        {
            foreach (var c in warB)
            {
                if (_positionOf[c] >= 0 && queries.Friends(a, c))
                {
                    return true;
                }
            }

            foreach (var c in warA)
            {
                if (_positionOf[c] >= 0 && queries.Friends(b, c))
                {
                    return true;
                }
            }

            return false;
        }

        for (var z = 0; z < count; z++)
        {
            var c = _present[z];
            if ((_state.Escalation[c, b] >= clashRung && queries.Friends(a, c)) || (_state.Escalation[c, a] >= clashRung && queries.Friends(b, c)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The share of its fire side <paramref name="a"/> brings to bear in <paramref name="region"/>: exp(-d / supply_range_km), d the
    /// distance to the nearest region it or a friend holds, looking first at the region and its neighbours; 1 for a side
    /// that, with its friends, holds no ground at all (it lives off the land).
    /// </summary>
    private double Supply(int region, int a)
    {
        if (HeldBy(region, a))
        {
            return 1;
        }

        var nearest = double.PositiveInfinity;
        foreach (var to in _state.Definition.Regions[region].Adjacent)
        {
            nearest = HeldBy(to, a) ? Math.Min(nearest, _state.Geography.DistanceKm(region, to)) : nearest;
        }

        for (var to = 0; double.IsPositiveInfinity(nearest) && to < _state.RegionCount; to++)
        {
            nearest = HeldBy(to, a) ? Math.Min(nearest, _state.Geography.DistanceKm(region, to)) : nearest;
        }

        return double.IsPositiveInfinity(nearest) ? 1 : Math.Exp(-nearest / _state.P(ModelParameter.SupplyRangeKm));
    }

    /// <summary>Whether <paramref name="region"/> is held by side <paramref name="a"/> or a friend of it.</summary>
    private bool HeldBy(int region, int a)
    {
        var holder = _holder[region];
        return holder >= 0 && (holder == a || _state.Queries.Friends(a, holder));
    }

    /// <summary>Whether the side in <paramref name="cell"/> is broken (see <see cref="Force.Shock"/>).</summary>
    private bool Broken(int cell) => _shock[cell] >= 1;

    /// <summary>The strength a side needs to take <paramref name="region"/> when no one defends it.</summary>
    private double OccupationNeed(int region) => _state.P(ModelParameter.OccupationPer1000) * _state.RegionOf(region).Population / 1000;

    /// <summary>Hands <paramref name="region"/> to a side at war with its holder when the holder has lost or left it (see the class summary).</summary>
    private void UpdateControl(int region, int clashRung)
    {
        ref var r = ref _state.RegionOf(region);
        var holder = r.Controller;
        var best = -1;
        var bestStrength = OccupationNeed(region);
        foreach (var cell in CellsIn(region))
        {
            var a = _cellSide[cell];
            var strength = _side[cell];
            if (strength <= 0 || Broken(cell))
            {
                continue;
            }

            if (holder >= 0 && (a == holder || _state.Queries.Friends(a, holder)))
            {
                return; // held: an unbroken force of the holder or a friend stands here
            }

            if (strength >= bestStrength && (best < 0 || strength > bestStrength) && (holder < 0 || _state.Escalation[a, holder] >= clashRung))
            {
                best = a;
                bestStrength = strength;
            }
        }

        if (best >= 0)
        {
            r.Controller = _holder[region] = best;
            _state.Emit(_occupy, EventOrigin.Fighting, actor: new ActorId(best), target: new ActorId(holder), region: new RegionId(region));
        }
    }
}
