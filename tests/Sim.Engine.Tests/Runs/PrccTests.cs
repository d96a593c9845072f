using Sim.Engine.Runs.Sensitivity;

namespace Sim.Engine.Tests.Runs;

/// <summary>Partial rank correlation coefficients against known models and a direct residual computation.</summary>
public class PrccTests
{
    private static (double[][] X, double[] Y) Model(int n, Func<double, double, double, double> f, int seed = 1)
    {
        var rng = new Random(seed);
        double[][] x = [new double[n], new double[n], new double[n]];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                x[j][i] = rng.NextDouble();
            }

            y[i] = f(x[0][i], x[1][i], x[2][i]) + (0.05 * (rng.NextDouble() - 0.5));
        }

        return (x, y);
    }

    [Test]
    public void Compute_MonotoneModel_SignsAndAnIrrelevantParameterNearZero()
    {
        // y rises with x0 (exponentially: PRCC sees any monotone effect), falls with x1, ignores x2.
        var (x, y) = Model(2000, (a, b, c) => Math.Exp(3 * a) - (2 * b));
        var prcc = Prcc.Compute(x, y);
        Assert.That(prcc[0], Is.GreaterThan(0.9));
        Assert.That(prcc[1], Is.LessThan(-0.5));
        Assert.That(Math.Abs(prcc[2]), Is.LessThan(0.06));
        var (low, high) = Prcc.Interval(prcc[2], 2000, 3);
        Assert.That(low, Is.LessThan(0).And.LessThan(prcc[2]));
        Assert.That(high, Is.GreaterThan(0).And.GreaterThan(prcc[2]));
    }

    [Test]
    public void Compute_EqualsTheCorrelationOfRankResiduals()
    {
        var (x, y) = Model(300, (a, b, c) => a + (0.5 * b) + (0.2 * c * c), seed: 7);
        var prcc = Prcc.Compute(x, y);
        var ranks = x.Select(Prcc.Ranks).ToArray();
        var ry = Prcc.Ranks(y);
        for (var j = 0; j < 3; j++)
        {
            var others = Enumerable.Range(0, 3).Where(o => o != j).ToArray();
            var design = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(300, 3, (i, c) => c == 0 ? 1 : ranks[others[c - 1]][i]);
            double[] Residual(double[] v)
            {
                var target = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(v);
                return (target - (design * design.Solve(target))).ToArray();
            }

            var expected = MathNet.Numerics.Statistics.Correlation.Pearson(Residual(ranks[j]), Residual(ry));
            Assert.That(prcc[j], Is.EqualTo(expected).Within(1e-9), $"parameter {j}");
        }
    }

    [Test]
    public void Compute_ConstantOrTooFewRuns_IsNaN()
    {
        var (x, y) = Model(50, (a, b, c) => a);
        Assert.That(Prcc.Compute(x, [.. y.Select(_ => 1.0)]), Has.All.NaN);
        Assert.That(Prcc.Compute([.. x.Select(c => c[..5])], y[..5]), Has.All.NaN);
        Assert.That(Prcc.Ranks([3, 1, 3, 2]), Is.EqualTo(new[] { 3.5, 1, 3.5, 2 }));
    }
}
