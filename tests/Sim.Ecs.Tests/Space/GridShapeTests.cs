using Sim.Ecs.Space;

namespace Sim.Ecs.Tests.Space;

/// <summary>Neighbourhoods and random steps on bounded and periodic grids, checked against distances computed cell by cell.</summary>
[TestFixture]
public class GridShapeTests
{
    private static readonly Neighbourhood[] Kinds = [Neighbourhood.Moore, Neighbourhood.VonNeumann];

    [TestCase(Neighbourhood.Moore, false, 0, 0, 3)]
    [TestCase(Neighbourhood.Moore, false, 2, 0, 5)]
    [TestCase(Neighbourhood.Moore, false, 2, 2, 8)]
    [TestCase(Neighbourhood.Moore, true, 0, 0, 8)]
    [TestCase(Neighbourhood.VonNeumann, false, 0, 0, 2)]
    [TestCase(Neighbourhood.VonNeumann, false, 2, 0, 3)]
    [TestCase(Neighbourhood.VonNeumann, false, 2, 2, 4)]
    [TestCase(Neighbourhood.VonNeumann, true, 0, 0, 4)]
    public void Neighbours_Radius1AtCornerEdgeAndInterior_CountsCellsOnTheGrid(Neighbourhood kind, bool periodic, int x, int y, int expected)
    {
        var grid = new GridShape(5, 5, periodic);

        Assert.That(Cells(grid, new GridPosition(x, y), 1, kind), Has.Count.EqualTo(expected));
    }

    [Test]
    public void Neighbours_Radius2Interior_MooreHas24AndVonNeumann12()
    {
        var grid = new GridShape(9, 9, periodic: false);

        Assert.Multiple(() =>
        {
            Assert.That(Cells(grid, new GridPosition(4, 4), 2, Neighbourhood.Moore), Has.Count.EqualTo(24));
            Assert.That(Cells(grid, new GridPosition(4, 4), 2, Neighbourhood.VonNeumann), Has.Count.EqualTo(12));
            Assert.That(GridShape.MaxNeighbours(2, Neighbourhood.Moore), Is.EqualTo(24));
            Assert.That(GridShape.MaxNeighbours(2, Neighbourhood.VonNeumann), Is.EqualTo(12));
        });
    }

    [Test]
    public void Neighbours_PeriodicCorner_WrapsToTheFarEdges()
    {
        var grid = new GridShape(5, 4, periodic: true);

        var cells = Cells(grid, new GridPosition(0, 0), 1, Neighbourhood.VonNeumann);

        Assert.That(cells, Is.EquivalentTo(new[] { grid.Cell(new(0, 3)), grid.Cell(new(4, 0)), grid.Cell(new(1, 0)), grid.Cell(new(0, 1)) }));
    }

    [Test]
    public void Neighbours_AcrossAPeriodicEdge_ListedRowByRowInOffsetOrder()
    {
        var grid = new GridShape(7, 7, periodic: true);

        // Offset order (dy, then dx, from -r up), not cell order: models draw from these lists by index.
        var cells = Cells(grid, new GridPosition(0, 3), 1, Neighbourhood.Moore);

        Assert.That(cells, Is.EqualTo(new[]
        {
            grid.Cell(new(6, 2)), grid.Cell(new(0, 2)), grid.Cell(new(1, 2)),
            grid.Cell(new(6, 3)), grid.Cell(new(1, 3)),
            grid.Cell(new(6, 4)), grid.Cell(new(0, 4)), grid.Cell(new(1, 4)),
        }));
    }

    [Test]
    public void Neighbours_EveryCellRadiusAndKind_EqualsTheCellsWithinDistance()
    {
        foreach (var periodic in new[] { false, true })
        {
            foreach (var (width, height) in new[] { (1, 1), (2, 3), (5, 4), (7, 7) })
            {
                var grid = new GridShape(width, height, periodic);
                for (var radius = 0; radius <= 4; radius++)
                {
                    foreach (var kind in Kinds)
                    {
                        for (var cell = 0; cell < grid.Cells; cell++)
                        {
                            var at = grid.Position(cell);
                            var listed = Cells(grid, at, radius, kind);
                            var expected = BruteForce(grid, at, radius, kind);
                            Assert.That(listed, Is.Unique.And.EquivalentTo(expected), $"{width}x{height} periodic={periodic} r={radius} {kind} at {at}");
                        }
                    }
                }
            }
        }
    }

    [Test]
    public void Neighbours_SpanOverload_WritesTheEnumeratedCellsInOrder()
    {
        var grid = new GridShape(6, 5, periodic: true);
        Span<int> cells = stackalloc int[GridShape.MaxNeighbours(2, Neighbourhood.VonNeumann)];

        var n = grid.Neighbours(new GridPosition(5, 0), 2, Neighbourhood.VonNeumann, cells);

        Assert.That(cells[..n].ToArray(), Is.EqualTo(Cells(grid, new GridPosition(5, 0), 2, Neighbourhood.VonNeumann)));
    }

