using System.Globalization;
using System.Text.Json;
using Sim.Engine;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Output;

/// <summary>Quantiles of one recorded series across the runs of one point, per tick.</summary>
/// <param name="Series">Series name.</param>
/// <param name="Point">Parameter point.</param>
/// <param name="Mean">Mean per tick.</param>
/// <param name="Quantiles">Per quantile level in <see cref="EnsembleResults.QuantileLevels"/>, the value per tick.</param>
public sealed record SeriesSummary(string Series, int Point, double[] Mean, double[][] Quantiles);

/// <summary>
/// The results of a complete ensemble (or of one complete shard), computed from <c>ensemble.json</c> and the
/// store alone, in run-index order, so they are the same bytes however the runs were scheduled, interrupted or
/// sharded. Writes <c>runs</c> (one row per run), <c>timeseries</c> (mean and quantiles per tick and series)
/// and <c>manifest.json</c>.
/// </summary>
public sealed class EnsembleResults : IOutcomeTable
{
    /// <summary>Quantile levels of the time-series summary.</summary>
    public static readonly double[] QuantileLevels = [0.05, 0.25, 0.5, 0.75, 0.95];

    private readonly long[] _runs;
    private readonly double[] _outcomes;

    private EnsembleResults(string folder, EnsembleInfo info, long[] runs, double[] outcomes)
    {
        Folder = folder;
        Info = info;
        _runs = runs;
        _outcomes = outcomes;
    }

    /// <summary>The ensemble's folder.</summary>
    public string Folder { get; }

    /// <summary>The ensemble's description.</summary>
    public EnsembleInfo Info { get; }

    /// <summary>Run indices held, ascending.</summary>
    public IReadOnlyList<long> Runs => _runs;

    string IOutcomeTable.Label => Folder;

    ulong IOutcomeTable.Seed => Info.Seed;

    int IOutcomeTable.PointCount => Info.PointCount;

    IReadOnlyList<string> IOutcomeTable.Outcomes => Info.Outcomes;

    IReadOnlyList<bool> IOutcomeTable.OutcomeIsBool => Info.OutcomeIsBool;

    /// <summary>
    /// Loads the results of <paramref name="folder"/>, checking that its store holds every run of its shard exactly
    /// once and nothing else.
    /// </summary>
    public static EnsembleResults Load(string folder) => Load(folder, null);

    /// <summary>
    /// Loads the results of <paramref name="folder"/>, from <paramref name="inMemory"/> when it holds every run of the
    /// folder's shard (the runs this process just stored there, the same values), else from its store as <see cref="Load(string)"/> does.
    /// </summary>
    public static EnsembleResults Load(string folder, RunsInMemory? inMemory)
    {
        var info = EnsembleInfo.Read(folder);
        if (inMemory is { Complete: true })
        {
            var (held, values) = inMemory.Results();
            return new EnsembleResults(folder, info, held, values);
        }

        var store = Path.Combine(folder, RunStore.FileName);
        if (!File.Exists(store))
        {
            throw new InputException($"error: {folder} has no {RunStore.FileName}: its runs are missing (fix: rerun with 'sim mc ... --resume').");
        }

        var shard = info.ShardValue;
        var expected = shard.RunsOf(info.Runs);
        var outcomeCount = info.Outcomes.Count;
        var byRun = new SortedDictionary<long, double[]>();
        foreach (var record in RunStore.ReadStored(store, info.Fingerprint, outcomeCount, info.SeriesLength))
        {
            if (!shard.Owns(record.Run) || record.Run >= info.Runs)
            {
                throw new InputException($"error: {store} holds run {record.Run}, which is not in shard {info.Shard}; the folder is damaged.");
            }

            if (!byRun.TryAdd(record.Run, record.Outcomes))
            {
                throw new InputException($"error: {store} holds run {record.Run} twice; the folder is damaged.");
            }
        }

        if (byRun.Count != expected)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"error: {folder} holds {byRun.Count} of its {expected} runs (fix: finish it with 'sim mc ... --resume --out {folder}')."));
        }

        var runs = new long[byRun.Count];
        var outcomes = new double[byRun.Count * outcomeCount];
        var i = 0;
        foreach (var (run, values) in byRun)
        {
            runs[i] = run;
            values.CopyTo(outcomes, i * outcomeCount);
            i++;
        }

        return new EnsembleResults(folder, info, runs, outcomes);
    }

    /// <summary>The value of outcome <paramref name="outcome"/> in the <paramref name="row"/>-th run held.</summary>
    public double Outcome(int row, int outcome) => _outcomes[(row * Info.Outcomes.Count) + outcome];

    /// <summary>
    /// Each varied parameter's value (in the order of <see cref="EnsembleInfo.Varied"/>) in each run held, in row order:
    /// the run's point's value, or the particle a posterior design's run drew.
    /// </summary>
    public double[][] VariedValues()
    {
        var names = Info.Parameters.ToList();
        var columns = Info.Varied.Select(v => names.IndexOf(v)).ToArray();
        var values = columns.Select(_ => new double[_runs.Length]).ToArray();
        for (var r = 0; r < _runs.Length; r++)
        {
            var run = Info.ParametersOf(_runs[r]);
            for (var j = 0; j < columns.Length; j++)
            {
                values[j][r] = run[columns[j]];
            }
        }

        return values;
    }

    /// <summary>The values of one outcome over the runs of one point (all points when <paramref name="point"/> is -1).</summary>
    public double[] OutcomeValues(int outcome, int point = -1)
    {
        var values = new List<double>();
        for (var r = 0; r < _runs.Length; r++)
        {
            if (point < 0 || Info.PointOf(_runs[r]) == point)
            {
                values.Add(Outcome(r, outcome));
            }
        }

        return values.ToArray();
    }
}
