using System.Globalization;
using Sim.Engine;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Output;

/// <summary>
/// Runs an ensemble's runs again, in this process, from what its folder records (scenario hash, overrides, each
/// point's parameters, master seed, ticks): a run is a pure function of (scenario, overrides, seed), so the replay
/// is that very run, with its full event log, which the store does not keep. Each replay is checked against the
/// stored outcomes, so a changed scenario or engine is caught rather than scored.
/// </summary>
public static class EnsembleReplay
{
    /// <summary>
    /// Loads the scenario an ensemble ran: <paramref name="scenarioFile"/> with the ensemble's overrides, which must
    /// hash to what the ensemble recorded, under the same engine version.
    /// </summary>
    /// <param name="info">The ensemble's description.</param>
    /// <param name="scenarioFile">The scenario file.</param>
    /// <param name="otherEngine">
    /// Accept an ensemble run by another engine version: the replays are then trusted only as far as they reproduce
    /// every stored outcome (checked by <see cref="Replay"/>), not bit for bit.
    /// </param>
    /// <exception cref="InputException">Another scenario than the ensemble's, or another engine unless <paramref name="otherEngine"/>.</exception>
    /// <exception cref="ScenarioException">The file does not validate.</exception>
    public static Scenario LoadScenario(EnsembleInfo info, string scenarioFile, bool otherEngine = false)
    {
        ArgumentNullException.ThrowIfNull(info);
        var scenario = Scenario.Load(scenarioFile, [.. info.Overrides]);
        if (scenario.Definition.Hash != info.ScenarioHash)
        {
            throw new InputException($"error: {scenarioFile} is not the scenario the ensemble ran (hash {Short(scenario.Definition.Hash)}, the ensemble's {Short(info.ScenarioHash)}): "
                + "its runs cannot be replayed (fix: give the scenario file the ensemble ran, or run the ensemble again with this one).");
        }

        if (info.EngineVersion != EngineInfo.Version && !otherEngine)
        {
            throw new InputException($"error: the ensemble was run by engine {info.EngineVersion}, this is {EngineInfo.Version}: replays may not be the same runs "
                + "(fix: run the ensemble again with this engine, or --other-engine to replay anyway, checked only against the stored outcomes).");
        }

        return scenario;
    }

    /// <summary>
    /// Replays every run of <paramref name="results"/> on <paramref name="threads"/> threads and returns
    /// <paramref name="collect"/>'s value for each, in the order of <see cref="EnsembleResults.Runs"/> whatever the
    /// threads, so what is computed from them is the same bytes for any thread count.
    /// </summary>
    /// <exception cref="InputException">A replay's outcomes differ from the stored ones.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <param name="results">The ensemble.</param>
    /// <param name="scenario">Its scenario, from <see cref="LoadScenario"/>.</param>
    /// <param name="collect">What to keep of each replayed run.</param>
    /// <param name="threads">Runs replayed at once.</param>
    /// <param name="progress">Runs done so far.</param>
    /// <param name="cancel">Stops the replays.</param>
    /// <param name="point">Only the runs of this parameter point; -1: every run.</param>
    public static T[] Replay<T>(EnsembleResults results, Scenario scenario, Func<ScenarioRun, T> collect, int threads, IProgress<long>? progress, CancellationToken cancel, int point = -1)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(collect);
        var info = results.Info;
        var rows = new List<int>();
        for (var row = 0; row < results.Runs.Count; row++)
        {
            if (point < 0 || info.PointOf(results.Runs[row]) == point)
            {
                rows.Add(row);
            }
        }

        var output = new T[rows.Count];
        long done = 0;
        progress?.Report(0);
        try
        {
            ReplayAll();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Say the run's own error (a replay that differs, a cancellation), not the thread pool's wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        return output;

        void ReplayAll() => Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancel }, i =>
        {
            var replay = ReplayRow(results, scenario, rows[i], cancel);
            output[i] = collect(replay);
            progress?.Report(Interlocked.Increment(ref done));
        });
    }

    /// <summary>
    /// Replays the <paramref name="row"/>-th run held by <paramref name="results"/> and checks its outcomes against the stored ones.
    /// </summary>
    /// <exception cref="InputException">The replay's outcomes differ from the stored ones.</exception>
    internal static ScenarioRun ReplayRow(EnsembleResults results, Scenario scenario, int row, CancellationToken cancel)
    {
        var info = results.Info;
        var run = results.Runs[row];
        // The run's parameter values set on the loaded scenario (cheap: the files are not read again).
        var replay = scenario.WithOverrides(RunOverrides(info, run)).StartRun(EnsemblePlan.RunSeed(info.Seed, run), info.Ticks);
        replay.Run(cancellation: cancel);
        var outcomes = replay.EvaluateOutcomes();
        for (var o = 0; o < outcomes.Length; o++)
        {
            var stored = results.Outcome(row, o);
            if (!outcomes[o].Equals(stored))
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"error: run {run} replayed gives {info.Outcomes[o]} = {outcomes[o]}, but the ensemble stored {stored}: the runs cannot be reproduced (fix: run the ensemble again)."));
            }
        }

        return replay;
    }

    /// <summary>The overrides the run's varied values add to the shared ones, written as the plan wrote them.</summary>
    private static List<string> RunOverrides(EnsembleInfo info, long run)
    {
        // The run's own values: its point's, or the particle a posterior design's run drew from its seed.
        var values = info.ParametersOf(run);
        var list = new List<string>();
        foreach (var name in info.Varied)
        {
            var index = -1;
            for (var i = 0; i < info.Parameters.Count; i++)
            {
                if (info.Parameters[i] == name)
                {
                    index = i;
                    break;
                }
            }

            list.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={values[index]:R}"));
        }

        return list;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
