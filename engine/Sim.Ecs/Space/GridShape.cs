using System.Runtime.CompilerServices;

namespace Sim.Ecs.Space;

/// <summary>
/// The geometry of a rectangular grid of cells, bounded or periodic (a torus): cell numbers,
/// neighbourhoods and random steps. Cells are numbered row by row, <c>y * width + x</c>, so a
/// model can keep any per-cell value in a plain array indexed by cell.
/// </summary>
/// <remarks>
/// On a periodic grid a neighbourhood wider than the grid holds each cell once, as the
/// distance on a torus is the shorter way round; it never counts a cell twice by reaching it
/// from both sides.
/// </remarks>
public sealed class GridShape
{
    /// <summary>A grid of <paramref name="width"/> by <paramref name="height"/> cells.</summary>
    /// <param name="width">Columns, at least 1.</param>
    /// <param name="height">Rows, at least 1.</param>
    /// <param name="periodic">Whether the edges wrap around; otherwise cells beyond an edge do not exist.</param>
    public GridShape(int width, int height, bool periodic)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Periodic = periodic;
        Cells = checked(width * height);
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Whether the edges wrap around.</summary>
    public bool Periodic { get; }

    /// <summary>Number of cells, <c>Width * Height</c>.</summary>
    public int Cells { get; }

    /// <summary>The number of a cell, <c>y * Width + x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Cell(GridPosition at) => (at.Y * Width) + at.X;

    /// <summary>The position of a cell number.</summary>
    public GridPosition Position(int cell) => new(cell % Width, cell / Width);

    /// <summary>Whether a position lies on the grid (on a periodic grid too: positions are kept wrapped).</summary>
    public bool Contains(GridPosition at) => (uint)at.X < (uint)Width && (uint)at.Y < (uint)Height;

    /// <summary>
    /// The cells within <paramref name="radius"/> of <paramref name="at"/>, without <paramref name="at"/> itself,
    /// row by row from the lowest offset up (on a periodic grid, offset order, not cell order); allocates nothing.
    /// </summary>
    public NeighbourCells Neighbours(GridPosition at, int radius, Neighbourhood kind) => new(this, at, radius, kind);

    /// <summary>Writes the cells of <see cref="Neighbours(GridPosition, int, Neighbourhood)"/>, in the same order, into <paramref name="cells"/>.</summary>
    /// <returns>How many were written.</returns>
    /// <exception cref="ArgumentException"><paramref name="cells"/> is shorter than <see cref="MaxNeighbours"/>.</exception>
    public int Neighbours(GridPosition at, int radius, Neighbourhood kind, Span<int> cells)
    {
        if (cells.Length < MaxNeighbours(radius, kind))
        {
            throw new ArgumentException($"Needs room for {MaxNeighbours(radius, kind)} cells.", nameof(cells));
        }

        var n = 0;
        foreach (var cell in Neighbours(at, radius, kind))
        {
            cells[n++] = cell;
        }

        return n;
    }

    /// <summary>The most neighbours a cell can have at this radius: (2r+1)² - 1 for Moore, 2r(r+1) for von Neumann.</summary>
    public static int MaxNeighbours(int radius, Neighbourhood kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        return kind == Neighbourhood.Moore ? (((2 * radius) + 1) * ((2 * radius) + 1)) - 1 : 2 * radius * (radius + 1);
    }

    /// <summary>
    /// One step of the usual random walk: to one of the 8 offsets around <paramref name="at"/>, uniformly (near the edge of a
    /// bounded grid, to one of those on the grid); <paramref name="at"/> itself on a 1x1 grid. The same draws as
    /// <see cref="RandomNeighbour"/> at radius 1, except on a periodic grid under 3 cells wide, where this takes the 8
    /// offsets literally (a cell they reach twice is twice as likely), while RandomNeighbour draws each cell once.
    /// </summary>
    /// <remarks>
    /// A method of its own because a random walk is often most of an agent's step: with radius 1 fixed and no call out,
    /// the JIT inlines it and the draw and divisions compile to a few instructions; the general method measured 10%
    /// slower over the whole wolf-sheep model.
    /// </remarks>
    public GridPosition RandomStep(GridPosition at, ref Rng rng)
    {
        if (Cells == 1)
        {
            return at;
        }

        while (true)
        {
            var move = rng.NextInt(8);
            move += move >= 4 ? 1 : 0; // 0..8 row by row, without the centre (4)
            int x = at.X + (move % 3) - 1, y = at.Y + (move / 3) - 1;
            if (Periodic)
            {
                (x, y) = ((x + Width) % Width, (y + Height) % Height);
            }

            if ((uint)x < (uint)Width && (uint)y < (uint)Height)
            {
                return new(x, y);
            }
        }
    }

