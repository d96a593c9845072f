using Sim.Engine.Runs.Calibration;
using Sim.Engine.Runs.Ensembles;
using Sim.Engine.Scenarios;
using Sim.Output;

namespace Sim.Engine.Tests.Runs.Calibration;

/// <summary>
/// A posterior design: each run draws its parameters from a weighted sample by its own seed. The outputs must keep
/// every guarantee of other ensembles (same bytes for any threads, shards and merge) and each run must replay from
/// its seed and the values recorded for it.
/// </summary>
public class PosteriorEnsembleTests
{
    private static readonly string ScenarioPath = RepoPaths.Scenario("tutorial");
    private static readonly PosteriorSample Sample = new(["backing", "attrition"], [0.1, 0.2, 0.8, 0.05, 0.5, 0.1], [0.2, 0.5, 0.3]);
    private string _root = "";

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("sim-posterior-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private static EnsemblePlan Plan(int runs) =>
        EnsemblePlan.Create(ScenarioLoader.Load(ScenarioPath).Definition!, ScenarioPath, 5, runs, 60, [], new ParameterDesign.Posterior(Sample));

    private string Run(string name, EnsemblePlan plan, int threads, Shard? shard = null)
    {
        var folder = Path.Combine(_root, name);
        var ensemble = Ensemble.Prepare(plan, Scenario.Load(ScenarioPath), shard ?? Shard.All, folder, resume: false, force: false);
        Assert.That(ensemble.RunPending(threads, null, CancellationToken.None), Is.EqualTo(ensemble.ShardRunCount));
        EnsembleTables.Write(EnsembleResults.Load(folder), TableFormat.Csv, new HashSet<int> { 0 }, threads);
        return folder;
    }

    [Test]
    public void Ensemble_OneOrThreeThreadsOrShards_SameBytes()
    {
        var plan = Plan(30);
        var one = Run("one", plan, 1);
        var three = Run("three", plan, 3);
        var shards = Enumerable.Range(0, 3).Select(i => Run($"shard{i}", plan, 1, new Shard(i, 3))).ToList();
        var merged = Path.Combine(_root, "merged");
        EnsembleMerge.Merge(shards, merged, force: false);
        EnsembleTables.Write(EnsembleResults.Load(merged), TableFormat.Csv, new HashSet<int> { 0 }, 1);
        foreach (var f in new[] { "runs.csv", "timeseries.csv", "ensemble.json" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(three, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, f))), f);
            Assert.That(File.ReadAllBytes(Path.Combine(merged, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(one, f))), f);
        }
    }

    [Test]
    public void Ensemble_EachRunRecordsItsDraw_AndReplaysFromItsSeedAndValues()
    {
        var plan = Plan(24);
        var folder = Run("replay", plan, 2);
        var rows = File.ReadAllLines(Path.Combine(folder, "runs.csv"));
        var header = rows[0].Split(',');
        var (backing, attrition) = (Array.IndexOf(header, "backing"), Array.IndexOf(header, "attrition"));
        var outcome = Array.IndexOf(header, "fatalities");
        var seen = new HashSet<string>();
        for (var r = 0; r < 24; r++)
        {
            var cells = rows[r + 1].Split(',');
            var drawn = Sample.Particle(Sample.Draw(plan.SeedOf(r)));
            Assert.That(double.Parse(cells[backing], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(drawn[0]));
            Assert.That(double.Parse(cells[attrition], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(drawn[1]));
            seen.Add(cells[backing]);
            if (r < 3)
            {
                var replay = Scenario.Load(ScenarioPath).With("backing", drawn[0]).With("attrition", drawn[1]).StartRun(plan.SeedOf(r), 60);
                replay.Run();
                Assert.That(double.Parse(cells[outcome], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(replay.Outcome("fatalities")).Within(1e-9));
            }
        }

        Assert.That(seen, Has.Count.EqualTo(3), "every particle drawn at least once in 24 runs");
    }

    [Test]
    public void Experiment_FromPosterior_SameRunsAsTheEnsemble()
    {
        var results = new Experiment(Scenario.Load(ScenarioPath)) { Replicates = 12, Seed = 5, Ticks = 60, Threads = 2 }.FromPosterior(Sample).Run();
        var plan = Plan(12);
        Assert.That(results.Varied, Is.EqualTo(new[] { "backing", "attrition" }));
        for (var r = 0; r < 12; r++)
        {
            Assert.That(results.Runs[r].Parameters, Is.EqualTo(plan.ParametersOf(r)));
        }

        Assert.That(results.Summarize()[0].Runs, Is.EqualTo(12), "one point: statistics pool every draw");
    }

    [Test]
    public void Plan_ParticleOutsideTheDeclaredRange_Refused()
    {
        var bad = new PosteriorSample(["backing"], [0.5, 1.5], [1, 1]);
        Assert.That(() => EnsemblePlan.Create(ScenarioLoader.Load(ScenarioPath).Definition!, ScenarioPath, 5, 4, 60, [], new ParameterDesign.Posterior(bad)),
            Throws.TypeOf<InputException>().With.Message.Contains("particle 1"));
    }

    [Test]
    public void PosteriorFile_WriteThenRead_SameSample()
    {
        var path = Path.Combine(_root, "posterior.parquet");
        PosteriorFile.Write(path, TableFormat.Parquet, Sample, [0.1, 0.2, 0.3]);
        var read = PosteriorFile.Read(path);
        Assert.That(read.Names, Is.EqualTo(Sample.Names));
        Assert.That(read.Values, Is.EqualTo(Sample.Values));
        Assert.That(read.Weights, Is.EqualTo(Sample.Weights));
        File.WriteAllText(Path.Combine(_root, "bad.csv"), "a,b\n1,2\n");
        Assert.That(() => PosteriorFile.Read(Path.Combine(_root, "bad.csv")), Throws.TypeOf<InputException>().With.Message.Contains("'weight' column"));
    }

    // Refused by the column's type before any value is read (DuckDB.NET builds these values by reflection, which the
    // native tool cannot: a struct crashed it).
    [TestCase("[0.5, 0.6]", "List")]
    [TestCase("{'a': 0.5}", "Struct")]
    [TestCase("MAP {'k': 1}", "Map")]
    [TestCase("DATE '2020-01-01'", "Date")]
    public void PosteriorFile_ColumnOfNonNumbers_RefusedByItsType(string value, string type)
    {
        var path = WriteParquet("odd.parquet", $"{value} AS backing, 1.0 AS weight");
        Assert.That(() => PosteriorFile.Read(path), Throws.TypeOf<InputException>().With.Message.Contains($"'backing' is a column of {type} values, not numbers"));
    }

    [Test]
    public void PosteriorFile_NumbersOfAnyWidthTextAndBooleans_Read()
    {
        var path = WriteParquet("mixed.parquet", "2::TINYINT AS a, 0.25 AS b, '0.5' AS c, true AS d, 3::HUGEINT AS e, 1.5::FLOAT AS weight");
        var read = PosteriorFile.Read(path);
        Assert.That(read.Names, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
        Assert.That(read.Values, Is.EqualTo(new[] { 2.0, 0.25, 0.5, 1.0, 3.0 }));
    }

    /// <summary>A one-row Parquet file of the columns <paramref name="select"/> makes, written by DuckDB.</summary>
    private string WriteParquet(string name, string select)
    {
        var path = Path.Combine(_root, name);
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT {select}) TO '{path}' (FORMAT parquet)";
        command.ExecuteNonQuery();
        return path;
    }
}
