using NUnit.Framework;
using Sim.Engine.Model;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// The political ladder on tiny worlds: regimes that hold until lifted or lapsed and are recorded once, the ladder of
/// ties, airspace closure, recognition, organizations acting through their members, claims, per-actor activity and
/// the <c>regime()</c> function. Runs are checked, so the regime invariants hold throughout.
/// </summary>
public class PoliticalLadderTests
{
    private const string Quiet = "activity=0";

    private static ScenarioRun Run(string yaml, int ticks, ulong seed = 1, params string[] overrides)
    {
        var run = new ScenarioRun(TinyWorld.Load(yaml, overrides), seed, ticks, options: new RunOptions { Check = true });
        run.Run();
        return run;
    }

    private static int Count(ScenarioRun run, string action, int actor = -1, int target = -1)
    {
        var index = run.Definition.ActionIndex(action);
        return run.State.Events.All.ToArray().Count(e => e.Action == index
            && (actor < 0 || e.Actor.Index == actor) && (target < 0 || e.Target.Index == target));
    }

    private static bool Holds(ScenarioRun run, int a, int b, string action) =>
        ((IScenarioState)run.State.Queries).Regime(a, b, run.Definition.ActionIndex(action));

    private const string SanctionTwice = """
        relations:
          - {between: [A, B], affinity: -0.5}
        timeline:
          - {tick: 0, then: [{event: {action: sanction, actor: A, target: B}}]}
          - {tick: 5, then: [{event: {action: sanction, actor: A, target: B}}]}

        """;

    [Test]
    public void Sanction_WhileHeld_IsRecordedOnce_AfterItLapses_Again()
    {
        var held = Run(TinyWorld.Header + SanctionTwice, 10, overrides: Quiet);
        Assert.That(Count(held, "sanction"), Is.EqualTo(1), "re-imposing a sanctions regime that holds records nothing");
        Assert.That(Holds(held, 0, 1, "sanction"), Is.True);
        Assert.That(Holds(held, 1, 0, "sanction"), Is.False, "a regime belongs to a directed dyad");

        var lapsed = Run(TinyWorld.Header + SanctionTwice, 10, overrides: [Quiet, "regime_lapse=3"]);
        Assert.That(Count(lapsed, "sanction"), Is.EqualTo(2), "once lapsed, a regime may be imposed anew");
    }

    [Test]
    public void Regime_LiftedOnceTheGrievanceIsGone_KeptWhileItLasts()
    {
        const string Sanction = """
            timeline:
              - {tick: 0, then: [{event: {action: sanction, actor: A, target: B}}]}
            """;
        var friends = Run(TinyWorld.Header + "relations:\n  - {between: [A, B], affinity: 0.6}\n" + Sanction, 200, overrides: [Quiet, "regime_lapse=1000"]);
        var rivals = Run(TinyWorld.Header + "relations:\n  - {between: [A, B], affinity: -0.6}\n" + Sanction, 200, overrides: [Quiet, "regime_lapse=1000"]);
        Assert.That(Holds(friends, 0, 1, "sanction"), Is.False, "lifted when A is no longer hostile and the dyad is back at rung 0");
        Assert.That(Holds(rivals, 0, 1, "sanction"), Is.True, "held while A stays hostile");
    }