    /// <summary>
    /// A uniformly drawn Moore neighbour of <paramref name="at"/> within <paramref name="radius"/> (radius 1: the usual
    /// random walk), or <paramref name="at"/> itself when it has none (a 1x1 grid). Near the edge of a bounded grid only
    /// the cells on the grid are candidates.
    /// </summary>
    /// <remarks>
    /// Draws <c>rng.NextInt((2r+1)² - 1)</c> over the square without its centre, numbered row by row, and on a bounded grid
    /// draws again while the cell is off the grid: uniform over the cells on the grid, with the same draws as a periodic
    /// grid away from the edges. Rejection keeps the common case free of branches that depend on where the agent is,
    /// which cost more than the occasional extra draw.
    /// </remarks>
    public GridPosition RandomNeighbour(GridPosition at, int radius, ref Rng rng)
    {
        var side = (2 * radius) + 1;
        if (radius <= 0 || Cells == 1 || (Periodic && (side > Width || side > Height)))
        {
            return RandomNeighbourInRectangle(at, radius, ref rng);
        }

        if (radius == 1)
        {
            return RandomStep(at, ref rng);
        }

        while (true)
        {
            var k = rng.NextInt((side * side) - 1);
            k += k >= radius * (side + 1) ? 1 : 0; // skip the centre
            var (dy, dx) = Math.DivRem(k, side);
            int x = at.X + dx - radius, y = at.Y + dy - radius;
            if (Periodic)
            {
                (x, y) = ((x + Width) % Width, (y + Height) % Height);
            }

            if ((uint)x < (uint)Width && (uint)y < (uint)Height)
            {
                return new(x, y);
            }
        }
    }

    /// <summary>
    /// The neighbours as a rectangle of offsets minus its centre, for a radius of 0 and for periodic grids narrower than the
    /// square, where the square would reach a cell twice.
    /// </summary>
    private GridPosition RandomNeighbourInRectangle(GridPosition at, int radius, ref Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        int x = at.X, y = at.Y;
        Range(x, radius, Width, out var xLo, out var xHi);
        Range(y, radius, Height, out var yLo, out var yHi);
        int w = xHi - xLo + 1, candidates = (w * (yHi - yLo + 1)) - 1;
        if (candidates == 0)
        {
            return at;
        }

        var c = rng.NextInt(candidates);
        c += c >= (-yLo * w) - xLo ? 1 : 0;
        return new(WrapX(x + xLo + (c % w)), WrapY(y + yLo + (c / w)));
    }

    /// <summary>Every cell number once, in an order drawn with <paramref name="rng"/> (a Fisher-Yates shuffle of 0..Cells-1).</summary>
    /// <remarks>For placing agents at distinct random cells when a model is built; allocates the array.</remarks>
    public int[] CellsInRandomOrder(ref Rng rng)
    {
        var cells = new int[Cells];
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = c;
        }

        rng.Shuffle(cells.AsSpan());
        return cells;
    }

    /// <summary>
    /// The offsets from <paramref name="at"/> along one axis of length <paramref name="size"/> that are within
    /// <paramref name="radius"/>: clipped at a bounded grid's edges; on a periodic axis narrower than the
    /// neighbourhood, each coordinate once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Range(int at, int radius, int size, out int lo, out int hi)
    {
        if (!Periodic)
        {
            lo = Math.Max(-radius, -at);
            hi = Math.Min(radius, size - 1 - at);
        }
        else if ((2 * radius) + 1 >= size)
        {
            lo = -(size - 1) / 2;
            hi = size / 2;
        }
        else
        {
            lo = -radius;
            hi = radius;
        }
    }

    /// <summary>A column of a periodic grid brought back onto the grid; only ever off by less than one width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int WrapX(int x) => Wrap(x, Width);

    /// <summary>A row brought back onto the grid, as <see cref="WrapX"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int WrapY(int y) => Wrap(y, Height);

    /// <summary>Adds the size to a negative value (its sign bit as a mask) and takes it off one past the end, without branches.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Wrap(int v, int size)
    {
        v += (v >> 31) & size;
        return v - (v >= size ? size : 0);
    }

    /// <summary>
    /// The cells of one row of a neighbourhood as at most two runs of consecutive cell numbers,
    /// [<paramref name="from"/>, <paramref name="to"/>) then [<paramref name="from2"/>, <paramref name="to2"/>), in offset order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Row(GridPosition at, int dy, int halfWidth, out int from, out int to, out int from2, out int to2)
    {
        Range(at.X, halfWidth, Width, out var lo, out var hi);
        var row = WrapY(at.Y + dy) * Width;
        int x0 = at.X + lo, x1 = at.X + hi + 1;
        from2 = to2 = row;
        if (x0 < 0)
        {
            // Offsets below zero wrap to the end of the row and come first.
            (from, to, to2) = (row + x0 + Width, row + Width, row + x1);
        }
        else if (x1 > Width)
        {
            (from, to, to2) = (row + x0, row + Width, row + x1 - Width);
        }
        else
        {
            (from, to) = (row + x0, row + x1);
        }
    }

    /// <summary>The half-width of the neighbourhood's row at vertical offset <paramref name="dy"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int HalfWidth(int radius, Neighbourhood kind, int dy) => kind == Neighbourhood.Moore ? radius : radius - Math.Abs(dy);
}
