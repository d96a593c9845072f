using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Scenarios;

/// <summary>
/// One set of engine defaults for every real scenario: a shipped scenario that changes an engine parameter's default
/// or range must be listed here, and must give a source for that case in its file. An unlisted change fails, so a
/// mechanic cannot quietly be tuned to one crisis.
/// </summary>
[TestFixture]
public sealed class EngineDefaultsTests
{
    /// <summary>The overrides the shipped scenarios make (scenario, parameter), each sourced in the scenario file: none.</summary>
    private static readonly (string Scenario, string Parameter)[] Listed = [];

    [Test]
    public void ShippedScenarios_ChangeEngineParameters_OnlyAsListed_EachWithASourceForTheCase()
    {
        var found = new List<(string, string)>();
        foreach (var name in RepoPaths.ShippedScenarios())
        {
            var definition = ScenarioLoader.Load(RepoPaths.Scenario(name)).Definition!;
            foreach (var engine in ModelParameters.All)
            {
                var p = definition.Parameters.Single(x => x.Id == engine.Id);
                if (p.FileValue == engine.Default && p.Min == engine.Min && p.Max == engine.Max)
                {
                    continue;
                }

                found.Add((name, engine.Id));
                Assert.That(p.Source, Is.Not.Null.And.Not.Empty, $"{name}: {engine.Id} changes the engine's default without a source");
                Assert.That(p.Source, Does.Not.StartWith("Assumption").And.Not.StartWith("Calibration"),
                    $"{name}: {engine.Id} is changed on an assumption or a fit to this case; only a source for the case may change a default");
            }
        }

        Assert.That(found, Is.EquivalentTo(Listed), "the engine parameters the shipped scenarios change (list each, with its reason, above)");
    }
}
