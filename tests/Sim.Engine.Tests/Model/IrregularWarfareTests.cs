using NUnit.Framework;
using Sim.Engine.Model;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// Guerrillas: an armed group or separatist movement weaker than its enemies on ground it does not hold disperses. It
/// fights on the tempo of sustained clashes whatever the rung, and fire at it is area fire (losses follow its own
/// numbers, Deitchman 1962). Region m is held by state B; decisions and offensives are off.
/// </summary>
public class IrregularWarfareTests
{
    private const int Days = 2000;

    private static string World(string guerrillaKind, int guerrilla, int army, string where = "m") => $$"""
        scenario: {name: guerrillas, start: 2024-01-01, tick: 1d, horizon: {{Days}}}
        actors:
          - {id: G, name: G, kind: {{guerrillaKind}}, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
          - {id: B, name: B, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
        regions:
          - {id: m, name: M, lat: 11, lon: 0, controller: B, population: 1000, adjacent: [e]}
          - {id: e, name: E, lat: 12, lon: 0, controller: G, population: 1000}
        forces:
          - {owner: G, region: {{where}}, strength: {{guerrilla}}}
          - {owner: B, region: {{where}}, strength: {{army}}}
        relations:
          - {between: [G, B], affinity: -0.9, escalation: 9}

        """;

    private static ScenarioRun Start(string yaml, params string[] overrides) =>
        new(TinyWorld.Load(yaml, ["activity=0", "advance_chance=0", "retreat_chance=0", "tension_decay=0", "tension_per_goldstein=0", .. overrides]), 1, Days,
            options: new RunOptions { Check = true });

    /// <summary>The share of ticks begun above the clashes rung (a weak state may climb down) that saw a clash.</summary>
    private static double BattleDays(ScenarioRun run)
    {
        var clash = run.Definition.ActionIndex("clash");
        int days = 0, war = 0;
        for (var t = 0; t < Days; t++)
        {
            var before = run.State.Queries.EventCount(clash, -1, -1, -1, -1);
            var atWar = run.State.Escalation[0, 1] > 7;
            run.Simulation.Step();
            war += atWar ? 1 : 0;
            days += atWar && run.State.Queries.EventCount(clash, -1, -1, -1, -1) > before ? 1 : 0;
        }

        Assert.That(war, Is.GreaterThan(Days / 2), "mostly at war");
        return (double)days / war;
    }

    private static double Strength(ScenarioRun run, int owner)
    {
        var total = 0.0;
        foreach (var table in run.State.World.GetQuery(new Sim.Ecs.QueryDescription().WithAll<Force>()).Tables)
        {
            foreach (ref readonly var f in table.GetSpan<Force>())
            {
                total += f.Owner == owner ? f.Strength : 0;
            }
        }

        return total;
    }

    [TestCase("armed_group", 1000, 1000000, "m", 0.005, 0.02, TestName = "A weaker armed group on the enemy's ground fights on the clashes' tempo, even in war")]
    [TestCase("separatist", 1000, 1000000, "m", 0.005, 0.02, TestName = "So does a weaker separatist movement")]
    [TestCase("state", 1000, 1000000, "m", 1.0, 1.0, TestName = "A state's army cannot disperse: it fights every day of war")]
    [TestCase("armed_group", 1000000, 1000, "m", 1.0, 1.0, TestName = "An armed group stronger than its enemy there fights pitched battles")]
    [TestCase("armed_group", 1000, 1000000, "e", 1.0, 1.0, TestName = "An armed group holding the ground defends it every day")]
    public void Tempo(string kind, int guerrilla, int army, string where, double low, double high)
    {
        var run = Start(World(kind, guerrilla, army, where), "attrition=0.000000001");
        Assert.That(BattleDays(run), Is.InRange(low, high));
    }

    [Test]
    public void AreaFire_TheDispersedSideLosesAShareOfItsOwnNumbers_TheArmyLosesToAimedFire()
    {
        // B holds m: its fire is 100,000 x defence_advantage; G is supplied from e, next door.
        var run = Start(World("armed_group", 1000, 100000), "attrition=0.01", "attrition_noise=0");
        var advantage = run.State.P(Sim.Engine.Scenarios.ModelParameter.DefenceAdvantage);
        var supply = System.Math.Exp(-run.State.Geography.DistanceKm(1, 0) / run.State.P(Sim.Engine.Scenarios.ModelParameter.SupplyRangeKm));
        var clash = run.Definition.ActionIndex("clash");
        while (run.State.Queries.EventCount(clash, -1, -1, -1, -1) == 0)
        {
            run.Simulation.Step();
        }

        Assert.That(Strength(run, 0), Is.EqualTo(1000 - (0.01 * advantage * 1000)).Within(1e-6), "area fire: 1% of the guerrillas' own 1,000, times the defender's advantage");
        Assert.That(Strength(run, 1), Is.EqualTo(100000 - (0.01 * 1000 * supply)).Within(1e-6), "aimed fire from 1,000 guerrillas");
    }

    [Test]
    public void AreaFire_FightingInTheOpen_TheSquareLawHolds()
    {
        // The same armed group holding region e: it does not disperse, and the army's fire is aimed.
        var run = Start(World("armed_group", 1000, 5000, "e"), "attrition=0.01", "attrition_noise=0", "breakpoint=1");
        var advantage = run.State.P(Sim.Engine.Scenarios.ModelParameter.DefenceAdvantage);
        run.Simulation.Step();
        Assert.That(Strength(run, 1), Is.EqualTo(5000 - (0.01 * 1000 * advantage)).Within(1e-6), "the holder's fire, with its defence advantage");
        Assert.That(Strength(run, 0), Is.EqualTo(1000 - (0.01 * 5000 * System.Math.Exp(-run.State.Geography.DistanceKm(1, 0) / run.State.P(Sim.Engine.Scenarios.ModelParameter.SupplyRangeKm)))).Within(1e-6),
            "the army's whole fire, supplied from m next door");
    }
}
