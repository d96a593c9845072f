using System.Numerics;
using Sim.Ecs;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// The cells the fighting step works on: one per region and side holding forces, listed afresh each tick in region
/// then side order, so that the per-cell arrays are as long as the cells occupied (not regions x actors) and every
/// pass over them walks memory in order. Each force keeps the index of its cell. A side that moves into a region
/// where it had no forces gets a cell at the end of the list, and that region's cells are then listed apart, still in
/// side order. Every visit of a region's sides goes through its cells in side order, which gives the same sums in the
/// same order as visiting every actor: the others have no strength there.
/// </summary>
public sealed partial class FightingSystem
{
    // By force, in table order over the tables of forces: region and side at the start of the tick, and cell.
    private int[] _forceRegion = [];
    private int[] _forceSide = [];
    private int[] _cellOf = [];
    private long[] _bySide = [];
    private long[] _byRegion = [];
    private int _forceCount;

    // Per table of forces: the index of its first force and how many it held when the cells were listed.
    private int[] _tableStart = new int[4];
    private int[] _tableRows = new int[4];
    private int _tableCount;

    // Counting sort of the forces by side, then (stably) by region.
    private readonly int[] _sideCount;
    private readonly int[] _regionCount;

    // The cells: each one's region and side, the first cell of each region, and 0, 1, 2, ... to view a region's cells as a list.
    private int[] _cellRegion = [];
    private int[] _cellSide = [];
    private int[] _sequence = [];
    private readonly int[] _cellStart;
    private int _cellCount;
    private int _cellTotal;

    // Regions a side moved into this tick hold a cell past the others: their cells, in side order, are listed apart.
    private readonly int[] _mergedAt;
    private readonly int[] _mergedLength;
    private int[] _merged = new int[64];
    private int _mergedCount;
    private int[] _mergedRegions = new int[16];
    private int _mergedRegionCount;

    // Per actor, in actor order: the actors it is hostile to (clash_rung - 1 or more), and those at war with it (clash_rung or more).
    private readonly int[] _hostileStart;
    private int[] _hostile = new int[64];
    private readonly int[] _warStart;
    private int[] _war = new int[64];

    // The rungs and clash rung the lists above were made from: rungs move only now and then, and while they stand
    // the lists do too (a comparison is far cheaper than the two passes that list them).
    private readonly int[] _listedRungs;
    private int _listedClash = int.MinValue;

    // Per actor: its position among the present sides of the region being fought over, or -1.
    private readonly int[] _positionOf;

    // Per actor: its cell in region _mapped, or -1.
    private readonly int[] _cellIn;
    private int _mapped = -1;

    /// <summary>
    /// Lists the cells from the forces (counting sort by side, then by region: region then side order, forces of one
    /// cell in table order) and sums each cell's strength and strength-weighted shock in table order; true when any force
    /// carries shock.
    /// </summary>
    private bool ListCells(ReadOnlySpan<Archetype> tables)
    {
        ClearCells();
        var forces = 0;
        if (_tableStart.Length < tables.Length)
        {
            _tableStart = new int[tables.Length * 2];
            _tableRows = new int[tables.Length * 2];
        }

        _tableCount = tables.Length;
        for (var t = 0; t < tables.Length; t++)
        {
            _tableStart[t] = forces;
            _tableRows[t] = tables[t].Count;
            forces += tables[t].Count;
        }

        var listed = _forceCount == forces;
        _forceCount = forces;
        if (_forceRegion.Length < forces)
        {
            var capacity = Math.Max(forces, _forceRegion.Length * 2);
            _forceRegion = new int[capacity];
            _forceSide = new int[capacity];
            _cellOf = new int[capacity];
            _bySide = new long[capacity];
            _byRegion = new long[capacity];
            listed = false;
        }

        // The cells depend only on each force's region and side: when none changed since the last tick, its list
        // stands, and the sums made with it while checking are this tick's.
        var i = 0;
        var shocked = false;
        foreach (var table in tables)
        {
            foreach (ref readonly var force in table.GetSpan<Force>())
            {
                var side = force.Side;
                listed &= _forceRegion[i] == force.Region && _forceSide[i] == side;
                _forceRegion[i] = force.Region;
                _forceSide[i] = side;
                if (listed)
                {
                    var cell = _cellOf[i];
                    _side[cell] += force.Strength;
                    _shock[cell] += force.Strength * force.Shock;
                    shocked |= force.Shock > 0;
                }

                i++;
            }
        }

        _cellTotal = _cellCount;
        if (!listed)
        {
            ClearCells();
            SortForces(forces);
            _cellTotal = _cellCount;
            shocked = false;
            i = 0;
            foreach (var table in tables)
            {
                foreach (ref readonly var force in table.GetSpan<Force>())
                {
                    var cell = _cellOf[i++];
                    _side[cell] += force.Strength;
                    _shock[cell] += force.Strength * force.Shock;
                    shocked |= force.Shock > 0;
                }
            }
        }

        for (var cell = 0; cell < _cellCount; cell++)
        {
            _shock[cell] = _side[cell] > 0 ? _shock[cell] / _side[cell] : _shock[cell];
        }

        return shocked;
    }

