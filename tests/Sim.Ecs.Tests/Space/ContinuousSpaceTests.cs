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
    public void Near_OneBucket_LatestArrivalFirstAndOrderKeptByMovesAndRemovals()
    {
        var space = new ContinuousSpace(100, 100, 10);
        Entity a = new(0, 1), b = new(1, 1), c = new(2, 1);
        space.Add(a, 51, 51);
        space.Add(b, 52, 52);
        space.Add(c, 53, 53);
        Assert.That(Found(space.Near(55, 55, 8)), Is.EqualTo(new[] { c, b, a }));

        space.Move(b, 54, 51); // within its bucket: keeps its place
        Assert.That(Found(space.Near(55, 55, 8)), Is.EqualTo(new[] { c, b, a }));

        space.Remove(c);
        Assert.That(Found(space.Near(55, 55, 8)), Is.EqualTo(new[] { b, a }));

        space.Move(a, 75, 75); // out and back: arrives last
        space.Move(a, 56, 56);
        Assert.That(Found(space.Near(55, 55, 8)), Is.EqualTo(new[] { a, b }));
    }

    [Test]
    public void Neighbours_CarryTheirVelocitiesAndAreTakenWhenTheQueryIsMade()
    {
        var space = new ContinuousSpace(100, 100, 10);
        Entity me = new(0, 1), other = new(1, 1);
        space.Add(me, 50, 50, 1, 0);
        space.Add(other, 52, 50, 0.6, 0.8);

        var seen = new List<(Entity, double, double, double, double, double)>();
        foreach (ref readonly var near in space.Neighbours(me, 5))
        {
            space.Move(other, 90, 90); // the query already holds its records
            space.SetVelocity(other, -1, 0);
            seen.Add((near.Entity, near.X, near.Y, near.VelocityX, near.VelocityY, near.DistanceSquared));
        }

        Assert.That(seen, Is.EqualTo(new[] { (other, 52.0, 50.0, 0.6, 0.8, 4.0) }));
    }

    [Test]
    public void Near_NestedAndUnwalkedQueries_LeaveEachOthersRecordsAlone()
    {
        var space = new ContinuousSpace(60, 60, 5);
        var rng = Rng.For(3, RngKey.Purpose("points"));
        for (var i = 0; i < 200; i++)
        {
            space.Add(new Entity(i, 1), rng.NextDouble() * 60, rng.NextDouble() * 60, rng.NextDouble(), rng.NextDouble());
        }

        var expected = Found(space.Near(30, 30, 12));
        var unwalked = space.Near(30, 30, 12);
        for (var q = 0; q < 50; q++)
        {
            _ = space.Near(rng.NextDouble() * 60, rng.NextDouble() * 60, 12).Count; // never handed back
        }

        var outer = new List<Entity>();
        foreach (ref readonly var near in space.Near(30, 30, 12))
        {
            outer.Add(near.Entity);
            foreach (ref readonly var inner in space.Neighbours(near.Entity, 12))
            {
                Assert.That(inner.Entity, Is.Not.EqualTo(near.Entity));
            }
        }

        Assert.That(outer, Is.EqualTo(expected));
        Assert.That(Found(unwalked), Is.EqualTo(expected));
        Assert.That(unwalked.Count, Is.EqualTo(expected.Count));
    }

    [Test]
    public void Near_WalkedAgain_SameAgentsUntilALaterQueryTakesItsRecords()
    {
        var space = new ContinuousSpace(100, 100, 10);
        Entity a = new(0, 1), b = new(1, 1);
        space.Add(a, 50, 50);
        space.Add(b, 52, 50);

        var near = space.Near(51, 50, 3);
        var first = Found(near);

        Assert.That(Found(near), Is.EqualTo(first));
        _ = Found(space.Near(10, 10, 3));
        Assert.That(() => Found(near), Throws.InvalidOperationException);
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

    private static List<Entity> Found(NearbyAgents agents)
    {
        var found = new List<Entity>();
        foreach (ref readonly var near in agents)
        {
            found.Add(near.Entity);
        }

        return found;
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
