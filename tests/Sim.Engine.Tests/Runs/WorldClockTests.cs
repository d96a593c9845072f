using Sim.Engine.Core;

namespace Sim.Engine.Tests.Runs;

[TestFixture]
public class WorldClockTests
{
    private static readonly DateOnly Start = new(2024, 2, 26);

    [TestCase(0, "2024-02-26")]
    [TestCase(1, "2024-03-04")]
    [TestCase(5, "2024-04-01")]
    [TestCase(53, "2025-03-03")]
    public void DateOf_Tick_StartPlusTickTimesDays(int tick, string date)
    {
        var clock = new WorldClock(Start, daysPerTick: 7);
        Assert.That(clock.DateOf(tick), Is.EqualTo(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("2020-01-01", 0)]
    [TestCase("2024-02-26", 0)]
    [TestCase("2024-02-27", 1)]
    [TestCase("2024-03-04", 1)]
    [TestCase("2024-03-05", 2)]
    [TestCase("2024-04-01", 5)]
    public void TickOf_Date_FirstTickOnOrAfter(string date, int tick)
    {
        var clock = new WorldClock(Start, daysPerTick: 7);
        Assert.That(clock.TickOf(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(tick));
    }

    [Test]
    public void TickOf_DateOf_RoundTrip()
    {
        var clock = new WorldClock(Start, daysPerTick: 3);
        for (var tick = 0; tick < 500; tick++)
        {
            Assert.That(clock.TickOf(clock.DateOf(tick)), Is.EqualTo(tick));
        }
    }

    [Test]
    public void Constructor_DaysPerTickBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new WorldClock(Start, 0));
}
