using System.Diagnostics;
using System.Globalization;
using Sim.Engine;
using Sim.Engine.Runs.Ensembles;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Output;

/// <summary>
/// An ensemble bound to its folder: the plan, one loaded scenario per parameter point, the shard this process
/// runs and the store of finished runs. <see cref="RunPending"/> does the runs; <see cref="EnsembleResults"/>
/// turns a complete store into tables and statistics.
/// </summary>
public sealed class Ensemble
{
    /// <summary>The plan's file inside the folder.</summary>
    public const string PlanFile = "ensemble.json";

    /// <summary>The finished ensemble's manifest; its presence marks the folder as finished.</summary>
    public const string ManifestFile = "manifest.json";

    private RunsInMemory? _inMemory;

    private Ensemble(EnsemblePlan plan, IReadOnlyList<ScenarioDefinition> points, Func<IReadOnlyList<string>, ScenarioDefinition> reload, Shard shard, string folder)
    {
        Plan = plan;
        Shard = shard;
        Folder = folder;
        Runner = new PlanRunner(plan, points, reload);
        var first = points[0];
        Info = new EnsembleInfo
        {
            Scenario = plan.ScenarioName,
            ScenarioFile = plan.ScenarioFile,
            ScenarioHash = plan.ScenarioHash,
            EngineVersion = EngineInfo.Version,
            Seed = plan.Seed,
            RunsPerPoint = plan.RunsPerPoint,
            Runs = plan.RunCount,
            Ticks = plan.Ticks,
            Start = first.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DaysPerTick = first.TickDays,
            Design = plan.Design,
            Overrides = plan.Overrides,
            Varied = plan.Varied,
            Parameters = first.Parameters.Select(p => p.Id).ToArray(),
            PointParameters = points.Select(d => d.Parameters.Select(p => p.Value).ToArray()).ToArray(),
            Outcomes = first.Outcomes.Select(o => o.Id).ToArray(),
            OutcomeIsBool = first.Outcomes.Select(o => o.Expr.Type == ExpressionType.Bool).ToArray(),
            Series = Runner.SeriesNames,
            Posterior = plan.Posterior is { } posterior ? PosteriorInfo.Of(posterior) : null,
            Actors = first.Actors.Select(a => a.Id).ToArray(),
            Names = DisplayNames(first),
            OutcomeDescriptions = first.Outcomes.Select(o => o.Description?.Trim() ?? "").ToArray(),
            Shard = shard.ToString(),
        }.WithFingerprint();
    }

