using Sim.Ecs;
using Sim.Engine.Core;
using Sim.Engine.Runs;

namespace Sim.Engine.Tests.Runs;

[TestFixture]
public class SimulationTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    [Test]
    public void Step_SeveralTicks_SystemsInDeclaredOrderThenObservers()
    {
        var log = new List<string>();
        var simulation = new Simulation(
            new World(),
            new WorldClock(Start, daysPerTick: 7),
            seed: 1,
            [new Recorder("diplomacy", log), new Recorder("combat", log), new Recorder("economy", log)]);
        simulation.Observe(new ObserverRecorder("recorder", log));
        simulation.Observe(new ObserverRecorder("map", log));

        simulation.Run(3);

        var expected = Enumerable.Range(0, 3).SelectMany(t => new[]
        {
            $"diplomacy@{t}", $"combat@{t}", $"economy@{t}", $"recorder@{t}", $"map@{t}",
        });
        Assert.That(log, Is.EqualTo(expected));
        string[] names = ["diplomacy", "combat", "economy"];
        Assert.That(simulation.Systems.Select(s => s.Name), Is.EqualTo(names));
    }

    [Test]
    public void Run_Ticks_ClockAdvancesAndDatesFollowStartPlusTickTimesDays()
    {
        var log = new List<string>();
        var clock = new WorldClock(Start, daysPerTick: 7);
        var simulation = new Simulation(new World(), clock, 1, [new DateRecorder(log)]);
        var progress = new List<int>();

        simulation.Run(4, new SynchronousProgress(progress));
        string[] dates = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"];
        int[] reports = [1, 2, 3, 4];

        Assert.Multiple(() =>
        {
            Assert.That(clock.Tick, Is.EqualTo(4));
            Assert.That(clock.Day, Is.EqualTo(28));
            Assert.That(clock.Date, Is.EqualTo(new DateOnly(2024, 1, 29)));
            Assert.That(log, Is.EqualTo(dates));
            Assert.That(progress, Is.EqualTo(reports));
        });
    }

    [Test]
    public void Run_CancelledToken_ThrowsBeforeAnyTick()
    {
        var clock = new WorldClock(Start);
        var simulation = new Simulation(new World(), clock, 1, []);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => simulation.Run(5, cancellation: cancellation.Token));
        Assert.That(clock.Tick, Is.Zero);
    }

    [Test]
    public void Random_SameTickPurposeEntity_SameStream_NextTickDiffers()
    {
        var simulation = new Simulation(new World(), new WorldClock(Start), 9, []);
        var a = simulation.Random(3, 42).NextUInt64();
        var b = simulation.Random(3, 42).NextUInt64();
        var otherEntity = simulation.Random(3, 43).NextUInt64();
        simulation.Step();
        var nextTick = simulation.Random(3, 42).NextUInt64();

        Assert.That(b, Is.EqualTo(a));
        Assert.That(otherEntity, Is.Not.EqualTo(a));
        Assert.That(nextTick, Is.Not.EqualTo(a));
    }

    private sealed class Recorder(string name, List<string> log) : ISystem
    {
        public string Name => name;

        public void Update(Simulation simulation) => log.Add($"{name}@{simulation.Clock.Tick}");
    }

    private sealed class ObserverRecorder(string name, List<string> log) : ITickObserver
    {
        public void OnTick(Simulation simulation) => log.Add($"{name}@{simulation.Clock.Tick}");
    }

    private sealed class DateRecorder(List<string> log) : ISystem
    {
        public string Name => "dates";

        public void Update(Simulation simulation) =>
            log.Add(simulation.Clock.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Reports on the calling thread; Progress&lt;T&gt; would post to the thread pool.</summary>
    private sealed class SynchronousProgress(List<int> values) : IProgress<int>
    {
        public void Report(int value) => values.Add(value);
    }
}
