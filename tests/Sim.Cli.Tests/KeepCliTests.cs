using DuckDB.NET.Data;
using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary>
/// <c>sim mc --keep</c> and <c>sim export</c>: every run's events and series, led by run, point, replicate and seed,
/// with codes and seeds as text, the very rows a <c>sim run</c> of the run's seed writes, and the same bytes for any
/// thread count.
/// </summary>
public class KeepCliTests
{
    private static readonly string Tutorial = Cli.Tutorial;
    private static readonly string[] RunColumns = ["run", "point", "replicate", "seed", "seed_text"];
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("sim-cli-keep-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Mc(string name, params string[] extra) => Mc(name, 4, extra);

    private string Mc(string name, int runs, params string[] extra)
    {
        var folder = Path.Combine(_dir, name);
        var (code, _, err) = Cli.Sim(["mc", Tutorial, "--runs", runs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7", "--out", folder, "--quiet", .. extra]);
        Assert.That(code, Is.Zero, err);
        return folder;
    }

    /// <summary>The CSV's lines after the header, split at the first <paramref name="lead"/> commas: (lead cells, rest of the line).</summary>
    private static List<(string[] Lead, string Line)> Rows(string path, int lead) =>
        [.. File.ReadLines(path).Skip(1).Select(line =>
        {
            var cells = line.Split(',', lead + 1);
            return (cells[..lead], cells[lead]);
        })];

    [Test]
    public void McKeep_Csv_RowsAreThoseOfSimRunOfTheSameSeed_LedByRunPointAndSeedAsText()
    {
        var folder = Mc("e", "--keep", "events,series", "--format", "csv");
        var events = File.ReadLines(Path.Combine(folder, "events.csv")).First();
        Assert.That(events, Does.StartWith(string.Join(',', RunColumns) + ",tick,date,action,actor,target,region,cameo,"));
        Assert.That(File.ReadLines(Path.Combine(folder, "series.csv")).First(), Does.StartWith(string.Join(',', RunColumns) + ",tick,date,"));

        // Seeds: the text column holds every digit of the manifest's (runs table's) seed, quoted.
        var seeds = File.ReadLines(Path.Combine(folder, "runs.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c[3]);
        var rows = Rows(Path.Combine(folder, "events.csv"), RunColumns.Length);
        Assert.That(rows.Select(r => r.Lead[0]).Distinct(), Is.EqualTo(new[] { "0", "1", "2", "3" }), "every run, in run order");
        foreach (var (lead, _) in rows)
        {
            Assert.That(lead[4], Is.EqualTo($"\"{seeds[lead[0]]}\""));
            Assert.That(lead[3], Is.EqualTo(seeds[lead[0]]));
        }

        // Codes stay text: CAMEO 050 is written "050", never 50.
        Assert.That(rows.Select(r => r.Line.Split(',')[6]), Has.Some.Match("^\"0[0-9]+\"$").And.All.Match("^\"[0-9]+\"$"));

        // Run 2's rows are what 'sim run' writes for its seed, after the leading columns.
        var single = Path.Combine(_dir, "single");
        var (code, _, err) = Cli.Sim("run", Tutorial, "--seed", seeds["2"], "--format", "csv", "--out", single, "--quiet");
        Assert.That(code, Is.Zero, err);
        Assert.That(rows.Where(r => r.Lead[0] == "2").Select(r => r.Line), Is.EqualTo(File.ReadLines(Path.Combine(single, "events.csv")).Skip(1)));
        var series = Rows(Path.Combine(folder, "series.csv"), RunColumns.Length);
        Assert.That(series.Where(r => r.Lead[0] == "2").Select(r => r.Line), Is.EqualTo(File.ReadLines(Path.Combine(single, "timeseries.csv")).Skip(1)));
    }

    private static string[] ManifestOutputs(string folder)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        return [.. manifest.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!)];
    }

    [Test]
    public void McKeep_Parquet_SameBytesForAnyThreads_TypedColumns_AndExportWritesTheSame()
    {
        // More runs than go between two commits of the Parquet tables (64), so those are the same for any threads too.
        var one = Mc("one", 70, "--keep", "events,series", "--threads", "1");
        var two = Mc("two", 70, "--keep", "events", "--keep", "series", "--threads", "2");
        string[] files = ["events.parquet", "series.parquet", "actors.parquet", "regions.parquet", "outcomes.parquet", "parameters.parquet"];
        foreach (var f in files)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(two, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, f))), f);
        }

        // The manifest lists the kept tables beside the ensemble's own files, once each.
        var listed = ManifestOutputs(one);
        Assert.That(listed, Is.SupersetOf(files.Append("runs.parquet").Append("report.md")));
        Assert.That(listed, Is.Unique);

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        object Scalar(string sql)
        {
            command.CommandText = sql;
            return command.ExecuteScalar()!;
        }

