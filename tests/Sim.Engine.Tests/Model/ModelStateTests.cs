using NUnit.Framework;
using Sim.Engine.Model;

namespace Sim.Engine.Tests.Model;

public sealed class ModelStateTests
{
    [Test]
    public void ScaleForces_CachedStrengths_EqualAFullRefreshBitForBit()
    {
        var definition = TinyWorld.Load(TinyWorld.Header + """
            forces:
              - {owner: A, region: r1, strength: 0.1}
              - {owner: B, region: r1, strength: 7}
              - {owner: A, region: r2, strength: 0.7}
              - {owner: A, region: r1, strength: 0.2}
              - {owner: A, region: r1, strength: 0.3}
            """);
        var state = new ScenarioRun(definition, seed: 1).State;
        _ = state.Strengths.Of(0, -1); // a clean cache, which ScaleForces must keep exact

        state.Strengths.Scale(0, 0, 0.37);
        var (inRegion, total, other) = (state.Strengths.Of(0, 0), state.Strengths.Of(0, -1), state.Strengths.Of(1, 0));
        state.Strengths.Invalidate();

        Assert.That(inRegion, Is.EqualTo(state.Strengths.Of(0, 0)));
        Assert.That(total, Is.EqualTo(state.Strengths.Of(0, -1)));
        Assert.That(other, Is.EqualTo(7));
        Assert.That(inRegion, Is.EqualTo(((0.1 * 0.37) + (0.2 * 0.37)) + (0.3 * 0.37)).Within(1e-15));
    }

    /// <summary>A component of the run's own, so a test can move an actor or a region to another table.</summary>
    private struct Mark
    {
        public int Value;
    }

    [Test]
    public void ComponentReads_AfterActorsAndRegionsMoveTable_ReadAndWriteTheEntitiesOwnComponents()
    {
        var definition = TinyWorld.Load(TinyWorld.Header);
        var state = new ScenarioRun(definition, seed: 1).State;
        state.CapabilityOf(1).Power = 4.5; // pins the actors' table
        state.RegionOf(1).Population = 123;

        // A row added to the actors' table and removed: its layout changed, so the next read finds the rows again.
        var extra = state.World.Create(new Actor { Index = 99 }, new Capability { Power = 7 }, new Politics());
        state.World.Destroy(extra);
        Assert.That(state.Power(1), Is.EqualTo(4.5));
        state.CapabilityOf(1).Power = 5.5;
        Assert.That(state.World.Get<Capability>(state.ActorEntities[1]).Power, Is.EqualTo(5.5));
        state.CapabilityOf(1).Power = 4.5;

        // Another table for one actor and one region: the rows the reads kept are stale now.
        state.World.Add(state.ActorEntities[0], new Mark { Value = 1 });
        state.World.Add(state.RegionEntities[0], new Mark { Value = 1 });
        state.PoliticsOf(0).Resolve = 0.25;
        state.RegionOf(0).Displaced = 9;

        Assert.Multiple(() =>
        {
            Assert.That(state.Power(1), Is.EqualTo(4.5));
            Assert.That(state.World.Get<Capability>(state.ActorEntities[1]).Power, Is.EqualTo(4.5));
            Assert.That(state.World.Get<Politics>(state.ActorEntities[0]).Resolve, Is.EqualTo(0.25));
            Assert.That(state.PoliticsOf(0).Resolve, Is.EqualTo(0.25));
            Assert.That(state.RegionOf(1).Population, Is.EqualTo(123));
            Assert.That(state.World.Get<Region>(state.RegionEntities[0]).Displaced, Is.EqualTo(9));
            Assert.That(state.RegionOf(0).Displaced, Is.EqualTo(9));
        });

        // Back in one table each (the marked ones move on again): reads, through World.Get now, still reach each entity's own.
        state.World.Remove<Mark>(state.ActorEntities[0]);
        state.World.Remove<Mark>(state.RegionEntities[0]);
        state.CapabilityOf(0).Power = 2.5;
        state.RegionOf(0).Displaced = 11;
        Assert.Multiple(() =>
        {
            Assert.That(state.World.Get<Capability>(state.ActorEntities[0]).Power, Is.EqualTo(2.5));
            Assert.That(state.CapabilityOf(0).Power, Is.EqualTo(2.5));
            Assert.That(state.Power(1), Is.EqualTo(4.5));
            Assert.That(state.World.Get<Region>(state.RegionEntities[0]).Displaced, Is.EqualTo(11));
            Assert.That(state.RegionOf(1).Population, Is.EqualTo(123));
        });
    }
}
