using NUnit.Framework;
using Sim.Engine.Model;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// The ground war on a line of regions, west to east: w (held by A), m (held by B), e (held by B). Decisions are off, and
/// battle noise is off where a test compares exact losses.
/// </summary>
public class FrontTests
{
    private const string Quiet = "activity=0";
    private const string NoNoise = "attrition_noise=0";

    private const string Line = """
        scenario: {name: line, start: 2024-01-01, tick: 1d, horizon: 200}
        actors:
          - {id: A, name: A, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
          - {id: B, name: B, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
          - {id: C, name: C, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
        regions:
          - {id: w, name: W, lat: 10, lon: 0, controller: A, population: 1000, adjacent: [m]}
          - {id: m, name: M, lat: 11, lon: 0, controller: B, population: 1000, adjacent: [e]}
          - {id: e, name: E, lat: 12, lon: 0, controller: B, population: 1000}

        """;

    private const string War = """
        relations:
          - {between: [A, B], affinity: -0.9, escalation: 9}

        """;

    private static ScenarioRun Start(string yaml, params string[] overrides) =>
        new(TinyWorld.Load(yaml, [Quiet, .. overrides]), 1, 200, options: new RunOptions { Check = true });

    /// <summary>Steps <paramref name="run"/> until region <paramref name="region"/> changes hands; the tick it did, or -1 by the horizon.</summary>
    private static int TickTaken(ScenarioRun run, int region)
    {
        var holder = run.State.RegionOf(region).Controller;
        for (var t = 0; t < 200; t++)
        {
            run.Simulation.Step();
            if (run.State.RegionOf(region).Controller != holder)
            {
                return t;
            }
        }

        return -1;
    }

    private static double Shock(ScenarioRun run, int owner, int region)
    {
        var shock = double.NaN;
        foreach (var table in run.State.World.GetQuery(new Sim.Ecs.QueryDescription().WithAll<Force>()).Tables)
        {
            foreach (ref readonly var f in table.GetSpan<Force>())
            {
                shock = f.Owner == owner && f.Region == region && f.Strength > 0 ? f.Shock : shock;
            }
        }

        return shock;
    }

    private const string Siege = """
        forces:
          - {owner: A, region: m, strength: 2500}
          - {owner: B, region: m, strength: 1000}

        """;

    [Test]
    public void HeldRegion_Outnumbered_HoldsForDays_ThenBreaksAndFalls()
    {
        var run = Start(Line + War + Siege, NoNoise, "retreat_chance=0", "advance_chance=0");
        var taken = TickTaken(run, 1);
        Assert.That(taken, Is.GreaterThanOrEqualTo(7), "2.5:1 against a defender is not enough to take the region at once: it holds for a week");
        Assert.That(taken, Is.LessThan(40), "shock builds until the defender breaks");
        Assert.That(run.State.RegionOf(1).Controller, Is.EqualTo(0));
        Assert.That(Shock(run, 1, 1), Is.EqualTo(1), "the holder lost the region by breaking");
        Assert.That(run.State.Strengths.Of(1, 1), Is.GreaterThan(500), "it broke long before it was destroyed");
        run.Simulation.Step();
        Assert.That(run.State.Strengths.Of(1, 1), Is.Zero, "a broken side retreats");
        Assert.That(run.State.Strengths.Of(1, 2), Is.GreaterThan(500), "to the region behind it, which it holds");

        var resolute = Start(Line + War + Siege, NoNoise, "retreat_chance=0", "advance_chance=0", "breakpoint=0.4");
        Assert.That(TickTaken(resolute, 1), Is.GreaterThan(taken), "a higher breakpoint holds longer");
    }

    [Test]
    public void Battle_DefenderFiresWithItsAdvantage()
    {
        double LossRatio(string advantage)
        {
            var run = TinyWorld.Run(Line + War + Siege.Replace("2500", "1000", StringComparison.Ordinal), ticks: 1,
                overrides: [Quiet, NoNoise, "retreat_chance=0", "advance_chance=0", advantage]);
            return (1000 - run.State.Strengths.Of(0, 1)) / (1000 - run.State.Strengths.Of(1, 1));
        }

        Assert.That(LossRatio("defence_advantage=1.5") / LossRatio("defence_advantage=1"), Is.EqualTo(1.5).Within(1e-9));
    }

