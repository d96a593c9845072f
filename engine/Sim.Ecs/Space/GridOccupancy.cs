using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Ecs.Space;

/// <summary>
/// A grid where a cell holds at most one agent (Schelling, civil violence): the entity in each
/// cell, and beside it a one-byte tag the model chooses (a group, a kind, a state).
/// </summary>
/// <remarks>
/// The tags are why this exists: a neighbourhood rule that reads each neighbour through the world
/// pays a lookup and a few unpredictable branches per cell; reading one contiguous byte array and
/// counting with comparisons instead of branches made Schelling several times faster. So a model
/// mirrors into the tag what its neighbours need to see, and keeps it current when that changes.
/// </remarks>
public sealed class GridOccupancy
{
    /// <summary>The tag of every empty cell; a model's tags are the other 255 values.</summary>
    public const byte EmptyTag = byte.MaxValue;

    private readonly Entity[] _occupant;
    private readonly byte[] _tag;

    /// <summary>An empty grid of the given shape.</summary>
    public GridOccupancy(GridShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        _occupant = new Entity[shape.Cells];
        _tag = new byte[shape.Cells];
        _tag.AsSpan().Fill(EmptyTag);
        Empty = shape.Cells;
    }

    /// <summary>The grid's geometry.</summary>
    public GridShape Shape { get; }

    /// <summary>How many cells are empty.</summary>
    public int Empty { get; private set; }

    /// <summary>Every cell's tag by cell number, <see cref="EmptyTag"/> where empty: for loops of a model's own.</summary>
    public ReadOnlySpan<byte> Tags => _tag;

    /// <summary>The entity in a cell, or <see cref="Entity.Null"/>.</summary>
    public Entity At(int cell) => _occupant[cell];

    /// <summary>The entity at a position, or <see cref="Entity.Null"/>.</summary>
    public Entity At(GridPosition at) => _occupant[Shape.Cell(at)];

    /// <summary>Whether a cell is empty.</summary>
    public bool IsEmpty(int cell) => _tag[cell] == EmptyTag;

    /// <summary>A cell's tag, <see cref="EmptyTag"/> if empty.</summary>
    public byte Tag(int cell) => _tag[cell];

    /// <summary>Changes the tag of an occupied cell, when what its neighbours see of the agent changes.</summary>
    public void SetTag(int cell, byte tag)
    {
        CheckTag(tag);
        if (_tag[cell] == EmptyTag)
        {
            throw new InvalidOperationException($"Cell {cell} is empty.");
        }

        _tag[cell] = tag;
    }

    /// <summary>Puts an entity with a tag into an empty cell.</summary>
    /// <returns>The entity, so that creating and placing an agent is one expression.</returns>
    public Entity Place(Entity entity, GridPosition at, byte tag)
    {
        CheckTag(tag);
        var cell = Shape.Cell(at);
        if (_tag[cell] != EmptyTag)
        {
            throw new InvalidOperationException($"Cell {at} is taken by {_occupant[cell]}.");
        }

        _occupant[cell] = entity;
        _tag[cell] = tag;
        Empty--;
        return entity;
    }

    /// <summary>Empties a cell; returns the entity that was in it.</summary>
    public Entity Remove(GridPosition at)
    {
        var cell = Shape.Cell(at);
        var entity = _occupant[cell];
        if (_tag[cell] != EmptyTag)
        {
            _occupant[cell] = Entity.Null;
            _tag[cell] = EmptyTag;
            Empty++;
        }

        return entity;
    }

    /// <summary>Moves the occupant of <paramref name="at"/>, with its tag, to the empty cell <paramref name="to"/> and updates <paramref name="at"/>.</summary>
    public void Move(ref GridPosition at, int to)
    {
        var from = Shape.Cell(at);
        if (from == to)
        {
            return;
        }

        if (_tag[to] != EmptyTag)
        {
            throw new InvalidOperationException($"Cell {to} is taken by {_occupant[to]}.");
        }

        (_occupant[to], _tag[to]) = (_occupant[from], _tag[from]);
        (_occupant[from], _tag[from]) = (Entity.Null, EmptyTag);
        at = Shape.Position(to);
    }

    /// <summary>
    /// A uniformly drawn empty cell, or -1 if there is none. Draws cells until one is empty, as the usual
    /// frameworks do, so the draws are those of a plain rejection loop; when fewer than one cell in eight is
    /// empty it draws the rank of an empty cell instead and scans for it, so a nearly full grid costs one draw
    /// and a pass rather than an unbounded run of draws.
    /// </summary>
    public int RandomEmptyCell(ref Rng rng)
    {
        if (Empty == 0)
        {
            return -1;
        }

        if (Empty * 8 >= _tag.Length)
        {
            int cell;
            do
            {
                cell = rng.NextInt(_tag.Length);
            }
            while (_tag[cell] != EmptyTag);
            return cell;
        }

        var rank = rng.NextInt(Empty);
        for (var c = 0; ; c++)
        {
            if (_tag[c] == EmptyTag && rank-- == 0)
            {
                return c;
            }
        }
    }

    /// <summary>
    /// How many cells within <paramref name="radius"/> of <paramref name="at"/>, not counting <paramref name="at"/>,
    /// carry <paramref name="tag"/> (<see cref="EmptyTag"/> counts empty cells). Reads only the tag bytes, without branches.
    /// </summary>
    public int Count(GridPosition at, int radius, Neighbourhood kind, byte tag)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        if (!Shape.Contains(at))
        {
            // The runs below are read without bounds checks.
            throw new ArgumentOutOfRangeException(nameof(at), at, "The position is not on the grid.");
        }

        Shape.Range(at.Y, radius, Shape.Height, out var dy, out var lastDy);
        ref var tags = ref MemoryMarshal.GetArrayDataReference(_tag);
        var count = 0;
        for (; dy <= lastDy; dy++)
        {
            Shape.Row(at, dy, GridShape.HalfWidth(radius, kind, dy), out var from, out var to, out var from2, out var to2);
            count += CountRun(ref tags, from, to, tag) + CountRun(ref tags, from2, to2, tag);
        }

        // The centre lies in row 0 of the neighbourhood and was counted with it.
        var centre = _tag[Shape.Cell(at)];
        return count - (centre == tag ? 1 : 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountRun(ref byte tags, int from, int to, byte tag)
    {
        var count = 0;
        for (var c = from; c < to; c++)
        {
            count += Unsafe.Add(ref tags, c) == tag ? 1 : 0;
        }

        return count;
    }

    private static void CheckTag(byte tag)
    {
        if (tag == EmptyTag)
        {
            throw new ArgumentOutOfRangeException(nameof(tag), tag, "This tag marks empty cells.");
        }
    }
}
