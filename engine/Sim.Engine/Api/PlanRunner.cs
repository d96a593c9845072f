using System.Collections.Concurrent;
using System.Globalization;
using Sim.Engine.Model;
using Sim.Engine.Runs.Ensembles;
using Sim.Engine.Scenarios;

namespace Sim;

/// <summary>
/// Does the runs of a plan: one at a time (<see cref="Execute"/>) or many at once on threads (<see cref="Run"/>).
/// Shared by ensembles, which store each run in their folder as it finishes, and by experiments in memory.
/// </summary>
internal sealed class PlanRunner
{
    private readonly Func<IReadOnlyList<string>, ScenarioDefinition>? _reload;

    /// <summary>
    /// A runner of <paramref name="plan"/> with the scenario loaded at each of its points; a plan whose runs draw their own
    /// parameters (a posterior design) also needs <paramref name="reload"/>, which gives the scenario with a run's overrides.
    /// </summary>
    public PlanRunner(EnsemblePlan plan, IReadOnlyList<ScenarioDefinition> pointScenarios, Func<IReadOnlyList<string>, ScenarioDefinition>? reload = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(pointScenarios);
        if (pointScenarios.Count != plan.Points.Count)
        {
            throw new ArgumentException("one scenario per parameter point is needed", nameof(pointScenarios));
        }

        if (plan.Posterior is not null && reload is null)
        {
            throw new ArgumentException("a posterior design loads the scenario for each run; give the loader", nameof(reload));
        }

        Plan = plan;
        PointScenarios = pointScenarios;
        _reload = reload;
        SeriesNames = [.. new ScenarioRun(pointScenarios[0], 0, 0).Recorder.Columns.Select(c => c.Name)];
    }

    /// <summary>The plan.</summary>
    public EnsemblePlan Plan { get; }

    /// <summary>The scenario loaded with each point's overrides.</summary>
    public IReadOnlyList<ScenarioDefinition> PointScenarios { get; }

    /// <summary>The names of the series every run records, in record order.</summary>
    public IReadOnlyList<string> SeriesNames { get; }

    /// <summary>Check the model's invariants in every run (see <see cref="RunOptions.Check"/>); the results are the same either way.</summary>
    public bool Check { get; set; }

    /// <summary>
    /// Does run <paramref name="run"/> of the plan and returns its outcomes and series (as floats, tick-major per series).
    /// <paramref name="previous"/> is the run this thread did last, whose event log and series arrays this run takes over
    /// (allocating and clearing them afresh was about 4% of an ensemble's CPU); it is this run on return.
    /// </summary>
    public RunRecord Execute(long run, ref ScenarioRun? previous)
    {
        // A run of a posterior design has its own parameters, set on the loaded scenario.
        var scenario = Plan.Posterior is null ? PointScenarios[Plan.PointOf(run)] : _reload!(Plan.OverridesOfRun(run));
        var sim = new ScenarioRun(scenario, Plan.SeedOf(run), Plan.Ticks, new RunOptions { Check = Check, Reuse = previous });
        previous = null;
        try
        {
            sim.Run();
        }
        catch (InvariantViolationException e)
        {
            // Name the run, so the one bad run among thousands can be replayed alone.
            throw new InvariantViolationException(e.Violation with
            {
                Message = string.Create(CultureInfo.InvariantCulture, $"{e.Violation.Message} (run {run}, seed {Plan.SeedOf(run)}, parameters {string.Join(", ", Plan.OverridesOfRun(run))})"),
            });
        }

        var ticks = Plan.Ticks;
        var series = new float[SeriesNames.Count * ticks];
        var recorder = sim.Recorder;
        for (var c = 0; c < SeriesNames.Count; c++)
        {
            var values = recorder.Series(c);
            var into = series.AsSpan(c * ticks, ticks);
            for (var t = 0; t < into.Length; t++)
            {
                into[t] = (float)values[t];
            }
        }

        var record = new RunRecord(run, sim.EvaluateOutcomes(), series);
        previous = sim;
        return record;
    }

    /// <summary>
    /// Does the runs in <paramref name="pending"/> on <paramref name="threads"/> threads and hands each finished run to
    /// <paramref name="keep"/> on the calling thread, in the order they finish. Cancellation stops starting new runs;
    /// the runs in flight are still kept. Returns <paramref name="done"/> plus the runs kept; progress counts the same.
    /// </summary>
    /// <exception cref="InvariantViolationException">A checked run broke an invariant.</exception>
    /// <exception cref="InvalidOperationException">A run failed.</exception>
    public long Run(IReadOnlyList<long> pending, int threads, Action<RunRecord> keep, long done, IProgress<long>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(keep);
        progress?.Report(done);
        if (pending.Count == 0)
        {
            return done;
        }

        threads = Math.Clamp(threads, 1, pending.Count);
        using var queue = new BlockingCollection<RunRecord>(boundedCapacity: threads * 4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        // Separate from 'stop' so that cancellation still keeps the runs in flight, while a failed 'keep' drops them.
        using var abandon = new CancellationTokenSource();
        var next = -1;
        Exception? failure = null;
        var workers = new Thread[threads];
        for (var w = 0; w < threads; w++)
        {
            workers[w] = new Thread(() =>
            {
                try
                {
                    ScenarioRun? previous = null;
                    int k;
                    while (!stop.IsCancellationRequested && (k = Interlocked.Increment(ref next)) < pending.Count)
                    {
                        queue.Add(Execute(pending[k], ref previous), abandon.Token);
                    }
                }
                catch (OperationCanceledException) when (abandon.IsCancellationRequested)
                {
                    // 'keep' failed while this run waited for room in the queue: it is not kept, and resuming redoes it.
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    stop.Cancel();
                }
            })
            { IsBackground = true, Name = $"run worker {w}" };
            workers[w].Start();
        }

        var finisher = new Thread(() =>
        {
            foreach (var worker in workers)
            {
                worker.Join();
            }

            queue.CompleteAdding();
        })
        { IsBackground = true };
        finisher.Start();

        try
        {
            foreach (var record in queue.GetConsumingEnumerable(CancellationToken.None))
            {
                keep(record);
                done++;
                progress?.Report(done);
            }
        }
        catch
        {
            // 'keep' cannot take more (a full disk, a folder turned read-only): stop the workers and wait for
            // them before the queue and token they use are disposed, then report its error.
            stop.Cancel();
            abandon.Cancel();
            finisher.Join();
            throw;
        }

        // The queue reports itself complete from inside CompleteAdding, before that call has returned: wait for the call
        // to end before the queue is disposed under it.
        finisher.Join();
        if (failure is InvariantViolationException or Engine.InputException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"a run failed: {failure.Message}", failure);
        }

        return done;
    }
}
