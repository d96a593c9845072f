using Sim.Engine.Runs.Ensembles;
using Sim.Output;

namespace Sim.Engine.Tests.Runs.Ensembles;

/// <summary>Each statistic against a value published or computed independently (R, numpy, the original papers).</summary>
public class StatisticsTests
{
    [Test]
    public void Wilson_FiveOfTen_MatchesPublishedInterval()
    {
        // R: prop.test(5, 10, correct = FALSE)$conf.int gives 0.2365931 0.7634069.
        var i = Statistics.Wilson(5, 10);
        Assert.That(i.Value, Is.EqualTo(0.5));
        Assert.That(i.Low, Is.EqualTo(0.2365931).Within(1e-6));
        Assert.That(i.High, Is.EqualTo(0.7634069).Within(1e-6));
    }

    [Test]
    public void Wilson_AllSuccesses_UpperBoundIsOneLowerBelowOne()
    {
        var i = Statistics.Wilson(200, 200);
        Assert.That(i.High, Is.EqualTo(1.0));
        Assert.That(i.Low, Is.EqualTo(0.9812).Within(1e-4));
    }

    [TestCase(1, 0.0, 0.0)]
    [TestCase(2, 0.0, 0.0)]
    [TestCase(7, 0.5, 0.1)]
    [TestCase(200, 0.0, 0.0)]
    [TestCase(2000, 0.9, 0.0)]
    [TestCase(2000, 0.5, 0.05)]
    [TestCase(3001, 0.1, 0.2)]
    public void OrderForQuantiles_RandomValues_SameBitsAsFullSort(int length, double repeatedShare, double nanShare)
    {
        // Ensemble series repeat values (rungs, counts, 0 and -0) and may hold NaN: every level must read the bits a sort gives.
        double[] levels = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];
        var random = new Random(length);
        for (var trial = 0; trial < 20; trial++)
        {
            var values = new float[length];
            for (var i = 0; i < length; i++)
            {
                var u = random.NextDouble();
                var repeated = (float)random.Next(-2, 3);
                values[i] = u < nanShare ? float.NaN
                    : u < nanShare + repeatedShare ? (repeated == 0 && random.Next(2) == 0 ? -0f : repeated)
                    : (float)((random.NextDouble() - 0.5) * 1000);
            }

            var sorted = values.ToArray();
            Array.Sort(sorted);
            var ordered = values.ToArray();
            Statistics.OrderForQuantiles(ordered, levels);
            foreach (var p in levels)
            {
                Assert.That(
                    BitConverter.DoubleToInt64Bits(Statistics.Quantile(ordered, p)),
                    Is.EqualTo(BitConverter.DoubleToInt64Bits(Statistics.Quantile(sorted, p))),
                    $"length {length}, trial {trial}, level {p}");
            }

            Assert.That(ordered.Order(), Is.EqualTo(sorted.Order()), "a reordering, nothing lost or added");
        }
    }

    [Test]
    public void Quantile_Type7_MatchesNumpyDefault()
    {
        // numpy.quantile([1, 2, 4, 8, 16], [0.05, 0.25, 0.5, 0.9]) = [1.2, 2, 4, 12.8]
        double[] sorted = [1, 2, 4, 8, 16];
        Assert.That(Statistics.Quantile(sorted, 0.05), Is.EqualTo(1.2).Within(1e-12));
        Assert.That(Statistics.Quantile(sorted, 0.25), Is.EqualTo(2.0).Within(1e-12));
        Assert.That(Statistics.Quantile(sorted, 0.5), Is.EqualTo(4.0).Within(1e-12));
        Assert.That(Statistics.Quantile(sorted, 0.9), Is.EqualTo(12.8).Within(1e-12));
    }

    [Test]
    public void Mean_Interval_MatchesStudentT()
    {
        // R: t.test(c(1, 2, 3, 4, 5))$conf.int gives 1.036757 4.963243.
        var i = Statistics.Mean([1.0, 2, 3, 4, 5]);
        Assert.That(i.Value, Is.EqualTo(3.0));
        Assert.That(i.Low, Is.EqualTo(1.036757).Within(1e-6));
        Assert.That(i.High, Is.EqualTo(4.963243).Within(1e-6));
    }

    [Test]
    public void Proportions_NewcombeExample_MatchesPaper()
    {
        // Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 vs 48/80, method 10 gives 0.0524 to 0.3339.
        var c = Statistics.Proportions(48, 80, 56, 70);
        Assert.That(c.Difference.Value, Is.EqualTo(0.2).Within(1e-12));
        Assert.That(c.Difference.Low, Is.EqualTo(0.0524).Within(1e-4));
        Assert.That(c.Difference.High, Is.EqualTo(0.3339).Within(1e-4));
        // Pooled z by hand: p = 104/150, se = sqrt(p(1-p)(1/70 + 1/80)), z^2 = 7.0234, p-value = 0.008045
        // (R: prop.test(c(56, 48), c(70, 80), correct = FALSE) reports the same X-squared).
        Assert.That(c.Statistic * c.Statistic, Is.EqualTo(7.0234).Within(1e-3));
        Assert.That(c.PValue, Is.EqualTo(0.008045).Within(1e-5));
    }

    [Test]
    public void MannWhitney_WithTies_MatchesR()
    {
        // By hand: midranks give U_B = 23, mean 12.5, tie-corrected variance 25/12 * (11 - 24/90), z = 2.2205,
        // p = 0.026388 (R: wilcox.test(b, a, exact = FALSE, correct = FALSE) gives W = 23 and the same p).
        double[] a = [1, 2, 2, 3, 4];
        double[] b = [3, 4, 5, 5, 6];
        var (z, p) = Statistics.MannWhitney(a, b);
        Assert.That(z, Is.EqualTo(2.220458).Within(1e-5));
        Assert.That(p, Is.EqualTo(0.026388).Within(1e-5));
    }

    [Test]
    public void Numbers_IdenticalSamples_NoDifference()
    {
        double[] a = [1, 2, 3, 4, 5, 6];
        var c = Statistics.Numbers(a, a);
        Assert.That(c.Difference.Value, Is.Zero);
        Assert.That(c.PValue, Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void Holm_AdjustsStepDownAndKeepsOrder()
    {
        // p.adjust(c(0.01, 0.04, 0.03, 0.2), "holm") = 0.04 0.09 0.09 0.20
        var adjusted = EnsembleComparison.Holm([0.01, 0.04, 0.03, 0.2]);
        Assert.That(adjusted, Is.EqualTo(new[] { 0.04, 0.09, 0.09, 0.2 }).Within(1e-12));
    }

    [Test]
    public void RunsForProbability_HalfWidthFivePoints_AtOneHalf_Is385()
    {
        Assert.That(Statistics.RunsForProbability(0.5, 0.05), Is.EqualTo(385));
    }

    private static (bool[] A, bool[] B) Pairs(int both, int onlyA, int onlyB, int neither)
    {
        var a = new List<bool>();
        var b = new List<bool>();
        foreach (var (count, x, y) in new[] { (both, true, true), (onlyA, true, false), (onlyB, false, true), (neither, false, false) })
        {
            a.AddRange(Enumerable.Repeat(x, count));
            b.AddRange(Enumerable.Repeat(y, count));
        }

        return ([.. a], [.. b]);
    }

    [Test]
    public void PairedProportions_McNemarExact_MatchesBinomialTest()
    {
        // 8 pairs only A, 2 only B: p = 2 * P(X <= 2 | 10, 1/2) = 2 * 56/1024 = 0.109375 (R: binom.test(2, 10)).
        var (a, b) = Pairs(40, 8, 2, 50);
        var c = Statistics.PairedProportions(a, b);
        Assert.That(c.Test, Is.EqualTo("McNemar exact"));
        Assert.That(c.Difference.Value, Is.EqualTo(-0.06).Within(1e-12));
        Assert.That(c.PValue, Is.EqualTo(0.109375).Within(1e-9));
        Assert.That(c.Statistic, Is.EqualTo(-6 / Math.Sqrt(10)).Within(1e-12));
    }

    [Test]
    public void PairedProportions_Uncorrelated_SameIntervalAsIndependentSamples()
    {
        // both * neither == onlyA * onlyB, so phi = 0 and method 10 reduces to the unpaired hybrid interval of the margins.
        var (a, b) = Pairs(20, 20, 5, 5);
        var paired = Statistics.PairedProportions(a, b);
        var independent = Statistics.Proportions(40, 50, 25, 50);
        Assert.That(paired.Difference.Value, Is.EqualTo(independent.Difference.Value).Within(1e-12));
        Assert.That(paired.Difference.Low, Is.EqualTo(independent.Difference.Low).Within(1e-12));
        Assert.That(paired.Difference.High, Is.EqualTo(independent.Difference.High).Within(1e-12));
    }

    [Test]
    public void PairedProportions_Correlated_NarrowerThanIndependent_AndMatchesHandComputation()
    {
        // 30 both, 5 only A, 15 only B, 50 neither: phi = 0.6005; method 10 by hand gives 0.01444 to 0.18280,
        // and the exact McNemar p = 2 * P(X <= 5 | 20, 1/2) = 0.041389.
        var (a, b) = Pairs(30, 5, 15, 50);
        var paired = Statistics.PairedProportions(a, b);
        var independent = Statistics.Proportions(35, 100, 45, 100);
        Assert.That(paired.Difference.Low, Is.EqualTo(0.0144398).Within(1e-6));
        Assert.That(paired.Difference.High, Is.EqualTo(0.1828010).Within(1e-6));
        Assert.That(paired.PValue, Is.EqualTo(0.0413895).Within(1e-6));
        Assert.That(paired.Difference.High - paired.Difference.Low, Is.LessThan(independent.Difference.High - independent.Difference.Low));
        Assert.That(independent.PValue, Is.GreaterThan(0.05), "the same margins as independent samples are not significant");
    }

    [Test]
    public void SignedRank_MatchesR()
    {
        // R: wilcox.test(c(1, 2, 3, 4, 5, -1.5), exact = FALSE, correct = FALSE): V = 19, p = 0.07474.
        var (z, p) = Statistics.SignedRank([1, 2, 3, 4, 5, -1.5]);
        Assert.That(z, Is.EqualTo(1.782084).Within(1e-5));
        Assert.That(p, Is.EqualTo(0.074735).Within(1e-5));
    }

    [Test]
    public void SignedRank_ZerosDroppedAndTiesCorrected_MatchesR()
    {
        // R: wilcox.test(c(0, 1, -1, 2, 2, 3), exact = FALSE, correct = FALSE): V = 13.5, p = 0.1025
        // (the zero dropped; midranks 1.5, 1.5, 3.5, 3.5, 5; variance 13.75 - 12/48).
        var (z, p) = Statistics.SignedRank([0, 1, -1, 2, 2, 3]);
        Assert.That(z, Is.EqualTo(1.632993).Within(1e-5));
        Assert.That(p, Is.EqualTo(0.102470).Within(1e-5));
    }

    [Test]
    public void PairedNumbers_SamePairs_NoDifference()
    {
        double[] a = [1, 5, 2, 8];
        var c = Statistics.PairedNumbers(a, a);
        Assert.That(c.Difference.Value, Is.Zero);
        Assert.That(c.PValue, Is.EqualTo(1.0));
        Assert.That(c.Test, Is.EqualTo("Wilcoxon signed-rank"));
    }
}
