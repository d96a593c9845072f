using Sim.Ecs.Space;

namespace Sim.Ecs.Tests.Space;

/// <summary>One agent per cell with a tag beside it: placing, moving, counting tags around a cell, drawing empty cells.</summary>
[TestFixture]
public class GridOccupancyTests
{
    [Test]
    public void Place_ThenMove_CarriesEntityAndTagAndEmptiesTheOldCell()
    {
        var grid = new GridOccupancy(new GridShape(4, 4, periodic: false));
        var agent = new Entity(3, 1);
        var at = new GridPosition(1, 2);
        grid.Place(agent, at, tag: 7);

        grid.Move(ref at, grid.Shape.Cell(new GridPosition(3, 0)));

        Assert.Multiple(() =>
        {
            Assert.That(at, Is.EqualTo(new GridPosition(3, 0)));
            Assert.That(grid.At(at), Is.EqualTo(agent));
            Assert.That(grid.Tag(grid.Shape.Cell(at)), Is.EqualTo(7));
            Assert.That(grid.At(new GridPosition(1, 2)), Is.EqualTo(Entity.Null));
            Assert.That(grid.IsEmpty(grid.Shape.Cell(new GridPosition(1, 2))), Is.True);
            Assert.That(grid.Empty, Is.EqualTo(15));
        });
    }

    [Test]
    public void Place_OnATakenCell_Throws()
    {
        var grid = new GridOccupancy(new GridShape(3, 3, periodic: true));
        grid.Place(new Entity(1, 1), new GridPosition(1, 1), 0);

        Assert.Throws<InvalidOperationException>(() => grid.Place(new Entity(2, 1), new GridPosition(1, 1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Place(new Entity(2, 1), new GridPosition(0, 0), GridOccupancy.EmptyTag));
    }

    [Test]
    public void Remove_OccupiedCell_ReturnsTheEntityAndEmptiesIt()
    {
        var grid = new GridOccupancy(new GridShape(3, 3, periodic: false));
        var agent = grid.Place(new Entity(1, 1), new GridPosition(2, 1), 4);

        Assert.That(grid.Remove(new GridPosition(2, 1)), Is.EqualTo(agent));
        Assert.That(grid.Empty, Is.EqualTo(9));
        Assert.That(grid.Tag(grid.Shape.Cell(new GridPosition(2, 1))), Is.EqualTo(GridOccupancy.EmptyTag));
    }

    [Test]
    public void Count_RandomTagsEveryCellAndRadius_EqualsCountingTheNeighboursOneByOne()
    {
        var rng = Rng.For(12, RngKey.Purpose("tags"));
        foreach (var periodic in new[] { false, true })
        {
            var grid = new GridOccupancy(new GridShape(9, 7, periodic));
            for (var cell = 0; cell < grid.Shape.Cells; cell++)
            {
                if (rng.Chance(0.8))
                {
                    grid.Place(new Entity(cell, 1), grid.Shape.Position(cell), (byte)rng.NextInt(3));
                }
            }

            for (var radius = 0; radius <= 5; radius++)
            {
                foreach (var kind in new[] { Neighbourhood.Moore, Neighbourhood.VonNeumann })
                {
                    for (var cell = 0; cell < grid.Shape.Cells; cell++)
                    {
                        var at = grid.Shape.Position(cell);
                        foreach (var tag in new byte[] { 0, 1, 2, GridOccupancy.EmptyTag })
                        {
                            var expected = GridShapeTests.BruteForce(grid.Shape, at, radius, kind).Count(c => grid.Tag(c) == tag);
                            Assert.That(grid.Count(at, radius, kind, tag), Is.EqualTo(expected), $"periodic={periodic} r={radius} {kind} at {at} tag {tag}");
                        }
                    }
                }
            }
        }
    }

    [TestCase(0.5)]
    [TestCase(0.97)]
    public void RandomEmptyCell_PartlyFilledGrid_AlwaysAnEmptyCellAndEveryEmptyCellReached(double filled)
    {
        var grid = Filled(filled, seed: 2);
        var rng = Rng.For(4, RngKey.Purpose("empty"));
        var reached = new HashSet<int>();
        for (var draw = 0; draw < 4000; draw++)
        {
            var cell = grid.RandomEmptyCell(ref rng);
            Assert.That(grid.IsEmpty(cell), Is.True);
            reached.Add(cell);
        }

        Assert.That(reached, Has.Count.EqualTo(grid.Empty));
    }

    [TestCase(0.5)]
    [TestCase(0.97)]
    public void RandomEmptyCell_SameSeed_SameCells(double filled)
    {
        var grid = Filled(filled, seed: 2);
        var a = Rng.For(9, 1);
        var b = Rng.For(9, 1);

        var first = Enumerable.Range(0, 50).Select(_ => grid.RandomEmptyCell(ref a)).ToArray();
        var again = Enumerable.Range(0, 50).Select(_ => grid.RandomEmptyCell(ref b)).ToArray();

        Assert.That(again, Is.EqualTo(first));
    }

    [Test]
    public void RandomEmptyCell_FullGrid_MinusOne()
    {
        var grid = Filled(1.0, seed: 1);
        var rng = Rng.For(1, 1);

        Assert.That(grid.RandomEmptyCell(ref rng), Is.EqualTo(-1));
    }

    private static GridOccupancy Filled(double share, ulong seed)
    {
        var grid = new GridOccupancy(new GridShape(20, 20, periodic: false));
        var rng = Rng.For(seed, RngKey.Purpose("fill"));
        var cells = grid.Shape.CellsInRandomOrder(ref rng);
        for (var i = 0; i < (int)(share * cells.Length); i++)
        {
            grid.Place(new Entity(i, 1), grid.Shape.Position(cells[i]), 0);
        }

        return grid;
    }
}
