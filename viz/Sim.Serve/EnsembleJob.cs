using System.Diagnostics;
using System.Globalization;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Serve;

/// <summary>
/// The page's ensemble: N replicates of the current settings run in memory (<see cref="Experiment"/>, as the library
/// runs them), one at a time, with progress and cancel; its outcome probabilities with their intervals, and the paired
/// comparison with a baseline kept from an earlier ensemble (<see cref="Experiment.Compare"/>, as <c>sim compare</c>
/// reports it).
/// </summary>
public sealed class EnsembleJob
{
    private readonly Lock _gate = new();
    private readonly int _threads;
    private CancellationTokenSource? _cancel;
    private long _done;
    private Finished? _last;
    private Finished? _baseline;
    private string _state = "idle";
    private string? _error;
    private long _total;
    private double _seconds;

    /// <summary>A job that runs ensembles of at most <paramref name="maxRuns"/> runs on <paramref name="threads"/> threads.</summary>
    public EnsembleJob(int maxRuns, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRuns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        MaxRuns = maxRuns;
        _threads = threads;
    }

    /// <summary>The most runs one ensemble may have.</summary>
    public int MaxRuns { get; }

    /// <summary>The running ensemble's task, if any (tests wait on it).</summary>
    public Task? Running { get; private set; }

    /// <summary>
    /// Starts <paramref name="runs"/> replicates of <paramref name="scenario"/> from master seed <paramref name="seed"/>;
    /// returns false when an ensemble is already running.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 1 run or more than <see cref="MaxRuns"/>.</exception>
    public bool Start(Scenario scenario, IReadOnlyDictionary<string, double> changed, int runs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(runs, MaxRuns);
        lock (_gate)
        {
            if (_state == "running")
            {
                return false;
            }

            var experiment = scenario.Experiment();
            experiment.Replicates = runs;
            experiment.Seed = seed;
            experiment.Threads = _threads;
            var cancel = new CancellationTokenSource();
            _cancel = cancel;
            _state = "running";
            _error = null;
            _done = 0;
            _total = runs;
            _seconds = 0;
            var settings = new Dictionary<string, double>(changed, StringComparer.Ordinal);
            Running = Task.Run(() => Execute(experiment, settings, runs, seed, cancel), CancellationToken.None);
            return true;
        }
    }

    /// <summary>Stops the running ensemble (its runs are dropped); nothing when none runs.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            _cancel?.Cancel();
        }
    }

    /// <summary>Keeps the last finished ensemble as the baseline later ensembles are compared with.</summary>
    /// <exception cref="InvalidOperationException">No ensemble has finished.</exception>
    public void SaveBaseline()
    {
        lock (_gate)
        {
            _baseline = _last ?? throw new InvalidOperationException("no ensemble has finished yet: run one, then keep it as the baseline");
        }
    }

    /// <summary>What the panel shows: progress, the last ensemble's outcomes, the baseline and the comparison.</summary>
    public EnsembleStatus Status()
    {
        lock (_gate)
        {
            IReadOnlyList<ComparisonRow>? comparison = null;
            var paired = false;
            string? note = null;
            if (_last is { } last && _baseline is { } baseline && !ReferenceEquals(last, baseline))
            {
                paired = EnsembleComparison.Paired(baseline.Results, last.Results);
                note = paired ? null : "the baseline and this ensemble differ in seed or runs, so the runs are compared as independent samples";
                comparison = [.. Experiment.Compare(baseline.Results, last.Results).Select(c => new ComparisonRow(c.Outcome, c.IsBool, c.A.Estimate.Value, c.B.Estimate.Value,
                    c.Test.Difference.Value, c.Test.Difference.Low, c.Test.Difference.High, c.Test.Test, c.AdjustedP, c.Verdict, c.Changed))];
            }

            return new EnsembleStatus(_state, Interlocked.Read(ref _done), _total, Math.Round(_seconds, 2), _error, MaxRuns,
                _last?.View, _baseline?.View, comparison, paired, note);
        }
    }

    private void Execute(Experiment experiment, Dictionary<string, double> settings, int runs, ulong seed, CancellationTokenSource cancel)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var results = experiment.Run(new Progress(this), cancel.Token);
            var summary = results.Summarize().Select(s => new OutcomeRow(s.Outcome, s.IsBool, s.Estimate.Value, s.Estimate.Low, s.Estimate.High, s.Median, s.P05, s.P95)).ToList();
            lock (_gate)
            {
                _seconds = watch.Elapsed.TotalSeconds;
                _last = new Finished(results, new EnsembleView(runs, seed.ToString(CultureInfo.InvariantCulture), settings, summary));
                _state = "done";
            }
        }
        catch (OperationCanceledException)
        {
            Finish("cancelled", null, watch);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A model fault or a bad setting: the panel says so, and the server goes on.
            Finish("failed", e.Message, watch);
        }
        finally
        {
            cancel.Dispose();
            lock (_gate)
            {
                if (ReferenceEquals(_cancel, cancel))
                {
                    _cancel = null;
                }
            }
        }
    }

    private void Finish(string state, string? error, Stopwatch watch)
    {
        lock (_gate)
        {
            _seconds = watch.Elapsed.TotalSeconds;
            _state = state;
            _error = error;
        }
    }

    private sealed record Finished(ExperimentResults Results, EnsembleView View);

    /// <summary>Counts finished runs as the experiment reports them (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class Progress(EnsembleJob job) : IProgress<long>
    {
        public void Report(long value) => Interlocked.Exchange(ref job._done, value);
    }
}

