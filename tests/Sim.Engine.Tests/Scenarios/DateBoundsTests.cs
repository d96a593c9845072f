using NUnit.Framework;
using static Sim.Engine.Tests.Scenarios.ScenarioTestHelpers;

namespace Sim.Engine.Tests.Scenarios;

/// <summary>A run's dates stay within what a date can hold (9999-12-31): checked when the scenario is read, not met as a crash mid-run.</summary>
public sealed class DateBoundsTests
{
    private const string Actors = "\nactors:\n  - {id: A, kind: state}\n";

    [TestCase("3000000d")]
    [TestCase("306783379w")]
    [TestCase("99999999999999999999d")]
    public void Load_TickLongerThanACentury_IsADiagnosticAtTheTick(string tick)
    {
        var result = LoadText($"scenario: {{name: x, start: 2024-01-01, tick: {tick}, horizon: 10}}" + Actors);
        AssertDiagnostic(result, "the longest a tick may be", 1, 46);
    }

    [Test]
    public void Load_HorizonPastTheLastDate_IsADiagnosticAtTheHorizon()
    {
        var result = LoadText("scenario: {name: x, start: 9999-12-01, tick: 1d, horizon: 100}" + Actors);
        AssertDiagnostic(result, "end after 9999-12-31", 1, 59);
        Assert.That(LoadText("scenario: {name: x, start: 9999-12-01, tick: 1d, horizon: 30}" + Actors).Diagnostics, Is.Empty);
    }

    [Test]
    public void Run_MoreTicksThanDatesHold_IsRefusedWithTheMost()
    {
        var definition = LoadText("scenario: {name: x, start: 9999-12-01, tick: 1w, horizon: 2}" + Actors).Definition!;
        Assert.That(definition.MaxTicks, Is.EqualTo(4));
        Assert.DoesNotThrow(() => new ScenarioRun(definition, 1, 4));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ScenarioRun(definition, 1, 5));
        Assert.That(e!.Message, Does.Contain("at most 4"));
    }
}
