using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// The PMC life cycle on the Sahel scenario, as ensembles over fixed seeds: a patron taking its PMC over keeps the
/// PMC's weight in the war (the forces stay on the host's side under the patron), which removing the PMC takes away.
/// </summary>
public class PmcFaceValidityTests
{
    private const int Runs = 200;

    [Test]
    public void StateRunSuccessor_KeepsTheWarThatRemovingThePmcEnds()
    {
        var taken = Ensemble.Means(SahelWithRule("  - {id: russia_takes_over, when: \"tick == 0\", then: [{takeover: {pmc: WAG}}]}\n"), Runs);
        var removed = Ensemble.Sahel(Runs, "pmc_presence=0");
        var kept = Ensemble.Sahel(Runs);
        Assert.That(taken["mali_separatist_war"], Is.GreaterThan(removed["mali_separatist_war"]), "Russia's own corps fights on where Wagner stood");
        Assert.That(Math.Abs(taken["mali_separatist_war"] - kept["mali_separatist_war"]), Is.LessThan(Math.Abs(removed["mali_separatist_war"] - kept["mali_separatist_war"])),
            "closer to the war with the PMC than to the war without it");
    }

    /// <summary>The shipped Sahel scenario with <paramref name="rule"/> added to its rules (a what-if, written to a temporary file).</summary>
    private static ScenarioDefinition SahelWithRule(string rule)
    {
        var text = File.ReadAllText(RepoPaths.Scenario("sahel-2024"));
        const string Anchor = "  - id: haftar_border_moves\n";
        Assert.That(text, Does.Contain(Anchor));
        var path = Path.Combine(Path.GetTempPath(), $"sim-sahel-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text.Replace(Anchor, rule + Anchor, StringComparison.Ordinal));
        try
        {
            var result = ScenarioLoader.Load(path);
            Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty);
            return result.Definition!;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
