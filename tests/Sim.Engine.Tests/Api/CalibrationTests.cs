using Sim.Engine.Runs.Calibration;

namespace Sim.Engine.Tests.Api;

/// <summary>
/// The calibration front door on a real scenario: data simulated by one run of the tutorial at a known value of
/// <c>activity</c> (how often actors act), summarised as events and summed Goldstein scores per 30 days. The
/// posterior must concentrate around the truth. The result is a pure function of the seeds, so this is not a
/// chance of passing: with these seeds it passes or it does not.
/// </summary>
public class CalibrationTests
{
    private static readonly string[] Names = ["events.0", "events.1", "events.2", "goldstein.0", "goldstein.1", "goldstein.2"];

    private static double[] Statistics(ScenarioRun run)
    {
        var values = new double[6];
        foreach (var e in run.Events)
        {
            var block = Math.Min(e.Tick / 30, 2);
            values[block]++;
            values[3 + block] += e.Goldstein;
        }

        return values;
    }

    [Test]
    public void Run_DataFromAKnownActivity_PosteriorConcentratesAroundIt()
    {
        var scenario = Scenario.Load(RepoPaths.Scenario("tutorial"));
        var truth = scenario.With("activity", 0.1).StartRun(seed: 99);
        truth.Run();
        var calibration = new Calibration(scenario, ["activity"], Names, Statistics(truth), Statistics)
        {
            Settings = new AbcSettings { Particles = 200, MaxGenerations = 6, Seed = 1, Threads = 2 },
        };

        var result = calibration.Run();
        var posterior = result.Posterior;
        TestContext.Out.WriteLine($"{result.Simulations} simulations; mean {posterior.Mean()[0]:0.000}, sd {posterior.StandardDeviation()[0]:0.000}, 5-95% {posterior.Quantile(0, 0.05):0.000} to {posterior.Quantile(0, 0.95):0.000}");
        Assert.That(calibration.Priors[0], Is.EqualTo(new PriorRange("activity", 0, 1)), "the prior is the declared range");
        Assert.That(0.1, Is.InRange(posterior.Quantile(0, 0.05), posterior.Quantile(0, 0.95)));
        // The uniform prior's sd is 1 / sqrt(12) = 0.289; the data must have cut it by at least five.
        Assert.That(posterior.StandardDeviation()[0], Is.LessThan(0.289 / 5));

        // Runs drawn from the posterior reproduce the data: the observed events fall inside the 90% bands.
        var check = PredictiveCheck.Compute(Names, calibration.Observed, calibration.Predictive(posterior, 60));
        Assert.That(check.Take(3).All(r => r.In90), Is.True, string.Join("; ", check.Select(r => $"{r.Name} {r.Observed} in [{r.P05}, {r.P95}]")));
    }

    [Test]
    public void Constructor_UnknownParameter_NamesTheKnownOnes()
    {
        var scenario = Scenario.Load(RepoPaths.Scenario("tutorial"));
        Assert.That(() => new Calibration(scenario, ["nope"], Names, new double[6], Statistics),
            Throws.TypeOf<InputException>().With.Message.Contains("no parameter 'nope'").And.Message.Contains("activity"));
    }
}
