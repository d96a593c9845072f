using NUnit.Framework;
using Sim.Engine.Model;

namespace Sim.Engine.Tests.Model;

/// <summary>Each mechanism on a tiny world where the direction of change is known. Decisions are switched off (activity 0) so only the mechanism under test acts.</summary>
public class MechanismTests
{
    private const string Quiet = "activity=0";

    [Test]
    public void HostileEvent_LowersTargetAffinityTowardActor()
    {
        var run = TinyWorld.Run(TinyWorld.Header + """
            timeline:
              - {tick: 0, then: [{event: {action: strike, actor: A, target: B}}]}
            """, ticks: 1, overrides: Quiet);
        Assert.That(run.State.Affinity[1, 0], Is.LessThan(0));
        Assert.That(run.State.Affinity[0, 1], Is.LessThan(0).And.GreaterThan(run.State.Affinity[1, 0]), "reciprocity is weaker than the target's reaction");
    }

    [Test]
    public void HostileEvent_FriendOfTargetTurnsAgainstActor_EnemyOfTargetWarmsToIt()
    {
        var friend = TinyWorld.Run(TinyWorld.Header + """
            relations:
              - {between: [C, B], affinity: 0.8}
            timeline:
              - {tick: 0, then: [{event: {action: strike, actor: A, target: B}}]}
            """, ticks: 1, overrides: Quiet);
        var enemy = TinyWorld.Run(TinyWorld.Header + """
            relations:
              - {between: [C, B], affinity: -0.8}
            timeline:
              - {tick: 0, then: [{event: {action: strike, actor: A, target: B}}]}
            """, ticks: 1, overrides: Quiet);
        Assert.That(friend.State.Affinity[2, 0], Is.LessThan(0));
        Assert.That(enemy.State.Affinity[2, 0], Is.GreaterThan(0));
    }

    [Test]
    public void PmcEvent_IsBlamedOnPatron()
    {
        var run = TinyWorld.Run(TinyWorld.Header.Replace(
            "  - {id: C, name: C, kind: state", "  - {id: C, name: C, kind: pmc, patron: A", StringComparison.Ordinal) + """
            relations:
              - {between: [A, C], affinity: 0.9}
            timeline:
              - {tick: 0, then: [{event: {action: drone_strike, actor: C, target: B}}]}
            """, ticks: 1, overrides: Quiet);
        Assert.That(run.State.Affinity[1, 0], Is.LessThan(0), "the target blames the PMC's patron");
    }

    [Test]
    public void Affinity_DriftsBackTowardBaseline()
    {
        var run = TinyWorld.Run(TinyWorld.Header + """
            relations:
              - {between: [A, B], affinity: 0.5}
            timeline:
              - {tick: 0, then: [{affinity: {from: A, to: B, set: -0.5}}]}
            """, ticks: 50, overrides: Quiet);
        Assert.That(run.State.Affinity[0, 1], Is.GreaterThan(-0.5).And.LessThan(0.5));
    }

    [Test]
    public void Escalation_ClimbsWithHostileEventsOneRungAtATime()
    {
        var run = TinyWorld.Run(TinyWorld.Header + """
            timeline:
              - {tick: 0, then: [{event: {action: clash, actor: A, target: B}}]}
            """, ticks: 1, overrides: Quiet);
        Assert.That(run.State.Escalation[0, 1], Is.EqualTo(1), "a rung-7 act moves the ladder by at most one rung a tick");
        Assert.That(run.State.Escalation[1, 0], Is.EqualTo(1), "escalation is symmetric");
        run = TinyWorld.Run(TinyWorld.Header + """
            timeline:
              - {tick: 0, then: [{event: {action: clash, actor: A, target: B}}]}
            """, ticks: 7, overrides: Quiet);
        Assert.That(run.State.Escalation[0, 1], Is.GreaterThanOrEqualTo(5));
    }

