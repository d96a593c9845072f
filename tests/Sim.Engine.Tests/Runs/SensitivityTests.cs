using Sim.Engine.Runs.Sensitivity;

namespace Sim.Engine.Tests.Runs;

/// <summary>The sensitivity estimators on functions whose indices are known, and the analysis on a scenario.</summary>
public class SensitivityTests
{
    private static readonly Scenario Tutorial = Scenario.Load(RepoPaths.Scenario("tutorial"));

    /// <summary>Ishigami's function with a = 7, b = 0.1 on [-π, π]^3, from the unit cube.</summary>
    private static double Ishigami(double[] u)
    {
        var (x1, x2, x3) = ((u[0] * 2 * Math.PI) - Math.PI, (u[1] * 2 * Math.PI) - Math.PI, (u[2] * 2 * Math.PI) - Math.PI);
        return Math.Sin(x1) + (7 * Math.Sin(x2) * Math.Sin(x2)) + (0.1 * Math.Pow(x3, 4) * Math.Sin(x1));
    }

    [Test]
    public void Sobol_Ishigami_MatchesAnalyticIndices()
    {
        // Analytic: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2; S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
        var design = new SobolDesign(16384, 3, seed: 11);
        var values = design.Rows.Select(Ishigami).ToArray();
        var indices = design.Analyze(values, resamples: 200, level: 0.95, seed: 11);
        double[] first = [0.3139, 0.4424, 0];
        double[] total = [0.5576, 0.4424, 0.2437];
        for (var i = 0; i < 3; i++)
        {
            TestContext.Out.WriteLine($"x{i + 1}: S1 {indices[i].First}, ST {indices[i].Total}");
            Assert.That(indices[i].First.Value, Is.EqualTo(first[i]).Within(0.03), $"S1 of x{i + 1}");
            Assert.That(indices[i].Total.Value, Is.EqualTo(total[i]).Within(0.03), $"ST of x{i + 1}");
            Assert.That(indices[i].First.Low, Is.LessThanOrEqualTo(indices[i].First.Value));
            Assert.That(indices[i].First.High, Is.GreaterThanOrEqualTo(indices[i].First.Value));
            Assert.That(indices[i].Total.High - indices[i].Total.Low, Is.LessThan(0.1), "the interval narrows with N");
        }
    }

    [Test]
    public void Sobol_Ishigami_IntervalsCoverTheTruthMostOfTheTime()
    {
        // 20 independent designs of N = 2000: the 95% intervals should hold the analytic value in most of the 120 cases.
        double[] truth = [0.3139, 0.4424, 0, 0.5576, 0.4424, 0.2437];
        var covered = 0;
        for (var s = 0UL; s < 20; s++)
        {
            var design = new SobolDesign(2000, 3, seed: 100 + s);
            var indices = design.Analyze([.. design.Rows.Select(Ishigami)], resamples: 200, level: 0.95, seed: s);
            for (var i = 0; i < 3; i++)
            {
                covered += (indices[i].First.Low <= truth[i] && truth[i] <= indices[i].First.High ? 1 : 0)
                    + (indices[i].Total.Low <= truth[3 + i] && truth[3 + i] <= indices[i].Total.High ? 1 : 0);
            }
        }

        TestContext.Out.WriteLine($"{covered} of 120 intervals hold the analytic index");
        Assert.That(covered, Is.GreaterThanOrEqualTo(100), "coverage of 120 nominal 95% intervals");
    }

    [Test]
    public void Morris_SimpleFunction_RanksFactorsAndGetsLinearEffects()
    {
        // f = 5 x1 + 2 x2 + 4 x3^2 + 0 x4: linear effects are exact (5 and 2 per unit range), x3's varies, x4 has none.
        var design = new MorrisDesign(50, 4, seed: 3);
        var values = design.Rows.Select(x => (5 * x[0]) + (2 * x[1]) + (4 * x[2] * x[2])).ToArray();
        var m = design.Analyze(values, resamples: 200, level: 0.95, seed: 3);
        Assert.That(m[0].MuStar.Value, Is.EqualTo(5).Within(1e-9));
        Assert.That(m[0].Sigma, Is.EqualTo(0).Within(1e-9));
        Assert.That(m[1].MuStar.Value, Is.EqualTo(2).Within(1e-9));
        Assert.That(m[3].MuStar.Value, Is.EqualTo(0));
        Assert.That(m[2].Sigma, Is.GreaterThan(0.5), "a quadratic's effects depend on where they are taken");
        var ranking = m.Select((x, i) => (x.MuStar.Value, i)).OrderByDescending(x => x.Value).Select(x => x.i).ToArray();
        Assert.That(ranking, Is.EqualTo(new[] { 0, 2, 1, 3 }), "mu* ranks x1 (5), x3 (4 on average), x2 (2), x4 (0)");
    }

    [Test]
    public void Designs_AreAFunctionOfTheSeed_AndInsideTheCube()
    {
        var a = new SobolDesign(64, 3, seed: 5).Rows;
        var b = new SobolDesign(64, 3, seed: 5).Rows;
        Assert.That(a.SelectMany(r => r), Is.EqualTo(b.SelectMany(r => r)));
        Assert.That(new SobolDesign(64, 3, seed: 6).Rows[0], Is.Not.EqualTo(a[0]));
        var morris = new MorrisDesign(10, 3, seed: 5);
        Assert.That(morris.Rows.SelectMany(r => r), Is.All.InRange(0.0, 1.0));
        Assert.That(morris.Rows, Has.Count.EqualTo(10 * 4));
    }

    [Test]
    public void Analysis_OnTheTutorial_SameForAnyThreadCount()
    {
        var analysis = new SensitivityAnalysis(Tutorial, ["backing", "activity"]) { Samples = 4, Ticks = 20, Resamples = 50 };
        analysis.Threads = 1;
        var one = analysis.Run();
        analysis.Threads = 2;
        var two = analysis.Run();
        Assert.That(one.Runs.Runs, Has.Count.EqualTo(4 * 5), "N (k + 2) with the noise reference as a third factor");
        Assert.That(one.Indices.Select(i => i.Parameter).Distinct(), Is.EqualTo(new[] { "backing", "activity", SensitivityAnalysis.NoiseFactor }));
        Assert.That(two.Indices, Is.EqualTo(one.Indices));
        Assert.That(one.Indices.Select(i => i.Index).Distinct(), Is.EqualTo(new[] { "S1", "ST" }));
        Assert.That(one.Runs.Runs.Select(r => r.Parameters[0]), Is.All.InRange(0.0, 1.0));
    }

    [Test]
    public void Analysis_BadInput_SaysWhat()
    {
        Assert.That(() => new SensitivityAnalysis(Tutorial, []), Throws.TypeOf<InputException>().With.Message.Contains("--vary"));
        Assert.That(() => new SensitivityAnalysis(Tutorial, ["nope"]), Throws.TypeOf<InputException>().With.Message.Contains("no parameter 'nope'").And.Message.Contains("backing"));
    }
}
