using System.CommandLine;
using System.Globalization;
using Sim.Engine.Runs.Ensembles;
using Sim.Output;
using Sim.Viz.Plots;

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
        var vary = new Option<string[]>("--vary") { Description = "A parameter --sample varies, or one --posterior takes (repeatable; default: the scenario's own parameters, or all the posterior's).", Arity = ArgumentArity.ZeroOrMore };
        var posterior = CommonOptions.PathOption(new Option<string?>("--posterior")
        {
            Description = "Each run draws its parameters from this weighted posterior sample (posterior.parquet of 'sim calibrate'), from its own seed.",
        });
        var outDir = CommonOptions.EnsembleOut();
        var format = CommonOptions.EnsembleFormat();
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of K: i/K, or K with i from SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX." };
        var check = CommonOptions.Check();
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted ensemble in --out, keeping its finished runs." };
        var force = CommonOptions.Force();
        var quiet = CommonOptions.Quiet();
        var keep = ExportCommand.Keep(required: false);
        var command = new Command("mc", "Run a Monte Carlo ensemble: N replicates (and parameter sweeps) in parallel; writes runs, time-series quantiles, a manifest and a report.")
        {
            file, runs, seed, threads, ticks, set, sweep, sample, vary, posterior, outDir, format, shard, resume, force, quiet, check, keep,
        };
        CommonOptions.SetLongAction(command, (parse, cancel) =>
        {
            if (parse.GetValue(threads) > 1)
            {
                // While this thread loads the scenario, another core loads what the tables and charts at the end need.
                TableFile.OpenAhead();
                _ = Task.Run(EnsembleReport.DrawAhead, CancellationToken.None);
            }

            var path = parse.GetValue(file)!;
            var kept = EnsembleKeep.Parse(parse.GetValue(keep) ?? []);
            var scenario = CommonOptions.Load(path, parse.GetValue(set));
            Timings.Mark("scenario loaded");
            var shardValue = Shard.Resolve(parse.GetValue(shard), Environment.GetEnvironmentVariable);
            var seedValue = parse.GetValue(seed);
            var runCount = parse.GetValue(runs);
            var tickCount = parse.GetValue(ticks) ?? scenario.Horizon;
            var threadCount = parse.GetValue(threads);
            CommonOptions.AtLeast("--runs", runCount, 1);
            CommonOptions.CheckTicks(scenario, tickCount);
            CommonOptions.AtLeast("--threads", threadCount, 1);
            var plan = DesignOptions.Plan(scenario, path, seedValue, runCount, tickCount,
                parse.GetValue(sweep) ?? [], parse.GetValue(sample), parse.GetValue(vary) ?? [], parse.GetValue(posterior));
            var folder = parse.GetValue(outDir) ?? DefaultFolder(path, seedValue, shardValue, parse.GetValue(ticks), parse.GetValue(set) ?? [],
                parse.GetValue(sweep) ?? [], parse.GetValue(sample), parse.GetValue(vary) ?? [], parse.GetValue(posterior));
            CommonOptions.PrepareOutFolder(folder);
            var settings = new EnsembleSettings(threadCount, parse.GetValue(format)!.Value, parse.InvocationConfiguration.Output,
                "run the same command plus --resume")
            {
                Resume = parse.GetValue(resume),
                Force = parse.GetValue(force),
                Check = parse.GetValue(check),
                MemoryBudget = Budgets.Value.Memory,
            };
            if (!EnsembleWorkflow.Run(parse, scenario, plan, shardValue, folder, settings, cancel))
            {
                return ExitCodes.Failure;
            }

            if (kept.Count > 0)
            {
                // Loaded again only when tables are kept: reading the store back costs a pass over every run.
                ExportCommand.Write(parse, EnsembleResults.Load(folder), scenario, kept, settings.Format, threadCount, cancel);
                Timings.Mark("kept tables");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The folder an ensemble goes to without <c>--out</c>: out/&lt;scenario&gt;-mc-seed&lt;S&gt;, followed by what makes
    /// its design differ from the scenario's plain one (ticks, overrides, sweeps, sample, posterior, shard), so a sweep
    /// or a variant run after the plain ensemble gets its own folder rather than meeting the first one's.
    /// </summary>
    internal static string DefaultFolder(string path, ulong seed, Shard shard, int? ticks, IReadOnlyList<string> sets, IReadOnlyList<string> sweeps,
        string? sample, IReadOnlyList<string> vary, string? posterior)
    {
        var parts = new List<string>();
        if (ticks is { } t)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"ticks{t}"));
        }

        parts.AddRange(sets.Select(s => "set-" + s));
        parts.AddRange(sweeps.Select(s => "sweep-" + s));
        if (sample is not null)
        {
            parts.Add(sample.Replace(":", "", StringComparison.Ordinal));
            parts.AddRange(vary.Select(v => "vary-" + v));
        }

        if (posterior is not null)
        {
            parts.Add("posterior-" + Path.GetFileNameWithoutExtension(Path.GetFullPath(posterior).TrimEnd(Path.DirectorySeparatorChar)));
            parts.AddRange(vary.Select(v => "vary-" + v));
        }

        var design = string.Concat(parts.Select(p => "-" + Safe(p)));
        if (design.Length > 80)
        {
            // Too long for a readable folder name: the first words and a digest of the whole design.
            var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(design)))[..8];
            design = design[..60].TrimEnd('-') + "-" + digest;
        }

        return Path.Combine("out", string.Create(CultureInfo.InvariantCulture,
            $"{ScenarioFolderName(path)}-mc-seed{seed}{design}{(shard.IsAll ? "" : $"-shard{shard.Index}of{shard.Count}")}"));
    }

    /// <summary>Letters, digits, '_' and '.' kept; every other run of characters becomes one '-'.</summary>
    private static string Safe(string text)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in text.Trim())
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '_' or '.';
            if (keep || (sb.Length > 0 && sb[^1] != '-'))
            {
                sb.Append(keep ? c : '-');
            }
        }

        return sb.ToString().TrimEnd('-');
    }

    private static string ScenarioFolderName(string path) =>
        Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) is { Length: > 0 } name ? name : "ensemble";
}