    /// <summary>
    /// Lists the cells of the first <paramref name="forces"/> forces: a counting sort by side, then a stable one by
    /// region, each carrying the key the next needs beside the force's index, so that both read and write in order.
    /// </summary>
    private void SortForces(int forces)
    {
        var n = _state.ActorCount;
        var regions = _state.RegionCount;
        Array.Clear(_sideCount);
        Array.Clear(_regionCount);
        for (var i = 0; i < forces; i++)
        {
            _sideCount[_forceSide[i] + 1]++;
            _regionCount[_forceRegion[i] + 1]++;
        }

        for (var a = 0; a < n; a++)
        {
            _sideCount[a + 1] += _sideCount[a];
        }

        for (var r = 0; r < regions; r++)
        {
            _regionCount[r + 1] += _regionCount[r];
        }

        for (var i = 0; i < forces; i++)
        {
            _bySide[_sideCount[_forceSide[i]]++] = ((long)_forceRegion[i] << 32) | (uint)i;
        }

        // _sideCount[a] is now the end of side a's forces in _bySide.
        var k = 0;
        for (var a = 0; a < n; a++)
        {
            for (; k < _sideCount[a]; k++)
            {
                var key = _bySide[k];
                _byRegion[_regionCount[(int)(key >> 32)]++] = ((long)a << 32) | (uint)key;
            }
        }

        // _regionCount[r] is now the end of region r's forces in _byRegion.
        EnsureCells(forces);
        var cells = 0;
        k = 0;
        for (var r = 0; r < regions; r++)
        {
            _cellStart[r] = cells;
            var last = -1;
            for (; k < _regionCount[r]; k++)
            {
                var key = _byRegion[k];
                var side = (int)(key >> 32);
                if (side != last)
                {
                    _cellRegion[cells] = r;
                    _cellSide[cells++] = side;
                    last = side;
                }

                _cellOf[(int)key] = cells - 1;
            }
        }

        _cellStart[regions] = _cellCount = cells;
    }
    /// <summary>The cell of the force in row <paramref name="row"/> of table <paramref name="t"/>, standing in <paramref name="force"/>'s region.</summary>
    private int CellOf(int t, int row, in Force force) =>
        t < _tableCount && row < _tableRows[t] ? _cellOf[_tableStart[t] + row] : FindCell(force.Region, force.Side);

    /// <summary>Clears the cells the last tick wrote, so that every cell past <see cref="_cellTotal"/> is clear.</summary>
    private void ClearCells()
    {
        var used = _cellTotal;
        Array.Clear(_side, 0, used);
        Array.Clear(_shock, 0, used);
        Array.Clear(_loss, 0, used);
        Array.Clear(_inBattle, 0, used);
        Array.Clear(_arrived, 0, used);
        Array.Fill(_moveTo, -1, 0, used);
        foreach (var r in _mergedRegions.AsSpan(0, _mergedRegionCount))
        {
            _mergedAt[r] = -1;
        }

        _mergedRegionCount = _mergedCount = 0;
        _cellTotal = 0;
    }

