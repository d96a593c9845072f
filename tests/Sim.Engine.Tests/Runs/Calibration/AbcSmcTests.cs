using Sim.Ecs;
using Sim.Engine.Runs.Calibration;

namespace Sim.Engine.Tests.Runs.Calibration;

/// <summary>
/// ABC-SMC on a model whose posterior is known in closed form: two normal means with known variance 1, observed
/// through the means of 25 and 100 draws, under uniform priors on [-5, 5]. The exact posteriors are (very nearly,
/// the truncation at +-5 lies 20 and 40 standard deviations away) N(1.3, 1/25) and N(-0.7, 1/100).
/// </summary>
public class AbcSmcTests
{
    private static readonly double[] Observed = [1.3, -0.7];
    private static readonly int[] Draws = [25, 100];

    private static AbcProblem Problem() => new(
        [new PriorRange("mu_a", -5, 5), new PriorRange("mu_b", -5, 5)],
        Observed,
        (theta, seed) =>
        {
            var rng = new Rng(seed);
            var summaries = new double[2];
            for (var j = 0; j < 2; j++)
            {
                var sum = 0.0;
                for (var i = 0; i < Draws[j]; i++)
                {
                    sum += theta[j] + rng.NextNormal();
                }

                summaries[j] = sum / Draws[j];
            }

            return summaries;
        });

    private static AbcSettings Settings(int threads, int generations = 30) => new()
    {
        Particles = 1000,
        MaxGenerations = generations,
        MinAcceptance = 0.02,
        Seed = 11,
        Threads = threads,
    };

    [Test]
    public void Run_NormalMeans_MatchesAnalyticPosterior()
    {
        var result = AbcSmc.Run(Problem(), Settings(threads: 2));
        var posterior = result.Posterior;
        var mean = posterior.Mean();
        var sd = posterior.StandardDeviation();
        var last = result.Generations[^1];
        TestContext.Out.WriteLine($"stop {result.Stop}, {result.Generations.Count} generations, {result.Simulations} simulations, tolerance {last.Tolerance:0.0000}, ESS {last.Ess:0}");
        TestContext.Out.WriteLine($"mean {mean[0]:0.0000} {mean[1]:0.0000}, sd {sd[0]:0.0000} {sd[1]:0.0000}");
        // Monte Carlo error of a mean with ESS >= 500 is below sd / 22 (0.009 and 0.0045); the bounds are four of those.
        Assert.That(last.Ess, Is.GreaterThan(500));
        Assert.That(mean[0], Is.EqualTo(1.3).Within(0.036));
        Assert.That(mean[1], Is.EqualTo(-0.7).Within(0.018));
        // ABC accepts a summary anywhere in a disc of radius tolerance x scale around the observed one, so its posterior
        // is the exact one convolved with that disc, whose projection on an axis has variance r^2 / 4: the sds it should
        // reach are sqrt(sigma^2 + r^2 / 4). Their Monte Carlo error with ESS 500 is about 3%; the bound is 10%.
        var scales = result.State.Scales;
        for (var j = 0; j < 2; j++)
        {
            var r = last.Tolerance * scales[j];
            var expected = Math.Sqrt((1.0 / Draws[j]) + (r * r / 4));
            TestContext.Out.WriteLine($"sd {j}: {sd[j]:0.0000}, ABC sd {expected:0.0000}, exact {Math.Sqrt(1.0 / Draws[j]):0.0000}");
            Assert.That(sd[j], Is.EqualTo(expected).Within(0.1 * expected));
            // And the tolerance got small enough for the ABC posterior to be within a fifth of the exact one.
            Assert.That(expected, Is.LessThan(1.2 * Math.Sqrt(1.0 / Draws[j])));
        }

        Assert.That(result.Generations.Select(g => g.Tolerance), Is.Ordered.Descending);
        Assert.That(result.Generations.Skip(1).All(g => g.Accepted == 1000 && g.Simulations >= 1000), Is.True);
    }

    [Test]
    public void Run_OneThreadOrFour_SameParticlesAndWeights()
    {
        var one = AbcSmc.Run(Problem(), Settings(threads: 1, generations: 5));
        var four = AbcSmc.Run(Problem(), Settings(threads: 4, generations: 5));
        Assert.That(Bytes(four.State), Is.EqualTo(Bytes(one.State)));
        Assert.That(four.Simulations, Is.EqualTo(one.Simulations));
    }

