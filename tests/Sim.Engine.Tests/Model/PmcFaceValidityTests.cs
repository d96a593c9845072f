using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// The PMC life cycle on the Sahel scenario, as ensembles over fixed seeds: a patron taking its PMC over keeps part of the
/// PMC's air war (the forces and their aircraft stay on the host's side under the patron), which removing the PMC ends.
/// </summary>
public class PmcFaceValidityTests
{
    private const int Runs = 200;

    [Test]
    public void StateRunSuccessor_StrikesWhereRemovingThePmcStopsStriking()
    {
        var taken = Ensemble.Means(SahelWithRule("  - {id: russia_takes_over, when: \"tick == 0\", then: [{takeover: {pmc: WAG}}]}\n"), Runs);
        var removed = Ensemble.Sahel(Runs, "pmc_presence=0");
        var kept = Ensemble.Sahel(Runs);
        Assert.That(taken["drone_strikes_north"], Is.GreaterThan(removed["drone_strikes_north"] * 1.5), "Russia's own corps flies the PMC's helicopters against the separatists");
        Assert.That(taken["drone_strikes_north"], Is.LessThan(kept["drone_strikes_north"]), "but less often than the PMC did (the state weighs its strikes as a state)");
    }

    /// <summary>The shipped Sahel scenario with <paramref name="rule"/> added to its rules (a what-if).</summary>
    private static ScenarioDefinition SahelWithRule(string rule)
    {
        const string Anchor = "  - id: haftar_border_moves\n";
        return Ensemble.LoadEdited("sahel-2024", text => text.Replace(Anchor, rule + Anchor, StringComparison.Ordinal));
    }
}