    [Test]
    public void Decisions_HostileDyad_EachRegimeAtMostOnceBeforeItLapses_RelationsReducedBeforeBroken()
    {
        const string Hostile = """
            relations:
              - {between: [A, B], affinity: -0.8, escalation: 3}
            """;
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var run = Run(TinyWorld.Header + Hostile, 150, seed, "activity=0.5");
            foreach (var action in new[] { "sanction", "reduce_relations", "break_relations", "expel_mission" })
            {
                Assert.That(Count(run, action, 0, 1), Is.LessThanOrEqualTo(1), $"{action}, seed {seed}: one event while the regime holds (regime_lapse 180)");
            }

            var broken = run.State.Events.All.ToArray().Where(e => e.Actor.Index == 0 && e.Target.Index == 1).ToList();
            var reduceAt = broken.FindIndex(e => e.Action == run.Definition.ActionIndex("reduce_relations"));
            var breakAt = broken.FindIndex(e => e.Action == run.Definition.ActionIndex("break_relations"));
            Assert.That(breakAt < 0 || (reduceAt >= 0 && reduceAt < breakAt), Is.True, $"seed {seed}: relations are reduced before they are broken");
        }
    }

    private const string Airspace = """
        scenario: {name: airspace, start: 2024-01-01, tick: 1d, horizon: 30}
        actors:
          - {id: A, name: A, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
          - {id: B, name: B, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2, aircraft: {assets: 10, range_km: 500}}
          - {id: C, name: C, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2, air_defence: {effectiveness: 0.8, range_km: 300}}
        regions:
          - {id: r1, name: R1, lat: 10, lon: 0, controller: A, population: 1000}
          - {id: r2, name: R2, lat: 11, lon: 0, controller: B, population: 1000}
          - {id: r3, name: R3, lat: 10, lon: 1, controller: C, population: 1000}
        forces:
          - {owner: A, region: r1, strength: 1000}
        relations:
          - {between: [A, B], affinity: -0.8, escalation: 6}
        rules:
          - {id: raid, when: "tick >= 1", then: [{event: {action: drone_strike, actor: B, target: A}}]}

        """;

    [Test]
    public void CloseAirspace_ClosersAirDefenceBringsDownTheTargetsAircraft()
    {
        var open = Run(Airspace, 30, overrides: Quiet);
        var closed = Run(Airspace.Replace("relations:\n", "relations:\n  - {between: [C, B], affinity: -0.5}\n", StringComparison.Ordinal) + """
            timeline:
              - {tick: 0, then: [{event: {action: close_airspace, actor: C, target: B}}]}
            """, 30, overrides: Quiet);
        Assert.That(Count(open, "intercept", actor: 2), Is.Zero, "C defends only itself and its treaty partners");
        Assert.That(Count(closed, "intercept", actor: 2, target: 1), Is.GreaterThan(0), "C brings down B's drones over the regions it covers");
        Assert.That(closed.State.CapabilityOf(1).StrikeAssets, Is.LessThan(open.State.CapabilityOf(1).StrikeAssets));
        Assert.That(Holds(closed, 2, 1, "close_airspace"), Is.True);
    }

    [Test]
    public void Decisions_StateHostileToAnAirPower_MayCloseItsAirspace_Once()
    {
        var closes = 0;
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var run = Run(Airspace.Replace("  - {between: [A, B], affinity: -0.8, escalation: 6}", "  - {between: [C, B], affinity: -0.8, escalation: 4}", StringComparison.Ordinal)
                .Replace("  - {id: raid", "  - {id: none", StringComparison.Ordinal).Replace("tick >= 1", "tick < 0", StringComparison.Ordinal), 150, seed, "activity=0.5");
            var count = Count(run, "close_airspace", 2, 1);
            Assert.That(count, Is.LessThanOrEqualTo(1), $"seed {seed}");
            closes += count;
            Assert.That(Count(run, "close_airspace", 1, 2), Is.Zero, "C has no aircraft: closing airspace to it means nothing");
        }

        Assert.That(closes, Is.GreaterThan(0), "closing airspace is among the choices of a hostile state");
    }

    [Test]
    public void Recognize_FriendOfASeparatist_RecognizesItOnce_BreakingRelationsLiftsIt()
    {
        var yaml = TinyWorld.Header.Replace("{id: C, name: C, kind: state", "{id: C, name: C, kind: separatist", StringComparison.Ordinal) + """
            relations:
              - {between: [A, C], affinity: 0.9}

            """;
        var recognitions = 0;
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var run = Run(yaml, 120, seed, "activity=0.5");
            var count = Count(run, "recognize", 0, 2);
            Assert.That(count, Is.LessThanOrEqualTo(1), $"seed {seed}");
            Assert.That(count == 0 || Holds(run, 0, 2, "recognize"), Is.True, "a recognition never lapses");
            recognitions += count;
        }

        Assert.That(recognitions, Is.GreaterThan(0));
        var broken = Run(yaml + """
            timeline:
              - {tick: 0, then: [{event: {action: recognize, actor: A, target: C}}]}
              - {tick: 1, then: [{affinity: {from: A, to: C, set: -0.5}}, {event: {action: reduce_relations, actor: A, target: C}}, {event: {action: break_relations, actor: A, target: C}}]}
            """, 2, overrides: Quiet);
        Assert.That(Holds(broken, 0, 2, "recognize"), Is.False);
        Assert.That(Holds(broken, 0, 2, "break_relations"), Is.True);
    }

    private const string Organization = """
        scenario: {name: org, start: 2024-01-01, tick: 1d, horizon: 100}
        actors:
          - {id: A, name: A, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2, activity: 0}
          - {id: B, name: B, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2, activity: 0}
          - {id: C, name: C, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2, activity: 0}
          - {id: O, name: O, kind: organization, members: [A, B], activity: 3}
        regions:
          - {id: r1, name: R1, lat: 10, lon: 0, controller: A, population: 1000}

        """;

    [Test]
    public void Organization_SanctionsANonMemberItsMembersAreHostileTo_Once()
    {
        var hostile = Run(Organization + """
            relations:
              - {between: [A, C], affinity: -0.6, directed: true}
              - {between: [B, C], affinity: -0.6, directed: true}
            """, 100);
        var split = Run(Organization + """
            relations:
              - {between: [A, C], affinity: -0.6, directed: true}
              - {between: [B, C], affinity: 0.6, directed: true}
            """, 100);
        Assert.That(Count(hostile, "sanction", 3, 2), Is.EqualTo(1), "a majority of members hostile: one sanctions regime");
        Assert.That(Holds(hostile, 3, 2, "sanction"), Is.True);
        Assert.That(Count(split, "sanction", 3), Is.Zero, "half the members is no majority");
        Assert.That(hostile.State.Events.All.ToArray().Count(e => e.Actor.Index is 0 or 1), Is.Zero, "members with activity 0 never act themselves");
    }

    [Test]
    public void Organization_MediatesForAMemberAtWar_NotWithoutMembers()
    {
        const string War = """
            relations:
              - {between: [A, C], affinity: -0.8, escalation: 7}
            """;
        var members = Run(Organization + War, 30);
        var none = Run(Organization.Replace(", members: [A, B]", "", StringComparison.Ordinal) + War, 30);
        Assert.That(Count(members, "mediate", 3, 0), Is.GreaterThan(0));
        Assert.That(Count(none, "mediate", 3) + Count(none, "sanction", 3), Is.Zero, "an organization without members does nothing");
        Assert.That(members.State.Tension[0, 2], Is.LessThan(none.State.Tension[0, 2]), "mediation lowers the war's tension");
    }

    [Test]
    public void Claims_ClaimantSoursTowardTheHolder()
    {
        var claimant = Run(TinyWorld.Header.Replace("{id: C, name: C, kind: state", "{id: C, name: C, kind: separatist, claims: [r2]", StringComparison.Ordinal), 100, overrides: Quiet);
        var other = Run(TinyWorld.Header.Replace("{id: C, name: C, kind: state", "{id: C, name: C, kind: separatist", StringComparison.Ordinal), 100, overrides: Quiet);
        Assert.That(claimant.State.Affinity[2, 1], Is.LessThan(-0.02), "C sours toward B, which holds the region it claims");
        Assert.That(claimant.State.Affinity[2, 0], Is.Zero, "and not toward A");
        Assert.That(other.State.Affinity[2, 1], Is.Zero);
    }

    [Test]
    public void ActorActivity_ScalesHowOftenAnActorActs()
    {
        const string Hostile = """
            relations:
              - {between: [A, B], affinity: -0.8, escalation: 4}
            """;
        int Acts(string activity) => Run(TinyWorld.Header.Replace("{id: A, name: A, kind: state,", "{id: A, name: A, kind: state, activity: " + activity + ",", StringComparison.Ordinal) + Hostile, 60)
            .State.Events.All.ToArray().Count(e => e.Actor.Index == 0 && e.Origin == EventOrigin.Decision);
        Assert.That(Acts("0"), Is.Zero);
        Assert.That(Acts("3"), Is.GreaterThan(Acts("1")));
    }

    [Test]
    public void RegimeFunction_ReadsRegimesInRules()
    {
        var run = Run(TinyWorld.Header + SanctionTwice + """
            rules:
              - {id: answer, when: "regime(A, B, sanction) and not regime(B, A, sanction)", once: true, then: [{event: {action: protest, actor: C, target: A}}]}
            """, 3, overrides: Quiet);
        Assert.That(Count(run, "protest", 2, 0), Is.EqualTo(1));
    }

    [Test]
    public void Loader_MembersOnlyForOrganizations()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-members-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, TinyWorld.Header.Replace("{id: C, name: C, kind: state,", "{id: C, name: C, kind: state, members: [A],", StringComparison.Ordinal));
        try
        {
            var result = ScenarioLoader.Load(path);
            Assert.That(result.Diagnostics.Select(d => d.Message), Has.Some.Contains("only organization actors have members; 'C' is a state"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
