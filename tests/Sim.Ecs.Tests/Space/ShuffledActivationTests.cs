using Sim.Ecs.Space;

namespace Sim.Ecs.Tests.Space;

/// <summary>Random activation: every matching agent once a step, in an order that depends only on the stream.</summary>
[TestFixture]
public class ShuffledActivationTests
{
    private static readonly QueryDescription Agents = new QueryDescription().WithAll<Health>();

    [Test]
    public void Shuffle_MixedTables_APermutationOfTheMatchingEntities()
    {
        var world = Populated(out var agents);
        world.Create(new Wealth(1)); // not an agent of this schedule
        var rng = Rng.For(1, 1);

        var order = new ShuffledActivation(Agents).Shuffle(world, ref rng).ToArray();

        Assert.That(order, Is.Unique.And.EquivalentTo(agents));
        Assert.That(order, Is.Not.EqualTo(agents), "shuffled, not in table order");
    }

    [Test]
    public void Shuffle_SameSeed_SameOrderAndAnotherSeedDiffers()
    {
        var world = Populated(out _);
        var schedule = new ShuffledActivation(Agents);
        var a = Rng.For(5, 1);
        var b = Rng.For(5, 1);
        var c = Rng.For(6, 1);

        var first = schedule.Shuffle(world, ref a).ToArray();
        var again = schedule.Shuffle(world, ref b).ToArray();
        var other = schedule.Shuffle(world, ref c).ToArray();

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    [Test]
    public void Shuffle_WarmSchedule_AllocatesNothing()
    {
        var world = Populated(out _);
        var schedule = new ShuffledActivation(Agents);
        var rng = Rng.For(2, 1);
        var count = 0;

        var allocated = Allocation.OfSecondCall(() => count = schedule.Shuffle(world, ref rng).Length);

        Assert.That(allocated, Is.Zero);
        Assert.That(count, Is.EqualTo(200));
    }

    [Test]
    public void Activate_EachAgentOnce_AndSkipsOneDestroyedEarlierInThePass()
    {
        var world = Populated(out var agents);
        var visited = new List<Entity>();
        Entity? victim = null;
        var schedule = new ShuffledActivation(Agents, agent =>
        {
            visited.Add(agent);
            if (victim is null)
            {
                // The first agent destroys another, which has not acted yet.
                victim = agents.Where(a => a != agent).MaxBy(a => a.Id);
                world.Destroy(victim.Value);
            }
        });
        var rng = Rng.For(3, 1);

        schedule.Activate(world, ref rng);

        Assert.That(visited, Is.Unique.And.EquivalentTo(agents.Where(a => a != victim)));
    }

    [Test]
    public void Activate_WithoutAStep_Throws()
    {
        var world = Populated(out _);
        var rng = Rng.For(1, 1);

        Assert.Throws<InvalidOperationException>(() => new ShuffledActivation(Agents).Activate(world, ref rng));
    }

    private static World Populated(out List<Entity> agents)
    {
        var world = new World();
        agents = [];
        for (var i = 0; i < 200; i++)
        {
            agents.Add(i % 3 == 0 ? world.Create(new Health(i), new Morale(i)) : world.Create(new Health(i)));
        }

        return world;
    }
}
