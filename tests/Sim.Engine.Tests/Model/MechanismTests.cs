using NUnit.Framework;
using Sim.Engine.Core;
using Sim.Engine.Model;
using Sim.Engine.Scenarios;

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
              - {between: [A, B], affinity: -0.9, escalation: 9}
            """, ticks: 30, overrides: Quiet);
        Assert.That(run.State.Strengths.Of(0, 0), Is.LessThan(100));
        Assert.That(run.State.Strengths.Of(1, 0), Is.LessThan(1000).And.GreaterThan(run.State.Strengths.Of(0, 0)));
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
        Assert.That(run.State.Strengths.Of(0, 0), Is.EqualTo(100));
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
        Assert.That(run.State.Queries.EventCount(protest, 0, 1, -1, -1), Is.EqualTo(1));
        Assert.That(run.State.Queries.EventCount(protest, 1, 0, -1, -1), Is.EqualTo(3));
        Assert.That(run.State.Queries.EventCount(protest, 2, -1, -1, -1), Is.Zero);
    }

    [Test]
    public void Rule_OnCivilianToll_FiresOnlyAfterADeadlyEnoughStrike()
    {
        var run = TinyWorld.Run(TinyWorld.Header + """
            timeline:
              - {tick: 0, then: [{event: {action: drone_strike, actor: A, target: B, region: r2, fatalities: 5, civilian_fatalities: 3}}]}
              - {tick: 3, then: [{event: {action: drone_strike, actor: A, target: B, region: r2, fatalities: 20, civilian_fatalities: 20}}]}
            rules:
              - {id: outcry, when: "events(drone_strike, actor: A, region: r2, within: 2, civilians: 10) > 0", once: true, then: [{event: {action: denounce_un, actor: C, target: A}}]}
            """, ticks: 6, overrides: Quiet);
        Assert.That(run.State.Queries.FirstTick(run.Definition.ActionIndex("denounce_un"), 2, 0, -1), Is.EqualTo(3), "the strike that killed 3 is below the toll; the one that killed 20 is not");
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
        var state = new ModelState(definition, new Sim.Engine.Core.WorldClock(definition.Start));
        Assert.That(state.P(ModelParameter.Attrition), Is.EqualTo(0.5));
        Assert.That(state.P(ModelParameter.Hysteresis), Is.EqualTo(0.7));
    }

    private const string Corridor = """
        scenario: {name: corridor, start: 2024-01-01, tick: 1d, horizon: 10}
        actors:
          - {id: A, name: A, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
          - {id: B, name: B, kind: junta, power: 1, economy: 1, cohesion: 0.6, resolve: 0.5, rationality: 2}
          - {id: C, name: C, kind: pmc, power: 1, economy: 0, cohesion: 0.7, resolve: 0.5, rationality: 2, patron: A, contracts: [{host: B, payment: 0.01}]}
          - {id: D, name: D, kind: separatist, power: 1, economy: 0, cohesion: 0.7, resolve: 0.5, rationality: 2}
        regions:
          - {id: r1, name: R1, lat: 10, lon: 0, country: B, controller: D, population: 1000, adjacent: [r2]}
          - {id: r2, name: R2, lat: 11, lon: 0, country: B, controller: B, population: 1000}
          - {id: r3, name: R3, lat: 12, lon: 0, population: 1000}

        """;

    private static double ForceStrength(ScenarioRun run, int owner, int region) => run.State.Strengths.Of(owner, region);

    [Test]
    public void Perception_HostileForcesNearOwnRegions_RaiseThreat()
    {
        const string Relations = """
            relations:
              - {between: [B, D], affinity: -0.8, escalation: 3}
            """;
        var near = TinyWorld.Run(Corridor + Relations + "\nforces:\n  - {owner: D, region: r1, strength: 500}\n", ticks: 1, overrides: Quiet);
        var far = TinyWorld.Run(Corridor + Relations + "\nforces:\n  - {owner: D, region: r3, strength: 500}\n", ticks: 1, overrides: Quiet);
        Assert.That(near.State.Threat[1, 3], Is.GreaterThan(far.State.Threat[1, 3]));
        Assert.That(far.State.Threat[1, 3], Is.GreaterThan(0), "power counts even from afar");
        Assert.That(near.State.Threat[1, 0], Is.Zero, "no hostility, no threat");
    }

    [TestCase(1.0, 1)]
    [TestCase(0.0, 0)]
    public void Retreat_OutmatchedSide_FallsBackToAdjacentHeldRegion(double chance, int expectedRegion)
    {
        var run = TinyWorld.Run(Corridor + """
            forces:
              - {owner: B, region: r1, strength: 100}
              - {owner: D, region: r1, strength: 1000}
            relations:
              - {between: [B, D], affinity: -0.9, escalation: 6}
            """, ticks: 1, overrides: [Quiet, $"retreat_chance={chance}"]);
        Assert.That(ForceStrength(run, 1, expectedRegion), Is.EqualTo(100));
    }

    private const string Chain = """
        scenario: {name: chain, start: 2024-01-01, tick: 1d, horizon: 10}
        actors:
          - {id: B, name: B, kind: junta, power: 1, economy: 1, cohesion: 0.6, resolve: 0.5, rationality: 2}
          - {id: D, name: D, kind: separatist, power: 1, economy: 0, cohesion: 0.7, resolve: 0.5, rationality: 2}
        regions:
          - {id: r1, name: R1, lat: 10, lon: 0, controller: D, population: 1000, adjacent: [r2]}
          - {id: r2, name: R2, lat: 11, lon: 0, controller: D, population: 1000, adjacent: [r3]}
          - {id: r3, name: R3, lat: 12, lon: 0, controller: B, population: 1000}

        """;

    [Test]
    public void Advance_StrongSide_TakesEmptyEnemyRegionThenAttacks_OneHopATick()
    {
        const string World = """
            forces:
              - {owner: B, region: r3, strength: 1000}
              - {owner: D, region: r1, strength: 100}
            relations:
              - {between: [B, D], affinity: -0.9, escalation: 9}
            """;
        var definition = TinyWorld.Load(Chain + World, Quiet, "advance_chance=1");
        var run = new ScenarioRun(definition, 1, 1, options: new RunOptions { Check = true });
        run.Run();
        Assert.That(run.State.Strengths.Of(0, 1), Is.EqualTo(700).Within(1e-9), "one hop: into the empty region next door, not on to the enemy beyond");
        Assert.That(run.State.Strengths.Of(0, 2), Is.EqualTo(300).Within(1e-9), "a garrison of 30% holds the region the offensive left");
        Assert.That(run.State.RegionOf(1).Controller, Is.EqualTo(0), "walking into an empty region held by the enemy takes it");
        Assert.That(run.State.Queries.EventCount(definition.ActionIndex("occupy"), 0, 1, 1, -1), Is.EqualTo(1));
        run.Simulation.Step();
        Assert.That(run.State.Strengths.Of(0, 0), Is.GreaterThan(0).And.LessThan(490), "490 against 100 is enough to attack; the battle costs strength");
        Assert.That(run.State.Strengths.Of(0, -1) + run.State.Strengths.Of(1, -1) + run.State.TotalFatalities, Is.EqualTo(1100).Within(1), "no one is lost on the march");

        var still = TinyWorld.Run(Chain + World, ticks: 3, overrides: [Quiet, "advance_chance=0"]);
        Assert.That(still.State.Strengths.Of(0, 2), Is.EqualTo(1000));
        var weak = TinyWorld.Run(Chain + World.Replace("strength: 100}", "strength: 400}", StringComparison.Ordinal), ticks: 2, overrides: [Quiet, "advance_chance=1", "advance_ratio=3"]);
        Assert.That(weak.State.Strengths.Of(0, 0), Is.Zero, "1000 against 400 is short of 3:1: no attack on r1");
    }

    [Test]
    public void Advance_ReinforcesOutnumberedOwnForcesNextDoor()
    {
        string World(int reserve) => $$"""
            forces:
              - {owner: B, region: r2, strength: 100}
              - {owner: D, region: r2, strength: 400}
              - {owner: B, region: r3, strength: {{reserve}}}
            relations:
              - {between: [B, D], affinity: -0.9, escalation: 6}
            """;
        string[] overrides = [Quiet, "advance_chance=1", "retreat_chance=0"];
        var run = TinyWorld.Run(Chain + World(600), ticks: 1, overrides: overrides);
        Assert.That(run.State.Strengths.Of(0, 2), Is.EqualTo(180).Within(1e-9), "the reserve marches to the outnumbered column, leaving its garrison");
        Assert.That(run.State.Strengths.Of(0, 1), Is.EqualTo(520).Within(1e-9), "together they match the 400 hostile, short of 3:1");
        var small = TinyWorld.Run(Chain + World(400), ticks: 1, overrides: overrides);
        Assert.That(small.State.Strengths.Of(0, 2), Is.EqualTo(400), "a commitment (70% of 400) that would not make the column a match stays");
    }

    [Test]
    public void Contract_Paid_HostPaysAndPatronReplacesLosses()
    {
        var run = new ScenarioRun(TinyWorld.Load(Corridor + """
            forces:
              - {owner: C, region: r2, strength: 100, contract: B}
            relations:
              - {between: [A, C], affinity: 0.9}
              - {between: [B, C], affinity: 0.5}
            """, Quiet, "pmc_cost_limit=1"), 1, 10); // the corridor's payment, 1% of the host's economy a tick, would be a cost to end over
        // 40% lost: short of the patron's breakpoint (pmc_breakpoint, 0.5) and of the host's failure (pmc_failure_loss, 0.5).
        run.State.Strengths.Scale(2, 1, 0.6);
        run.Run();
        Assert.That(ForceStrength(run, 2, 1), Is.GreaterThan(60).And.LessThan(100));
        Assert.That(run.State.Contracts[0].Replaced, Is.EqualTo(ForceStrength(run, 2, 1) - 60).Within(1e-9), "what the patron replaced is on the contract's books");
        Assert.That(run.State.CapabilityOf(1).Economy, Is.EqualTo(1 - (10 * 0.01)).Within(1e-9));
        Assert.That(run.State.Contracts[0].Active, Is.True);
    }

    [Test]
    public void Contract_HostTurnsAgainstPmc_HostExpelsIt()
    {
        var run = TinyWorld.Run(Corridor + """
            forces:
              - {owner: C, region: r2, strength: 100, contract: B}
            timeline:
              - {tick: 2, then: [{affinity: {from: B, to: C, set: -0.5}}]}
            """, ticks: 4, overrides: [Quiet, "pmc_host_exit=1", "pmc_cost_limit=1"]);
        Assert.That(run.State.Contracts[0].Active, Is.False);
        Assert.That(ForceStrength(run, 2, -1), Is.Zero);
        Assert.That(run.State.Queries.FirstTick(run.Definition.ActionIndex("expel_pmc"), 1, 2, -1), Is.EqualTo(2), "the host expels the PMC it turned against");
        Assert.That(run.State.Queries.EventCount(run.Definition.ActionIndex("withdraw_pmc"), -1, -1, -1, -1), Is.Zero);
    }

    [TestCase(0.8, true)]
    [TestCase(0.2, false)]
    public void Contract_ThreatenedFriendOfPatron_SignsAndPays(double tiesToPatron, bool signs)
    {
        var yaml = $$"""
            scenario: {name: hire, start: 2024-01-01, tick: 1d, horizon: 30}
            actors:
              - {id: A, name: A, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
              - {id: B, name: B, kind: junta, power: 1, economy: 1, cohesion: 0.6, resolve: 0.5, rationality: 2, capital: r2}
              - {id: C, name: C, kind: pmc, power: 1, economy: 0, cohesion: 0.7, resolve: 0.5, rationality: 2, patron: A}
              - {id: D, name: D, kind: separatist, power: 1, economy: 0, cohesion: 0.7, resolve: 0.5, rationality: 2}
            regions:
              - {id: r1, name: R1, lat: 10, lon: 0, controller: B, population: 1000, adjacent: [r2]}
              - {id: r2, name: R2, lat: 11, lon: 0, controller: B, population: 1000}
            forces:
              - {owner: B, region: r1, strength: 200}
              - {owner: B, region: r2, strength: 800}
              - {owner: D, region: r1, strength: 1500}
            relations:
              - {between: [A, B], affinity: {{tiesToPatron.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}
              - {between: [A, C], affinity: 0.9}
              - {between: [B, D], affinity: -0.8, escalation: 6}
            """;
        var definition = TinyWorld.Load(yaml, Quiet, "pmc_signing=1", "advance_chance=0", "retreat_chance=0");
        var run = new ScenarioRun(definition, 1, 5, options: new RunOptions { Check = true });
        run.Run();
        var deploy = definition.ActionIndex("deploy_pmc");
        Assert.That(run.State.Threat[1, 3], Is.GreaterThan(0.3), "the junta is threatened");
        Assert.That(run.State.Queries.HostOf(2), Is.EqualTo(signs ? 1 : -1));
        Assert.That(run.State.Queries.EventCount(deploy, 2, 1, -1, -1), Is.EqualTo(signs ? 1 : 0), "one contract, signed once");
        if (signs)
        {
            Assert.That(run.State.Queries.FirstTick(deploy, 2, 1, -1), Is.Zero);
            Assert.That(run.State.Strengths.Of(2, 0), Is.EqualTo(0.15 * 1000), "the PMC deploys where the hostile forces are");
            Assert.That(run.State.CapabilityOf(1).Economy, Is.LessThan(1), "the host pays");
            Assert.That(run.State.Affinity[1, 2], Is.GreaterThan(0), "the host warms to the PMC it hired");
            Assert.That(definition.Actions[deploy].Cameo, Is.EqualTo("062"));
        }
    }

    [Test]
    public void PatronBlame_GrowsWithKnownTies()
    {
        double AffinityToPatron(double ties) => TinyWorld.Run(Corridor + """
            relations:
              - {between: [A, C], affinity: TIES}
            """.Replace("TIES", ties.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) + "\n" + """
            timeline:
              - {tick: 0, then: [{event: {action: drone_strike, actor: C, target: D}}]}
            """, ticks: 1, overrides: Quiet).State.Affinity[3, 0];
        Assert.That(AffinityToPatron(0.9), Is.LessThan(AffinityToPatron(0.2)));
        Assert.That(AffinityToPatron(0.0), Is.Zero, "a patron with no known ties is not blamed (full deniability)");
    }

    [Test]
    public void Junta_LossesAndCivilianHarmLowerCohesion_VictoryRaisesIt()
    {
        var baseline = TinyWorld.Run(Corridor, ticks: 2, overrides: Quiet).State.PoliticsOf(1).Cohesion;
        var harm = TinyWorld.Run(Corridor + """
            timeline:
              - {tick: 0, then: [{event: {action: drone_strike, actor: B, target: D, region: r1, fatalities: 30, civilian_fatalities: 30}}]}
            """, ticks: 2, overrides: Quiet).State.PoliticsOf(1).Cohesion;
        var losses = TinyWorld.Run(Corridor + """
            forces:
              - {owner: B, region: r2, strength: 100}
            timeline:
              - {tick: 0, then: [{strength: {actor: B, region: r2, add: -50}}]}
            """, ticks: 2, overrides: Quiet).State.PoliticsOf(1).Cohesion;
        var victory = TinyWorld.Run(Corridor + """
            timeline:
              - {tick: 0, then: [{event: {action: occupy, actor: B, target: D, region: r1}}]}
            """, ticks: 2, overrides: Quiet).State.PoliticsOf(1).Cohesion;
        Assert.That(harm, Is.LessThan(baseline));
        Assert.That(losses, Is.LessThan(baseline));
        Assert.That(victory, Is.GreaterThan(baseline));
    }

    [Test]
    public void Junta_BelowThreshold_FacesInstabilityAndLosesPower()
    {
        var run = TinyWorld.Run(Corridor + """
            timeline:
              - {tick: 0, then: [{cohesion: {actor: B, set: 0}}]}
            """, ticks: 20, overrides: [Quiet, "instability_chance=1", "cohesion_recovery=0", "coup_chance=0"]);
        Assert.That(run.State.Queries.EventCount(run.Definition.ActionIndex("instability"), 1, -1, -1, -1), Is.GreaterThan(5));
        Assert.That(run.State.Power(1), Is.LessThan(1));
        var stable = TinyWorld.Run(Corridor, ticks: 20, overrides: [Quiet, "instability_chance=1"]);
        Assert.That(stable.State.Queries.EventCount(stable.Definition.ActionIndex("instability"), -1, -1, -1, -1), Is.Zero);
    }

    [Test]
    public void Junta_Collapsing_IsOverthrownByCoup_NewRulerDistancesPmcPatron()
    {
        // B is a junta whose PMC (C) is backed by A; B starts close to A.
        var run = TinyWorld.Run(Corridor + """
            relations:
              - {between: [B, A], affinity: 0.8}
            timeline:
              - {tick: 0, then: [{cohesion: {actor: B, set: 0}}]}
            """, ticks: 20, overrides: [Quiet, "coup_chance=1", "cohesion_recovery=0"]);
        var coup = run.Definition.ActionIndex("coup");
        Assert.That(run.Definition.Actions[coup].Cameo, Is.EqualTo("1724"));
        Assert.That(run.State.Queries.EventCount(coup, 1, -1, -1, -1), Is.EqualTo(1), "one coup, then the new faction holds");
        Assert.That(run.State.PoliticsOf(1).Faction, Is.EqualTo(1));
        ref readonly var politics = ref run.State.PoliticsOf(1);
        Assert.That(politics.Cohesion, Is.EqualTo(0.5), "coup_cohesion");
        Assert.That(politics.Resolve, Is.InRange(0.25, 0.75).And.Not.EqualTo(0.5));
        Assert.That(politics.Rationality, Is.InRange(1.5, 2.5).And.Not.EqualTo(2));
        Assert.That(run.State.Affinity[1, 0], Is.LessThan(0.45), "pulled halfway to neutral, and the drift does not undo it");
        Assert.That(run.State.BaselineAffinity[1, 0], Is.EqualTo(0.4).Within(1e-12));
        Assert.That(run.State.PoliticsOf(0).Faction + run.State.PoliticsOf(2).Faction + run.State.PoliticsOf(3).Faction, Is.Zero, "only juntas have coups");
    }

    [TestCase(null)]
    [TestCase("0.25")]
    public void Junta_CohesiveOrOnlyUnstable_NeverHasCoup(string? cohesion)
    {
        // A cohesive junta, and one below the instability threshold (0.35) but above the coup threshold (0.15).
        var timeline = cohesion is null ? "" : "timeline:\n  - {tick: 0, then: [{cohesion: {actor: B, set: " + cohesion + "}}]}\n";
        var run = TinyWorld.Run(Corridor + timeline, ticks: 60, overrides: [Quiet, "coup_chance=1", "cohesion_recovery=0", "instability_chance=1"]);
        Assert.That(run.State.Queries.EventCount(run.Definition.ActionIndex("coup"), -1, -1, -1, -1), Is.Zero);
        Assert.That(run.State.PoliticsOf(1).Faction, Is.Zero);
        Assert.That(run.State.Queries.EventCount(run.Definition.ActionIndex("instability"), 1, -1, -1, -1), cohesion is null ? Is.Zero : Is.GreaterThan(0));
    }

    [TestCase("defense_pact", true)]
    [TestCase("non_aggression", false)]
    public void Treaty_UseOfForceOnAlly_BindsPartner(string treaty, bool bound)
    {
        var run = TinyWorld.Run(TinyWorld.Header + """
            relations:
              - {between: [C, B], treaty: TREATY}
            """.Replace("TREATY", treaty, StringComparison.Ordinal) + "\n" + """
            timeline:
              - {tick: 0, then: [{event: {action: strike, actor: A, target: B}}]}
            """, ticks: 1, overrides: Quiet);
        Assert.That(run.State.Tension[2, 0] > 0, Is.EqualTo(bound));
        Assert.That(run.State.Affinity[2, 0] < 0, Is.EqualTo(bound));
    }

    [Test]
    public void ArmsRace_RisingThreatRaisesPower_QuietWorldStaysAtRest()
    {
        const string World = """
            forces:
              - {owner: B, region: r1, strength: 100}
              - {owner: D, region: r1, strength: 300}
            relations:
              - {between: [B, D], affinity: -0.5}
            """;
        // The corridor's PMC costs its host 1% of its economy a tick, a cost the host would end the contract over (an event).
        var quiet = TinyWorld.Run(Corridor + World, ticks: 60, overrides: [Quiet, "pmc_host_exit=0"]);
        Assert.That(quiet.State.Power(1), Is.EqualTo(1).Within(1e-9));
        var rising = TinyWorld.Run(Corridor + World + "\n" + """
            timeline:
              - {tick: 1, then: [{escalation: {a: B, b: D, set: 8}}]}
            """, ticks: 60, overrides: [Quiet, "advance_chance=0"]); // D would otherwise overrun B, whose cohesion and power would collapse
        Assert.That(rising.State.Power(1), Is.GreaterThan(1));
    }

    [Test]
    public void Deterrence_WeakActorStrikesStrongRivalLessOften()
    {
        const string World = """
            scenario: {name: deterrence, start: 2024-01-01, tick: 1d, horizon: 30}
            actors:
              - {id: W, name: Weak, kind: junta, power: 1, economy: 1, cohesion: 0.7, resolve: 0.9, rationality: 3, aircraft: {assets: 10, range_km: 500}}
              - {id: S, name: Strong, kind: state, power: 8, economy: 5, cohesion: 0.7, resolve: 0.5, rationality: 0}
            regions:
              - {id: r0, name: R0, lat: 10, lon: 1, controller: W, population: 1000}
              - {id: r1, name: R1, lat: 10, lon: 0, controller: S, population: 1000}
            forces:
              - {owner: S, region: r1, strength: 1000}
            relations:
              - {between: [W, S], affinity: -0.8, escalation: 6}
            """;
        int Strikes(string deterrence)
        {
            var definition = TinyWorld.Load(World, "activity=1", $"deterrence={deterrence}");
            var strike = definition.ActionIndex("strike");
            var total = 0;
            for (var seed = 1UL; seed <= 20; seed++)
            {
                var run = new ScenarioRun(definition, seed, 30);
                run.Run();
                total += run.State.Queries.EventCount(strike, 0, 1, -1, -1);
            }

            return total;
        }

        Assert.That(Strikes("1"), Is.LessThan(Strikes("0") / 2));
    }

    [Test]
    public void Mediation_AndArmsDeliveries_HappenForThreatenedFriends()
    {
        var definition = TinyWorld.Load(Corridor + """
            forces:
              - {owner: D, region: r1, strength: 500}
            relations:
              - {between: [A, B], affinity: 0.9}
              - {between: [A, D], affinity: 0.6}
              - {between: [B, D], affinity: -0.8, escalation: 6}
            """, "activity=1");
        // Over a few seeds: whether B's war with D is still at rung 5+ when A acts is a matter of chance in any one run.
        int arms = 0, mediations = 0;
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var run = new ScenarioRun(definition, seed, 60);
            run.Run();
            arms += run.State.Queries.EventCount(definition.ActionIndex("arm_client"), 0, 1, -1, -1);
            mediations += run.State.Queries.EventCount(definition.ActionIndex("mediate"), 0, 1, -1, -1);
        }

        Assert.That(arms, Is.GreaterThan(0));
        Assert.That(mediations, Is.GreaterThan(0));
    }

    [TestCase(0, 1)]
    [TestCase(1, 1)]
    [TestCase(3, 2)]
    [TestCase(5, 3)]
    [TestCase(7, 4)]
    [TestCase(9, 5)]
    public void MidHostility_MapsRungsToLevels(int rung, int level) => Assert.That(MidHostility.Of(rung), Is.EqualTo(level));
}