    [Test]
    public void Neighbours_SpanTooShort_Throws()
    {
        var grid = new GridShape(6, 5, periodic: false);

        Assert.Throws<ArgumentException>(() => grid.Neighbours(new GridPosition(2, 2), 1, Neighbourhood.Moore, new int[7]));
    }

    [Test]
    public void Neighbours_Enumerated_AllocatesNothing()
    {
        var grid = new GridShape(40, 40, periodic: true);
        long sum = 0;

        var allocated = Allocation.OfSecondCall(() => sum += Sum(grid));

        Assert.That(allocated, Is.Zero);
        Assert.That(sum, Is.Positive);

        static long Sum(GridShape grid)
        {
            long sum = 0;
            for (var cell = 0; cell < grid.Cells; cell++)
            {
                foreach (var other in grid.Neighbours(grid.Position(cell), 3, Neighbourhood.VonNeumann))
                {
                    sum += other;
                }
            }

            return sum;
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void RandomNeighbour_EveryCell_ReachesExactlyTheMooreNeighbours(bool periodic)
    {
        var grid = new GridShape(4, 3, periodic);
        var rng = Rng.For(3, RngKey.Purpose("walk"));
        for (var cell = 0; cell < grid.Cells; cell++)
        {
            var at = grid.Position(cell);
            var reached = new HashSet<int>();
            for (var draw = 0; draw < 400; draw++)
            {
                reached.Add(grid.Cell(grid.RandomNeighbour(at, 1, ref rng)));
            }

            Assert.That(reached, Is.EquivalentTo(BruteForce(grid, at, 1, Neighbourhood.Moore)), $"from {at}");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void RandomStep_EveryCell_SameDrawsAsRandomNeighbourAtRadius1(bool periodic)
    {
        var grid = new GridShape(5, 4, periodic);
        var step = Rng.For(4, RngKey.Purpose("walk"));
        var neighbour = Rng.For(4, RngKey.Purpose("walk"));
        for (var draw = 0; draw < 2000; draw++)
        {
            var at = grid.Position(draw % grid.Cells);

            Assert.That(grid.RandomStep(at, ref step), Is.EqualTo(grid.RandomNeighbour(at, 1, ref neighbour)), $"from {at}");
        }

        Assert.That(step.Position, Is.EqualTo(neighbour.Position));
    }

    [Test]
    public void RandomNeighbour_InteriorCell_EachOfTheEightAboutEquallyOften()
    {
        var grid = new GridShape(10, 10, periodic: false);
        var rng = Rng.For(8, RngKey.Purpose("walk"));
        var counts = new Dictionary<GridPosition, int>();
        for (var draw = 0; draw < 8000; draw++)
        {
            var to = grid.RandomNeighbour(new GridPosition(4, 4), 1, ref rng);
            counts[to] = counts.GetValueOrDefault(to) + 1;
        }

        // 1,000 expected each; five standard deviations is about 150.
        Assert.That(counts, Has.Count.EqualTo(8));
        Assert.That(counts.Values, Has.All.InRange(850, 1150));
    }

    [Test]
    public void RandomNeighbour_OneCellGrid_StaysWithoutDrawing()
    {
        var grid = new GridShape(1, 1, periodic: false);
        var rng = Rng.For(1, 2);

        var to = grid.RandomNeighbour(new GridPosition(0, 0), 1, ref rng);

        Assert.That(to, Is.EqualTo(new GridPosition(0, 0)));
        Assert.That(rng.Position, Is.Zero);
    }

    [Test]
    public void CellsInRandomOrder_SameSeed_SamePermutationOfEveryCell()
    {
        var grid = new GridShape(7, 6, periodic: false);
        var a = Rng.For(5, 1);
        var b = Rng.For(5, 1);
        var c = Rng.For(6, 1);

        var first = grid.CellsInRandomOrder(ref a);

        Assert.That(first, Is.EquivalentTo(Enumerable.Range(0, grid.Cells)));
        Assert.That(grid.CellsInRandomOrder(ref b), Is.EqualTo(first));
        Assert.That(grid.CellsInRandomOrder(ref c), Is.Not.EqualTo(first));
    }

    private static List<int> Cells(GridShape grid, GridPosition at, int radius, Neighbourhood kind)
    {
        var cells = new List<int>();
        foreach (var cell in grid.Neighbours(at, radius, kind))
        {
            cells.Add(cell);
        }

        return cells;
    }

    /// <summary>Every other cell whose distance (the shorter way round on a periodic grid) is within the radius.</summary>
    internal static List<int> BruteForce(GridShape grid, GridPosition at, int radius, Neighbourhood kind)
    {
        var cells = new List<int>();
        for (var cell = 0; cell < grid.Cells; cell++)
        {
            var other = grid.Position(cell);
            int dx = Math.Abs(other.X - at.X), dy = Math.Abs(other.Y - at.Y);
            if (grid.Periodic)
            {
                (dx, dy) = (Math.Min(dx, grid.Width - dx), Math.Min(dy, grid.Height - dy));
            }

            var distance = kind == Neighbourhood.Moore ? Math.Max(dx, dy) : dx + dy;
            if (cell != grid.Cell(at) && distance <= radius)
            {
                cells.Add(cell);
            }
        }

        return cells;
    }
}
