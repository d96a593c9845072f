using Sim.Abm.Models;
using Sim.Ecs;
using Sim.Ecs.Space; // GridPosition only: the same component as the kit version, so the two states can be compared

namespace Sim.Abm.HandWritten;

/// <summary>
/// Schelling's model written over <c>Sim.Ecs</c> alone, without the space kit: the same components, draws and rules
/// as <see cref="Schelling"/>, with the grid, the random order and the neighbour count written out by hand, so that
/// the runner can print what the kit costs (or saves) beside it. Not a model to copy: the kit's version is.
/// </summary>
public sealed class SchellingLoop
{
    private const byte Empty = byte.MaxValue;
    private readonly QueryDescription _agents = new QueryDescription().WithAll<Resident, GridPosition>();
    private readonly int _width;
    private readonly byte[] _group;
    private readonly Entity[] _occupant;
    private Entity[] _order = [];
    private int _empty;
    private Rng _rng;

    /// <summary>As <see cref="Schelling(SchellingParameters, ulong)"/>: the same placement from the same draws.</summary>
    public SchellingLoop(SchellingParameters parameters, ulong seed)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _rng = Rng.For(seed, RngKey.Purpose("schelling"));
        _width = parameters.Width;
        _group = new byte[_width * _width];
        _occupant = new Entity[_group.Length];
        Array.Fill(_group, Empty);
        _empty = _group.Length;
        var cells = new int[_group.Length];
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = c;
        }

        _rng.Shuffle(cells.AsSpan());
        for (var a = 0; a < parameters.Agents; a++)
        {
            var cell = cells[a];
            var at = new GridPosition(cell % _width, cell / _width);
            _occupant[cell] = World.Create(new Resident(a % 2, false), at);
            _group[cell] = (byte)(a % 2);
            _empty--;
        }
    }

    /// <summary>The agents.</summary>
    public World World { get; } = new();

    /// <summary>The model properties.</summary>
    public SchellingParameters Parameters { get; }

    /// <summary>Every agent once, in an order shuffled from the world's order of the agents.</summary>
    public void Step()
    {
        var count = 0;
        foreach (var table in World.GetQuery(_agents).Tables)
        {
            count += table.Count;
        }

        if (count > _order.Length)
        {
            _order = new Entity[count];
        }

        var n = 0;
        foreach (var table in World.GetQuery(_agents).Tables)
        {
            table.Entities.CopyTo(_order.AsSpan(n));
            n += table.Count;
        }

        var order = _order.AsSpan(0, count);
        _rng.Shuffle(order);
        foreach (var agent in order)
        {
            Act(agent);
        }
    }

    private void Act(Entity agent)
    {
        ref var me = ref World.Get<Resident>(agent);
        ref var at = ref World.Get<GridPosition>(agent);
        int radius = Parameters.Radius, like = 0;
        for (var y = Math.Max(0, at.Y - radius); y <= Math.Min(_width - 1, at.Y + radius); y++)
        {
            for (var x = Math.Max(0, at.X - radius); x <= Math.Min(_width - 1, at.X + radius); x++)
            {
                if ((x != at.X || y != at.Y) && _group[(y * _width) + x] == me.Group)
                {
                    like++;
                }
            }
        }

        me.Happy = like >= Parameters.MinToBeHappy;
        if (me.Happy || _empty == 0)
        {
            return;
        }

        int from = (at.Y * _width) + at.X, to = RandomEmptyCell();
        (_occupant[to], _group[to]) = (_occupant[from], _group[from]);
        (_occupant[from], _group[from]) = (Entity.Null, Empty);
        at = new GridPosition(to % _width, to / _width);
    }

    /// <summary>Cells drawn until one is empty; on a grid less than one eighth empty, the rank of an empty cell.</summary>
    private int RandomEmptyCell()
    {
        if (_empty * 8 >= _group.Length)
        {
            int cell;
            do
            {
                cell = _rng.NextInt(_group.Length);
            }
            while (_group[cell] != Empty);
            return cell;
        }

        var rank = _rng.NextInt(_empty);
        for (var c = 0; ; c++)
        {
            if (_group[c] == Empty && rank-- == 0)
            {
                return c;
            }
        }
    }
}
