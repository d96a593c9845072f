using NUnit.Framework;
using Sim.Cli.Commands;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Cli.Tests;

public class DesignOptionsTests
{
    [Test]
    public void Parse_Sweeps_MakeAGridInTheOrderGiven()
    {
        var grid = (ParameterDesign.Grid)DesignOptions.Parse(["a=0:1:3", "b=2:2:1"], null, []);
        Assert.That(grid.Axes.Select(a => a.Name), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(grid.Axes[0].Values, Is.EqualTo(new[] { 0, 0.5, 1 }));
        Assert.That(grid.Axes[1].Values, Is.EqualTo(new[] { 2.0 }));
        Assert.That(DesignOptions.Parse([], "lhs:7", ["x"]), Is.EqualTo(new ParameterDesign.LatinHypercube(7, ["x"])).Using<ParameterDesign>(
            (p, q) => p is ParameterDesign.LatinHypercube l && q is ParameterDesign.LatinHypercube m && l.Points == m.Points && l.Vary.SequenceEqual(m.Vary)));
        Assert.That(DesignOptions.Parse([], null, []), Is.TypeOf<ParameterDesign.OnePoint>());
    }

    [TestCase("pmc_presence", "no 'name='")]
    [TestCase("pmc_presence=0:1", "not name=from:to:count")]
    [TestCase("pmc_presence=0:x:3", "not name=from:to:count")]
    [TestCase("pmc_presence=0:1:1", "count must be at least 2")]
    public void Parse_BadSweep_NamesTheOptionAndTheFix(string sweep, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => DesignOptions.Parse([sweep], null, []));
        Assert.That(e!.Message, Does.Contain(expected).And.Contain("--sweep").And.Contain("fix:"));
    }

    [TestCase("lhs")]
    [TestCase("lhs:0")]
    [TestCase("grid:4")]
    public void Parse_BadSample_Throws(string sample) =>
        Assert.That(Assert.Throws<UserInputException>(() => DesignOptions.Parse([], sample, []))!.Message, Does.Contain("not lhs:K"));

    [Test]
    public void Parse_SweepWithSample_OrVaryWithoutSample_Refused()
    {
        Assert.Throws<UserInputException>(() => DesignOptions.Parse(["a=0:1:2"], "lhs:3", []));
        Assert.Throws<UserInputException>(() => DesignOptions.Parse([], null, ["a"]));
    }
}
