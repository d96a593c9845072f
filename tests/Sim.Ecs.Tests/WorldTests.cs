namespace Sim.Ecs.Tests;

[TestFixture]
public class WorldTests
{
    private static readonly QueryDescription WithHealth = new QueryDescription().WithAll<Health>();

    [Test]
    public void StaleHandle_AfterDestroy_EveryOperationThrows()
    {
        var world = new World();
        var entity = world.Create(new Health(5), new Wealth(7));
        world.Destroy(entity);

        Assert.Multiple(() =>
        {
            Assert.That(world.IsAlive(entity), Is.False);
            Assert.That(world.Count, Is.Zero);
            Assert.Throws<InvalidOperationException>(() => world.Get<Health>(entity));
            Assert.Throws<InvalidOperationException>(() => world.TryGet<Health>(entity, out _));
            Assert.Throws<InvalidOperationException>(() => world.Has<Health>(entity));
            Assert.Throws<InvalidOperationException>(() => world.Add(entity, new Morale(1)));
            Assert.Throws<InvalidOperationException>(() => world.Set(entity, new Health(1)));
            Assert.Throws<InvalidOperationException>(() => world.Remove<Wealth>(entity));
            Assert.Throws<InvalidOperationException>(() => world.Destroy(entity));
        });
    }

    [Test]
    public void TableOf_RowAndColumn_ReadTheComponent_AndLayoutChangesWhenRowsMoveOrColumnsAreReplaced()
    {
        var world = new World();
        var first = world.Create(new Health(1), new Wealth(10));
        var second = world.Create(new Health(2), new Wealth(20));
        var table = world.TableOf(second, out var row);
        var layout = table.Layout;

        Assert.That(table.GetColumn<Health>()[row], Is.EqualTo(new Health(2)));
        table.GetColumn<Health>()[row] = new Health(3);
        Assert.That(world.Get<Health>(second), Is.EqualTo(new Health(3)), "the column is the entity's storage");

        world.Create(new Morale(1)); // another table: this one's rows stay where they are
        Assert.That(table.Layout, Is.EqualTo(layout));

        world.Destroy(first); // the last row moves into the first
        Assert.That(table.Layout, Is.Not.EqualTo(layout));
        Assert.That(world.TableOf(second, out row), Is.SameAs(table));
        Assert.That(table.GetColumn<Health>()[row], Is.EqualTo(new Health(3)));

        layout = table.Layout;
        var column = table.GetColumn<Health>();
        for (var i = 0; i < 40; i++)
        {
            world.Create(new Health(i), new Wealth(i)); // grows the table past its first capacity
        }

        Assert.That(table.Layout, Is.Not.EqualTo(layout), "growing replaces the columns");
        Assert.That(table.GetColumn<Health>(), Is.Not.SameAs(column));

        layout = table.Layout;
        world.Add(second, new Morale(2)); // moves to another table
        Assert.Multiple(() =>
        {
            Assert.That(table.Layout, Is.Not.EqualTo(layout));
            Assert.That(world.TableOf(second, out _), Is.Not.SameAs(table));
        });
    }

    [Test]
    public void Create_AfterDestroy_ReusesSlotWithHigherVersionAndOldHandleStaysStale()
    {
        var world = new World();
        var old = world.Create(new Health(1));
        world.Destroy(old);

        var reused = world.Create(new Health(2));

        Assert.Multiple(() =>
        {
            Assert.That(reused.Id, Is.EqualTo(old.Id), "the freed slot is reused");
            Assert.That(reused.Version, Is.GreaterThan(old.Version));
            Assert.That(reused, Is.Not.EqualTo(old));
            Assert.That(world.IsAlive(reused), Is.True);
            Assert.That(world.IsAlive(old), Is.False);
            Assert.Throws<InvalidOperationException>(() => world.Get<Health>(old));
            Assert.Throws<InvalidOperationException>(() => world.Destroy(old));
            Assert.That(world.Get<Health>(reused).Value, Is.EqualTo(2), "the stale handle did not reach the new entity");
        });
    }

