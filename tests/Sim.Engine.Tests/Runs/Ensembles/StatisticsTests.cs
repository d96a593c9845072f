using Sim.Engine.Runs.Ensembles;

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
}
