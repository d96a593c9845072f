using Sim.Ecs.Space;

namespace Sim.Ecs.Tests.Space;

/// <summary>The bucketed neighbour query of the periodic continuous space, against distances to every agent.</summary>
[TestFixture]
public class ContinuousSpaceTests
{
    [TestCase(100.0, 60.0, 5.0, 5.0)]
    [TestCase(100.0, 60.0, 5.0, 12.5)]
    [TestCase(100.0, 60.0, 7.0, 3.0)]
    [TestCase(30.0, 30.0, 15.0, 20.0)]
    [TestCase(10.0, 10.0, 50.0, 4.0)]
    public void Near_RandomPoints_EqualsBruteForce(double width, double height, double bucket, double radius)
    {
        var space = new ContinuousSpace(width, height, bucket);
        var rng = Rng.For(7, RngKey.Purpose("points"));
        var points = new List<(Entity Entity, double X, double Y)>();
        for (var i = 0; i < 400; i++)
        {
            var entity = new Entity(i, 1);
            double x = rng.NextDouble() * width, y = rng.NextDouble() * height;
            space.Add(entity, x, y);
            points.Add((entity, x, y));
        }

        for (var q = 0; q < 100; q++)
        {
            double x = rng.NextDouble() * width, y = rng.NextDouble() * height;
            var found = new List<Entity>();
            foreach (var near in space.Near(x, y, radius))
            {
                Assert.That(near.DistanceSquared, Is.EqualTo(DistanceSquared(width, height, x, y, near.X, near.Y)));
                found.Add(near.Entity);
            }

            var expected = points.Where(p => DistanceSquared(width, height, x, y, p.X, p.Y) <= radius * radius).Select(p => p.Entity);
            Assert.That(found, Is.Unique.And.EquivalentTo(expected), $"query {q} at ({x}, {y})");
        }
    }

    [Test]
    public void Neighbours_OfAnAgent_LeaveItOutAndFindOthersAcrossTheEdge()
    {
        var space = new ContinuousSpace(100, 100, 5);
        var me = new Entity(0, 1);
        var across = new Entity(1, 1);
        var far = new Entity(2, 1);
        space.Add(me, 99, 50);
        space.Add(across, 1, 50);
        space.Add(far, 50, 50);

        var found = new List<Entity>();
        foreach (var near in space.Neighbours(me, 5))
        {
            found.Add(near.Entity);
        }

        Assert.That(found, Is.EqualTo(new[] { across }));
    }

    [Test]
    public void Move_PastTheEdgeThenRemove_WrapsAndIsNoLongerFound()
    {
        var space = new ContinuousSpace(100, 50, 10);
        var bird = new Entity(4, 1);
        space.Add(bird, 99.5, 0.5, 1, 0);

        space.Move(bird, 100.75, -0.25);

        Assert.That(space.Position(bird), Is.EqualTo((0.75, 49.75)));
        Assert.That(space.Velocity(bird), Is.EqualTo((1.0, 0.0)));
        Assert.That(Count(space.Near(0.75, 49.75, 0.1)), Is.EqualTo(1));
        space.Remove(bird);
        Assert.That(Count(space.Near(0.75, 49.75, 0.1)), Is.Zero);
    }

    [Test]
    public void Near_Enumerated_AllocatesNothing()
    {
        var space = new ContinuousSpace(100, 100, 5);
        var rng = Rng.For(1, 1);
        for (var i = 0; i < 300; i++)
        {
            space.Add(new Entity(i, 1), rng.NextDouble() * 100, rng.NextDouble() * 100);
        }

        var found = 0;

        var allocated = Allocation.OfSecondCall(() => found += Sweep(space));

        Assert.That(allocated, Is.Zero);
        Assert.That(found, Is.Positive);

        static int Sweep(ContinuousSpace space)
        {
            var found = 0;
            for (var i = 0; i < 300; i++)
            {
                found += Count(space.Neighbours(new Entity(i, 1), 5));
            }

            return found;
        }
    }

    private static int Count(NearbyAgents agents)
    {
        var n = 0;
        foreach (var _ in agents)
        {
            n++;
        }

        return n;
    }

    private static double DistanceSquared(double width, double height, double x, double y, double ox, double oy)
    {
        double dx = Math.Abs(ox - x), dy = Math.Abs(oy - y);
        dx = Math.Min(dx, width - dx);
        dy = Math.Min(dy, height - dy);
        return (dx * dx) + (dy * dy);
    }
}