    [Test]
    public void Battle_AttackerFarFromItsGround_FiresLess()
    {
        double DefenderLoss(string yaml)
        {
            var run = TinyWorld.Run(yaml + War + Siege, ticks: 1, overrides: [Quiet, NoNoise, "retreat_chance=0", "advance_chance=0"]);
            return 1000 - run.State.Strengths.Of(1, 1);
        }

        var near = DefenderLoss(Line);
        var far = DefenderLoss(Line.Replace("lat: 10, lon: 0", "lat: 7, lon: 0", StringComparison.Ordinal));
        var geography = new Geography(TinyWorld.Load(Line));
        var farther = (4 - 1) * geography.DistanceKm(0, 1); // one degree of latitude, three degrees more
        Assert.That(far / near, Is.EqualTo(Math.Exp(-farther / 400)).Within(1e-3), "supply falls by e every supply_range_km");
    }

    [Test]
    public void Battle_FireIsSpreadOverEnemiesByStrength()
    {
        var run = TinyWorld.Run(Line + """
            relations:
              - {between: [A, B], affinity: -0.9, escalation: 9}
              - {between: [C, B], affinity: -0.9, escalation: 9}
            forces:
              - {owner: A, region: e, strength: 300}
              - {owner: C, region: e, strength: 100}
              - {owner: B, region: e, strength: 1000}
            """, ticks: 1, overrides: [Quiet, NoNoise, "retreat_chance=0", "advance_chance=0"]);
        var lossA = 300 - run.State.Strengths.Of(0, 2);
        var lossC = 100 - run.State.Strengths.Of(2, 2);
        Assert.That(lossA / lossC, Is.EqualTo(3).Within(1e-9), "three times the strength draws three times the fire");
        Assert.That(lossA + lossC, Is.EqualTo(0.01 * 1000 * 1.5).Within(1e-9), "the holder's whole fire, no more");
    }

    [TestCase("treaty: defense_pact", true)]
    [TestCase("affinity: 0.1", false)]
    public void CoBelligerent_OneRungShort_JoinsItsFriendsBattle(string tie, bool fights)
    {
        var run = TinyWorld.Run(Line + $$"""
            relations:
              - {between: [A, B], affinity: -0.9, escalation: 9}
              - {between: [C, B], affinity: -0.5, escalation: 6}
              - {between: [A, C], {{tie}}}
            forces:
              - {owner: A, region: m, strength: 500}
              - {owner: C, region: m, strength: 500}
              - {owner: B, region: m, strength: 1000}
            """, ticks: 1, overrides: [Quiet, NoNoise, "retreat_chance=0", "advance_chance=0"]);
        Assert.That(run.State.Strengths.Of(2, 1) < 500, Is.EqualTo(fights));
    }

    [TestCase(50, false)]
    [TestCase(1000, true)]
    public void Offensive_IntoUndefendedRegion_NeedsStrengthToOccupyIt(int strength, bool takes)
    {
        var run = TinyWorld.Run(Line.Replace("controller: B, population: 1000, adjacent: [e]", "controller: B, population: 100000, adjacent: [e]", StringComparison.Ordinal) + War
            + $"forces:\n  - {{owner: A, region: w, strength: {strength}}}\n", ticks: 1, overrides: [Quiet, "advance_chance=1"]);
        Assert.That(run.State.RegionOf(1).Controller == 0, Is.EqualTo(takes), "100,000 residents need 200 (occupation_per_1000 = 2); 70% of 50 is 35");
    }

    [Test]
    public void Offensive_PrefersAClaimedObjective()
    {
        const string Fork = """
            scenario: {name: fork, start: 2024-01-01, tick: 1d, horizon: 10}
            actors:
              - {id: A, name: A, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2, claims: [CLAIMS]}
              - {id: B, name: B, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
            regions:
              - {id: home, name: Home, lat: 10, lon: 0, controller: A, population: 1000, adjacent: [x, y]}
              - {id: x, name: X, lat: 11, lon: 0, controller: B, population: 1000}
              - {id: y, name: Y, lat: 9, lon: 0, controller: B, population: 1000}
            relations:
              - {between: [A, B], affinity: -0.9, escalation: 9}
            forces:
              - {owner: A, region: home, strength: 1000}
              - {owner: B, region: x, strength: 100}
              - {owner: B, region: y, strength: 300}
            """;
        var unclaimed = TinyWorld.Run(Fork.Replace("claims: [CLAIMS]", "claims: []", StringComparison.Ordinal), ticks: 1, overrides: [Quiet, "advance_chance=1"]);
        Assert.That(unclaimed.State.Strengths.Of(0, 1), Is.GreaterThan(0), "7:1 at x beats 2.3:1 at y");
        var claimed = TinyWorld.Run(Fork.Replace("CLAIMS", "y", StringComparison.Ordinal).Replace("strength: 300", "strength: 200", StringComparison.Ordinal), ticks: 1, overrides: [Quiet, "advance_chance=1"]);
        Assert.That(claimed.State.Strengths.Of(0, 2), Is.GreaterThan(0), "a claimed region with 3.5:1 comes before 7:1 elsewhere");
        Assert.That(claimed.State.Strengths.Of(0, 0), Is.EqualTo(300).Within(1e-9), "the garrison stays home");
    }