    /// <summary>Actors' then regions' display names by id, in scenario order.</summary>
    private static Dictionary<string, string> DisplayNames(ScenarioDefinition scenario)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in scenario.Actors)
        {
            names[a.Id] = a.Name;
        }

        foreach (var r in scenario.Regions)
        {
            names[r.Id] = r.Name;
        }

        return names;
    }

    /// <summary>The ensemble's description, as written to <c>ensemble.json</c>.</summary>
    public EnsembleInfo Info { get; }

    /// <summary>The plan.</summary>
    public EnsemblePlan Plan { get; }

    /// <summary>The shard this process runs.</summary>
    public Shard Shard { get; }

    /// <summary>The ensemble's folder.</summary>
    public string Folder { get; }

    /// <summary>Runs this shard owns.</summary>
    public long ShardRunCount => Shard.RunsOf(Plan.RunCount);

    /// <summary>Path of the store.</summary>
    public string StorePath => Path.Combine(Folder, RunStore.FileName);

    /// <summary>
    /// Loads every point's scenario (each must validate) and binds the plan to <paramref name="folder"/>:
    /// a new folder is started; an unfinished one is continued only with <paramref name="resume"/> and only if
    /// it holds this very plan and shard; a finished one is refused unless <paramref name="force"/>.
    /// </summary>
    public static Ensemble Prepare(EnsemblePlan plan, Scenario scenario, Shard shard, string folder, bool resume, bool force) =>
        Prepare(plan, scenario, shard, folder, resume, force, Engine.Limits.MemoryBytes);

    /// <summary>Prepares as <see cref="Prepare(EnsemblePlan, Scenario, Shard, string, bool, bool)"/> within a memory budget, in bytes.</summary>
    /// <exception cref="InputException">The ensemble would need more than <paramref name="memoryBudget"/>, or a point does not validate.</exception>
    public static Ensemble Prepare(EnsemblePlan plan, Scenario scenario, Shard shard, string folder, bool resume, bool force, long memoryBudget)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(scenario);
        var points = new ScenarioDefinition[plan.Points.Count];
        var passBytes = EnsembleTables.MinSeriesPassBytes;
        for (var p = 0; p < points.Length; p++)
        {
            try
            {
                var before = p == 0 ? GC.GetTotalMemory(forceFullCollection: true) : 0;
                points[p] = scenario.Reload(plan.OverridesOf(p)).Definition;
                if (p == 0)
                {
                    // What one loaded point holds, measured: every point is loaded before the runs start.
                    var perPoint = Math.Max(GC.GetTotalMemory(forceFullCollection: true) - before, 64L << 10);
                    var columns = new ScenarioRun(points[0], 0, 0).Recorder.Columns.Select(c => c.Name).ToList();
                    var summarySeries = columns.Sum(c => c.StartsWith(EnsembleInfo.ControllerPrefix, StringComparison.Ordinal) ? points[0].Actors.Length : 1);
                    passBytes = CheckMemory(plan, shard, points[0], perPoint, summarySeries, memoryBudget);
                }
            }
            catch (ScenarioException e)
            {
                throw new InputException($"{string.Join('\n', e.Diagnostics)}\nparameter point {p} ({string.Join(", ", plan.OverridesOf(p))}) does not validate; nothing was run.", e);
            }
        }

        var ensemble = new Ensemble(plan, points, o => scenario.Reload(o).Definition, shard, folder) { SeriesPassBytes = passBytes };
        ensemble.BindFolder(resume, force);
        return ensemble;
    }

    /// <summary>
    /// The memory an ensemble is expected to need, in bytes, under <paramref name="memoryBudget"/>: every parameter
    /// point's loaded scenario (<paramref name="perPoint"/>, measured on the first), each run of the shard while it is
    /// pending and in the results (its index, bookkeeping and outcomes), the summaries kept of every point
    /// (<paramref name="summarySeries"/> series, each a mean and <see cref="EnsembleResults.QuantileLevels"/> a tick), and
    /// the time-series summary, which holds as many series of every run over every tick at once as fit the memory the
    /// rest leaves it (<see cref="EnsembleTables.SeriesPassBytes"/>; at least one).
    /// </summary>
    public static double EstimateMemory(EnsemblePlan plan, Shard shard, ScenarioDefinition first, long perPoint, int summarySeries, long memoryBudget = Engine.Limits.MemoryBytes)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(first);
        return Estimate(plan, shard, first, perPoint, summarySeries, memoryBudget).Need;
    }

    /// <summary><see cref="EstimateMemory"/>, and the memory the time-series pass may take within it.</summary>
    private static (double Need, long PassBytes) Estimate(EnsemblePlan plan, Shard shard, ScenarioDefinition first, long perPoint, int summarySeries, long memoryBudget)
    {
        var runs = (double)shard.RunsOf(plan.RunCount);
        var perRun = 160.0 + (16.0 * first.Outcomes.Length);
        // Per point beyond its scenario and summaries: measured on tutorial sweeps of 1,000 and 3,000 points (474 MB and
        // 1.12 GB peak, 321 KB a point), of which the scenario and the summaries account for about a third.
        const double PointOverhead = 256 << 10;
        var summaries = (PointOverhead * plan.Points.Count) + 8.0 * summarySeries * (plan.Ticks + 1.0) * (EnsembleResults.QuantileLevels.Length + 1) * plan.Points.Count;
        var other = (perPoint * (double)plan.Points.Count) + (perRun * runs) + summaries;
        // The time-series pass's buffer: as many series of every run as fit what the rest leaves, and at least one.
        var pass = EnsembleTables.SeriesPassBytes(memoryBudget, other);
        var column = 4.0 * Math.Max(1, plan.Ticks + 1) * runs;
        return (other + Math.Max(32.0 * (1 << 20), Math.Max(column, Math.Min(pass, column * Math.Max(1, summarySeries)))), pass);
    }

    /// <summary>Refuses an ensemble expected to need more than <paramref name="budget"/>; returns the memory its time-series pass may take.</summary>
    private static long CheckMemory(EnsemblePlan plan, Shard shard, ScenarioDefinition first, long perPoint, int summarySeries, long budget)
    {
        var (need, pass) = Estimate(plan, shard, first, perPoint, summarySeries, budget);
        if (need > budget)
        {
            static string Gb(double bytes) => (bytes / (1L << 30)).ToString(bytes < (10L << 30) ? "0.00" : "N0", CultureInfo.InvariantCulture);
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"error: this ensemble would need about {Gb(need)} GB of memory, over its budget of {Gb(budget)} GB: {plan.Points.Count} parameter points of {perPoint >> 10} KB each, {shard.RunsOf(plan.RunCount)} runs and series of {plan.Ticks} ticks; nothing was run (fix: fewer points, runs or ticks, shards with --shard for the runs, or a larger budget with --memory GB on a machine that has it)."));
        }

        return pass;
    }

    private void BindFolder(bool resume, bool force)
    {
        var planPath = Path.Combine(Folder, PlanFile);
        var finished = File.Exists(Path.Combine(Folder, ManifestFile));
        var started = File.Exists(planPath) || File.Exists(StorePath);
        if (started && force)
        {
            RemoveOwnedFiles(Folder);
            started = finished = false;
        }

        if (finished && !resume)
        {
            throw new InputException($"error: {Folder} already holds a finished ensemble (fix: choose another --out, or add --force to replace it).");
        }

        if (started && !resume)
        {
            throw new InputException($"error: {Folder} holds an unfinished ensemble (fix: add --resume to continue it, or --force to start over).");
        }

        if (started)
        {
            var existing = EnsembleInfo.Read(Folder);
            if (existing.Fingerprint != Info.Fingerprint || existing.Shard != Info.Shard)
            {
                throw new InputException($"error: {Folder} holds a different ensemble (scenario, seed, runs, parameters, ticks or shard differ), so it cannot be resumed with these options (fix: resume with the options it was started with, see {planPath}; or use another --out).");
            }

            return;
        }

        Directory.CreateDirectory(Folder);
        Info.Write(Folder);
    }

    /// <summary>
    /// Deletes what <c>sim mc</c> wrote in <paramref name="folder"/> (<c>--force</c>), refusing while another process
    /// writes there: the store stays locked by its writer, and this holds the same lock while it deletes, so a
    /// running ensemble is never emptied under it.
    /// </summary>
    internal static void RemoveOwnedFiles(string folder)
    {
        var store = Path.Combine(folder, RunStore.FileName);
        FileStream? held = null;
        try
        {
            held = File.Exists(store) ? new FileStream(store, FileMode.Open, FileAccess.ReadWrite, FileShare.None) : null;
        }
        catch (IOException e) when (File.Exists(store))
        {
            throw new InputException($"error: {store} is in use ({e.Message}); another 'sim mc' is writing to this folder, and --force does not replace a running ensemble (fix: wait for it or stop it, or use another --out)", e);
        }

        using (held)
        {
            foreach (var name in OwnedFiles(folder))
            {
                File.Delete(name);
            }
        }
    }

    /// <summary>
    /// The files <c>sim mc</c> wrote in a folder (what <c>--force</c> may delete; nothing else is touched): the plan, the
    /// store, the manifest and the tables and reports of fixed names; the charts the manifest lists as its outputs
    /// (<c>plots/NAME.png</c>), not any other file there; and the temporary files of these names left by a killed
    /// process. Only regular files and links themselves are listed, never what a link points at: a <c>plots</c> folder
    /// that is a link is not entered.
    /// </summary>
    internal static IEnumerable<string> OwnedFiles(string folder)
    {
        string[] named = [PlanFile, RunStore.FileName, ManifestFile, "runs.parquet", "runs.csv", "timeseries.parquet", "timeseries.csv", "report.md", "report.html", .. EnsembleKeep.FileNames];
        var owned = new List<string>();
        var listed = Manifest.ReadOutputs(Path.Combine(folder, ManifestFile));
        var plots = new DirectoryInfo(Path.Combine(folder, "plots"));
        if (plots.Exists && plots.LinkTarget is null)
        {
            foreach (var output in listed)
            {
                var parts = output.Split('/');
                if (parts is ["plots", var name] && name.EndsWith(".png", StringComparison.Ordinal) && name.IndexOfAny(['\\', '\0']) < 0 && name is not ("." or ".."))
                {
                    owned.Add(Path.Combine(plots.FullName, name));
                }
            }
        }

        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (entry is FileInfo && (named.Contains(entry.Name, StringComparer.Ordinal) || named.Any(n => AtomicFile.IsTempOf(entry.Name, n))))
            {
                owned.Add(entry.FullName);
            }
        }

        return owned.Where(File.Exists);
    }

    /// <summary>
    /// Runs every run of this shard not yet in the store, on <paramref name="threads"/> threads, appending each
    /// finished run to the store as it completes. Cancellation stops starting new runs; finished ones are kept.
    /// Returns how many of the shard's runs are stored when it returns. With <paramref name="keepInMemory"/>, the runs of an
    /// ensemble started from an empty store are also kept in memory for its results, when their series fit one summary
    /// pass: the caller takes them with <see cref="TakeRunsInMemory"/> and disposes them.
    /// </summary>
    public long RunPending(int threads, IProgress<long>? progress, CancellationToken cancellation, bool keepInMemory = false)
    {
        var (store, done) = RunStore.Open(StorePath, Info.Fingerprint, Info.Outcomes.Count, Info.SeriesLength);
        using (store)
        {
            foreach (var run in done)
            {
                if (!Shard.Owns(run) || run >= Plan.RunCount)
                {
                    throw new InputException($"error: {StorePath} holds run {run}, which is not in shard {Shard} of this ensemble; the store is damaged (fix: --force to start over).");
                }
            }

            var pending = new List<long>();
            for (var run = (long)Shard.Index; run < Plan.RunCount; run += Shard.Count)
            {
                if (!done.Contains(run))
                {
                    pending.Add(run);
                }
            }

            // An ensemble done here from its first run keeps its runs in memory for its results, when their series fit one pass.
            _inMemory?.Dispose();
            _inMemory = keepInMemory && done.Count == 0 && EnsembleTables.FitsOnePass(ShardRunCount, Info.SeriesLength, SeriesPassBytes)
                ? new RunsInMemory(Shard, Plan.RunCount, Info.Outcomes.Count, Info.SeriesLength)
                : null;
            var sinceSync = Stopwatch.StartNew();
            return Runner.Run(pending, threads, record =>
            {
                store.Append(record);
                _inMemory?.Add(record);
                if (sinceSync.ElapsedMilliseconds > 1000)
                {
                    store.Sync();
                    sinceSync.Restart();
                }
            }, done.Count, progress, cancellation);
        }
    }

    /// <summary>
    /// The runs <see cref="RunPending"/> did, their outcomes and their series laid out for the time-series summary, for
    /// <see cref="EnsembleResults.Load(string, RunsInMemory?)"/> and
    /// <see cref="EnsembleTables.WriteTables(EnsembleResults, TableFormat, IReadOnlySet{int}, int, Action{IReadOnlyList{SeriesSummary}}?, RunsInMemory?, long)"/>;
    /// null unless it was asked to keep them, started from an empty store and their series fit one summary pass. The
    /// caller disposes them.
    /// </summary>
    public RunsInMemory? TakeRunsInMemory()
    {
        var runs = _inMemory;
        _inMemory = null;
        return runs;
    }

    /// <summary>
    /// The memory the time-series summary may take, in bytes: what the memory budget given to <see cref="Prepare(EnsemblePlan, Scenario, Shard, string, bool, bool, long)"/>
    /// leaves after the rest of the ensemble (<see cref="EnsembleTables.SeriesPassBytes"/>).
    /// </summary>
    public long SeriesPassBytes { get; private init; } = EnsembleTables.MinSeriesPassBytes;

    /// <summary>Check the model's invariants in every run (see <see cref="RunOptions.Check"/>); the stored results are the same bytes either way.</summary>
    public bool Check { get => Runner.Check; set => Runner.Check = value; }

    /// <summary>Does the plan's runs.</summary>
    internal PlanRunner Runner { get; }

    /// <summary>"N runs" with the shard when there is one, for messages.</summary>
    public string Describe() => Shard.IsAll
        ? Plan.ToString()
        : string.Create(CultureInfo.InvariantCulture, $"shard {Shard}: {ShardRunCount} of {Plan}");
}