/// <summary>The ensemble panel's state.</summary>
/// <param name="State"><c>idle</c>, <c>running</c>, <c>done</c>, <c>cancelled</c> or <c>failed</c>.</param>
/// <param name="Done">Runs finished of the current or last ensemble.</param>
/// <param name="Total">Runs it has.</param>
/// <param name="Seconds">How long the last one took.</param>
/// <param name="Error">Why the last one failed.</param>
/// <param name="MaxRuns">The most runs an ensemble may have.</param>
/// <param name="Last">The last finished ensemble.</param>
/// <param name="Baseline">The ensemble kept as the baseline.</param>
/// <param name="Comparison">The last ensemble against the baseline, or null.</param>
/// <param name="Paired">Whether the comparison pairs runs (same seed and runs: common random numbers).</param>
/// <param name="Note">What to know about the comparison.</param>
public sealed record EnsembleStatus(string State, long Done, long Total, double Seconds, string? Error, int MaxRuns, EnsembleView? Last, EnsembleView? Baseline,
    IReadOnlyList<ComparisonRow>? Comparison, bool Paired, string? Note);

/// <summary>A finished ensemble: its settings and outcomes.</summary>
/// <param name="Runs">Replicates.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="Parameters">The parameters set by the page.</param>
/// <param name="Outcomes">Each outcome's estimate with its 95% interval.</param>
public sealed record EnsembleView(int Runs, string Seed, IReadOnlyDictionary<string, double> Parameters, IReadOnlyList<OutcomeRow> Outcomes);

/// <summary>An outcome over an ensemble: a probability with its Wilson interval, or a mean with its t interval.</summary>
/// <param name="Id">The outcome.</param>
/// <param name="IsBool">Whether it is a probability.</param>
/// <param name="Value">The estimate.</param>
/// <param name="Low">Its interval's low end.</param>
/// <param name="High">Its interval's high end.</param>
/// <param name="Median">Median over the runs.</param>
/// <param name="P05">5% quantile.</param>
/// <param name="P95">95% quantile.</param>
public sealed record OutcomeRow(string Id, bool IsBool, double Value, double Low, double High, double Median, double P05, double P95);

/// <summary>An outcome compared with the baseline, as <c>sim compare</c> reports it.</summary>
/// <param name="Id">The outcome.</param>
/// <param name="IsBool">Whether it is a probability.</param>
/// <param name="A">The baseline's estimate.</param>
/// <param name="B">This ensemble's estimate.</param>
/// <param name="Difference">B - A.</param>
/// <param name="Low">The difference's 95% interval, low end.</param>
/// <param name="High">Its high end.</param>
/// <param name="Test">The test used.</param>
/// <param name="AdjustedP">Its p-value after Holm's correction.</param>
/// <param name="Verdict">Changed or not, in words.</param>
/// <param name="Changed">Whether the outcome changed.</param>
public sealed record ComparisonRow(string Id, bool IsBool, double A, double B, double Difference, double Low, double High, string Test, double AdjustedP, string Verdict, bool Changed);
