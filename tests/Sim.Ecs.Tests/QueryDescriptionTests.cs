namespace Sim.Ecs.Tests;

/// <summary>
/// Every way of iterating (lambda, lambda with entity, struct callbacks, table spans) must
/// visit exactly the entities the description matches: all of WithAll, at least one of
/// WithAny when it is given, and none of WithNone.
/// </summary>
[TestFixture]
public class QueryDescriptionTests
{
    // Bits of a component mask: which optional components an entity or a list holds.
    private const int H = 1, W = 2, M = 4, F = 8;

    [TestCase(0, 0, 0)]
    [TestCase(H, 0, 0)]
    [TestCase(H | W, 0, 0)]
    [TestCase(0, H | M, 0)]
    [TestCase(0, 0, F)]
    [TestCase(W, H | M, F)]
    [TestCase(0, W | F, H)]
    [TestCase(H | W | M | F, 0, 0)]
    [TestCase(0, 0, H | W | M | F)]
    public void AllIterationKinds_Description_VisitExactlyMatchingEntities(int all, int any, int none)
    {
        var (world, masks) = BuildWorld();
        var description = Describe(all, any, none);
        var expected = masks.Where(p => Matches(p.Value, all, any, none)).Select(p => p.Key).ToHashSet();

        var lambda = new List<int>();
        world.Query(in description, (ref Serial s) => lambda.Add(s.Value));

        var lambdaEntities = new List<Entity>();
        world.Query(in description, (Entity e, ref Serial s) =>
        {
            Assert.That(s.Value, Is.EqualTo(e.Id), "the row's component belongs to the row's entity");
            lambdaEntities.Add(e);
        });

        var inline = new CollectSerials { Seen = [] };
        world.InlineQuery<CollectSerials, Serial>(in description, ref inline);

        var inlineEntities = new CollectEntities { Seen = [] };
        world.InlineEntityQuery<CollectEntities, Serial>(in description, ref inlineEntities);

        var spans = new List<Entity>();
        foreach (var table in world.GetQuery(description.WithAll<Serial>()).Tables)
        {
            var serials = table.GetSpan<Serial>();
            var entities = table.Entities;
            Assert.That(serials.Length, Is.EqualTo(entities.Length));
            for (var i = 0; i < entities.Length; i++)
            {
                Assert.That(serials[i].Value, Is.EqualTo(entities[i].Id));
                spans.Add(entities[i]);
            }
        }

        var expectedIds = expected.Select(e => e.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(world.CountEntities(description.WithAll<Serial>()), Is.EqualTo(expected.Count), "CountEntities");
            Assert.That(lambda, Is.EquivalentTo(expectedIds), "Query lambda");
            Assert.That(lambdaEntities, Is.EquivalentTo(expected), "Query lambda with entity");
            Assert.That(inline.Seen, Is.EquivalentTo(expectedIds), "InlineQuery");
            Assert.That(inlineEntities.Seen, Is.EquivalentTo(expected), "InlineEntityQuery");
            Assert.That(spans, Is.EquivalentTo(expected), "Tables spans");
        });
    }

    [Test]
    public void WithAny_EntityHasOneOfThem_Visited_EntityHasNone_Skipped()
    {
        var world = new World();
        var onlyHealth = world.Create(new Health(1));
        var onlyWealth = world.Create(new Wealth(2));
        var both = world.Create(new Health(3), new Wealth(4));
        world.Create(new Morale(5));

        var visited = Visit(world, new QueryDescription().WithAny<Health, Wealth>());

        Assert.That(visited, Is.EquivalentTo(new[] { onlyHealth, onlyWealth, both }));
    }

    [Test]
    public void WithNone_EntityHasAnyExcluded_Skipped()
    {
        var world = new World();
        var plain = world.Create(new Health(1));
        world.Create(new Health(2), new Frozen());
        world.Create(new Health(3), new Morale(1));
        var wealthy = world.Create(new Health(4), new Wealth(1));

        var visited = Visit(world, new QueryDescription().WithAll<Health>().WithNone<Frozen, Morale>());

        Assert.That(visited, Is.EquivalentTo(new[] { plain, wealthy }));
    }

    [Test]
    public void Query_ArchetypeCreatedAfterFirstUse_IsPickedUp()
    {
        var world = new World();
        var description = new QueryDescription().WithAll<Health>();
        world.Create(new Health(1));
        Assert.That(world.CountEntities(description), Is.EqualTo(1));

        world.Create(new Health(2), new Morale(3));
        var e = world.Create(new Wealth(1));
        world.Add(e, new Health(4));

        Assert.That(world.CountEntities(description), Is.EqualTo(3));
    }

    [Test]
    public void InlineQuery_StructCallbackState_VisibleToCaller()
    {
        var world = new World();
        for (var i = 1; i <= 100; i++)
        {
            // Two archetypes, so the state carries across tables.
            var e = world.Create(new Serial(i));
            if (i % 3 == 0)
            {
                world.Add(e, new Frozen());
            }
        }

        var sum = new SumSerials();
        world.InlineQuery<SumSerials, Serial>(new QueryDescription(), ref sum);

        Assert.That(sum.Total, Is.EqualTo(5050));
    }

    [Test]
    public void Equality_SameListsInAnyOrder_EqualAndCached()
    {
        var a = new QueryDescription().WithAll<Health, Wealth>().WithNone<Frozen>();
        var b = new QueryDescription().WithNone<Frozen>().WithAll<Wealth>().WithAll<Health>();
        var c = new QueryDescription().WithAll<Health, Wealth>().WithAny<Frozen>();
        var world = new World();

        Assert.Multiple(() =>
        {
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a != c, Is.True);
            Assert.That(world.GetQuery(a), Is.SameAs(world.GetQuery(b)));
        });
    }

    internal static (World World, Dictionary<Entity, int> Masks) BuildWorld()
    {
        var world = new World();
        var masks = new Dictionary<Entity, int>();
        for (var round = 0; round < 3; round++)
        {
            for (var mask = 0; mask < 16; mask++)
            {
                var e = world.Create();
                world.Add(e, new Serial(e.Id));
                if ((mask & H) != 0)
                {
                    world.Add(e, new Health(mask));
                }

                if ((mask & W) != 0)
                {
                    world.Add(e, new Wealth(mask));
                }

                if ((mask & M) != 0)
                {
                    world.Add(e, new Morale(mask));
                }

                if ((mask & F) != 0)
                {
                    world.Add<Frozen>(e);
                }

                masks.Add(e, mask);
            }
        }

        // An entity without Serial must never be visited by queries over Serial.
        world.Create(new Health(1), new Wealth(1));
        return (world, masks);
    }

    private static bool Matches(int mask, int all, int any, int none) =>
        (mask & all) == all && (any == 0 || (mask & any) != 0) && (mask & none) == 0;

    private static QueryDescription Describe(int all, int any, int none)
    {
        var d = new QueryDescription();
        if ((all & H) != 0) d = d.WithAll<Health>();
        if ((all & W) != 0) d = d.WithAll<Wealth>();
        if ((all & M) != 0) d = d.WithAll<Morale>();
        if ((all & F) != 0) d = d.WithAll<Frozen>();
        if ((any & H) != 0) d = d.WithAny<Health>();
        if ((any & W) != 0) d = d.WithAny<Wealth>();
        if ((any & M) != 0) d = d.WithAny<Morale>();
        if ((any & F) != 0) d = d.WithAny<Frozen>();
        if ((none & H) != 0) d = d.WithNone<Health>();
        if ((none & W) != 0) d = d.WithNone<Wealth>();
        if ((none & M) != 0) d = d.WithNone<Morale>();
        if ((none & F) != 0) d = d.WithNone<Frozen>();
        return d;
    }

    private static List<Entity> Visit(World world, QueryDescription description)
    {
        var visited = new List<Entity>();
        foreach (var table in world.GetQuery(description).Tables)
        {
            visited.AddRange(table.Entities.ToArray());
        }

        return visited;
    }

    private struct CollectSerials : IForEach<Serial>
    {
        public List<int> Seen;

        public readonly void Update(ref Serial c0) => Seen.Add(c0.Value);
    }

    private struct CollectEntities : IForEachWithEntity<Serial>
    {
        public List<Entity> Seen;

        public readonly void Update(Entity entity, ref Serial c0) => Seen.Add(entity);
    }

    private struct SumSerials : IForEach<Serial>
    {
        public long Total;

        public void Update(ref Serial c0) => Total += c0.Value;
    }
}
