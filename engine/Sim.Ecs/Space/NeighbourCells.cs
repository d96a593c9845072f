namespace Sim.Ecs.Space;

/// <summary>
/// The cell numbers of a neighbourhood, without its centre, for <c>foreach</c>: a struct that walks
/// the neighbourhood's rows as runs of consecutive cells, so enumerating allocates nothing and
/// costs no division per cell.
/// </summary>
public struct NeighbourCells
{
    private readonly GridShape _shape;
    private readonly GridPosition _at;
    private readonly int _radius;
    private readonly Neighbourhood _kind;
    private readonly int _centre;
    private readonly int _lastDy;
    private int _dy;
    private int _cell;
    private int _to;
    private int _from2;
    private int _to2;

    internal NeighbourCells(GridShape shape, GridPosition at, int radius, Neighbourhood kind)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        if (!shape.Contains(at))
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "The position is not on the grid.");
        }

        _shape = shape;
        _at = at;
        _radius = radius;
        _kind = kind;
        _centre = shape.Cell(at);
        shape.Range(at.Y, radius, shape.Height, out _dy, out _lastDy);
        _dy--;
        _cell = _to = _from2 = _to2 = 0;
    }

    /// <summary>The current cell number.</summary>
    public readonly int Current => _cell;

    /// <summary>This enumerator, so a neighbourhood can be walked with <c>foreach</c>.</summary>
    public readonly NeighbourCells GetEnumerator() => this;

    /// <summary>Advances to the next neighbour.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (++_cell < _to)
            {
                if (_cell != _centre)
                {
                    return true;
                }

                continue;
            }

            if (_from2 < _to2)
            {
                // The wrapped part of the row: start it one before, as the first test increments.
                (_cell, _to, _from2) = (_from2 - 1, _to2, _to2);
                continue;
            }

            if (++_dy > _lastDy)
            {
                _cell = _to = 0;
                return false;
            }

            _shape.Row(_at, _dy, GridShape.HalfWidth(_radius, _kind, _dy), out var from, out _to, out _from2, out _to2);
            _cell = from - 1;
        }
    }
}
