using NUnit.Framework;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>The face-validity properties of the model (docs/model.md), as ensembles over fixed seeds.</summary>
[Parallelizable(ParallelScope.Children)]
public class FaceValidityTests
{
    private const int Runs = 200;

    [Test]
    public void RemovingPmc_LowersStrikesOnTheSeparatistsAndEstrangement()
    {
        var with = Ensemble.Sahel(Runs);
        var without = Ensemble.Sahel(Runs, "pmc_presence=0");
        Assert.That(without["drone_strikes_north"], Is.LessThan(with["drone_strikes_north"] / 2));
        Assert.That(without["civilian_fatalities"], Is.LessThan(with["civilian_fatalities"]));
        Assert.That(without["algeria_russia_estranged"], Is.LessThan(with["algeria_russia_estranged"]));
    }

    [Test]
    public void RemovingRussianPatronage_LowersEstrangement()
    {
        var with = Ensemble.Sahel(Runs);
        var deniable = Ensemble.Sahel(Runs, "patron_blame=0");
        Assert.That(deniable["algeria_russia_estranged"], Is.LessThan(with["algeria_russia_estranged"]));
    }

    [Test]
    public void DroneStrikeWithCiviliansNearBorder_LowersAlgeriaAffinityToStrikerAndPatron()
    {
        var definition = Ensemble.LoadShipped("sahel-2024", "activity=0");
        var quiet = new ScenarioRun(definition, 1, 1);
        quiet.Run();
        var struck = new ScenarioRun(definition, 1, 1);
        struck.State.Emit(new Sim.Engine.Model.SimEvent
        {
            Tick = 0,
            Action = definition.ActionIndex("drone_strike"),
            Actor = new ActorId(Actor("WAG")),
            Target = new ActorId(Actor("CSP")),
            Region = new RegionId(Region("tinzaouatene")),
            Goldstein = -10,
            Fatalities = 21,
            CivilianFatalities = 21,
            Origin = Sim.Engine.Model.EventOrigin.Decision,
        });
        struck.Run();
        Assert.That(struck.State.Affinity[Actor("DZA"), Actor("WAG")], Is.LessThan(quiet.State.Affinity[Actor("DZA"), Actor("WAG")]));
        Assert.That(struck.State.Affinity[Actor("DZA"), Actor("RUS")], Is.LessThan(quiet.State.Affinity[Actor("DZA"), Actor("RUS")]));

        int Actor(string id) => definition.ActorIndex(id);
        int Region(string id) => definition.RegionIndex(id);
    }

    [Test]
    public void AlgeriaGoesToTheCouncil_InSomeRunsOnly_AndNeverWithoutCivilianHarm()
    {
        var share = Ensemble.Sahel(Runs)["algeria_un_protest"];
        Assert.That(share, Is.GreaterThan(0.1).And.LessThan(0.95), "a deadly strike near the border is likely, not certain");
        Assert.That(Ensemble.Sahel(Runs, "civilian_harm=0")["algeria_un_protest"], Is.Zero, "no civilian toll, no démarche");
    }

    [Test]
    public void HigherRationality_LowersMeanEscalation()
    {
        Assert.That(MeanEscalation("rationality_scale=3"), Is.LessThan(MeanEscalation()));
    }

    [Test]
    public void LowerStartingTension_LowersMeanEscalation()
    {
        Assert.That(MeanEscalation("initial_tension_scale=0.5"), Is.LessThan(MeanEscalation()));
    }

    [Test]
    public void ZeroTensionWorldWithoutRules_NeverReachesWar()
    {
        var definition = TinyWorld.Load(TinyWorld.Header.Replace("horizon: 10", "horizon: 365", StringComparison.Ordinal) + """
            forces:
              - {owner: A, region: r1, strength: 1000}
              - {owner: B, region: r2, strength: 1000}
            relations:
              - {between: [A, B], affinity: -0.6}
              - {between: [A, C], affinity: 0.5}
              - {between: [B, C], affinity: -0.2}
            """);
        var worst = 0;
        Parallel.For(1, Runs + 1, seed =>
        {
            var run = new ScenarioRun(definition, (ulong)seed);
            run.Run();
            var max = MaxRung(run);
            lock (definition)
            {
                worst = Math.Max(worst, max);
            }
        });
        Assert.That(worst, Is.LessThan(9));
    }

    [Test]
    public void StructuralBalance_TwoEnemiesOfOneFriendshipStay_FriendOfTwoEnemiesBreaks()
    {
        // A and B are friends, both enemies of C: balanced. D is a friend of both E and F, who are enemies: unbalanced.
        var definition = TinyWorld.Load("""
            scenario: {name: triads, start: 2024-01-01, tick: 1d, horizon: 180}
            actors:
              - {id: A, name: A, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
              - {id: B, name: B, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
              - {id: C, name: C, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
              - {id: D, name: D, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
              - {id: E, name: E, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
              - {id: F, name: F, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
            regions:
              - {id: r1, name: R1, lat: 10, lon: 0, population: 1000}
            relations:
              - {between: [A, B], affinity: 0.6}
              - {between: [A, C], affinity: -0.6, escalation: 4}
              - {between: [B, C], affinity: -0.6, escalation: 4}
              - {between: [D, E], affinity: 0.6}
              - {between: [D, F], affinity: 0.6}
              - {between: [E, F], affinity: -0.6, escalation: 4}
            """, "affinity_drift=0.002");
        var balancedStays = 0;
        var unbalancedBreaks = 0;
        for (var seed = 1UL; seed <= 50; seed++)
        {
            var run = new ScenarioRun(definition, seed);
            run.Run();
            var a = run.State.Affinity;
            balancedStays += a[0, 1] > 0 && a[0, 2] < 0 && a[1, 2] < 0 ? 1 : 0;
            unbalancedBreaks += Math.Min(a[3, 4], a[3, 5]) < 0.6 - 0.1 ? 1 : 0;
        }

        Assert.That(balancedStays, Is.GreaterThanOrEqualTo(45), "the balanced triad keeps its signs");
        Assert.That(unbalancedBreaks, Is.GreaterThanOrEqualTo(35), "the friend of two enemies cools toward one of them");
    }

    private static double MeanEscalation(params string[] overrides)
    {
        var definition = Ensemble.LoadShipped("sahel-2024", overrides);
        var sums = new double[Runs];
        Parallel.For(0, Runs, r =>
        {
            // Time average over the run of the mean rung of all dyads.
            var run = new ScenarioRun(definition, (ulong)r + 1);
            var n = run.State.ActorCount;
            var total = 0.0;
            for (var t = 0; t < run.Ticks; t++)
            {
                run.Simulation.Step();
                for (var a = 0; a < n; a++)
                {
                    for (var b = a + 1; b < n; b++)
                    {
                        total += run.State.Escalation[a, b];
                    }
                }
            }

            sums[r] = total / (run.Ticks * n * (n - 1) / 2);
        });
        return sums.Average();
    }

    private static int MaxRung(ScenarioRun run)
    {
        var max = 0;
        foreach (var rung in run.State.MaxEscalation.AsSpan())
        {
            max = Math.Max(max, rung);
        }

        return max;
    }
}
