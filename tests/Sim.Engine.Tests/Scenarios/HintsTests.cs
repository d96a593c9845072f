using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Scenarios;

[TestFixture]
public sealed class HintsTests
{
    [TestCase("pmc_agression", "pmc_aggression")]
    [TestCase("MLX", "MLI")]
    [TestCase("afinity", "affinity")]
    [TestCase("cohseion", "cohesion")]
    [TestCase("STATE", "state")]
    public void Closest_Typo_FindsIntendedWord(string typo, string expected)
    {
        string[] candidates = ["pmc_aggression", "MLI", "affinity", "cohesion", "state", "power"];
        Assert.That(Hints.Closest(typo, candidates), Is.EqualTo(expected));
    }

    [TestCase("C")]
    [TestCase("zzzzzz")]
    [TestCase("")]
    public void Closest_UnrelatedWord_GivesNoHint(string word)
    {
        Assert.That(Hints.Closest(word, ["A", "B", "power", "cohesion"]), Is.Null);
    }

    [Test]
    public void Distance_Transposition_CountsOnce()
    {
        Assert.That(Hints.Distance("cohseion", "cohesion"), Is.EqualTo(1));
        Assert.That(Hints.Distance("abc", ""), Is.EqualTo(3));
    }
}
