using NUnit.Framework;
using Sim.Ecs;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;
using Sim.Output;

namespace Sim.Engine.Tests.Runs;

public class ScenarioRunTests
{
    private static ScenarioDefinition LoadShipped(string name)
    {
        var result = ScenarioLoader.Load(RepoPaths.Scenario(name));
        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty);
        return result.Definition!;
    }

    // Every run's outputs go under one folder, removed when the fixture is done.
    private string _root = null!;

    [OneTimeSetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("sim-run-tests-").FullName;

    [OneTimeTearDown]
    public void RemoveRoot() => Directory.Delete(_root, recursive: true);

    private string Outputs(ScenarioDefinition definition, ulong seed, int ticks, TableFormat format = TableFormat.Csv)
    {
        var run = new ScenarioRun(definition, seed, ticks);
        run.Run();
        var dir = Path.Combine(_root, $"seed{seed}-{Guid.NewGuid():N}");
        RunOutputs.Write(run, dir, format, "test");
        return dir;
    }

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.ShippedScenarios))]
    public void ShippedScenario_IsValid(string name) => Assert.That(LoadShipped(name).Actors, Is.Not.Empty);

    [Test]
    public void Run_SameSeed_GivesIdenticalBytes_DifferentSeedDiffers()
    {
        var definition = LoadShipped("sahel-2024");
        var a = Outputs(definition, 42, 120);
        var b = Outputs(definition, 42, 120);
        var c = Outputs(definition, 43, 120);
        foreach (var file in new[] { "events.csv", "timeseries.csv", "outcomes.json", "manifest.json" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(b, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, file))), file);
        }

        Assert.That(File.ReadAllBytes(Path.Combine(c, "events.csv")), Is.Not.EqualTo(File.ReadAllBytes(Path.Combine(a, "events.csv"))));
    }

    [Test]
    public void Run_ReusingAFinishedRunsBuffers_SameEventsSeriesAndOutcomesAsAFreshRun()
    {
        // The longer run first: its event log and series arrays hold more than the next run writes.
        var definition = LoadShipped("sahel-2024");
        var finished = new ScenarioRun(definition, 3, 200);
        finished.Run();
        var fresh = new ScenarioRun(definition, 4, 120);
        fresh.Run();

        var reusing = new ScenarioRun(definition, 4, 120, new RunOptions { Reuse = finished });
        Assert.That(reusing.State.Events, Is.SameAs(finished.State.Events), "the log is taken over, not copied");
        Assert.That(reusing.State.Events.Count, Is.Zero);
        reusing.Run();

        Assert.That(reusing.State.Events.All.ToArray(), Is.EqualTo(fresh.State.Events.All.ToArray()));
        for (var a = 0; a < definition.Actions.Length; a++)
        {
            Assert.That(reusing.State.Events.OfAction(a).ToArray(), Is.EqualTo(fresh.State.Events.OfAction(a).ToArray()), definition.Actions[a].Id);
        }

        Assert.That(reusing.Recorder.Ticks, Is.EqualTo(120));
        for (var c = 0; c < fresh.Recorder.Columns.Count; c++)
        {
            Assert.That(reusing.Recorder.Series(c).ToArray(), Is.EqualTo(fresh.Recorder.Series(c).ToArray()), fresh.Recorder.Columns[c].Name);
        }

        Assert.That(reusing.EvaluateOutcomes(), Is.EqualTo(fresh.EvaluateOutcomes()));
    }

    [Test]
    public void Run_SameSeed_GivesIdenticalWorldState()
    {
        var definition = LoadShipped("sahel-2024");
        var first = new ScenarioRun(definition, 5, 60);
        var second = new ScenarioRun(definition, 5, 60);
        first.Run();
        second.Run();
        Assert.That(StateHash.Of(second.State.World), Is.EqualTo(StateHash.Of(first.State.World)));
    }

    [Test]
    public void TutorialRun_MatchesGoldenOutputs()
    {
        var dir = Outputs(LoadShipped("tutorial"), 7, 30);
        var golden = Path.Combine(RepoPaths.Root, "tests", "Sim.Engine.Tests", "Runs", "golden", "tutorial-seed7-30");
        foreach (var file in new[] { "events.csv", "timeseries.csv", "outcomes.json" })
        {
            var actual = File.ReadAllText(Path.Combine(dir, file));
            if (Environment.GetEnvironmentVariable("SIM_UPDATE_GOLDEN") == "1")
            {
                Directory.CreateDirectory(golden);
                File.WriteAllText(Path.Combine(golden, file), actual);
            }

            Assert.That(actual, Is.EqualTo(File.ReadAllText(Path.Combine(golden, file))), $"{file} differs from the golden copy; if the model changed on purpose, rerun with SIM_UPDATE_GOLDEN=1 and review the diff");
        }
    }

    [Test]
    public void Run_ParquetOutputs_ReadBackWithTheSameRows()
    {
        var definition = LoadShipped("tutorial");
        var csv = Outputs(definition, 7, 30);
        var parquet = Outputs(definition, 7, 30, TableFormat.Parquet);
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM read_parquet('{Path.Combine(parquet, "events.parquet")}')";
        var rows = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(rows, Is.EqualTo(File.ReadAllLines(Path.Combine(csv, "events.csv")).Length - 1));
        Assert.That(Directory.GetFiles(parquet, ".*"), Is.Empty, "no temporary files left behind");
    }

    [Test]
    public void Run_Parquet_KeepsDeclaredTypes_WhereSniffingTextWouldGuessWrong()
    {
        // An actor called T reads as a boolean and a CAMEO code 050 as a number when types are guessed from text.
        var definition = Model.TinyWorld.Load("""
            scenario: {name: types, start: 2024-01-01, tick: 1d, horizon: 3}
            actors:
              - {id: T, name: T, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
              - {id: F, name: F, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
            regions:
              - {id: r, name: R, lat: 0, lon: 0, controller: T}
            timeline:
              - {tick: 1, then: [{event: {action: cooperate, actor: T, target: F}}]}
            record: {pairs: [[T, F]], regions: [r]}
            """);
        var dir = Outputs(definition, 1, 3, TableFormat.Parquet);
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        string TypeOf(string file, string column)
        {
            command.CommandText = $"SELECT typeof(\"{column}\") FROM read_parquet('{Path.Combine(dir, file)}') LIMIT 1";
            return (string)command.ExecuteScalar()!;
        }

        Assert.That(TypeOf("events.parquet", "actor"), Is.EqualTo("VARCHAR"));
        Assert.That(TypeOf("events.parquet", "cameo"), Is.EqualTo("VARCHAR"));
        Assert.That(TypeOf("events.parquet", "date"), Is.EqualTo("DATE"));
        Assert.That(TypeOf("events.parquet", "fatalities"), Is.EqualTo("INTEGER"));
        Assert.That(TypeOf("timeseries.parquet", "controller.r"), Is.EqualTo("VARCHAR"));
        Assert.That(TypeOf("timeseries.parquet", "affinity.T.F"), Is.EqualTo("DOUBLE"));
        command.CommandText = $"SELECT cameo, actor FROM read_parquet('{Path.Combine(dir, "events.parquet")}') WHERE action = 'cooperate'";
        using var reader = command.ExecuteReader();
        Assert.That(reader.Read(), Is.True);
        Assert.That((reader.GetString(0), reader.GetString(1)), Is.EqualTo(("050", "T")));
    }

    [Test]
    public void Run_DoesNotAllocatePerTick_AfterWarmUp()
    {
        var run = new ScenarioRun(LoadShipped("sahel-2024"), 3, 365);
        run.Simulation.Run(100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        run.Simulation.Run(50);
        var perTick = (GC.GetAllocatedBytesForCurrentThread() - before) / 50.0;
        Assert.That(perTick, Is.LessThan(64), "bytes per tick; only amortised growth of the event log may allocate");
    }
}
