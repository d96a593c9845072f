using System.CommandLine;
using System.Globalization;
using Sim.Engine.Runs;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Cli.Commands;

/// <summary><c>sim mc FILE --runs N</c>: a Monte Carlo ensemble, resumable and shardable, with a report.</summary>
internal static class McCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ScenarioFile();
        var runs = new Option<int>("--runs", "-n") { Description = "Replicates (per parameter point when sweeping).", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed; run i's seed is derived from (seed, i) alone.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads", "-j") { Description = "Runs at once (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var ticks = new Option<int?>("--ticks") { Description = "Ticks per run (default: the scenario's horizon)." };
        var set = CommonOptions.Set();
        var sweep = new Option<string[]>("--sweep") { Description = "Sweep a parameter: name=from:to:count (repeatable; full grid).", Arity = ArgumentArity.ZeroOrMore };
        var sample = new Option<string?>("--sample") { Description = "Latin hypercube over declared parameter ranges: lhs:K." };
        var vary = new Option<string[]>("--vary") { Description = "A parameter --sample varies (repeatable; default: the scenario's own parameters).", Arity = ArgumentArity.ZeroOrMore };
        var outDir = CommonOptions.EnsembleOut();
        var format = CommonOptions.EnsembleFormat();
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of K: i/K, or K with i from SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX." };
        var check = CommonOptions.Check();
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted ensemble in --out, keeping its finished runs." };
        var force = CommonOptions.Force();
        var quiet = CommonOptions.Quiet();
        var command = new Command("mc", "Run a Monte Carlo ensemble: N replicates (and parameter sweeps) in parallel; writes runs, time-series quantiles, a manifest and a report.")
        {
            file, runs, seed, threads, ticks, set, sweep, sample, vary, outDir, format, shard, resume, force, quiet, check,
        };
        CommonOptions.SetLongAction(command, (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            var overrides = parse.GetValue(set) ?? [];
            var definition = CommonOptions.Load(path, overrides);
            var shardValue = Shard.Resolve(parse.GetValue(shard), Environment.GetEnvironmentVariable);
            var seedValue = parse.GetValue(seed);
            var plan = EnsemblePlan.Create(definition, path, seedValue, parse.GetValue(runs), parse.GetValue(ticks) ?? definition.Horizon,
                overrides, parse.GetValue(sweep) ?? [], parse.GetValue(sample), parse.GetValue(vary) ?? []);
            var threadCount = parse.GetValue(threads);
            if (threadCount < 1)
            {
                throw new UserInputException($"error: --threads must be at least 1, got {threadCount}.");
            }

            var folder = parse.GetValue(outDir) ?? Path.Combine("out", string.Create(CultureInfo.InvariantCulture,
                $"{ScenarioFolderName(path)}-mc-seed{seedValue}{(shardValue.IsAll ? "" : $"-shard{shardValue.Index}of{shardValue.Count}")}"));
            CommonOptions.PrepareOutFolder(folder);
            var ensemble = Ensemble.Prepare(plan, path, shardValue, folder, parse.GetValue(resume), parse.GetValue(force));
            ensemble.Check = parse.GetValue(check);
            var stderr = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            var total = ensemble.ShardRunCount;
            long stored;
            try
            {
                using (var progress = ProgressBar.Start(parse, $"{definition.Name}, {ensemble.Describe()}", (int)Math.Min(total, int.MaxValue), "runs"))
                {
                    stored = ensemble.RunPending(threadCount, progress, cancel);
                }

                if (stored < total)
                {
                    stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Stopped after {stored} of {total} runs; they are kept in {folder}. Continue with the same command plus --resume."));
                    return ExitCodes.Failure;
                }

                EnsembleFinish.Write(folder, parse.GetValue(format), stdout, threadCount);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A full disk or a folder turned read-only mid-run: the store keeps every run that was written whole.
                throw new IOException($"cannot write the ensemble in {folder}: {e.Message.TrimEnd('.')}. The runs finished so far are kept; "
                    + "free space (or fix the folder's permissions), then continue with the same command plus --resume.", e);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string ScenarioFolderName(string path) =>
        Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) is { Length: > 0 } name ? name : "ensemble";
}
