using System.CommandLine;
using System.Globalization;
using Sim.Engine.Runs.Ensembles;
using Sim.Output;
using Sim.Viz.Plots;

namespace Sim.Cli.Commands;

/// <summary><c>sim compare A B [...] --out DIR</c>: how outcomes change from a baseline ensemble to variants.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var inputs = CommonOptions.PathArgument(new Argument<string[]>("ENSEMBLE")
        {
            Description = "Ensemble folders (from 'sim mc'), or scenario files to run first, each optionally followed by overrides: scenario.yaml,name=value,... The first is the baseline A.",
            Arity = new ArgumentArity(2, 100),
        });
        var outDir = CommonOptions.PathOption(new Option<string>("--out", "-o") { Description = "Folder for the comparison (and for ensembles run from scenario files).", Required = true });
        var runs = new Option<int>("--runs", "-n") { Description = "Runs per scenario file given (folders are used as they are).", DefaultValueFactory = _ => 200 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed of ensembles run from scenario files (the same for all: common random numbers).", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads", "-j") { Description = "Runs at once (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var quiet = CommonOptions.Quiet();
        var keep = ExportCommand.Keep(required: false);
        keep.Description = "Per-run tables each ensemble run from a scenario file also writes in its folder (ensemble-a, ensemble-b, ...): events, series, acled, or several; as 'sim mc --keep'.";
        var command = new Command("compare", "Compare outcomes of ensembles: differences with confidence intervals and significance tests, side-by-side plots and a report.")
        {
            inputs, outDir, runs, seed, threads, quiet, keep,
        };
        CommonOptions.SetLongAction(command, (parse, cancel) =>
        {
            var folder = parse.GetValue(outDir)!;
            var kept = EnsembleKeep.Parse(parse.GetValue(keep) ?? []);
            var stdout = parse.InvocationConfiguration.Output;
            var loaded = new List<(string Label, EnsembleResults Results)>();
            var given = parse.GetValue(inputs)!;
            for (var i = 0; i < given.Length; i++)
            {
                var input = given[i];
                if (Directory.Exists(input))
                {
                    loaded.Add((input, EnsembleResults.Load(input)));
                    continue;
                }

                var parts = input.Split(',');
                if (!File.Exists(parts[0]))
                {
                    throw new UserInputException($"error: '{parts[0]}' is neither an ensemble folder nor a scenario file.");
                }

                var ensembleFolder = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"ensemble-{(char)('a' + Math.Min(i, 25))}"));
                var scenario = CommonOptions.Load(parts[0], parts[1..]);
                var runCount = parse.GetValue(runs);
                var threadCount = parse.GetValue(threads);
                CommonOptions.AtLeast("--runs", runCount, 1);
                CommonOptions.AtLeast("--threads", threadCount, 1);
                var plan = EnsemblePlan.Create(scenario.Definition, parts[0], parse.GetValue(seed), runCount, scenario.Horizon, scenario.Overrides,
                    new ParameterDesign.OnePoint());
                // Resuming lets a repeated compare reuse finished ensembles, and refuses ones that differ.
                var settings = new EnsembleSettings(threadCount, Output.TableFormat.Parquet, TextWriter.Null, "run the same command again")
                {
                    Resume = true,
                    Label = input,
                };
                if (!EnsembleWorkflow.Run(parse, scenario, plan, Shard.All, ensembleFolder, settings, cancel))
                {
                    return ExitCodes.Failure;
                }

                ExportCommand.Write(parse, EnsembleResults.Load(ensembleFolder), scenario, kept, settings.Format, threadCount, cancel);

                // The scenario's name and the overrides say what the variant is; the file path does not.
                var name = parts.Length > 1 ? $"{scenario.Name}, {string.Join(", ", parts[1..])}" : scenario.Name;
                loaded.Add((name, EnsembleResults.Load(ensembleFolder)));
            }

            var variants = loaded.Skip(1).Select(v => (v.Label, v.Results, EnsembleComparison.Compare(loaded[0].Results, v.Results))).ToList();
            Directory.CreateDirectory(folder);
            var files = ComparisonReport.Write(folder, loaded[0], variants);
            foreach (var (label, _, rows) in variants)
            {
                stdout.WriteLine($"{label} vs {loaded[0].Label}:");
                foreach (var r in rows)
                {
                    var d = r.Test.Difference;
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {r.Outcome,-32} {ComparisonReport.Value(r, r.A.Estimate.Value),9} -> {ComparisonReport.Value(r, r.B.Estimate.Value),-9} diff {ComparisonReport.WithSign(r, d.Value)} [{ComparisonReport.WithSign(r, d.Low)}, {ComparisonReport.WithSign(r, d.High)}]{(r.Changed ? "  changed" : r.Significant != r.IntervalExcludesZero ? "  " + r.Verdict : "")}"));
                }
            }

            foreach (var f in files.Take(2))
            {
                stdout.WriteLine($"  wrote {f}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
