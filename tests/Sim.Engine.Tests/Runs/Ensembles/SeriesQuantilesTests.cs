using Sim.Engine.Runs.Ensembles;

namespace Sim.Engine.Tests.Runs.Ensembles;

/// <summary>The quantiles of a series' ticks found through bands, bit for bit against a full sort of every tick.</summary>
public class SeriesQuantilesTests
{
    private static readonly double[] Levels = [0.05, 0.25, 0.5, 0.75, 0.95];

    // Series that drift, jump, stand still, repeat a few values (rungs, counts, 0 and -0), take infinities or NaN mid-way.
    [TestCase(1, 0.0, 0.0, 0.0)]
    [TestCase(5, 0.0, 0.0, 0.0)]
    [TestCase(64, 0.0, 0.0, 0.0)]
    [TestCase(300, 0.0, 0.01, 0.0)]
    [TestCase(2000, 0.0, 0.0, 0.0)]
    [TestCase(2000, 0.8, 0.02, 0.0)]
    [TestCase(2000, 0.3, 0.2, 0.0)]
    [TestCase(2001, 0.1, 0.05, 0.001)]
    [TestCase(777, 0.5, 0.5, 0.01)]
    public void SumAndQuantiles_RandomSeries_SameBitsAsFullSort(int runs, double repeatedShare, double jumpShare, double oddShare)
    {
        var random = new Random(runs + (int)(1000 * repeatedShare));
        var quantiles = new SeriesQuantiles(runs + 3, Levels);
        var at = new double[Levels.Length];
        for (var series = 0; series < 4; series++)
        {
            quantiles.Reset();
            var state = new float[runs];
            for (var r = 0; r < runs; r++)
            {
                state[r] = (float)(random.NextDouble() * 10);
            }

            for (var tick = 0; tick < 120; tick++)
            {
                var values = new float[runs];
                for (var r = 0; r < runs; r++)
                {
                    var u = random.NextDouble();
                    // Most values move a little; some jump; some take a few repeated values; a few are odd (NaN, infinities, -0).
                    state[r] = u < jumpShare ? (float)((random.NextDouble() - 0.3) * 40 * (1 + series))
                        : (float)(state[r] + ((random.NextDouble() - 0.45) * 0.2));
                    var v = random.NextDouble();
                    values[r] = v < oddShare ? OddValue(random)
                        : v < oddShare + repeatedShare ? Repeated(random, tick)
                        : state[r];
                }

                var sum = quantiles.SumAndQuantiles(values, at);
                var expectedSum = 0.0;
                foreach (var x in values)
                {
                    expectedSum += x;
                }

                var sorted = values.ToArray();
                Array.Sort(sorted);
                Assert.That(BitConverter.DoubleToInt64Bits(sum), Is.EqualTo(BitConverter.DoubleToInt64Bits(expectedSum)), $"sum, series {series}, tick {tick}");
                for (var q = 0; q < Levels.Length; q++)
                {
                    Assert.That(
                        BitConverter.DoubleToInt64Bits(at[q]),
                        Is.EqualTo(BitConverter.DoubleToInt64Bits(Statistics.Quantile<float>(sorted, Levels[q]))),
                        $"runs {runs}, series {series}, tick {tick}, level {Levels[q]}");
                }
            }
        }
    }

    [Test]
    public void SumAndQuantiles_FewerValuesThanBefore_SameBitsAsFullSort()
    {
        // The same instance serves points of different run counts: the bands of one length are not used for another.
        var quantiles = new SeriesQuantiles(500, Levels);
        var at = new double[Levels.Length];
        var random = new Random(3);
        foreach (var runs in new[] { 500, 500, 499, 120, 120, 500 })
        {
            var values = Enumerable.Range(0, runs).Select(_ => (float)random.NextDouble()).ToArray();
            quantiles.SumAndQuantiles(values, at);
            var sorted = values.Order().ToArray();
            for (var q = 0; q < Levels.Length; q++)
            {
                Assert.That(at[q], Is.EqualTo(Statistics.Quantile<float>(sorted, Levels[q])));
            }
        }
    }

    // A few whole values, moving up one every 40 ticks; 0 sometimes as -0.
    private static float Repeated(Random random, int tick)
    {
        var k = random.Next(-2, 3) + (tick / 40);
        return k == 0 && random.Next(2) == 0 ? -0f : k;
    }

    private static float OddValue(Random random) => random.Next(4) switch
    {
        0 => float.NaN,
        1 => float.PositiveInfinity,
        2 => float.NegativeInfinity,
        _ => -0f,
    };
}
