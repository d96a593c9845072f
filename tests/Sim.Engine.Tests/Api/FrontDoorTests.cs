using Sim.Engine.Core;
using Sim.Engine.Runs.Ensembles;
using Sim.Output;

namespace Sim.Engine.Tests.Api;

/// <summary>The public API in namespace Sim: scenarios, runs and experiments, as a library user meets them.</summary>
public class FrontDoorTests
{
    private static readonly Scenario Tutorial = Scenario.Load(RepoPaths.Scenario("tutorial"));

    [Test]
    public void Load_MissingFile_ThrowsScenarioExceptionWithPosition()
    {
        var e = Assert.Throws<ScenarioException>(() => Scenario.Load("no/such/scenario.yaml"));
        Assert.That(e!.Diagnostics, Has.Count.EqualTo(1));
        Assert.That(e.Message, Does.StartWith("no/such/scenario.yaml:1:1: error: cannot read"));
    }

    [Test]
    public void Parse_BadText_NamesLineAndColumn()
    {
        var e = Assert.Throws<ScenarioException>(() => Scenario.Parse("scenario: {name: x, start: 2024-01-01, tick: 1d, horizon: 5}\nactors: 3\n", "mine.yaml"));
        Assert.That(e!.Diagnostics[0].File, Is.EqualTo("mine.yaml"));
        Assert.That(e.Diagnostics[0].Line, Is.EqualTo(2));
    }

    [Test]
    public void With_SetsParameter_AndLeavesTheOriginalAlone()
    {
        var backed = Tutorial.With("backing", 1);
        Assert.That(backed.Parameters["backing"], Is.EqualTo(1));
        Assert.That(Tutorial.Parameters["backing"], Is.Not.EqualTo(1));
        Assert.That(backed.Overrides, Is.EqualTo(new[] { "backing=1" }));
    }