    [Test]
    public void Offensive_SplitsForces_KeepingContractAndJoiningForcesAtTheObjective()
    {
        var run = TinyWorld.Run(Line.Replace("  - {id: C, name: C, kind: state", "  - {id: C, name: C, kind: pmc, patron: A, contracts: [{host: A, payment: 0}]", StringComparison.Ordinal) + War + """
            forces:
              - {owner: A, region: w, strength: 1000}
              - {owner: C, region: w, strength: 200, contract: A}
              - {owner: A, region: m, strength: 100}
              - {owner: B, region: m, strength: 100}
            """, ticks: 1, overrides: [Quiet, NoNoise, "advance_chance=1", "retreat_chance=0", "attrition=0"]);
        var forces = new List<Force>();
        foreach (var table in run.State.World.GetQuery(new Sim.Ecs.QueryDescription().WithAll<Force>()).Tables)
        {
            forces.AddRange(table.GetSpan<Force>().ToArray());
        }

        Assert.That(forces.Where(f => f.Owner == 0 && f.Region == 1).Select(f => f.Strength), Is.EqualTo(new[] { 800.0 }).Within(1e-9), "the share on the march joined A's force there");
        var pmc = forces.Single(f => f.Owner == 2 && f.Region == 1);
        Assert.That(pmc.Strength, Is.EqualTo(140).Within(1e-9), "the PMC's share marched");
        Assert.That(pmc.Contract, Is.Zero, "under its contract");
        Assert.That(forces.Where(f => f.Region == 0).Sum(f => f.Strength), Is.EqualTo(360).Within(1e-9), "30% stays as the garrison");
    }

    [TestCase("m", "m", 7, TestName = "Forces at war that stay in contact keep clashing: the rung does not fall below clashes")]
    [TestCase("w", "e", 0, TestName = "Apart, their war cools like any other dyad's")]
    public void Escalation_ContactHoldsAWarAtTheClashesRung(string whereA, string whereB, int lowest)
    {
        var run = new ScenarioRun(TinyWorld.Load(Line + $$"""
            forces:
              - {owner: A, region: {{whereA}}, strength: 1000000}
              - {owner: B, region: {{whereB}}, strength: 1000000}
            relations:
              - {between: [A, B], affinity: -0.9, escalation: 7}
            """, Quiet, "advance_chance=0", "retreat_chance=0", "attrition=0", "battle_chance=0.0025"), 1, 200, options: new RunOptions { Check = true });
        var lowestSeen = 7;
        for (var t = 0; t < 200; t++)
        {
            run.Simulation.Step();
            lowestSeen = Math.Min(lowestSeen, run.State.Escalation[0, 1]);
        }

        Assert.That(lowestSeen, lowest > 0 ? Is.EqualTo(lowest) : Is.LessThan(7));
    }

    [TestCase(7, 0.005, 0.025)]
    [TestCase(8, 1.0, 1.0)]
    [TestCase(9, 1.0, 1.0)]
    public void Tempo_BattlesOnAShareOfDays_BattleChanceAtTheClashesRung_EveryDayAboveIt(int rung, double low, double high)
    {
        // Two sides far too strong to break, no offensives: the share of days with a clash is the region's tempo.
        var run = new ScenarioRun(TinyWorld.Load(Line + $$"""
            forces:
              - {owner: A, region: m, strength: 1000000}
              - {owner: B, region: m, strength: 1000000}
            relations:
              - {between: [A, B], affinity: -0.9, escalation: {{rung}}}
            """, Quiet, "advance_chance=0", "retreat_chance=0", "attrition=0.00001", "tension_decay=0", "tension_per_goldstein=0"), 1, 2000);
        const int Days = 2000;
        var battleDays = 0;
        var clash = run.Definition.ActionIndex("clash");
        for (var t = 0; t < Days; t++)
        {
            var before = run.State.Queries.EventCount(clash, -1, -1, -1, -1);
            run.Simulation.Step();
            battleDays += run.State.Queries.EventCount(clash, -1, -1, -1, -1) > before ? 1 : 0;
        }

        Assert.That(run.State.Escalation[0, 1], Is.EqualTo(rung), "the rung held");
        Assert.That((double)battleDays / Days, Is.InRange(low, high), "battle_chance 0.01: about 1% of days at rung 7, every day in major combat and war");
    }
}