    /// <summary>Grows the per-cell arrays to hold at least <paramref name="cells"/> cells, clear.</summary>
    private void EnsureCells(int cells)
    {
        if (_side.Length >= cells)
        {
            return;
        }

        var capacity = Math.Max(Math.Max(cells, 16), _side.Length * 2);
        Array.Resize(ref _side, capacity);
        Array.Resize(ref _shock, capacity);
        Array.Resize(ref _loss, capacity);
        Array.Resize(ref _inBattle, capacity);
        Array.Resize(ref _arrived, capacity);
        Array.Resize(ref _moveShare, capacity);
        Array.Resize(ref _hostileAt, capacity);
        Array.Resize(ref _cellRegion, capacity);
        Array.Resize(ref _cellSide, capacity);
        var old = _moveTo.Length;
        Array.Resize(ref _moveTo, capacity);
        Array.Resize(ref _splitAt, capacity);
        Array.Fill(_moveTo, -1, old, capacity - old);
        Array.Fill(_splitAt, -1, old, capacity - old);
        _sequence = new int[capacity];
        for (var c = 0; c < capacity; c++)
        {
            _sequence[c] = c;
        }
    }

    /// <summary>The cells of <paramref name="region"/>, in side order.</summary>
    /// <remarks>Forced inline: the JIT kept this two-way read a call, and each region's battles, moves and control ask it.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<int> CellsIn(int region) => _mergedAt[region] >= 0
        ? _merged.AsSpan(_mergedAt[region], _mergedLength[region])
        : _sequence.AsSpan(_cellStart[region], _cellStart[region + 1] - _cellStart[region]);

    /// <summary>The cell of side <paramref name="side"/> in <paramref name="region"/>, or -1.</summary>
    private int FindCell(int region, int side)
    {
        if (_mergedAt[region] >= 0)
        {
            return Find(CellsIn(region), side);
        }

        int low = _cellStart[region], high = _cellStart[region + 1] - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var s = _cellSide[mid];
            if (s == side)
            {
                return mid;
            }

            (low, high) = s < side ? (mid + 1, high) : (low, mid - 1);
        }