    [Test]
    public void Run_ResumedFromACheckpoint_SameBytesAsUninterrupted()
    {
        var whole = AbcSmc.Run(Problem(), Settings(threads: 2, generations: 6));

        // Stop during generation 3, keeping the checkpoint of generation 2 as a file would.
        byte[]? checkpoint = null;
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => AbcSmc.Run(Problem(), Settings(threads: 2, generations: 6), finished: s =>
        {
            checkpoint = Bytes(s);
            if (s.Generations.Count == 3)
            {
                cancel.Cancel();
            }
        }, cancellation: cancel.Token));
        var state = AbcState.Read(new MemoryStream(checkpoint!));
        Assert.That(state.Generations, Has.Count.EqualTo(3));

        var resumed = AbcSmc.Run(Problem(), Settings(threads: 3, generations: 6), resume: state);
        Assert.That(Bytes(resumed.State), Is.EqualTo(Bytes(whole.State)));
        Assert.That(resumed.Simulations, Is.EqualTo(whole.Simulations));
    }

    [Test]
    public void Run_StateOfAnotherCalibration_Refused()
    {
        var state = AbcSmc.Run(Problem(), Settings(threads: 2, generations: 1)).State;
        var other = Settings(threads: 2) with { Seed = 12 };
        Assert.That(() => AbcSmc.Run(Problem(), other, resume: state), Throws.TypeOf<InputException>().With.Message.Contains("another calibration"));
    }

    [Test]
    public void Read_DamagedState_Refused()
    {
        var bytes = Bytes(AbcSmc.Run(Problem(), Settings(threads: 2, generations: 1)).State);
        bytes[bytes.Length / 2] ^= 1;
        Assert.That(() => AbcState.Read(new MemoryStream(bytes)), Throws.TypeOf<InvalidDataException>());
        Assert.That(() => AbcState.Read(new MemoryStream(bytes[..^40])), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void Run_Budget_StopsBeforePassingIt()
    {
        var result = AbcSmc.Run(Problem(), Settings(threads: 2) with { Budget = 5000 });
        Assert.That(result.Stop, Is.EqualTo(AbcStop.Budget));
        Assert.That(result.Simulations, Is.LessThanOrEqualTo(5000));
        Assert.That(result.State.Simulations, Is.LessThanOrEqualTo(5000));
        Assert.That(result.Generations.Count, Is.GreaterThan(1));
    }

    [Test]
    public void Run_AllParticlesInsideThePriorSupport()
    {
        var problem = Problem() with { Priors = [new PriorRange("mu_a", 1.2, 1.4), new PriorRange("mu_b", -5, 5)] };
        var posterior = AbcSmc.Run(problem, Settings(threads: 2, generations: 4)).Posterior;
        for (var i = 0; i < posterior.Count; i++)
        {
            Assert.That(posterior.Particle(i)[0], Is.InRange(1.2, 1.4));
        }
    }

    [Test]
    public void Distance_ObservedGap_LeftOutButASimulatedGapNeverAccepted()
    {
        // Data that do not give a statistic (GED has no control changes) leave it NaN: it counts for nothing.
        Assert.That(AbcMath.Distance([1, 5, 1e9], [1, 3, double.NaN], [1, 2, 1]), Is.EqualTo(1));
        Assert.That(AbcMath.Distance([1, double.NaN, 0], [1, 3, 0], [1, 2, 1]), Is.EqualTo(double.PositiveInfinity));
    }

    [Test]
    public void Run_ObservedGap_SameParticlesAndWeightsAsWithoutThatStatistic()
    {
        var with = Problem();
        var gap = with with
        {
            Observed = [.. Observed, double.NaN],
            // The same two statistics, then one far from anything, which the gap must leave out of every distance.
            Simulate = (theta, seed) => [.. with.Simulate(theta, seed), 1e6 * new Rng(seed ^ 0x5bd1e995).NextNormal()],
        };
        var settings = Settings(threads: 2, generations: 4);
        var a = AbcSmc.Run(with, settings).Posterior;
        var b = AbcSmc.Run(gap, settings).Posterior;
        Assert.That(b.Values, Is.EqualTo(a.Values));
        Assert.That(b.Weights, Is.EqualTo(a.Weights));
    }

    [Test]
    public void Draw_FollowsTheWeights()
    {
        var sample = new PosteriorSample(["x"], [0, 1, 2], [0.2, 0, 0.8]);
        var counts = new int[3];
        for (ulong seed = 0; seed < 10_000; seed++)
        {
            counts[sample.Draw(seed)]++;
        }

        Assert.That(counts[1], Is.Zero);
        // Binomial(10000, 0.8): sd 40; five of them.
        Assert.That(counts[2], Is.InRange(7800, 8200));
        Assert.That(sample.Draw(123), Is.EqualTo(sample.Draw(123)));
    }

    private static byte[] Bytes(AbcState state)
    {
        using var stream = new MemoryStream();
        state.Write(stream);
        return stream.ToArray();
    }
}
