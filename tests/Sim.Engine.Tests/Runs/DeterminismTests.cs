using Sim.Ecs;
using Sim.Engine.Core;

namespace Sim.Engine.Tests.Runs;

/// <summary>A run is a pure function of its seed: same seed, same bytes; another seed, another world.</summary>
[TestFixture]
public class DeterminismTests
{
    [Test]
    public void Run_SameSeedTwice_SameStateHash()
    {
        Assert.That(RunToyWorld(seed: 42), Is.EqualTo(RunToyWorld(seed: 42)));
    }

    [Test]
    public void Run_DifferentSeed_DifferentStateHash()
    {
        Assert.That(RunToyWorld(seed: 43), Is.Not.EqualTo(RunToyWorld(seed: 42)));
    }

    [Test]
    public void Run_ToyWorld_EntitiesActuallyMove()
    {
        var world = BuildWorld();
        var before = StateHash.Of(world);
        new Simulation(world, new WorldClock(new DateOnly(2024, 1, 1)), 42, [new Wander(), new Move()]).Run(1);
        Assert.That(StateHash.Of(world), Is.Not.EqualTo(before));
    }

    private static string RunToyWorld(ulong seed)
    {
        var world = BuildWorld();
        var simulation = new Simulation(world, new WorldClock(new DateOnly(2024, 1, 1)), seed, [new Wander(), new Move()]);
        simulation.Run(25);
        return StateHash.Of(world);
    }

    private static World BuildWorld()
    {
        var world = new World();
        for (var i = 0; i < 1_000; i++)
        {
            world.Create(new Position(i, -i), new Velocity(0, 0));
        }

        return world;
    }

    private record struct Position(double X, double Y);

    private record struct Velocity(double X, double Y);

    /// <summary>Nudges each velocity with a draw keyed by the entity, so the result does not depend on visit order.</summary>
    private sealed class Wander : ISystem
    {
        private static readonly ulong Purpose = RngKey.Purpose("wander");
        private static readonly QueryDescription Moving = new QueryDescription().WithAll<Velocity>();

        public string Name => "wander";

        public void Update(Simulation simulation) =>
            simulation.World.Query(in Moving, (Entity e, ref Velocity v) =>
            {
                var rng = simulation.Random(Purpose, e.Id);
                v = new Velocity(v.X + rng.NextNormal(), v.Y + rng.NextNormal());
            });
    }

    private sealed class Move : ISystem
    {
        private static readonly QueryDescription Moving = new QueryDescription().WithAll<Position, Velocity>();

        public string Name => "move";

        public void Update(Simulation simulation) =>
            simulation.World.Query(in Moving, static (ref Position p, ref Velocity v) => p = new Position(p.X + v.X, p.Y + v.Y));
    }
}
