namespace Sim.Ecs.Tests;

/// <summary>Parallel queries must give the same world for any thread count.</summary>
[TestFixture]
public class WorldParallelTests
{
    private const int BlockSize = 1_000;
    private static readonly int[] ThreadCounts = [1, 2, 16];
    private static readonly QueryDescription Active = new QueryDescription().WithAll<Health>().WithNone<Frozen>();

    [Test]
    public void ParallelQuery_PureRowUpdates_SameHashForEveryThreadCount()
    {
        var hashes = ThreadCounts.Select(threads =>
        {
            var world = BuildWorld(threads);
            for (var round = 0; round < 3; round++)
            {
                world.ParallelQuery<Scale, Health, Wealth>(in Active, new Scale { Factor = 3 }, BlockSize);
            }

            return StateHash.Of(world);
        }).ToArray();

        Assert.That(hashes.Distinct().Count(), Is.EqualTo(1), string.Join(", ", hashes));
        Assert.That(hashes[0], Is.Not.EqualTo(StateHash.Of(BuildWorld(1))), "the query changed the world");
    }

    [Test]
    public void ParallelQuery_BlockCommandBuffers_SameHashForEveryThreadCountAndAsSequential()
    {
        var hashes = ThreadCounts.Select(threads =>
        {
            var world = BuildWorld(threads);
            for (var round = 0; round < 3; round++)
            {
                world.ParallelQuery<Churn, Health>(in Active, default, BlockSize);
            }

            return (StateHash.Of(world), world.Count);
        }).ToArray();

        // The same changes made by a sequential query and one buffer, played back once.
        var sequential = BuildWorld(1);
        var commands = new CommandBuffer();
        for (var round = 0; round < 3; round++)
        {
            var churn = default(Churn);
            sequential.Query(in Active, (Entity e, ref Health h) => churn.Update(e, ref h, commands));
            commands.Playback(sequential);
        }

        Assert.Multiple(() =>
        {
            Assert.That(hashes.Select(h => h.Item1).Distinct().Count(), Is.EqualTo(1), "same state for 1, 2 and 16 threads");
            Assert.That(hashes[0].Item1, Is.EqualTo(StateHash.Of(sequential)), "block playback order equals a sequential pass");
            Assert.That(hashes[0].Count, Is.Not.EqualTo(BuildWorld(1).Count), "the buffers changed the world's structure");
            Assert.That(sequential.CountEntities(new QueryDescription().WithAll<Frozen>()), Is.Positive, "tags were added");
        });
    }

    [Test]
    public void ParallelQuery_CallbackThrows_RecordedCommandsAreDropped()
    {
        var world = BuildWorld(2);
        var before = StateHash.Of(world);
        var count = world.Count;

        Assert.That(
            () => world.ParallelQuery<DestroyThenThrow, Health>(in Active, new DestroyThenThrow { FailAt = 12_345 }, BlockSize),
            Throws.InstanceOf<Exception>());

        // A later query must not play back what the failed one recorded.
        world.ParallelQuery<NoOp, Health>(in Active, default, BlockSize);

        Assert.That(world.Count, Is.EqualTo(count));
        Assert.That(StateHash.Of(world), Is.EqualTo(before));
    }

    [Test]
    public void ParallelQuery_StructuralChangeInCallback_Throws()
    {
        var world = BuildWorld(1);
        Assert.That(
            () => world.ParallelQuery<DirectCreate, Health>(in Active, new DirectCreate { World = world }, BlockSize),
            Throws.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public void ParallelQuery_WarmWorldOnTwoThreads_CallerAllocatesNothing()
    {
        const int Queries = 200;
        var world = BuildWorld(2);
        for (var round = 0; round < Queries; round++)
        {
            world.ParallelQuery<Scale, Health, Wealth>(in Active, new Scale { Factor = 1 }, BlockSize);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < Queries; round++)
        {
            world.ParallelQuery<Scale, Health, Wealth>(in Active, new Scale { Factor = 1 }, BlockSize);
        }

        // Only the calling thread: process-wide counts include the test host's and the runtime's
        // own threads. The whole process is measured by EcsMoveScalarBenchmarks' MemoryDiagnoser.
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void ParallelQuery_ManyRunsInARow_EveryRowUpdatedOncePerRun()
    {
        var world = BuildWorld(2);
        var expected = BuildWorld(1);
        for (var round = 0; round < 200; round++)
        {
            world.ParallelQuery<Scale, Health, Wealth>(in Active, new Scale { Factor = 1 }, BlockSize);
            expected.ParallelQuery<Scale, Health, Wealth>(in Active, new Scale { Factor = 1 }, BlockSize);
        }

        Assert.That(StateHash.Of(world), Is.EqualTo(StateHash.Of(expected)));
    }

    private static World BuildWorld(int threads)
    {
        var world = new World { MaxThreads = threads };
        for (var i = 0; i < 40_000; i++)
        {
            // Two archetypes of different sizes, so blocks span tables.
            if (i % 4 == 0)
            {
                world.Create(new Health(i), new Wealth(i));
            }
            else
            {
                world.Create(new Health(i), new Wealth(-i), new Morale(i * 0.5));
            }
        }

        return world;
    }

    private struct Scale : IParallelForEach<Health, Wealth>
    {
        public int Factor;

        public readonly void Update(Entity entity, ref Health c0, ref Wealth c1, CommandBuffer commands)
        {
            c0 = new Health(unchecked((c0.Value * Factor) + 1));
            c1 = new Wealth(c1.Value + c0.Value);
        }
    }

    /// <summary>Destroys odd values, tags some even ones, and spawns children keyed by the value.</summary>
    private struct Churn : IParallelForEach<Health>
    {
        public readonly void Update(Entity entity, ref Health c0, CommandBuffer commands)
        {
            c0 = new Health(unchecked((c0.Value * 3) + 1));
            if ((c0.Value & 1) != 0)
            {
                commands.Destroy(entity);
            }
            else if (c0.Value % 5 == 0)
            {
                commands.Add<Frozen>(entity);
            }

            if (c0.Value % 7 == 0)
            {
                var child = commands.Create();
                commands.Add(child, new Health(c0.Value / 7));
                commands.Add(child, new Wealth(entity.Id));
            }
        }
    }

    private struct DestroyThenThrow : IParallelForEach<Health>
    {
        public int FailAt;

        public readonly void Update(Entity entity, ref Health c0, CommandBuffer commands)
        {
            commands.Destroy(entity);
            if (c0.Value == FailAt)
            {
                throw new InvalidOperationException("deliberate failure");
            }
        }
    }

    private struct NoOp : IParallelForEach<Health>
    {
        public readonly void Update(Entity entity, ref Health c0, CommandBuffer commands)
        {
        }
    }

    private struct DirectCreate : IParallelForEach<Health>
    {
        public World World;

        public readonly void Update(Entity entity, ref Health c0, CommandBuffer commands) => World.Create();
    }
}
