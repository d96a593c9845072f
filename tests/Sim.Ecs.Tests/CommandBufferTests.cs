namespace Sim.Ecs.Tests;

[TestFixture]
public class CommandBufferTests
{
    private static readonly QueryDescription WithHealth = new QueryDescription().WithAll<Health>();

    [Test]
    public void Playback_AfterQuery_AppliesStructuralChangesInOrder()
    {
        var world = new World();
        var entities = Enumerable.Range(0, 10).Select(i => world.Create(new Health(i))).ToArray();
        var commands = new CommandBuffer();

        world.Query(in WithHealth, (Entity e, ref Health h) =>
        {
            if (h.Value % 2 == 1)
            {
                commands.Destroy(e);
            }
            else if (h.Value % 4 == 0)
            {
                commands.Add(e, new Wealth(h.Value * 100L));
                commands.Add<Frozen>(e);
            }
            else
            {
                commands.Set(e, new Health(-h.Value));
                commands.Remove<Health>(e);
            }
        });

        Assert.That(world.Count, Is.EqualTo(10), "nothing changes before playback");
        Assert.That(commands.Count, Is.GreaterThan(0));
        commands.Playback(world);

        Assert.Multiple(() =>
        {
            Assert.That(commands.Count, Is.Zero, "playback clears the buffer");
            Assert.That(world.Count, Is.EqualTo(5));
            for (var i = 0; i < entities.Length; i++)
            {
                var e = entities[i];
                if (i % 2 == 1)
                {
                    Assert.That(world.IsAlive(e), Is.False);
                }
                else if (i % 4 == 0)
                {
                    Assert.That(world.Get<Wealth>(e).Value, Is.EqualTo(i * 100L));
                    Assert.That(world.Has<Frozen>(e), Is.True);
                    Assert.That(world.Get<Health>(e).Value, Is.EqualTo(i));
                }
                else
                {
                    Assert.That(world.Has<Health>(e), Is.False);
                }
            }
        });
    }

    [Test]
    public void Playback_CreatePlaceholderThenAdd_BuildsNewEntities()
    {
        var world = new World();
        world.Create(new Health(1));
        world.Create(new Health(2));
        var commands = new CommandBuffer();

        world.Query(in WithHealth, (ref Health h) =>
        {
            var child = commands.Create();
            Assert.That(child.Id, Is.Negative, "a placeholder, not a live entity");
            commands.Add(child, new Health(h.Value * 10));
            commands.Add(child, new Wealth(h.Value));
            commands.Set(child, new Health(h.Value * 100));
        });
        commands.Playback(world);

        var values = new List<(int, long)>();
        world.Query(new QueryDescription().WithAll<Wealth>(), (ref Health h, ref Wealth w) => values.Add((h.Value, w.Value)));
        Assert.That(values, Is.EquivalentTo(new[] { (100, 1L), (200, 2L) }));
        Assert.That(world.Count, Is.EqualTo(4));
    }

    [Test]
    public void Playback_DestroyPlaceholderAndDoubleDestroy_Tolerated()
    {
        var world = new World();
        var e = world.Create(new Health(1));
        var commands = new CommandBuffer();
        var temp = commands.Create();
        commands.Add(temp, new Health(5));
        commands.Destroy(temp);
        commands.Destroy(e);
        commands.Destroy(e);

        commands.Playback(world);

        Assert.That(world.Count, Is.Zero);
        Assert.That(world.IsAlive(e), Is.False);
    }

    [Test]
    public void Playback_ReusedBuffer_PlaceholdersRestart()
    {
        var world = new World();
        var commands = new CommandBuffer();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 40; i++)
            {
                var p = commands.Create();
                commands.Add(p, new Health((round * 100) + i));
            }

            commands.Playback(world);
        }

        var seen = new List<int>();
        world.Query(in WithHealth, (ref Health h) => seen.Add(h.Value));
        Assert.That(seen, Is.EquivalentTo(Enumerable.Range(0, 3).SelectMany(r => Enumerable.Range(r * 100, 40))));
    }

    [Test]
    public void Clear_DropsCommands()
    {
        var world = new World();
        var e = world.Create(new Health(1));
        var commands = new CommandBuffer();
        commands.Destroy(e);
        commands.Clear();
        commands.Playback(world);
        Assert.That(world.IsAlive(e), Is.True);
    }
}