    [TestCase("nope", 1, "no parameter 'nope'")]
    [TestCase("backing", 7, "outside its declared range")]
    [TestCase("backing", double.NaN, "finite")]
    public void With_BadValue_ThrowsArgumentExceptionInTheApiWords(string name, double value, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => Tutorial.With(name, value));
        Assert.That(e!.Message, Does.Contain(expected));
        Assert.That(e.Message, Does.Not.Contain("--set"));
    }

    [Test]
    public void Step_ThenRun_SameAsRunningStraightThrough()
    {
        var stepped = Tutorial.StartRun(seed: 7);
        stepped.Step();
        stepped.Step(9);
        Assert.That(stepped.Tick, Is.EqualTo(10));
        Assert.That(stepped.Date, Is.EqualTo(Tutorial.Start.AddDays(10 * Tutorial.DaysPerTick)));
        stepped.Run();
        var straight = Tutorial.StartRun(seed: 7);
        straight.Run();
        Assert.That(stepped.IsFinished, Is.True);
        Assert.That(stepped.Outcomes, Is.EqualTo(straight.Outcomes));
        Assert.That(stepped.Events, Is.EqualTo(straight.Events));
        Assert.Throws<InvalidOperationException>(() => stepped.Step());
    }

    [Test]
    public void StateById_MatchesTheModelState()
    {
        var run = Tutorial.StartRun(seed: 3, ticks: 30);
        run.Run();
        var def = run.Definition;
        int A(string id) => def.ActorIndex(id);
        Assert.That(run.Escalation("NORTH", "SOUTH"), Is.EqualTo(run.State.Escalation[A("NORTH"), A("SOUTH")]));
        Assert.That(run.Affinity("NORTH", "EAST"), Is.EqualTo(run.State.Affinity[A("NORTH"), A("EAST")]));
        Assert.That(run.Strength("FRONT", "riverford"), Is.EqualTo(run.State.Strengths.Of(A("FRONT"), def.RegionIndex("riverford"))));
        Assert.That(run.Controller("northgate"), Is.EqualTo("NORTH").Or.EqualTo("SOUTH").Or.EqualTo("FRONT").Or.EqualTo("EAST").Or.Null);
        Assert.That(run.Series("fatalities"), Has.Length.EqualTo(30));
        Assert.That(run.Outcome("fatalities"), Is.EqualTo(run.Fatalities()));
        Assert.Throws<ArgumentException>(() => run.Escalation("NORTH", "MARS"));
    }

    [Test]
    public void Events_CarryNamesAndTheCameoCodeAsText()
    {
        var run = Tutorial.StartRun(seed: 7);
        run.Run();
        var events = run.Events;
        Assert.That(events, Is.Not.Empty);
        foreach (var e in events)
        {
            Assert.That(Tutorial.Definition.ActionIndex(e.Action), Is.GreaterThanOrEqualTo(0));
            Assert.That(e.Actor is null || Tutorial.Actors.Contains(e.Actor), e.Actor);
            Assert.That(e.Cameo, Does.Match("^[0-9]{3,4}$"));
        }
    }

    [Test]
    public void Experiment_SameResultsOnOneThreadOrTwo_AndEachRunReplaysFromItsSeed()
    {
        Experiment Make(int threads) => new(Tutorial) { Replicates = 6, Threads = threads, Ticks = 40 };
        var one = Make(1).Sweep("backing", [0, 1]).Run();
        var two = Make(2).Sweep("backing", [0, 1]).Run();
        Assert.That(one.Runs.Select(r => r.Outcomes), Is.EqualTo(two.Runs.Select(r => r.Outcomes)));
        Assert.That(one.Runs, Has.Count.EqualTo(12));

        var last = one.Runs[^1];
        Assert.That((last.Point, last.Replicate, last.Parameters), Is.EqualTo((1, 5, (IReadOnlyList<double>)[1.0])));
        var replay = Tutorial.With("backing", 1).StartRun(last.Seed, ticks: 40);
        replay.Run();
        Assert.That(replay.EvaluateOutcomes(), Is.EqualTo(last.Outcomes));
    }

    [Test]
    public void Experiment_LatinHypercube_AndKeptSeries()
    {
        var results = new Experiment(Tutorial) { Replicates = 2, Ticks = 12, KeepSeries = true }.LatinHypercube(3).Run();
        Assert.That(results.Varied, Is.EqualTo(new[] { "backing" }));
        Assert.That(results.Points, Has.Count.EqualTo(3));
        Assert.That(results.RunSeries(5, "fatalities").Length, Is.EqualTo(12));
        Assert.That(results.Values("open_war", point: 1), Has.Length.EqualTo(2));
    }

    [TestCase(2, true)]
    [TestCase(20, false)]
    public void Experiment_CancelledBeforeItsLastRunThrows_AfterItReturnsEveryRun(int cancelAt, bool throws)
    {
        using var cancel = new CancellationTokenSource();
        // One thread runs at most a few runs ahead of those reported (the queue between them is bounded), so a cancel
        // at run 2 of 20 always comes before the last.
        var experiment = new Experiment(Tutorial) { Replicates = 20, Ticks = 10, Threads = 1 };
        ExperimentResults Run() => experiment.Run(new CancelAt(cancelAt, cancel), cancel.Token);
        if (throws)
        {
            Assert.Throws<OperationCanceledException>(() => Run());
        }
        else
        {
            Assert.That(Run().Runs, Has.Count.EqualTo(20));
        }

        Assert.That(cancel.IsCancellationRequested);
    }

    [Test]
    public void Experiment_BadDesign_SaysWhatInItsOwnWords()
    {
        var e = Assert.Throws<InputException>(() => new Experiment(Tutorial).Sweep("backing", 0, 5, 3).Run());
        Assert.That(e!.Message, Does.Contain("outside backing's range"));
        Assert.That(e.Message, Does.Not.Contain("--"));
        Assert.Throws<InputException>(() => new Experiment(Tutorial) { Replicates = 0 }.Run());
        Assert.Throws<InvalidOperationException>(() => new Experiment(Tutorial).Sweep("backing", 0, 1, 2).LatinHypercube(4).Run());
    }

    [Test]
    public void Compare_SameSettings_NothingChanges_ADifferentSettingIsPaired()
    {
        var a = new Experiment(Tutorial) { Replicates = 40, Ticks = 60 }.Run();
        var again = new Experiment(Tutorial) { Replicates = 40, Ticks = 60 }.Run();
        var rows = Experiment.Compare(a, again);
        Assert.That(rows, Has.Count.EqualTo(Tutorial.Outcomes.Count));
        Assert.That(rows.Select(r => r.Test.Difference.Value), Is.All.EqualTo(0));
        Assert.That(rows.Any(r => r.Changed), Is.False);
        Assert.That(EnsembleComparison.Paired(a, again), Is.True);
    }

    [Test]
    public void AddSystems_RunAfterTheModelEveryTick()
    {
        var ticks = new List<int>();
        var run = Tutorial.StartRun(seed: 1, ticks: 5, new RunOptions { AddSystems = _ => [new Probe(ticks)] });
        run.Run();
        Assert.That(run.Simulation.Systems[^1].Name, Is.EqualTo("probe"));
        Assert.That(ticks, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
    }

    private sealed class Probe(List<int> ticks) : ISystem
    {
        public string Name => "probe";

        public void Update(Simulation simulation) => ticks.Add(simulation.Clock.Tick);
    }

    /// <summary>Cancels when the experiment reports <paramref name="at"/> runs done (reported synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class CancelAt(long at, CancellationTokenSource cancel) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value == at)
            {
                cancel.Cancel();
            }
        }
    }
}
