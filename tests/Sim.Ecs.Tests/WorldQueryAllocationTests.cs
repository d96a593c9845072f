namespace Sim.Ecs.Tests;

/// <summary>Iterating a warmed-up world must not allocate: ticks run millions of times.</summary>
[TestFixture]
public class WorldQueryAllocationTests
{
    private static readonly QueryDescription Moving = new QueryDescription().WithAll<Health, Wealth>().WithNone<Frozen>();

    [Test]
    public void InlineQuery_WarmWorld_AllocatesNothing()
    {
        var world = BuildWorld();
        var add = new AddHealthToWealth();
        world.InlineQuery<AddHealthToWealth, Health, Wealth>(in Moving, ref add);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            world.InlineQuery<AddHealthToWealth, Health, Wealth>(in Moving, ref add);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(add.Visits, Is.EqualTo(11 * 900), "the query ran");
    }

    [Test]
    public void InlineEntityQuery_WarmWorld_AllocatesNothing()
    {
        var world = BuildWorld();
        var sum = new SumIds();
        world.InlineEntityQuery<SumIds, Health>(in Moving, ref sum);

        var before = GC.GetAllocatedBytesForCurrentThread();
        world.InlineEntityQuery<SumIds, Health>(in Moving, ref sum);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(sum.Total, Is.Positive);
    }

    [Test]
    public void LambdaQuery_StaticLambdaOnWarmWorld_AllocatesNothing()
    {
        var world = BuildWorld();
        AddHealthToWealthLambda(world);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            AddHealthToWealthLambda(world);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void TableSpans_WarmWorld_AllocatesNothing()
    {
        var world = BuildWorld();
        _ = world.GetQuery(in Moving).Tables;

        var before = GC.GetAllocatedBytesForCurrentThread();
        long total = 0;
        foreach (var table in world.GetQuery(in Moving).Tables)
        {
            foreach (var h in table.GetSpan<Health>())
            {
                total += h.Value;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(total, Is.Positive);
    }

    // One lambda site: the compiler caches a static lambda's delegate per site, on first use.
    private static void AddHealthToWealthLambda(World world) =>
        world.Query(in Moving, static (ref Health h, ref Wealth w) => w = new Wealth(w.Value + h.Value));

    private static World BuildWorld()
    {
        var world = new World();
        for (var i = 0; i < 1_000; i++)
        {
            var e = world.Create(new Health(i), new Wealth(0));
            if (i % 10 == 0)
            {
                world.Add<Frozen>(e);
            }
            else if (i % 3 == 0)
            {
                world.Add(e, new Morale(1));
            }
        }

        return world;
    }

    private struct AddHealthToWealth : IForEach<Health, Wealth>
    {
        public int Visits;

        public void Update(ref Health c0, ref Wealth c1)
        {
            c1 = new Wealth(c1.Value + c0.Value);
            Visits++;
        }
    }

    private struct SumIds : IForEachWithEntity<Health>
    {
        public long Total;

        public void Update(Entity entity, ref Health c0) => Total += entity.Id;
    }
}