    [Test]
    public void Escalation_DecaysWithoutEvents_AndNeverStartsFromZero()
    {
        var run = TinyWorld.Run(TinyWorld.Header + """
            relations:
              - {between: [A, B], escalation: 6}
            """, ticks: 120, overrides: Quiet);
        Assert.That(run.State.Escalation[0, 1], Is.LessThan(6));
        Assert.That(run.State.MaxEscalation[0, 1], Is.EqualTo(6));
        Assert.That(run.State.Escalation[0, 2], Is.Zero);
    }

    [Test]
    public void Fighting_AtClashRung_KillsBothSidesAndCanTakeTheRegion()
    {
        var run = TinyWorld.Run(TinyWorld.Header + """
            forces:
              - {owner: A, region: r1, strength: 100}
              - {owner: B, region: r1, strength: 1000}
            relations:
              - {between: [A, B], affinity: -0.9, escalation: 8}
            """, ticks: 30, overrides: Quiet);
        Assert.That(run.State.Strength(0, 0), Is.LessThan(100));
        Assert.That(run.State.Strength(1, 0), Is.LessThan(1000).And.GreaterThan(run.State.Strength(0, 0)));
        Assert.That(run.State.RegionOf(0).Controller, Is.EqualTo(1), "the much stronger attacker takes the region");
        Assert.That(run.State.TotalFatalities, Is.GreaterThan(0));
        Assert.That(run.State.RegionOf(0).Displaced, Is.GreaterThan(0));
    }

    [Test]
    public void Fighting_BelowClashRung_DoesNothing()
    {
        var run = TinyWorld.Run(TinyWorld.Header + """
            forces:
              - {owner: A, region: r1, strength: 100}
              - {owner: B, region: r1, strength: 1000}
            relations:
              - {between: [A, B], affinity: -0.9, escalation: 4}
            """, ticks: 5, overrides: Quiet);
        Assert.That(run.State.Strength(0, 0), Is.EqualTo(100));
        Assert.That(run.State.TotalFatalities, Is.Zero);
    }

    [Test]
    public void OnceRule_FiresOnce_ChanceZeroNever()
    {
        var run = TinyWorld.Run(TinyWorld.Header + """
            rules:
              - {id: once, when: "tick >= 2", once: true, then: [{event: {action: protest, actor: A, target: B}}]}
              - {id: every, when: "tick >= 2", then: [{event: {action: protest, actor: B, target: A}}]}
              - {id: never, when: "true", chance: 0, then: [{event: {action: protest, actor: C, target: A}}]}
            """, ticks: 5, overrides: Quiet);
        var protest = run.Definition.ActionIndex("protest");
        Assert.That(run.State.EventCount(protest, 0, 1, -1, -1), Is.EqualTo(1));
        Assert.That(run.State.EventCount(protest, 1, 0, -1, -1), Is.EqualTo(3));
        Assert.That(run.State.EventCount(protest, 2, -1, -1, -1), Is.Zero);
    }

    [Test]
    public void Timeline_AppliesOnItsDate_AndOutcomesSeeTheResult()
    {
        var run = TinyWorld.Run(TinyWorld.Header + """
            timeline:
              - {date: 2024-01-04, then: [{control: {region: r2, actor: C}}]}
            outcomes:
              - {id: c_holds, expr: "controls(C, r2)"}
              - {id: when, expr: "first_tick(protest)"}
            """, ticks: 3, overrides: Quiet);
        Assert.That(run.State.RegionOf(1).Controller, Is.EqualTo(1), "not yet on tick 2");
        run.Simulation.Step();
        Assert.That(run.State.RegionOf(1).Controller, Is.EqualTo(2));
        Assert.That(run.EvaluateOutcomes(), Is.EqualTo(new[] { 1.0, -1.0 }));
    }

    [Test]
    public void Override_ChangesEngineParameter()
    {
        var definition = TinyWorld.Load(TinyWorld.Header, "attrition=0.5");
        var state = new ModelState(definition, new Sim.Engine.Runs.WorldClock(definition.Start));
        Assert.That(state.P(ModelParameter.Attrition), Is.EqualTo(0.5));
        Assert.That(state.P(ModelParameter.Hysteresis), Is.EqualTo(0.7));
    }
}