        var events = Path.Combine(one, "events.parquet");
        Assert.That(Scalar($"SELECT typeof(cameo) || ' ' || typeof(seed_text) || ' ' || typeof(seed) FROM '{events}' LIMIT 1"), Is.EqualTo("VARCHAR VARCHAR UBIGINT"));
        Assert.That(Scalar($"SELECT count(*) FROM '{events}' WHERE cameo = '050'"), Is.GreaterThan(0));
        Assert.That(Scalar($"SELECT count(*) FROM '{events}' WHERE seed_text <> CAST(seed AS VARCHAR)"), Is.Zero);
        Assert.That(Scalar($"SELECT count(*) FROM '{events}' e JOIN '{Path.Combine(one, "runs.parquet")}' r USING (run) WHERE e.seed <> r.seed"), Is.Zero);
        Assert.That(Scalar($"SELECT count(DISTINCT run) FROM '{Path.Combine(one, "series.parquet")}'"), Is.EqualTo(70));
        Assert.That(Scalar($"SELECT name || ' ' || kind FROM '{Path.Combine(one, "actors.parquet")}' WHERE id = 'NORTH'"), Does.EndWith(" state").Or.EndWith(" junta"));
        Assert.That(Scalar($"SELECT count(*) FROM '{Path.Combine(one, "parameters.parquet")}' WHERE description IS NOT NULL AND source IS NOT NULL"), Is.GreaterThan(0));
        Assert.That(Scalar($"SELECT count(*) FROM '{Path.Combine(one, "outcomes.parquet")}' WHERE id = 'open_war' AND kind = 'bool'"), Is.EqualTo(1));

        // sim export replays the same runs from the store into the same bytes.
        File.Delete(events);
        var (code, output, err) = Cli.Sim("export", one, "--keep", "events", "--scenario", Tutorial, "--quiet");
        Assert.That(code, Is.Zero, err);
        Assert.That(output, Does.Contain("events.parquet"));
        Assert.That(File.ReadAllBytes(events), Is.EqualTo(File.ReadAllBytes(Path.Combine(two, "events.parquet"))));
        Assert.That(ManifestOutputs(one), Is.EquivalentTo(listed));
        Assert.That(Directory.EnumerateFiles(one, ".*"), Is.Empty, "no temporary file is left behind");
    }

    [Test]
    public void McKeepAcled_ReadsBackAsAcled_ToTheRunsOwnSummaryStatistics()
    {
        // The Mali hindcast declares the names GED and ACLED give its actors and regions: an ACLED-shaped export of a
        // run, read back as observed data, must give exactly the statistics the run's own events give.
        var file = Path.Combine(Cli.Root, "scenarios", "mali-2023", "scenario.yaml");
        var folder = Path.Combine(_dir, "acled");
        var (code, _, err) = Cli.Sim("mc", file, "--runs", "1", "--seed", "5", "--keep", "acled", "--format", "csv", "--out", folder, "--quiet");
        Assert.That(code, Is.Zero, err);
        var csv = Path.Combine(folder, "events_acled.csv");
        Assert.That(File.ReadLines(csv).First(), Does.StartWith(string.Join(',', RunColumns) + ",event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,"));

        var scenario = Scenario.Load(file);
        var seed = ulong.Parse(File.ReadLines(Path.Combine(folder, "runs.csv")).Skip(1).Single().Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        var run = scenario.StartRun(seed);
        run.Run();
        var layout = new Sim.Engine.Evidence.SummaryLayout(scenario.Definition, Sim.Engine.Evidence.SummaryWindow.Parse("2023-01:2023-12"));
        var observed = Sim.Engine.Evidence.Observations.Load(csv, scenario);
        var simulated = layout.Simulated(run.Events);
        Assert.That(simulated["events.total.2023-01"], Is.GreaterThan(0), "a run with events to compare");
        Assert.That(layout.Observed(observed).Values, Is.EqualTo(simulated.Values));
    }

    [Test]
    public void CompareKeep_EachEnsembleRunFromAScenarioWritesItsTables()
    {
        var folder = Path.Combine(_dir, "cmp");
        var (code, _, err) = Cli.Sim("compare", Tutorial, Tutorial + ",activity=0.2", "--runs", "3", "--keep", "events,acled", "--out", folder, "--quiet");
        Assert.That(code, Is.Zero, err);
        foreach (var ensemble in new[] { "ensemble-a", "ensemble-b" })
        {
            Assert.That(File.Exists(Path.Combine(folder, ensemble, "events.parquet")), ensemble);
            Assert.That(File.Exists(Path.Combine(folder, ensemble, "events_acled.parquet")), ensemble);
            Assert.That(File.Exists(Path.Combine(folder, ensemble, "actors.parquet")), ensemble);
        }

        var (bad, _, badErr) = Cli.Sim("compare", Tutorial, Tutorial + ",activity=0.2", "--runs", "3", "--keep", "runs", "--out", Path.Combine(_dir, "bad"), "--quiet");
        Assert.That(bad, Is.EqualTo(2));
        Assert.That(badErr, Does.Contain("no per-run table 'runs'"));
        Assert.That(Directory.Exists(Path.Combine(_dir, "bad")), Is.False, "refused before anything runs");
    }

    [TestCase("mc", "event")]
    [TestCase("mc", "events,runs")]
    [TestCase("export", "timeseries")]
    public void Keep_UnknownTable_ExitsTwo_NamingTheTables(string command, string keep)
    {
        string[] args = command == "mc"
            ? ["mc", Tutorial, "--runs", "2", "--out", Path.Combine(_dir, "x"), "--quiet", "--keep", keep]
            : ["export", _dir, "--keep", keep];
        var (code, _, err) = Cli.Sim(args);
        Assert.That(code, Is.EqualTo(2), err);
        Assert.That(err, Does.Contain("no per-run table").And.Contain("--keep events,series"));
        Assert.That(Directory.Exists(Path.Combine(_dir, "x")), Is.False, "refused before anything runs");
    }
}
