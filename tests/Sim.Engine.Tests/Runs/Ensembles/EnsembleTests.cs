using Sim.Engine.Runs.Ensembles;
using Sim.Engine.Scenarios;
using Sim.Output;

namespace Sim.Engine.Tests.Runs.Ensembles;

/// <summary>
/// An ensemble's outputs are a function of its plan alone: thread count, interruption and sharding must not change
/// a byte. The tutorial scenario keeps these fast.
/// </summary>
public class EnsembleTests
{
    private static readonly string ScenarioPath = RepoPaths.Scenario("tutorial");
    private string _root = "";

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("sim-ensemble-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private static EnsemblePlan Plan(int runs, ParameterDesign? design = null)
    {
        var def = ScenarioLoader.Load(ScenarioPath).Definition!;
        return EnsemblePlan.Create(def, ScenarioPath, 42, runs, 60, [], design ?? new ParameterDesign.OnePoint());
    }

    private string Run(string name, EnsemblePlan plan, int threads, Shard? shard = null)
    {
        var folder = Path.Combine(_root, name);
        var ensemble = Ensemble.Prepare(plan, Scenario.Load(ScenarioPath), shard ?? Shard.All, folder, resume: false, force: false);
        Assert.That(ensemble.RunPending(threads, null, CancellationToken.None), Is.EqualTo(ensemble.ShardRunCount));
        return folder;
    }

    private static string[] Finish(string folder, int threads = 0)
    {
        var results = EnsembleResults.Load(folder);
        EnsembleTables.Write(results, TableFormat.Parquet, new HashSet<int> { 0 }, threads);
        return ["runs.parquet", "timeseries.parquet", "manifest.json", "ensemble.json"];
    }

    private static void AssertSameFiles(string a, string b, string[] files)
    {
        foreach (var f in files)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(b, f)), Is.EqualTo(File.ReadAllBytes(Path.Combine(a, f))), f);
        }
    }

    [Test]
    public void RunPending_OneOrThreeThreads_SameBytes()
    {
        // More runs than the summary decodes in one batch, so batches and their order are exercised too.
        var plan = Plan(150);
        var one = Run("one", plan, 1);
        var three = Run("three", plan, 3);
        var files = Finish(one, threads: 1);
        Finish(three, threads: 3);
        AssertSameFiles(one, three, files);
    }

    [TestCase(3, 0, 1)]
    [TestCase(2, 1, 2)]
    public void Tables_FromRunsKeptInMemory_SameBytesAsFromTheStore(int threads, int shardIndex, int shardCount)
    {
        // More runs than one copied batch, not a multiple of it, and a shard's strided runs: rows must land where the store
        // puts them, each in its own point's summary (a point's summary does not depend on the order of its rows).
        var folder = Path.Combine(_root, "kept");
        var plan = Plan(75, new ParameterDesign.Grid([ParameterDesign.Axis.Range("backing", 0, 1, 2)]));
        var ensemble = Ensemble.Prepare(plan, Scenario.Load(ScenarioPath), new Shard(shardIndex, shardCount), folder, resume: false, force: false);
        ensemble.RunPending(threads, null, CancellationToken.None, keepInMemory: true);
        using var inMemory = ensemble.TakeRunsInMemory();
        Assert.That(inMemory, Is.Not.Null, "a whole ensemble done here keeps its runs");
        var results = EnsembleResults.Load(folder, inMemory);
        var (_, fromMemory) = EnsembleTables.WriteTables(results, TableFormat.Csv, new HashSet<int> { 0, 1 }, threads, null, inMemory);
        var memoryBytes = new[] { "timeseries.csv", "runs.csv" }.Select(f => File.ReadAllBytes(Path.Combine(folder, f))).ToList();
        var (_, fromStore) = EnsembleTables.WriteTables(EnsembleResults.Load(folder), TableFormat.Csv, new HashSet<int> { 0, 1 }, threads);
        Assert.That(memoryBytes[0], Is.EqualTo(File.ReadAllBytes(Path.Combine(folder, "timeseries.csv"))));
        Assert.That(memoryBytes[1], Is.EqualTo(File.ReadAllBytes(Path.Combine(folder, "runs.csv"))), "outcomes from memory");
        Assert.That(fromMemory.Select(s => s.Quantiles[2]), Is.EqualTo(fromStore.Select(s => s.Quantiles[2])));
    }

    [TestCase(2L << 30)]
    [TestCase(1L << 30)]
    public void MemoryEstimate_SeriesPassTakesWhatTheBudgetLeaves_AndStaysWithinIt(long budget)
    {
        // 20,000 Sahel-sized runs of 50 series over 365 ticks: 1.46 GB of series.
        var path = RepoPaths.Scenario("sahel-2024");
        var def = ScenarioLoader.Load(path).Definition!;
        var plan = EnsemblePlan.Create(def, path, 1, 20_000, 365, [], new ParameterDesign.OnePoint());
        var series = 4.0 * 366 * 20_000 * 50;
        var estimate = Ensemble.EstimateMemory(plan, Shard.All, def, 1 << 20, 50, budget);
        Assert.That(estimate, Is.LessThanOrEqualTo(budget));
        Assert.That(estimate, budget == 2L << 30 ? Is.GreaterThan(series) : Is.LessThan(series), "one pass under the default budget, more under less");
        Assert.That(estimate, Is.GreaterThan(EnsembleTables.MinSeriesPassBytes));
    }

    [Test]
    public void Merge_ThreeShards_SameBytesAsOneProcess()
    {
        var plan = Plan(10, new ParameterDesign.Grid([ParameterDesign.Axis.Range("backing", 0, 1, 2)]));
        var whole = Run("whole", plan, 2);
        var shards = Enumerable.Range(0, 3).Select(i => Run($"shard{i}", plan, 1, new Shard(i, 3))).ToList();
        var merged = Path.Combine(_root, "merged");
        EnsembleMerge.Merge(shards, merged, force: false);
        var files = Finish(whole);
        Finish(merged);
        AssertSameFiles(whole, merged, files);
    }

    [Test]
    public void Merge_MissingOrDoubledOrForeignShard_Refused()
    {
        var plan = Plan(9);
        var s0 = Run("s0", plan, 1, new Shard(0, 3));
        var s1 = Run("s1", plan, 1, new Shard(1, 3));
        var s2 = Run("s2", plan, 1, new Shard(2, 3));
        var other = Run("other", Plan(12), 1, new Shard(2, 3));
        Assert.That(Assert.Throws<InputException>(() => EnsembleMerge.Merge([s0, s1], Path.Combine(_root, "m1"), false))!.Message, Does.Contain("2/3 missing"));
        Assert.That(Assert.Throws<InputException>(() => EnsembleMerge.Merge([s0, s1, s1], Path.Combine(_root, "m2"), false))!.Message, Does.Contain("given twice"));
        Assert.That(Assert.Throws<InputException>(() => EnsembleMerge.Merge([s0, s1, other], Path.Combine(_root, "m3"), false))!.Message, Does.Contain("another ensemble"));
        Assert.DoesNotThrow(() => EnsembleMerge.Merge([s2, s0, s1], Path.Combine(_root, "m4"), false));
    }

    [Test]
    public void RunPending_Cancelled_KeepsFinishedRuns_ResumeGivesSameBytes()
    {
        var plan = Plan(60);
        var whole = Run("whole", plan, 2);
        var folder = Path.Combine(_root, "interrupted");
        var ensemble = Ensemble.Prepare(plan, Scenario.Load(ScenarioPath), Shard.All, folder, resume: false, force: false);
        using var cancel = new CancellationTokenSource();
        var stored = ensemble.RunPending(2, new StopAfter(15, cancel), cancel.Token);
        Assert.That(stored, Is.InRange(15, 59), "stopped early, kept what finished");
        Assert.Throws<InputException>(() => Ensemble.Prepare(plan, Scenario.Load(ScenarioPath), Shard.All, folder, resume: false, force: false), "unfinished needs --resume");
        var resumed = Ensemble.Prepare(plan, Scenario.Load(ScenarioPath), Shard.All, folder, resume: true, force: false);
        Assert.That(resumed.RunPending(1, null, CancellationToken.None, keepInMemory: true), Is.EqualTo(60));
        Assert.That(resumed.TakeRunsInMemory(), Is.Null, "a resumed ensemble's series are summarised from its store");
        var files = Finish(whole);
        Finish(folder);
        AssertSameFiles(whole, folder, files);
    }

    [Test]
    public void Open_TornTail_IsCutAndRunRedone()
    {
        var plan = Plan(8);
        var whole = Run("whole", plan, 1);
        var folder = Run("torn", plan, 1);
        var store = Path.Combine(folder, RunStore.FileName);
        var length = new FileInfo(store).Length;
        using (var f = new FileStream(store, FileMode.Open))
        {
            f.SetLength(length - 7); // a record cut short, as by a crash mid-write
        }

        var resumed = Ensemble.Prepare(plan, Scenario.Load(ScenarioPath), Shard.All, folder, resume: true, force: false);
        Assert.That(resumed.RunPending(1, null, CancellationToken.None), Is.EqualTo(8));
        var files = Finish(whole);
        Finish(folder);
        AssertSameFiles(whole, folder, files);
    }

    [Test]
    public void Open_CorruptRecord_IsCutAtTheCorruption()
    {
        var plan = Plan(6);
        var folder = Run("corrupt", plan, 1);
        var store = Path.Combine(folder, RunStore.FileName);
        var bytes = File.ReadAllBytes(store);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(store, bytes);
        var resumed = Ensemble.Prepare(plan, Scenario.Load(ScenarioPath), Shard.All, folder, resume: true, force: false);
        Assert.That(resumed.RunPending(1, null, CancellationToken.None), Is.EqualTo(6));
        Assert.DoesNotThrow(() => EnsembleResults.Load(folder));
    }

    [Test]
    public void Prepare_ResumeWithOtherPlan_Refused_FinishedNeedsForce()
    {
        var folder = Run("a", Plan(5), 1);
        Finish(folder);
        var e = Assert.Throws<InputException>(() => Ensemble.Prepare(Plan(6), Scenario.Load(ScenarioPath), Shard.All, folder, resume: true, force: false));
        Assert.That(e!.Message, Does.Contain("different ensemble"));
        e = Assert.Throws<InputException>(() => Ensemble.Prepare(Plan(5), Scenario.Load(ScenarioPath), Shard.All, folder, resume: false, force: false));
        Assert.That(e!.Message, Does.Contain("finished ensemble").And.Contain("--force"));
        Assert.DoesNotThrow(() => Ensemble.Prepare(Plan(6), Scenario.Load(ScenarioPath), Shard.All, folder, resume: false, force: true));
        Assert.That(File.Exists(Path.Combine(folder, "runs.parquet")), Is.False, "--force removed the old outputs");
    }

    [Test]
    public void Load_IncompleteEnsemble_SaysHowToFinish()
    {
        var plan = Plan(20);
        var folder = Path.Combine(_root, "partial");
        var ensemble = Ensemble.Prepare(plan, Scenario.Load(ScenarioPath), Shard.All, folder, resume: false, force: false);
        using var cancel = new CancellationTokenSource();
        ensemble.RunPending(1, new StopAfter(3, cancel), cancel.Token);
        var e = Assert.Throws<InputException>(() => EnsembleResults.Load(folder));
        Assert.That(e!.Message, Does.Contain("--resume"));
    }

    [Test]
    public void Results_SweepPoints_RecordTheirParameters()
    {
        var plan = Plan(3, new ParameterDesign.Grid([ParameterDesign.Axis.Range("backing", 0, 1, 2)]));
        var folder = Run("sweep", plan, 2);
        var results = EnsembleResults.Load(folder);
        var bias = results.Info.Parameters.ToList().IndexOf("backing");
        Assert.That(results.Info.PointParameters.Select(p => p[bias]), Is.EqualTo(new[] { 0.0, 1.0 }));
        Assert.That(results.Summarize(1), Has.Count.EqualTo(results.Info.Outcomes.Count));
    }

    [Test]
    public void Info_Edited_IsRefused()
    {
        var folder = Run("edited", Plan(3), 1);
        var path = Path.Combine(folder, Ensemble.PlanFile);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"runs_per_point\": 3", "\"runs_per_point\": 4", StringComparison.Ordinal));
        Assert.That(Assert.Throws<InputException>(() => EnsembleResults.Load(folder))!.Message, Does.Contain("fingerprint"));
    }

    [Test]
    public void Open_StoreInUseByAnotherWriter_Refused()
    {
        var plan = Plan(4);
        var folder = Path.Combine(_root, "busy");
        var ensemble = Ensemble.Prepare(plan, Scenario.Load(ScenarioPath), Shard.All, folder, resume: false, force: false);
        var (store, _) = RunStore.Open(ensemble.StorePath, ensemble.Info.Fingerprint, ensemble.Info.Outcomes.Count, ensemble.Info.SeriesLength);
        using (store)
        {
            var e = Assert.Throws<InputException>(() => ensemble.RunPending(1, null, CancellationToken.None));
            Assert.That(e!.Message, Does.Contain("in use"));
        }

        Assert.That(ensemble.RunPending(1, null, CancellationToken.None), Is.EqualTo(4));
    }

    /// <summary>Cancels once <c>count</c> runs are stored, as Ctrl-C would.</summary>
    private sealed class StopAfter(long count, CancellationTokenSource cancel) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= count)
            {
                cancel.Cancel();
            }
        }
    }

    [Test]
    public void Compare_SameSeed_PairsRuns_OtherSeed_TreatsThemAsIndependent()
    {
        var def = ScenarioLoader.Load(ScenarioPath).Definition!;
        EnsemblePlan Variant(ulong seed, string backing) =>
            EnsemblePlan.Create(def, ScenarioPath, seed, 60, 60, [$"backing={backing}"], new ParameterDesign.OnePoint());
        var baseline = Run("baseline", Variant(42, "0.5"), 2);
        var sameSeed = Run("same-seed", Variant(42, "1"), 2);
        var otherSeed = Run("other-seed", Variant(43, "1"), 2);
        var a = EnsembleResults.Load(baseline);

        var paired = EnsembleComparison.Compare(a, EnsembleResults.Load(sameSeed));
        Assert.That(paired.Select(r => r.Test.Test), Is.EquivalentTo(new[] { "McNemar exact", "McNemar exact", "Wilcoxon signed-rank" }));
        var independent = EnsembleComparison.Compare(a, EnsembleResults.Load(otherSeed));
        Assert.That(independent.Select(r => r.Test.Test), Is.EquivalentTo(new[] { "two-proportion z", "two-proportion z", "Mann-Whitney U" }));

        // An ensemble against itself: every pair agrees, so nothing differs and nothing is significant.
        var self = EnsembleComparison.Compare(a, a);
        Assert.That(self.Select(r => r.Test.Difference.Value), Is.All.Zero);
        Assert.That(self.Select(r => r.AdjustedP), Is.All.EqualTo(1.0));
    }

    [Test]
    public void TimeSeries_HeldShares_MatchTheControlOutcomeAtTheEnd()
    {
        var plan = Plan(80);
        var folder = Run("held", plan, 2);
        var results = EnsembleResults.Load(folder);
        EnsembleTables.Write(results, TableFormat.Csv, new HashSet<int>());
        var lines = File.ReadAllLines(Path.Combine(folder, "timeseries.csv"));
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        double Share(string series, int tick) => double.Parse(
            rows.Single(r => r[Col("series")] == series && r[Col("tick")] == tick.ToString(System.Globalization.CultureInfo.InvariantCulture))[Col("mean")],
            System.Globalization.CultureInfo.InvariantCulture);

        // One row per actor for the recorded region, and no row for the raw controller index.
        var actors = results.Info.Actors;
        Assert.That(rows.Select(r => r[Col("series")]).Distinct().Count(s => s.StartsWith("held.riverford.", StringComparison.Ordinal)), Is.EqualTo(actors.Count));
        Assert.That(rows.Any(r => r[Col("series")].StartsWith("controller.", StringComparison.Ordinal)), Is.False);
        for (var t = 0; t < plan.Ticks; t += 7)
        {
            Assert.That(actors.Sum(a => Share($"held.riverford.{a}", t)), Is.LessThanOrEqualTo(1 + 1e-12));
        }

        // The share of runs in which NORTH holds riverford after the last tick is the outcome evaluated then.
        var outcome = results.Info.Outcomes.ToList().IndexOf("north_holds_riverford");
        var expected = results.OutcomeValues(outcome).Average();
        Assert.That(Share("held.riverford.NORTH", plan.Ticks - 1), Is.EqualTo(expected).Within(1e-12));
        Assert.That(expected, Is.GreaterThan(0).And.LessThan(1), "the test needs runs that end both ways");
    }
}
