using NUnit.Framework;
using static Sim.Engine.Tests.Scenarios.ScenarioTestHelpers;

namespace Sim.Engine.Tests.Scenarios;

/// <summary>
/// Parameters and outcomes become columns of an ensemble's runs table, whose names ignore case: ids that would
/// collide there are reported when the scenario is read, not after every run of an ensemble.
/// </summary>
public sealed class RunsTableColumnTests
{
    [TestCase("seed", "a column of the runs table")]
    [TestCase("Run", "a column of the runs table")]
    [TestCase("attrition", "the engine parameter")]
    [TestCase("Attrition", "the engine parameter")]
    public void Outcome_NamingATableColumn_IsReportedAtItsId(string id, string owner)
    {
        var result = LoadText(Header + $"\noutcomes:\n  - {{id: {id}, expr: \"tick\"}}\n");
        var d = AssertDiagnostic(result, $"outcome id '{id}' would share a column", 8, 10);
        Assert.That(d.Message, Does.EndWith(owner));
    }

    [Test]
    public void ParameterAndOutcome_WithOneIdUpToCase_IsReportedAtTheSecond()
    {
        var result = LoadText(Header + """

            parameters:
              - {id: backing, value: 0.5, range: [0, 1]}
            outcomes:
              - {id: Backing, expr: "tick"}
            """);
        var d = AssertDiagnostic(result, "outcome id 'Backing' would share a column", 10, 10);
        Assert.That(d.Message, Does.Contain("parameter 'backing' at s.yaml:8:10"));
    }

    [Test]
    public void Outcomes_DifferingOnlyInCase_AreReported()
    {
        var result = LoadText(Header + "\noutcomes:\n  - {id: war, expr: \"tick\"}\n  - {id: WAR, expr: \"tick\"}\n");
        AssertDiagnostic(result, "outcome id 'WAR' would share a column", 9, 10);
    }

    [Test]
    public void RedeclaredEngineParameter_IsStillAllowed()
    {
        var result = LoadText(Header + "\nparameters:\n  - {id: attrition, value: 0.02, range: [0, 1]}\n");
        Assert.That(result.Diagnostics, Is.Empty, () => string.Join("\n", result.Diagnostics));
    }

    [Test]
    public void ActorAndRegionIds_DifferingOnlyInCase_AreReportedAtTheSecond()
    {
        // Recorded, they would name one column of the time-series table (power.A and power.a).
        var actors = LoadText(Header.Replace("{id: B, kind: state}", "{id: a, kind: state}", StringComparison.Ordinal));
        var d = AssertDiagnostic(actors, "id 'a' differs from 'A' at s.yaml:3:10 only in letter case", 4, 10);
        Assert.That(d.Hint, Does.Contain("ignore case"));
        var regions = LoadText(Header + "\n  - {id: R1, lat: 1, lon: 1}\n");
        AssertDiagnostic(regions, "id 'R1' differs from 'r1' at s.yaml:6:10 only in letter case", 7, 10);
    }
}
