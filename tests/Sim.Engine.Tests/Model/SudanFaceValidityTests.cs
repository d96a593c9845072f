using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// Face validity on the Sudan 2023 scenario, as ensembles over fixed seeds: taking away the RSF's foreign backer weakens
/// it, and a ceasefire that holds lowers the war's toll. The scenario runs on the engine's defaults.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class SudanFaceValidityTests
{
    private const int Runs = 200;

    [Test]
    public void Scenario_KeepsEveryEngineDefault()
    {
        var definition = Ensemble.LoadShipped("sudan-2023");
        foreach (var info in ModelParameters.All)
        {
            var declared = definition.Parameters.Single(p => p.Id == info.Id);
            Assert.That(declared.Value, Is.EqualTo(info.Default), $"{info.Id} is overridden without a source for this case");
        }
    }

    [Test]
    public void WithoutTheUae_TheRsfIsWeaker()
    {
        var backed = Sudan();
        var alone = Sudan("uae_support=0");
        Assert.That(backed["uae_arms_rsf"], Is.GreaterThan(0.1), "the UAE arms the RSF in some runs");
        // Rules run last in a tick, so the lever turns the UAE neutral only after tick 0's decisions: an arming on the
        // first day is still possible.
        Assert.That(alone["uae_arms_rsf"], Is.LessThan(0.02), "a neutral UAE arms no one after the first day");
        Assert.That(alone["rsf_strength"], Is.LessThan(backed["rsf_strength"]), "fewer RSF fighters at the end without its backer");
    }

    [Test]
    public void ImposedCeasefire_LowersFatalities()
    {
        var war = Sudan();
        var truce = Sudan("ceasefire_day=1");
        Assert.That(truce["truce_held_30_days"], Is.GreaterThan(war["truce_held_30_days"]), "the imposed truce holds its 30 days");
        Assert.That(truce["fatalities"], Is.LessThan(0.8 * war["fatalities"]), "a month's truce at the start lowers the year's toll");
        Assert.That(truce["civilian_fatalities"], Is.LessThan(war["civilian_fatalities"]));
    }

    [Test]
    public void LongerCeasefire_LowersFatalitiesFurther()
    {
        var month = Sudan("ceasefire_day=30");
        var quarter = Sudan("ceasefire_day=30", "ceasefire_days=90");
        Assert.That(quarter["fatalities"], Is.LessThan(month["fatalities"]));
    }

    private static Dictionary<string, double> Sudan(params string[] overrides) => Ensemble.Means(Ensemble.LoadShipped("sudan-2023", overrides), Runs);
}
