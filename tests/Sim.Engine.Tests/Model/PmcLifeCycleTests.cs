using System.Globalization;
using NUnit.Framework;
using Sim.Engine.Model;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// A PMC's contract from signing to its end, one cause at a time, on a tiny world: A the patron, B the host, C the PMC,
/// D a separatist, E a second state. Decisions are off (activity 0), and every cause of ending but the one under test is
/// switched off by its chance, so the direction seen is that cause's.
/// </summary>
public class PmcLifeCycleTests
{
    private const string World = """
        scenario: {name: pmc, start: 2024-01-01, tick: 1d, horizon: 100}
        actors:
          - {id: A, name: A, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
          - {id: B, name: B, kind: junta, power: 1, economy: 1, cohesion: 0.6, resolve: 0.5, rationality: 2, capital: r2}
          - {id: C, name: C, kind: pmc, power: 1, economy: 0, cohesion: 0.7, resolve: 0.5, rationality: 2, patron: A, contracts: [{host: B, payment: 0.00001}]}
          - {id: D, name: D, kind: separatist, power: 1, economy: 0, cohesion: 0.7, resolve: 0.5, rationality: 2}
          - {id: E, name: E, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2, capital: r3}
        regions:
          - {id: r1, name: R1, lat: 10, lon: 0, country: B, controller: B, population: 1000, adjacent: [r2]}
          - {id: r2, name: R2, lat: 11, lon: 0, country: B, controller: B, population: 1000}
          - {id: r3, name: R3, lat: 12, lon: 0, country: E, controller: E, population: 1000}
        forces:
          - {owner: C, region: r2, strength: 100, contract: B}
        relations:
          - {between: [A, C], affinity: 0.9}
          - {between: [A, B], affinity: 0.5}
          - {between: [B, C], affinity: 0.5}

        """;

    private const int A = 0, B = 1, C = 2, E = 4;

    /// <summary>Every chance of ending off; a test turns on the one it looks at.</summary>
    private static readonly string[] AllOff = ["activity=0", "pmc_host_exit=0", "pmc_patron_exit=0", "pmc_takeover=0", "pmc_signing=0"];

    private static ScenarioRun Run(string yaml, int ticks, params string[] overrides)
    {
        var run = Start(yaml, ticks, overrides);
        run.Run();
        return run;
    }

    /// <summary>A checked run of <paramref name="yaml"/> with every chance of ending off but those <paramref name="overrides"/> set.</summary>
    private static ScenarioRun Start(string yaml, int ticks, params string[] overrides)
    {
        var set = overrides.Select(o => o.Split('=')[0]).ToHashSet();
        string[] all = [.. AllOff.Where(o => !set.Contains(o.Split('=')[0])), .. overrides];
        return new ScenarioRun(TinyWorld.Load(yaml, all), 1, ticks, options: new RunOptions { Check = true });
    }

    private static int Count(ScenarioRun run, string action, int actor, int target) =>
        run.State.Queries.EventCount(run.Definition.ActionIndex(action), actor, target, -1, -1);

    private static string N(double v) => v.ToString(CultureInfo.InvariantCulture);

    [Test]
    public void Host_CannotPay_ContractEnds_PmcWithdraws()
    {
        var broke = Run(World + """
            timeline:
              - {tick: 2, then: [{economy: {actor: B, set: 0}}]}
            """, 5);
        Assert.That(broke.State.Contracts[0].Active, Is.False);
        Assert.That(broke.State.Strengths.Of(C, -1), Is.Zero, "the PMC's forces leave");
        Assert.That(broke.State.Queries.FirstTick(broke.Definition.ActionIndex("withdraw_pmc"), C, B, -1), Is.EqualTo(2), "in the tick the timeline emptied the treasury");
        var paying = Run(World, 5);
        Assert.That(paying.State.Contracts[0].Active, Is.True);
        Assert.That(paying.State.Contracts[0].Paid, Is.EqualTo(5 * 0.00001).Within(1e-15));
    }

    [TestCase(0.000001, true)]
    [TestCase(0.00002, false)]
    public void Host_PaymentAboveItsShareOfEconomy_ExpelsThePmc(double limit, bool expels)
    {
        var run = Run(World, 3, "pmc_host_exit=1", $"pmc_cost_limit={N(limit)}");
        Assert.That(run.State.Contracts[0].Active, Is.EqualTo(!expels), "a payment of 0.00001 a tick out of an economy of 1");
        Assert.That(Count(run, "expel_pmc", B, C), Is.EqualTo(expels ? 1 : 0));
    }