    [Test]
    public void IsAlive_NullAndForeignHandles_False()
    {
        var world = new World();
        world.Create();
        Assert.Multiple(() =>
        {
            Assert.That(world.IsAlive(Entity.Null), Is.False);
            Assert.That(world.IsAlive(new Entity(5, 1)), Is.False, "an id the world never issued");
            Assert.That(world.IsAlive(new Entity(-1, 0)), Is.False, "a command-buffer placeholder");
        });
    }

    [Test]
    public void Destroy_MiddleRow_MovedEntityKeepsItsComponents()
    {
        var world = new World();
        var entities = Enumerable.Range(0, 5).Select(i => world.Create(new Health(i), new Wealth(i * 10L))).ToArray();

        world.Destroy(entities[1]);

        for (var i = 0; i < entities.Length; i++)
        {
            if (i == 1)
            {
                continue;
            }

            Assert.That(world.Get<Health>(entities[i]).Value, Is.EqualTo(i));
            Assert.That(world.Get<Wealth>(entities[i]).Value, Is.EqualTo(i * 10L));
        }
    }

    [Test]
    public void AddRemove_MovesBetweenArchetypes_ValuesSurvive()
    {
        var world = new World();
        var entity = world.Create(new Health(3));
        world.Add(entity, new Wealth(4));
        world.Add(entity, new Morale(0.5));
        world.Remove<Health>(entity);
        world.Remove<Health>(entity);

        Assert.Multiple(() =>
        {
            Assert.That(world.Has<Health>(entity), Is.False);
            Assert.That(world.Get<Wealth>(entity).Value, Is.EqualTo(4));
            Assert.That(world.Get<Morale>(entity).Value, Is.EqualTo(0.5));
        });
    }

    [Test]
    public void Create_InsideQuery_ThrowsAndWorldStaysUsable()
    {
        var world = new World();
        world.Create(new Health(1));

        Assert.Throws<InvalidOperationException>(() => world.Query(in WithHealth, (ref Health _) => world.Create()));
        Assert.Throws<InvalidOperationException>(() => world.Query(in WithHealth, (ref Health _) => world.Create(new Health(9), new Frozen())));

        // The failed query must not leave the world locked.
        var created = world.Create(new Health(2));
        Assert.That(world.IsAlive(created), Is.True);
        Assert.That(world.Count, Is.EqualTo(2));
    }

    [Test]
    public void DestroyAddRemove_InsideQuery_Throw()
    {
        var world = new World();
        var entity = world.Create(new Health(1), new Wealth(1));

        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidOperationException>(() => world.Query(in WithHealth, (Entity e, ref Health _) => world.Destroy(e)));
            Assert.Throws<InvalidOperationException>(() => world.Query(in WithHealth, (Entity e, ref Health _) => world.Add(e, new Morale(1))));
            Assert.Throws<InvalidOperationException>(() => world.Query(in WithHealth, (Entity e, ref Health _) => world.Remove<Wealth>(e)));
            var counter = new DestroyingCallback { World = world };
            Assert.Throws<InvalidOperationException>(() => world.InlineEntityQuery<DestroyingCallback, Health>(in WithHealth, ref counter));
        });
        Assert.That(world.IsAlive(entity), Is.True);
        Assert.That(world.Has<Morale>(entity), Is.False);
        Assert.That(world.Has<Wealth>(entity), Is.True);
    }

    [Test]
    public void SetAndGet_InsideQuery_Allowed()
    {
        var world = new World();
        var a = world.Create(new Health(1));
        var b = world.Create(new Health(10));

        // Writing component values is not a structural change, so other entities may be touched.
        world.Query(in WithHealth, (Entity e, ref Health h) =>
        {
            if (e == a)
            {
                world.Set(b, new Health(world.Get<Health>(b).Value + 5));
            }
        });

        Assert.That(world.Get<Health>(b).Value, Is.EqualTo(15));
    }

    private struct DestroyingCallback : IForEachWithEntity<Health>
    {
        public World World;

        public readonly void Update(Entity entity, ref Health c0) => World.Destroy(entity);
    }
}