        return -1;
    }

    /// <summary>
    /// Makes <see cref="_cellIn"/> give the cells of <paramref name="region"/> by side (none for -1), clearing those of
    /// the region it gave before: the moves visit the cells region by region and ask for the sides there.
    /// </summary>
    private void MapRegion(int region)
    {
        if (region == _mapped)
        {
            return;
        }

        if (_mapped >= 0)
        {
            foreach (var cell in CellsIn(_mapped))
            {
                _cellIn[_cellSide[cell]] = -1;
            }
        }

        _mapped = region;
        if (region >= 0)
        {
            foreach (var cell in CellsIn(region))
            {
                _cellIn[_cellSide[cell]] = cell;
            }
        }
    }

    /// <summary>The cell of side <paramref name="side"/> among <paramref name="cells"/> (in side order), or -1.</summary>
    private int Find(ReadOnlySpan<int> cells, int side)
    {
        int low = 0, high = cells.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var s = _cellSide[cells[mid]];
            if (s == side)
            {
                return cells[mid];
            }

            (low, high) = s < side ? (mid + 1, high) : (low, mid - 1);
        }

        return -1;
    }

    /// <summary>The cell of side <paramref name="side"/> in <paramref name="region"/>, added (clear) when the side had none there.</summary>
    private int CellFor(int region, int side)
    {
        var cells = CellsIn(region);
        var found = Find(cells, side);
        if (found >= 0)
        {
            return found;
        }

        EnsureCells(_cellTotal + 1);
        var cell = _cellTotal++;
        _cellRegion[cell] = region;
        _cellSide[cell] = side;
        if (region == _mapped)
        {
            _cellIn[side] = cell;
        }

        // List the region's cells apart, the new one in its place by side.
        cells = CellsIn(region);
        if (_mergedCount + cells.Length + 1 > _merged.Length)
        {
            Array.Resize(ref _merged, Math.Max(_merged.Length * 2, _mergedCount + cells.Length + 1));
            cells = CellsIn(region);
        }

        if (_mergedAt[region] < 0)
        {
            if (_mergedRegionCount == _mergedRegions.Length)
            {
                Array.Resize(ref _mergedRegions, _mergedRegionCount * 2);
            }

            _mergedRegions[_mergedRegionCount++] = region;
        }

        var at = _mergedCount;
        var k = 0;
        for (; k < cells.Length && _cellSide[cells[k]] < side; k++)
        {
            _merged[at + k] = cells[k];
        }

        _merged[at + k] = cell;
        for (; k < cells.Length; k++)
        {
            _merged[at + k + 1] = cells[k];
        }

        _mergedAt[region] = at;
        _mergedLength[region] = cells.Length + 1;
        _mergedCount += cells.Length + 1;
        return cell;
    }

    /// <summary>Lists, per actor, the actors it is hostile to and those at war with it (see the fields), from this tick's rungs.</summary>
    private void ListHostility(int clashRung)
    {
        var n = _state.ActorCount;
        var rungs = _state.Escalation.AsSpan();
        if (clashRung == _listedClash && rungs.SequenceEqual(_listedRungs))
        {
            return;
        }

        rungs.CopyTo(_listedRungs);
        _listedClash = clashRung;
        var count = 0;
        Array.Clear(_warStart);
        for (var a = 0; a < n; a++)
        {
            _hostileStart[a] = count;
            var row = rungs.Slice(a * n, n);
            for (var b = 0; b < n; b++)
            {
                if (row[b] >= clashRung - 1 && b != a)
                {
                    if (count == _hostile.Length)
                    {
                        Array.Resize(ref _hostile, count * 2);
                    }

                    _hostile[count++] = b;
                }

                _warStart[b + 1] += row[b] >= clashRung ? 1 : 0;
            }
        }

        _hostileStart[n] = count;
        for (var b = 0; b < n; b++)
        {
            _warStart[b + 1] += _warStart[b];
        }

        if (_war.Length < _warStart[n])
        {
            _war = new int[Math.Max(_warStart[n], _war.Length * 2)];
        }

        // _positionOf, -1 between regions, serves as each actor's write position.
        for (var c = 0; c < n; c++)
        {
            var row = rungs.Slice(c * n, n);
            for (var b = 0; b < n; b++)
            {
                if (row[b] >= clashRung)
                {
                    _war[_warStart[b] + ++_positionOf[b]] = c;
                }
            }
        }

        Array.Fill(_positionOf, -1);
    }

    /// <summary>The actors <paramref name="a"/> is hostile to, in actor order.</summary>
    private ReadOnlySpan<int> HostileTo(int a) => _hostile.AsSpan(_hostileStart[a], _hostileStart[a + 1] - _hostileStart[a]);

    /// <summary>The actors at war with <paramref name="a"/>, in actor order.</summary>
    private ReadOnlySpan<int> AtWarWith(int a) => _war.AsSpan(_warStart[a], _warStart[a + 1] - _warStart[a]);

    /// <summary>Strength in <paramref name="region"/> of the sides <paramref name="a"/> is fighting or one rung short of fighting.</summary>
    private double Hostile(int region, int a, int clashRung)
    {
        var cells = CellsIn(region);
        var hostileTo = HostileTo(a);
        var hostile = 0.0;

        // The same sum in the same (actor) order either way: look up each hostile actor, or test each side present.
        if (region == _mapped && hostileTo.Length < cells.Length)
        {
            foreach (var b in hostileTo)
            {
                var cell = _cellIn[b];
                hostile += cell >= 0 ? _side[cell] : 0;
            }

            return hostile;
        }

        if (hostileTo.Length * (BitOperations.Log2((uint)cells.Length) + 2) < cells.Length)
        {
            foreach (var b in hostileTo)
            {
                var cell = FindCell(region, b);
                hostile += cell >= 0 ? _side[cell] : 0;
            }

            return hostile;
        }

        var n = _state.ActorCount;
        var rungs = _state.Escalation.AsSpan();
        foreach (var cell in cells)
        {
            var b = _cellSide[cell];
            hostile += b != a && rungs[(a * n) + b] >= clashRung - 1 ? _side[cell] : 0;
        }

        return hostile;
    }
}
