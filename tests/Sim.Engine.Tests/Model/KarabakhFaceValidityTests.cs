using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// Face validity on the Nagorno-Karabakh 2020 scenario, as ensembles over fixed seeds 1..200 (the same seeds for each
/// variant, so differences are paired): Azerbaijan's drones add to its gains, a ceasefire lowers the toll, and
/// Russia's treaty with Armenia deters Azerbaijani strikes on Armenia's own territory.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class KarabakhFaceValidityTests
{
    private const int Runs = 200;
    private const string Name = "nagorno-karabakh-2020";

    [Test]
    public void WithoutAzerbaijansDrones_AzerbaijanTakesLessGround()
    {
        var with = Ensemble.Means(Ensemble.LoadShipped(Name), Runs);
        var without = Ensemble.Means(Variant("    aircraft: {assets: 40, range_km: 150", null), Runs);
        Assert.That(without["regions_taken"], Is.LessThan(with["regions_taken"]), "the drones wear down the defenders before the assault");
        Assert.That(without["civilian_fatalities"], Is.LessThan(with["civilian_fatalities"]), "fewer strikes, fewer civilians killed");
    }

    [Test]
    public void EarlyCeasefire_LowersFatalitiesAndGains()
    {
        var war = Ensemble.Means(Ensemble.LoadShipped(Name), Runs);
        var ceasefire = Ensemble.Means(Ensemble.LoadShipped(Name, "ceasefire_day=10"), Runs);
        Assert.That(ceasefire["fatalities"], Is.LessThan(0.6 * war["fatalities"]));
        Assert.That(ceasefire["regions_taken"], Is.LessThan(war["regions_taken"]));
        Assert.That(ceasefire["war_over"], Is.GreaterThan(war["war_over"]));
    }

    [Test]
    public void WithoutRussiasTreaty_AzerbaijanStrikesArmeniaMoreOften()
    {
        var with = Ensemble.Means(Ensemble.LoadShipped(Name), Runs);
        var without = Ensemble.Means(Variant("affinity: 0.6, treaty: defense_pact,", "affinity: 0.6,"), Runs);
        Assert.That(without["armenia_struck"], Is.GreaterThan(with["armenia_struck"]), "the pact's deterrence covers Armenia's own territory");
    }

    /// <summary>
    /// The shipped scenario with the line starting with <paramref name="line"/> removed (when <paramref name="replacement"/> is
    /// null) or with <paramref name="line"/> replaced by <paramref name="replacement"/>.
    /// </summary>
    private static ScenarioDefinition Variant(string line, string? replacement) => Ensemble.LoadEdited(Name, text => replacement is null
        ? string.Join('\n', text.Split('\n').Where(l => !l.StartsWith(line, StringComparison.Ordinal)))
        : text.Replace(line, replacement, StringComparison.Ordinal));
}