    [TestCase(0.25, true)]
    [TestCase(0.6, false)]
    public void Host_PmcForcesBroken_ExpelsIt(double left, bool expels)
    {
        var run = Start(World, 2, "pmc_host_exit=1", "pmc_resupply=0");
        run.State.Strengths.Scale(C, 1, left); // losses: the establishment stays
        run.Run();
        Assert.That(run.State.Contracts[0].Active, Is.EqualTo(!expels), "failure below half the establishment (pmc_failure_loss 0.5)");
    }

    [TestCase(3, true)]
    [TestCase(2, false)]
    public void Host_KeptLosingRegions_ExpelsThePmc(int lost, bool expels)
    {
        var occupations = string.Concat(Enumerable.Range(0, lost).Select(_ => "{event: {action: occupy, actor: D, target: B}}, "));
        var run = Run(World + $$$"""
            timeline:
              - {tick: 1, then: [{{{occupations}}}{event: {action: occupy, actor: B, target: D}}, {event: {action: occupy, actor: D, target: B}}]}
            """, 3, "pmc_host_exit=1");
        Assert.That(run.State.Contracts[0].Active, Is.EqualTo(!expels), $"{lost} regions lost net of one retaken (pmc_failure_regions 3)");
    }

    [Test]
    public void Host_TurnedAgainstPmc_ExpelsItOnlyAsOftenAsItsChance()
    {
        const string Turn = """
            timeline:
              - {tick: 0, then: [{affinity: {from: B, to: C, set: -0.5, baseline: true}}]}
            """;
        Assert.That(Run(World + Turn, 30, "pmc_host_exit=0").State.Contracts[0].Active, Is.True, "no chance, no expulsion");
        var run = Run(World + Turn, 30, "pmc_host_exit=0.2");
        Assert.That(run.State.Contracts[0].Active, Is.False);
        Assert.That(run.State.Queries.FirstTick(run.Definition.ActionIndex("expel_pmc"), B, C, -1), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Patron_TurnsAgainstHost_WithdrawsThePmc()
    {
        var run = Run(World + """
            timeline:
              - {tick: 1, then: [{affinity: {from: A, to: B, set: -0.3, baseline: true}}]}
            """, 3, "pmc_patron_exit=1");
        Assert.That(run.State.Contracts[0].Active, Is.False);
        Assert.That(run.State.Queries.FirstTick(run.Definition.ActionIndex("withdraw_pmc"), C, B, -1), Is.EqualTo(1));
        Assert.That(Run(World, 3, "pmc_patron_exit=1").State.Contracts[0].Active, Is.True, "a patron with no reason stays");
    }

    [TestCase(0.3, true)]
    [TestCase(0.5, false)]
    public void Patron_LossesPastItsBreakpoint_WithdrawsThePmc_ReplacedLossesCounting(double breakpoint, bool withdraws)
    {
        var run = Start(World, 20, "pmc_patron_exit=1", $"pmc_breakpoint={N(breakpoint)}");
        run.State.Strengths.Scale(C, 1, 0.6);
        run.Run();
        Assert.That(run.State.Contracts[0].Active, Is.EqualTo(!withdraws), "40% lost, whether or not the patron replaced it since");
        if (!withdraws)
        {
            Assert.That(run.State.Strengths.Of(C, -1), Is.GreaterThan(60), "the patron replaced some of it");
        }
    }

    [Test]
    public void Patron_TakesItsPmcOver_ForcesStayOnTheHostsSideUnderThePatron()
    {
        var run = Start(World + """
              - {between: [C, D], affinity: -0.8, escalation: 6}
            timeline:
              - {tick: 1, then: [{affinity: {from: A, to: C, set: -0.5, baseline: true}}]}
            """, 1, "pmc_takeover=1");
        var definition = run.Definition;
        run.Run();
        var before = run.State.Queries.SidePower(B);
        Assert.That(run.State.Contracts[0].Contractor, Is.EqualTo(C));
        run.Simulation.Step();
        run.Simulation.Step();
        ref readonly var contract = ref run.State.Contracts[0];
        Assert.That(contract.Active, Is.True);
        Assert.That((contract.Pmc, contract.Contractor, contract.Host), Is.EqualTo((C, A, B)), "the patron runs the contract now");
        Assert.That(run.State.Strengths.Of(C, -1), Is.Zero);
        Assert.That(run.State.Strengths.Of(A, 1), Is.EqualTo(100), "the same force, now the patron's, where it stood");
        Assert.That(run.State.Strengths.Working(A, B), Is.EqualTo(100), "and still working for the host");
        Assert.That(run.State.Queries.SidePower(B), Is.EqualTo(before), "the host's side is as strong as before");
        Assert.That(run.State.Queries.FirstTick(definition.ActionIndex("take_over_pmc"), A, B, -1), Is.EqualTo(1), "in the tick the patron turned against its PMC");
        Assert.That(contract.Paid, Is.EqualTo(3 * 0.00001).Within(1e-15), "on the same terms");
        Assert.That(run.State.Escalation[A, 3], Is.EqualTo(run.State.Escalation[C, 3]).And.GreaterThan(0), "the patron takes on its PMC's war with D");
        Assert.That(run.State.Tension[A, 3], Is.EqualTo(run.State.Tension[C, 3]));
    }

    [Test]
    public void Rule_TakesThePmcOverAtOnce_WhateverTheChance()
    {
        var run = Run(World + """
            rules:
              - id: nationalise
                when: tick == 2
                then:
                  - takeover: {pmc: C}
            """, 4);
        Assert.That(run.State.Contracts[0].Contractor, Is.EqualTo(A), "pmc_takeover is 0, the rule does it");
        Assert.That(run.State.Strengths.Working(A, B), Is.EqualTo(100));
        Assert.That(run.State.Queries.FirstTick(run.Definition.ActionIndex("take_over_pmc"), A, B, -1), Is.EqualTo(2));
        Assert.That(Count(run, "take_over_pmc", A, B), Is.EqualTo(1), "once: nothing is left to take over");
    }

    [Test]
    public void Takeover_PatronFliesThePmcsAircraft_InTheShareOfItsForcesTakenOver()
    {
        var yaml = World.Replace("patron: A, contracts:", "patron: A, aircraft: {assets: 4, range_km: 250}, air_defence: {effectiveness: 0.3, range_km: 50}, contracts:", StringComparison.Ordinal)
            .Replace("{owner: C, region: r2, strength: 100, contract: B}", "{owner: C, region: r2, strength: 100, contract: B}\n  - {owner: C, region: r3, strength: 100}", StringComparison.Ordinal) + """
            rules:
              - {id: nationalise, when: tick == 1, then: [{takeover: {pmc: C}}]}
            """;
        var run = Run(yaml, 3);
        ref readonly var patron = ref run.State.CapabilityOf(A);
        ref readonly var pmc = ref run.State.CapabilityOf(C);
        Assert.That(patron.StrikeAssets, Is.EqualTo(2).Within(1e-12), "half the PMC's strength was working for the host taken over, so half its aircraft");
        Assert.That(patron.StrikeRangeKm, Is.EqualTo(250), "with their reach: the patron had none here");
        Assert.That(pmc.StrikeAssets, Is.EqualTo(2).Within(1e-12), "the rest stay with the PMC's own force");
        Assert.That(patron.AirDefence, Is.EqualTo(0.3));
    }

    [Test]
    public void Patron_NotAState_CannotTakeOver_WithdrawsInstead()
    {
        var yaml = World.Replace("{id: A, name: A, kind: state", "{id: A, name: A, kind: armed_group", StringComparison.Ordinal) + """
            timeline:
              - {tick: 0, then: [{affinity: {from: A, to: C, set: -0.5, baseline: true}}]}
            """;
        var run = Run(yaml, 2, "pmc_takeover=1", "pmc_patron_exit=1");
        Assert.That(run.State.Contracts[0].Contractor, Is.EqualTo(C));
        Assert.That(run.State.Contracts[0].Active, Is.False);
        Assert.That(Count(run, "withdraw_pmc", C, B), Is.EqualTo(1));
    }

    [Test]
    public void SidePower_ScalesWithDeployedOverRatedStrength_ReinforcementAddsInProportion()
    {
        var run = Run(World, 1);
        Assert.That(run.State.Queries.SidePower(B), Is.EqualTo(2), "own power 1 plus the PMC's 1 at its starting strength");
        var twice = Run(World + """
            timeline:
              - {tick: 0, then: [{strength: {actor: C, region: r1, add: 100}}]}
            """, 1);
        Assert.That(twice.State.Strengths.Working(C, B), Is.EqualTo(200), "the force a rule raised works for the host");
        Assert.That(twice.State.Queries.SidePower(B), Is.EqualTo(3), "twice the strength, twice the power: not more");
        Assert.That(twice.State.Queries.SidePower(C), Is.EqualTo(1), "the PMC itself hosts no one");
    }

    [Test]
    public void Forces_KeepTheirContract_WhenTheyMarch()
    {
        var yaml = World.Replace("{id: r1, name: R1, lat: 10, lon: 0, country: B, controller: B,", "{id: r1, name: R1, lat: 10, lon: 0, country: B, controller: D,", StringComparison.Ordinal)
            .Replace("  - {owner: C, region: r2, strength: 100, contract: B}", "  - {owner: C, region: r2, strength: 100, contract: B}\n  - {owner: D, region: r1, strength: 10}", StringComparison.Ordinal)
            + "  - {between: [B, D], affinity: -0.9, escalation: 7}\n";
        var run = Run(yaml, 1, "advance_chance=1", "retreat_chance=0");
        Assert.That(run.State.Strengths.Of(C, 0), Is.GreaterThan(0), "the PMC's column took the attack to the region next door");
        Assert.That(run.State.Strengths.Working(C, B, 0), Is.EqualTo(run.State.Strengths.Of(C, 0)), "still working for its host there");
    }

    [Test]
    public void TwoHosts_EachPaysAndGetsWhatIsDeployedForIt()
    {
        var yaml = World.Replace("contracts: [{host: B, payment: 0.00001}]", "contracts: [{host: B, payment: 0.00001}, {host: E, payment: 0.00002}]", StringComparison.Ordinal)
            .Replace("  - {owner: C, region: r2, strength: 100, contract: B}", "  - {owner: C, region: r2, strength: 100, contract: B}\n  - {owner: C, region: r3, strength: 50, contract: E}", StringComparison.Ordinal)
            + """
            timeline:
              - {tick: 0, then: [{strength: {actor: C, region: r1, add: 30}}]}
            """;
        var run = Run(yaml, 4);
        Assert.That(run.State.CapabilityOf(B).Economy, Is.EqualTo(1 - (4 * 0.00001)).Within(1e-12));
        Assert.That(run.State.CapabilityOf(E).Economy, Is.EqualTo(1 - (4 * 0.00002)).Within(1e-12));
        Assert.That(run.State.Strengths.Working(C, B), Is.EqualTo(130), "a new force in the host's country works for that host");
        Assert.That(run.State.Queries.SidePower(B), Is.EqualTo(1 + (130.0 / 150)).Within(1e-12));
        Assert.That(run.State.Queries.SidePower(E), Is.EqualTo(1 + (50.0 / 150)).Within(1e-12));
    }

    [Test]
    public void Signing_PmcServingOneHost_SignsWithAnotherThreatenedFriend()
    {
        var yaml = World.Replace("  - {between: [B, C], affinity: 0.5}", """
                      - {between: [B, C], affinity: 0.5}
                      - {between: [A, E], affinity: 0.8}
                      - {between: [E, D], affinity: -0.8, escalation: 6}
                    """, StringComparison.Ordinal)
            .Replace("  - {owner: C, region: r2, strength: 100, contract: B}", "  - {owner: C, region: r2, strength: 100, contract: B}\n  - {owner: E, region: r3, strength: 400}\n  - {owner: D, region: r3, strength: 1000}", StringComparison.Ordinal);
        var run = Run(yaml, 3, "pmc_signing=1", "advance_chance=0", "retreat_chance=0");
        Assert.That(run.State.Threat[E, 3], Is.GreaterThan(0.3), "E is threatened");
        Assert.That(run.State.Queries.Serves(C, B) && run.State.Queries.Serves(C, E), Is.True, "the PMC now has two hosts");
        Assert.That(Count(run, "deploy_pmc", C, E), Is.EqualTo(1), "one contract per host");
        Assert.That(run.State.Strengths.Working(C, E), Is.EqualTo(0.15 * 400).Within(1e-9));
    }

    [Test]
    public void Loader_OneContractPerHost_AndForcesWorkOnlyForContractedHosts()
    {
        var twice = World.Replace("contracts: [{host: B, payment: 0.00001}]", "contracts: [{host: B, payment: 0.00001}, {host: B, payment: 0.1}]", StringComparison.Ordinal);
        var stray = World.Replace("{owner: C, region: r2, strength: 100, contract: B}", "{owner: C, region: r2, strength: 100, contract: E}", StringComparison.Ordinal);
        foreach (var (yaml, message) in new[] { (twice, "'C' has a second contract with 'B'"), (stray, "a force of 'C' works for 'E', but 'C' has no contract with it") })
        {
            var path = Path.Combine(Path.GetTempPath(), $"sim-pmc-{Guid.NewGuid():N}.yaml");
            File.WriteAllText(path, yaml);
            try
            {
                var result = Sim.Engine.Scenarios.ScenarioLoader.Load(path, []);
                Assert.That(result.Diagnostics.Select(d => d.Message), Has.Member(message));
                Assert.That(result.Diagnostics.Where(d => d.Message == message).Select(d => d.Line), Has.All.GreaterThan(1), "at the item");
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Test]
    public void Invariant_ForceWorkingForAHostWithoutContract_IsReported()
    {
        var run = Run(World + """
            timeline:
              - {tick: 0, then: [{economy: {actor: B, set: 0}}]}
            """, 1);
        Assert.That(new Invariants(run.State).CheckState(), Is.Null);
        foreach (var table in run.State.World.GetQuery(new Sim.Ecs.QueryDescription().WithAll<Force>()).Tables)
        {
            foreach (ref var force in table.GetSpan<Force>())
            {
                force.Contract = B; // the contract ended: working for B is no longer allowed
            }
        }

        Assert.That(new Invariants(run.State).CheckState(), Does.Contain("works for B, but C has no active contract with it"));
    }
}
