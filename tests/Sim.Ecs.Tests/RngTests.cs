using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Sim.Ecs.Tests;

/// <summary>
/// The counter-based streams: reproducible per key, statistically independent across
/// neighbouring keys, and independent of the order in which streams are drawn.
/// </summary>
[TestFixture]
public class RngTests
{
    // Fixed seeds make every statistical check deterministic; the thresholds are far enough out
    // (p = 1e-4, or five standard errors) that a sound generator passes with room to spare.
    private const double ChiSquareTail = 0.9999;
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    [Test]
    public void For_SameKey_SameSequence()
    {
        var a = Rng.For(42, 7, 3, 99);
        var b = Rng.For(42, 7, 3, 99);
        var c = Rng.For(42, 7, 3, 100);
        var first = Enumerable.Range(0, 1_000).Select(_ => a.NextUInt64()).ToArray();
        var second = Enumerable.Range(0, 1_000).Select(_ => b.NextUInt64()).ToArray();
        var other = Enumerable.Range(0, 1_000).Select(_ => c.NextUInt64()).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(a.Key, Is.EqualTo(b.Key));
            Assert.That(a.Position, Is.EqualTo(1_000UL));
            Assert.That(other.Intersect(first), Is.Empty, "another entity's stream shares no draws");
        });
    }

    [Test]
    public void Copy_OfStream_ContinuesIdentically()
    {
        var a = Rng.For(1, 2);
        a.NextUInt64();
        var b = a;
        Assert.That(b.NextDouble(), Is.EqualTo(a.NextDouble()));
    }

    [TestCase(2)]
    [TestCase(7)]
    [TestCase(10)]
    [TestCase(100)]
    public void NextInt_ManyDraws_ChiSquareUniform(int buckets)
    {
        var rng = Rng.For(2024, RngKey.Purpose("chi-square"));
        var counts = new long[buckets];
        const int draws = 200_000;
        for (var i = 0; i < draws; i++)
        {
            counts[rng.NextInt(buckets)]++;
        }

        Assert.That(ChiSquare(counts, draws), Is.LessThan(ChiSquared.InvCDF(buckets - 1, ChiSquareTail)));
    }

    [TestCase("seed")]
    [TestCase("purpose")]
    [TestCase("tick")]
    [TestCase("entity")]
    public void FirstDraws_AdjacentKeys_ChiSquareUniform(string dimension)
    {
        const int keys = 100_000;
        const int buckets = 16;
        var counts = new long[buckets];
        for (var j = 0; j < keys; j++)
        {
            var rng = Neighbour(dimension, j);
            counts[rng.NextInt(buckets)]++;
        }

        Assert.That(ChiSquare(counts, keys), Is.LessThan(ChiSquared.InvCDF(buckets - 1, ChiSquareTail)));
    }

    [TestCase("seed")]
    [TestCase("purpose")]
    [TestCase("tick")]
    [TestCase("entity")]
    public void Streams_AdjacentKeys_Uncorrelated(string dimension)
    {
        const int n = 50_000;
        var bound = 5.0 / Math.Sqrt(n);

        // Draw by draw, stream j against stream j + 1.
        var a = Neighbour(dimension, 10);
        var b = Neighbour(dimension, 11);
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = a.NextDouble();
            y[i] = b.NextDouble();
        }

        var alongStreams = Correlation.Pearson(x, y);

        // Across keys: the first draw of key j against the first draw of key j + 1.
        var firsts = Enumerable.Range(0, n + 1).Select(j => Neighbour(dimension, j).NextDouble()).ToArray();
        var acrossKeys = Correlation.Pearson(firsts.AsSpan(0, n).ToArray(), firsts.AsSpan(1, n).ToArray());

        Assert.Multiple(() =>
        {
            Assert.That(Math.Abs(alongStreams), Is.LessThan(bound), "adjacent streams, draw by draw");
            Assert.That(Math.Abs(acrossKeys), Is.LessThan(bound), "first draws of adjacent keys");
        });
    }

    [Test]
    public void EntityStreams_VisitOrder_SameValuesPerEntity()
    {
        const int entities = 500;
        const ulong seed = 77;
        var purpose = RngKey.Purpose("movement");

        Dictionary<int, double[]> Draw(IEnumerable<int> order)
        {
            var values = new Dictionary<int, double[]>();
            foreach (var e in order)
            {
                var rng = Rng.For(seed, purpose, tick: 12, entity: e);
                values[e] = [rng.NextDouble(), rng.NextNormal(), rng.NextInt(1_000)];
            }

            return values;
        }

        var forward = Draw(Enumerable.Range(0, entities));
        var reversed = Draw(Enumerable.Range(0, entities).Reverse());
        var shuffledOrder = Enumerable.Range(0, entities).ToArray();
        new Random(5).Shuffle(shuffledOrder);
        var shuffled = Draw(shuffledOrder);

        for (var e = 0; e < entities; e++)
        {
            Assert.That(reversed[e], Is.EqualTo(forward[e]), $"entity {e}, reversed order");
            Assert.That(shuffled[e], Is.EqualTo(forward[e]), $"entity {e}, shuffled order");
        }
    }

    [Test]
    public void NextInt_AnyKeyAndBound_InRange() =>
        Prop.ForAll<ulong, PositiveInt>((key, bound) =>
        {
            var rng = new Rng(key);
            for (var i = 0; i < 20; i++)
            {
                var value = rng.NextInt(bound.Get);
                if (value < 0 || value >= bound.Get)
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();

    [Test]
    public void NextIntMinMax_AnyKeyAndRange_InRange() =>
        Prop.ForAll<ulong, int, int>((key, a, b) =>
        {
            if (a == b)
            {
                return true;
            }

            var (min, max) = (Math.Min(a, b), Math.Max(a, b));
            var rng = new Rng(key);
            return Enumerable.Range(0, 20).Select(_ => rng.NextInt(min, max)).All(v => v >= min && v < max);
        }).QuickCheckThrowOnFailure();

    [Test]
    public void NextIntMinMax_FullIntRange_ReachesBothHalves()
    {
        var rng = Rng.For(3, 4);
        var values = Enumerable.Range(0, 1_000).Select(_ => rng.NextInt(int.MinValue, int.MaxValue)).ToArray();
        Assert.That(values.Count(v => v < 0), Is.InRange(400, 600));
        Assert.That(values, Has.None.EqualTo(int.MaxValue));
    }

    [Test]
    public void NextInt_BoundNearTwoToThe31_Unbiased()
    {
        // 2^32 / bound = 8/3: plain modulo favours the lower two thirds of the range (P(low half)
        // = 0.5625) and multiply-shift without rejection favours residues 0 and 1 mod 3 (3:3:2).
        const int bound = 3 << 29;
        const int draws = 300_000;
        var rng = Rng.For(11, RngKey.Purpose("bias"));
        long lowHalf = 0;
        var residues = new long[3];
        for (var i = 0; i < draws; i++)
        {
            var v = rng.NextInt(bound);
            lowHalf += v < bound / 2 ? 1 : 0;
            residues[v % 3]++;
        }

        var halfError = 5 * Math.Sqrt(0.25 / draws);
        Assert.Multiple(() =>
        {
            Assert.That((double)lowHalf / draws, Is.EqualTo(0.5).Within(halfError));
            Assert.That(ChiSquare(residues, draws), Is.LessThan(ChiSquared.InvCDF(2, ChiSquareTail)));
        });
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void NextInt_NonPositiveBound_Throws(int bound) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Rng(1).NextInt(bound));

    [Test]
    public void NextInt_BoundOne_AlwaysZero()
    {
        var rng = new Rng(9);
        Assert.That(Enumerable.Range(0, 100).Select(_ => rng.NextInt(1)), Is.All.Zero);
    }

    [Test]
    public void NextDouble_ManyDraws_InUnitIntervalWithMeanHalf()
    {
        var rng = Rng.For(8, 8);
        var values = Enumerable.Range(0, 100_000).Select(_ => rng.NextDouble()).ToArray();
        Assert.That(values, Is.All.InRange(0.0, 1.0).And.None.EqualTo(1.0));
        Assert.That(values.Average(), Is.EqualTo(0.5).Within(5 * Math.Sqrt(1.0 / 12 / values.Length)));
    }

    [Test]
    public void Shuffle_SameKey_SamePermutation()
    {
        int[] Shuffled(ulong key)
        {
            var items = Enumerable.Range(0, 50).ToArray();
            new Rng(key).Shuffle(items.AsSpan());
            return items;
        }

        Assert.That(Shuffled(5), Is.EqualTo(Shuffled(5)));
        Assert.That(Shuffled(5), Is.EquivalentTo(Enumerable.Range(0, 50)));
        Assert.That(Shuffled(5), Is.Not.EqualTo(Shuffled(6)));
    }

    [Test]
    public void Purpose_SameName_SameIdAndNamesDiffer()
    {
        Assert.That(RngKey.Purpose("war"), Is.EqualTo(RngKey.Purpose("war")));
        Assert.That(RngKey.Purpose("war"), Is.Not.EqualTo(RngKey.Purpose("raw")));
    }

    [Test]
    public void RngRandom_MathNetNormal_ReproducibleAndStandard()
    {
        var stream = Rng.For(99, RngKey.Purpose("normal"));
        double[] Samples(RngRandom adapter, int n)
        {
            var normal = new Normal(0, 1, adapter);
            return Enumerable.Range(0, n).Select(_ => normal.Sample()).ToArray();
        }

        var first = Samples(new RngRandom(stream), 20_000);
        var second = Samples(new RngRandom(stream), 20_000);
        var reused = new RngRandom(Rng.For(1, 1));
        Samples(reused, 10);
        reused.Reset(stream);
        var afterReset = Samples(reused, 20_000);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first), "same stream, same samples");
            Assert.That(afterReset, Is.EqualTo(first), "Reset restarts on the given stream");
            Assert.That(first.Mean(), Is.EqualTo(0).Within(5 / Math.Sqrt(first.Length)));
            Assert.That(first.StandardDeviation(), Is.EqualTo(1).Within(0.05));
            Assert.That(Samples(new RngRandom(Rng.For(100, RngKey.Purpose("normal"))), 100), Is.Not.EqualTo(first.Take(100)));
        });
    }

    [Test]
    public void RngRandom_RangeMethods_StayInContract()
    {
        var random = new RngRandom(Rng.For(5, 6));
        for (var i = 0; i < 10_000; i++)
        {
            Assert.That(random.Next(10), Is.InRange(0, 9));
            Assert.That(random.Next(-3, 3), Is.InRange(-3, 2));
            Assert.That(random.NextInt64(-5, 5), Is.InRange(-5L, 4L));
            Assert.That(random.NextSingle(), Is.InRange(0f, 1f).And.Not.EqualTo(1f));
        }

        Assert.Multiple(() =>
        {
            Assert.That(random.Next(0), Is.Zero);
            Assert.That(random.Next(4, 4), Is.EqualTo(4));
            Assert.That(random.NextInt64(long.MinValue, long.MaxValue), Is.LessThan(long.MaxValue));
        });
    }

    [Test]
    public void RngRandom_TopDraw_NextStaysBelowMaxValue()
    {
        // Random.Next() and NextInt64() promise results below int/long.MaxValue. Pick the key
        // whose first 64-bit draw is all ones by inverting the output mix.
        var key = UnMix13(ulong.MaxValue) - Gamma;
        Assert.That(new Rng(key).NextUInt64(), Is.EqualTo(ulong.MaxValue), "the key gives the top draw");

        Assert.Multiple(() =>
        {
            Assert.That(new RngRandom(new Rng(key)).Next(), Is.LessThan(int.MaxValue));
            Assert.That(new RngRandom(new Rng(key)).NextInt64(), Is.LessThan(long.MaxValue));
            Assert.That(new RngRandom(new Rng(key)).NextDouble(), Is.LessThan(1.0));
        });
    }

    private static Rng Neighbour(string dimension, int j) => dimension switch
    {
        "seed" => Rng.For(1_000 + (ulong)j, 5, 7, 9),
        "purpose" => Rng.For(1_000, 5 + (ulong)j, 7, 9),
        "tick" => Rng.For(1_000, 5, 7 + j, 9),
        _ => Rng.For(1_000, 5, 7, 9 + j),
    };

    private static double ChiSquare(long[] counts, long total)
    {
        var expected = (double)total / counts.Length;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }

    private static ulong UnMix13(ulong y)
    {
        y = UnXorShift(y, 31);
        y *= InverseOdd(0x94D049BB133111EBUL);
        y = UnXorShift(y, 27);
        y *= InverseOdd(0xBF58476D1CE4E5B9UL);
        return UnXorShift(y, 30);
    }

    private static ulong UnXorShift(ulong y, int shift)
    {
        var x = y;
        for (var i = 0; i < 64 / shift + 1; i++)
        {
            x = y ^ (x >> shift);
        }

        return x;
    }

    /// <summary>The inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct bits).</summary>
    private static ulong InverseOdd(ulong a)
    {
        var x = a;
        for (var i = 0; i < 6; i++)
        {
            x *= 2 - (a * x);
        }

        return x;
    }
}
