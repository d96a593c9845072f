using NUnit.Framework;
using Sim.Engine.Model;

namespace Sim.Engine.Tests.Model;

/// <summary>Strikes on a tiny world: reach, air defence, damage in proportion to the assets committed, scripted strikes.</summary>
public class StrikeTests
{
    /// <summary>A strikes B from its base at r0; B has forces at r1 (111 km away) and r2 (556 km away); B's air defence at r2.</summary>
    private static string World(string aircraft, string defence = "") => $$"""
        scenario: {name: strikes, start: 2024-01-01, tick: 1d, horizon: 60}
        actors:
          - {id: A, name: A, kind: armed_group, power: 0.1, economy: 0, cohesion: 0.7, resolve: 0.9, rationality: 3, aircraft: {{aircraft}}}
          - {id: B, name: B, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 0{{defence}}}
        regions:
          - {id: r0, name: R0, lat: 0, lon: 0, controller: A, population: 1000}
          - {id: r1, name: R1, lat: 1, lon: 0, controller: B, population: 1000}
          - {id: r2, name: R2, lat: 5, lon: 0, controller: B, population: 1000}
        forces:
          - {owner: A, region: r0, strength: 100}
          - {owner: B, region: r1, strength: 1000}
          - {owner: B, region: r2, strength: 1000}
        relations:
          - {between: [A, B], affinity: -0.9, escalation: 6}
        """;

    private static (int Strikes, double Killed, int[] ByRegion, int Intercepts, double AssetsLeft) Strikes(string yaml, string commitment = "0.1")
    {
        var definition = TinyWorld.Load(yaml, "activity=1", "civilian_harm=0", "arms_race_reaction=0", "clash_rung=9", $"strike_commitment={commitment}");
        var strike = definition.ActionIndex("strike");
        var drone = definition.ActionIndex("drone_strike");
        var intercept = definition.ActionIndex("intercept");
        var (count, killed, intercepts, assets) = (0, 0.0, 0, 0.0);
        var byRegion = new int[3];
        for (var seed = 1UL; seed <= 20; seed++)
        {
            var run = new ScenarioRun(definition, seed, 30);
            run.Run();
            foreach (var e in run.State.Events.All)
            {
                if (e.Action == strike || e.Action == drone)
                {
                    count++;
                    killed += e.Fatalities;
                    byRegion[e.Region.Index]++;
                }

                intercepts += e.Action == intercept ? 1 : 0;
            }

            assets += run.State.CapabilityOf(0).StrikeAssets;
        }

        return (count, killed, byRegion, intercepts, assets);
    }

    [Test]
    public void Strikes_ReachOnlyRegionsWithinRange()
    {
        var near = Strikes(World("{assets: 4, range_km: 200}"));
        Assert.That(near.Strikes, Is.GreaterThan(0));
        Assert.That(near.ByRegion[2], Is.Zero, "r2 lies 556 km from A's base, beyond a 200 km reach");
        var far = Strikes(World("{assets: 4, range_km: 1000}"));
        Assert.That(far.ByRegion[2], Is.GreaterThan(0), "a 1,000 km reach covers r2");
        var none = Strikes(World("{assets: 4, range_km: 50}"));
        Assert.That(none.Strikes, Is.Zero, "nothing of B's lies within 50 km");
    }

    [Test]
    public void Strikes_WithoutAssets_DoNotHappen() =>
        Assert.That(Strikes(World("{assets: 0, range_km: 1000}")).Strikes, Is.Zero);

    [Test]
    public void Damage_FollowsTheAssetsCommitted_NotPower()
    {
        // strike_commitment 1 commits every asset: 8 assets kill about twice what 4 do, per strike.
        var four = Strikes(World("{assets: 4, range_km: 200}"), "1");
        var eight = Strikes(World("{assets: 8, range_km: 200}"), "1");
        var ratio = (eight.Killed / eight.Strikes) / (four.Killed / four.Strikes);
        Assert.That(ratio, Is.InRange(1.6, 2.4));
        Assert.That(four.Killed / four.Strikes, Is.InRange(4 * 3 * 0.7, 4 * 3 * 1.5), "strike_lethality 3 per asset, log-normal noise of mean about 1.08");
    }

    [Test]
    public void AirDefence_BringsDownStrikers_AndTurnsStrikesAway()
    {
        var open = Strikes(World("{assets: 20, range_km: 1000}"));
        var defended = Strikes(World("{assets: 20, range_km: 1000}", ", air_defence: {effectiveness: 0.6, range_km: 150}"));
        Assert.That(open.Intercepts, Is.Zero);
        Assert.That(defended.Intercepts, Is.GreaterThan(0));
        Assert.That(defended.AssetsLeft, Is.LessThan(open.AssetsLeft), "each asset brought down is lost");
        Assert.That(defended.Killed / defended.Strikes, Is.LessThan(open.Killed / open.Strikes), "fewer assets get through");
    }

    [Test]
    public void ScriptedStrike_TakesTheDecidedPath_AndKills()
    {
        var run = TinyWorld.Run(World("{assets: 10, range_km: 200}") + """

            timeline:
              - {tick: 0, then: [{event: {action: strike, actor: A, target: B, region: r1}}]}
            """, ticks: 1, overrides: "activity=0");
        Assert.That(run.State.Strengths.Of(1, 1), Is.LessThan(1000), "the scripted strike destroyed strength at r1");
        var e = run.State.Events.All[^1];
        Assert.That((e.Region.Index, e.Fatalities > 0), Is.EqualTo((1, true)));
    }
}
