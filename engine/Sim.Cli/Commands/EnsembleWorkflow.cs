using System.CommandLine;
using System.Globalization;
using Sim.Engine.Runs.Ensembles;
using Sim.Output;
using Sim.Viz.Plots;

namespace Sim.Cli.Commands;

/// <summary>An ensemble from plan to report, as <c>sim mc</c> and <c>sim compare</c> both run it: prepare the folder, do the pending runs, write tables and report.</summary>
internal static class EnsembleWorkflow
{
    /// <summary>
    /// Runs <paramref name="plan"/> into <paramref name="folder"/> and writes its tables, manifest and report. Returns false,
    /// having said how to continue, when it was stopped before every run was stored.
    /// </summary>
    public static bool Run(ParseResult parse, Scenario scenario, EnsemblePlan plan, Shard shard, string folder, EnsembleSettings settings, CancellationToken cancel)
    {
        Budgets.CheckEnsemble(scenario.Definition, plan, shard);
        using var held = RunFolder.LockForEnsemble(folder);
        var ensemble = Ensemble.Prepare(plan, scenario, shard, folder, settings.Resume, settings.Force, settings.MemoryBudget);
        ensemble.Check = settings.Check;
        Timings.Mark("ensemble prepared");
        var total = ensemble.ShardRunCount;
        RunsInMemory? inMemory = null;
        try
        {
            long stored;
            using (var progress = ProgressBar.Start(parse, settings.Label ?? $"{scenario.Name}, {ensemble.Describe()}", (int)Math.Min(total, int.MaxValue), "runs"))
            {
                try
                {
                    stored = ensemble.RunPending(settings.Threads, progress, cancel, keepInMemory: true);
                }
                finally
                {
                    inMemory = ensemble.TakeRunsInMemory();
                }
            }

            Timings.Mark("runs");
            if (stored < total && Budgets.Expired)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"error: stopped at --time-limit ({Budgets.TimeText}) after {stored} of {total} runs; they are kept in {folder}. To continue, {settings.ContinueHint} (with a longer --time-limit, or none)."));
            }

            if (stored < total)
            {
                parse.InvocationConfiguration.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Stopped after {stored} of {total} runs; they are kept in {folder}. To continue, {settings.ContinueHint}."));
                return false;
            }

            Finish(folder, settings.Format, settings.Summary, settings.Threads, inMemory, ensemble.SeriesPassBytes);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk or a folder turned read-only mid-run: the store keeps every run that was written whole.
            throw new IOException($"cannot write the ensemble in {folder}: {e.Message.TrimEnd('.')}. The runs finished so far are kept; "
                + $"free space (or fix the folder's permissions), then {settings.ContinueHint}.", e);
        }
        finally
        {
            inMemory?.Dispose();
        }
    }

    /// <summary>The last step of <c>sim mc</c>, <c>sim compare</c> and <c>sim merge</c>: tables, manifest, report and a summary.</summary>
    /// <param name="folder">The ensemble folder.</param>
    /// <param name="format">Parquet or CSV tables.</param>
    /// <param name="stdout">Where the summary goes.</param>
    /// <param name="threads">Threads summarising the time series and drawing the charts (0: every core); the files are the same either way.</param>
    /// <param name="inMemory">The runs just done, when kept in memory (<see cref="Ensemble.TakeRunsInMemory"/>); else they are read from the store.</param>
    /// <param name="passBytes">The memory the time-series summary may take (<see cref="Ensemble.SeriesPassBytes"/>).</param>
    public static void Finish(string folder, TableFormat format, TextWriter stdout, int threads = 0, RunsInMemory? inMemory = null, long passBytes = EnsembleTables.MinSeriesPassBytes)
    {
        var results = EnsembleResults.Load(folder, inMemory);
        Timings.Mark("results loaded");
        // The charts are drawn from the series summaries while this thread writes the tables (DuckDB, one thread).
        Task<IReadOnlyList<string>>? drawing = null;
        IReadOnlyList<string> tables;
        try
        {
            (tables, _) = EnsembleTables.WriteTables(results, format, EnsembleReport.PointsToKeep(results.Info), threads,
                kept => drawing = Task.Run(() => EnsembleReport.Write(results, kept, format, threads)), inMemory, passBytes);
            Timings.Mark("tables");
        }
        finally
        {
            // Never leave the charts being written after a failure here is reported.
            if (drawing is not null)
            {
                ((IAsyncResult)drawing).AsyncWaitHandle.WaitOne();
            }
        }

        var report = drawing!.GetAwaiter().GetResult();
        Timings.Mark("report and plots");
        // Last: the manifest marks the folder finished, so a folder stopped before it is resumed, report and all.
        IReadOnlyList<string> files = [.. tables, EnsembleTables.WriteManifest(results, [.. tables, .. report])];
        Timings.Mark("manifest");
        var info = results.Info;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{info.Scenario}: {results.Runs.Count} runs{(info.ShardValue.IsAll ? "" : $" (shard {info.Shard})")}, seed {info.Seed}"));
        if (info.PointCount == 1)
        {
            foreach (var s in results.Summarize())
            {
                var e = s.Estimate;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {s.Outcome,-32} {EnsembleReport.Format(e.Value, s.IsBool),9}  [{EnsembleReport.Format(e.Low, s.IsBool)}, {EnsembleReport.Format(e.High, s.IsBool)}]"));
            }
        }

        foreach (var f in files.Concat(report.Take(1)))
        {
            stdout.WriteLine($"  wrote {f}");
        }
    }
}

/// <summary>How <see cref="EnsembleWorkflow.Run"/> runs and reports an ensemble.</summary>
/// <param name="Threads">Runs at once.</param>
/// <param name="Format">Table format.</param>
/// <param name="Summary">Where the outcome summary goes.</param>
/// <param name="ContinueHint">What to run to continue after a stop, as a phrase ("run the same command plus --resume").</param>
internal sealed record EnsembleSettings(int Threads, TableFormat Format, TextWriter Summary, string ContinueHint)
{
    public bool Resume { get; init; }

    public bool Force { get; init; }

    public bool Check { get; init; }

    /// <summary>The memory the ensemble may be expected to need, in bytes (<c>--memory</c>); more is refused before any run.</summary>
    public long MemoryBudget { get; init; } = Budgets.Value.Memory;

    /// <summary>The progress bar's label (default: the scenario and the plan).</summary>
    public string? Label { get; init; }
}
