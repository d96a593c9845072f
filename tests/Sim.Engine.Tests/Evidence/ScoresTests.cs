using Sim.Engine.Evidence;
using static Sim.Engine.Tests.Evidence.ObservationsTests;

namespace Sim.Engine.Tests.Evidence;

/// <summary>Scores against values computed by hand.</summary>
[TestFixture]
public sealed class ScoresTests
{
    [Test]
    public void Brier_And_Log_HandComputed()
    {
        Assert.That(Scores.Brier(0.7, true), Is.EqualTo(0.09).Within(1e-12));
        Assert.That(Scores.Brier(0.7, false), Is.EqualTo(0.49).Within(1e-12));
        Assert.That(Scores.Log(0.7, true), Is.EqualTo(Math.Log(0.7)).Within(1e-12));
        Assert.That(Scores.Log(0.7, false), Is.EqualTo(Math.Log(0.3)).Within(1e-12));
        Assert.That(Scores.Log(0, true), Is.EqualTo(double.NegativeInfinity));
        // None of 9 runs: (0 + 0.5) / 10.
        Assert.That(Scores.EnsembleProbability(0, 9), Is.EqualTo(0.05).Within(1e-12));
    }

    [Test]
    public void Crps_SmallEnsemble_HandComputed()
    {
        // {1, 2, 4} against 3: mean |x - 3| = 4/3; pairs differ by 1, 3, 2, so half the mean |x - x'| = (2 * 6 / 9) / 2 = 2/3.
        Assert.That(Scores.Crps([1, 2, 4], 3), Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(Scores.Crps([4, 1, 2], 3), Is.EqualTo(2.0 / 3).Within(1e-12), "order does not matter");
        Assert.That(Scores.Crps([5], 3), Is.EqualTo(2).Within(1e-12), "one member: the absolute error");
        Assert.That(Scores.Crps([3, 3, 3], 3), Is.Zero);
        // {0, 10} against 0: mean error 5, half mean spread (2 * 10 / 4) / 2 = 2.5.
        Assert.That(Scores.Crps([0, 10], 0), Is.EqualTo(2.5).Within(1e-12));
    }

    [Test]
    public void Coverage_UsesType7CentralIntervals()
    {
        double[] sorted = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        // 25% and 75% quantiles, type 7: 2.25 and 6.75; 5% and 95%: 0.45 and 8.55.
        Assert.That(Scores.Interval(sorted, 0.5), Is.EqualTo((2.25, 6.75)));
        Assert.That(Scores.Covered(sorted, 2, 0.5), Is.False);
        Assert.That(Scores.Covered(sorted, 3, 0.5), Is.True);
        Assert.That(Scores.Covered(sorted, 0.4, 0.9), Is.False);
        Assert.That(Scores.Covered(sorted, 8.5, 0.9), Is.True);
    }

    [Test]
    public void BootstrapSkill_IsSeededAndBracketsTheEstimate()
    {
        double[] model = [1, 2, 1, 3, 2, 1, 2, 2];
        double[] reference = [2, 3, 2, 3, 4, 2, 2, 3];
        var a = Scores.BootstrapSkill(model, reference, 500, seed: 7);
        var b = Scores.BootstrapSkill(model, reference, 500, seed: 7);
        var c = Scores.BootstrapSkill(model, reference, 500, seed: 8);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(c, Is.Not.EqualTo(a));
        var skill = Scores.Skill(model.Sum(), reference.Sum());
        Assert.That(skill, Is.EqualTo(1 - (14.0 / 21)).Within(1e-12));
        Assert.That(a.Low, Is.LessThan(skill));
        Assert.That(a.High, Is.GreaterThan(skill));
    }

    [Test]
    public void Score_TwoRunEnsemble_HandComputedCrpsCoverageAndBaselines()
    {
        var scenario = TestScenario();
        var observed = Observations.Load(Path.Combine(Data, "ged-sample.csv"), scenario);
        // Scored: February 2023; trained on January 2023 alone.
        var window = new SummaryWindow(new DateOnly(2023, 2, 1), new DateOnly(2023, 2, 1));
        var training = new SummaryWindow(new DateOnly(2023, 1, 1), new DateOnly(2023, 1, 1));
        var layout = new SummaryLayout(scenario.Definition, window);
        var day = new DateOnly(2023, 2, 10);
        RunEvent Raid(int deaths) => new()
        {
            Tick = 40,
            Date = day,
            Action = "attack_civilians",
            Actor = "JNIM",
            Region = "gao",
            Cameo = "180",
            Goldstein = -9,
            AcledType = "Violence against civilians",
            Fatalities = deaths,
            CivilianFatalities = deaths,
            Origin = Sim.Engine.Model.EventOrigin.Rule,
        };
        var runs = new[] { layout.Simulated([Raid(4)]), layout.Simulated([Raid(4), Raid(12)]) };
        var outcomes = new[]
        {
            new OutcomeObservation("kidal_taken", true, [1, 0, 1, 1], 1, BaseRate: 0.2),
            new OutcomeObservation("fatalities", false, [10, 20, 30], 25),
        };
        var card = Scoring.Score(observed, runs, window, training, outcomes, seed: 1, resamples: 100);

        // Observed February: 2 events, 10 dead in total. Runs: 1 event/4 dead and 2 events/16 dead.
        var total = card.Series.Single(s => s.Series == "fatalities.total");
        Assert.That(total.Observed, Is.EqualTo(10));
        Assert.That(total.Mean, Is.EqualTo(10));
        // CRPS of {4, 16} at 10: mean error 6, half mean spread (2 * 12 / 4) / 2 = 3, so 3.
        Assert.That(total.Crps, Is.EqualTo(3).Within(1e-12));
        // January (training) had 5 dead: climatology {5} and persistence 5 both score |5 - 10| = 5.
        Assert.That(total.CrpsClimatology, Is.EqualTo(5).Within(1e-12));
        Assert.That(total.CrpsPersistence, Is.EqualTo(5).Within(1e-12));
        // 50% interval of {4, 16}: [7, 13] holds 10.
        Assert.That(total.In50, Is.True);
        var gao = card.Series.Single(s => s.Series == "events.region.gao");
        Assert.That((gao.Observed, gao.ProbabilityAny), Is.EqualTo((2.0, 1.0)));
        var group = card.Groups.Single(g => g.Group == "fatalities.total");
        Assert.That(group.SkillClimatology.Value, Is.EqualTo(1 - (3.0 / 5)).Within(1e-12));

        var taken = card.Outcomes.Single(o => o.Outcome == "kidal_taken");
        Assert.That(taken.Forecast, Is.EqualTo(0.75));
        Assert.That(taken.Brier, Is.EqualTo(0.0625).Within(1e-12));
        Assert.That(taken.Log, Is.EqualTo(Math.Log(3.5 / 5)).Within(1e-12));
        Assert.That(taken.ReferenceBrier, Is.EqualTo(0.64).Within(1e-12));
        var together = card.Groups.Single(g => g.Group == "outcomes");
        Assert.That((together.Items, together.Score, together.Climatology), Is.EqualTo((1, 0.0625, 0.64)).Within(1e-12));
        Assert.That(together.SkillClimatology.Value, Is.EqualTo(1 - (0.0625 / 0.64)).Within(1e-12));
        Assert.That(double.IsNaN(together.Persistence) && double.IsNaN(together.SkillPersistence.Value));
        var deaths = card.Outcomes.Single(o => o.Outcome == "fatalities");
        // {10, 20, 30} at 25: mean error (15 + 5 + 5) / 3 = 25/3; pairs 10, 20, 10: half mean spread (2 * 40 / 9) / 2 = 40/9.
        Assert.That(deaths.Crps, Is.EqualTo((25.0 / 3) - (40.0 / 9)).Within(1e-12));
        Assert.That(card.Reliability.Sum(b => b.Count), Is.EqualTo(card.Series.Count(s => s.Series.StartsWith("events.", StringComparison.Ordinal)) + 1));
    }

    [Test]
    public void Score_TrainingNotBeforeWindow_IsRefused()
    {
        var scenario = TestScenario();
        var observed = Observations.Load(Path.Combine(Data, "ged-sample.csv"), scenario);
        var window = new SummaryWindow(new DateOnly(2023, 2, 1), new DateOnly(2023, 3, 1));
        var runs = new[] { new SummaryLayout(scenario.Definition, window).Simulated([]) };
        var overlap = Assert.Throws<InputException>(() => Scoring.Score(observed, runs, window, new SummaryWindow(new DateOnly(2023, 1, 1), new DateOnly(2023, 2, 1)), []))!;
        Assert.That(overlap.Message, Does.Contain("does not end before the scored window"));
        var late = new SummaryWindow(new DateOnly(2023, 11, 1), new DateOnly(2024, 2, 1));
        var outside = Assert.Throws<InputException>(() => Scoring.Score(observed, [new SummaryLayout(scenario.Definition, late).Simulated([])], late,
            new SummaryWindow(new DateOnly(2023, 1, 1), new DateOnly(2023, 10, 1)), []))!;
        Assert.That(outside.Message, Does.Contain("covers 2022-01-01 to 2023-10-06"));
    }

    [Test]
    public void Reliability_BinsForecastsByBand()
    {
        var bins = Scoring.Reliability([(0.05, false), (0.15, true), (0.95, true), (1.0, true), (double.NaN, true)], 10);
        Assert.That(bins, Has.Count.EqualTo(10));
        Assert.That(bins[0], Is.EqualTo(new ReliabilityBin(0, 0.1, 1, 0.05, 0)));
        Assert.That(bins[1], Is.EqualTo(new ReliabilityBin(0.1, 0.2, 1, 0.15, 1)));
        Assert.That((bins[9].Count, bins[9].MeanForecast, bins[9].ObservedFrequency), Is.EqualTo((2, 0.975, 1.0)), "1.0 falls in the last, closed band");
        Assert.That(double.IsNaN(bins[5].MeanForecast) && bins[5].Count == 0);
    }
}
