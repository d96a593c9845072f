using System.CommandLine;
using System.Globalization;
using Sim.Output;
using Sim.Viz.Plots;

namespace Sim.Cli.Commands;

/// <summary><c>sim sensitivity FILE --vary NAME...</c>: Sobol or Morris indices of every outcome to parameters over their declared ranges.</summary>
internal static class SensitivityCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ScenarioFile();
        var vary = new Option<string[]>("--vary")
        {
            Description = "A parameter to vary over its declared range (repeatable, or several after one --vary).",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.ZeroOrMore,
        };
        var method = new Option<SensitivityMethod>("--method", "-m") { Description = "sobol (first-order and total indices, N (k + 2) runs) or morris (elementary effects, r (k + 1) runs).", DefaultValueFactory = _ => SensitivityMethod.Sobol };
        var samples = new Option<int>("--samples", "-n") { Description = "Base samples N (sobol) or trajectories r (morris).", DefaultValueFactory = _ => 256 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed of the design, the runs and the bootstrap.", DefaultValueFactory = _ => 1 };
        var ticks = new Option<int?>("--ticks") { Description = "Ticks per run (default: the scenario's horizon)." };
        var resamples = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the 95% intervals.", DefaultValueFactory = _ => 1000 };
        var outDir = CommonOptions.PathOption(new Option<string?>("--out", "-o") { Description = "Output folder (default: out/<scenario>-sensitivity-<method>-seed<S>)." });
        var threads = new Option<int>("--threads", "-j") { Description = "Runs at once (default: all cores; the results do not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var format = CommonOptions.EnsembleFormat();
        var set = CommonOptions.Set();
        var quiet = CommonOptions.Quiet();
        var command = new Command("sensitivity", "Global sensitivity of every outcome to parameters over their declared ranges: Sobol indices (Saltelli design, Jansen estimators) or Morris elementary effects, with bootstrap intervals, tables, charts and a report.")
        {
            file, vary, method, samples, seed, ticks, resamples, outDir, threads, format, set, quiet,
        };
        CommonOptions.SetLongAction(command, (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            var scenario = CommonOptions.Load(path, parse.GetValue(set));
            var names = parse.GetValue(vary) ?? [];
            if (names.Length == 0)
            {
                throw new UserInputException($"error: name at least one parameter to vary: --vary NAME (parameters of this scenario: {string.Join(", ", scenario.Parameters.Keys)}).");
            }

            var analysis = new SensitivityAnalysis(scenario, names)
            {
                Method = parse.GetValue(method),
                Samples = parse.GetValue(samples),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                Resamples = parse.GetValue(resamples),
            };
            CommonOptions.AtLeast("--samples", analysis.Samples, 2);
            CommonOptions.AtLeast("--threads", analysis.Threads, 1);
            CommonOptions.AtLeast("--bootstrap", analysis.Resamples, 1);
            if (parse.GetValue(ticks) is { } t)
            {
                CommonOptions.CheckTicks(scenario, t);
                analysis.Ticks = t;
            }

            if (analysis.RunCount > 10_000_000)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"error: the design needs {analysis.RunCount} runs, more than 10,000,000 (fix: fewer --samples)."));
            }

            var methodName = analysis.Method.ToString().ToLowerInvariant();
            var folder = parse.GetValue(outDir) ?? Path.Combine("out", string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))}-sensitivity-{methodName}-seed{analysis.Seed}"));
            CommonOptions.PrepareOutFolder(folder);
            var err = parse.InvocationConfiguration.Error;
            var quietValue = parse.GetValue(quiet);
            if (!quietValue)
            {
                err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{methodName}: {analysis.RunCount} runs over {string.Join(", ", analysis.Vary.Select((v, i) => $"{v} in [{analysis.Ranges[i].Min}, {analysis.Ranges[i].Max}]"))}."));
            }

            SensitivityResults results;
            using (var bar = quietValue ? null : ProgressBar.Start(parse, $"{scenario.Name}, sensitivity", (int)Math.Min(analysis.RunCount, int.MaxValue), "runs"))
            {
                results = analysis.Run(bar, cancel);
            }

            var tables = SensitivityTables.Write(folder, parse.GetValue(format)!.Value, results);
            var written = SensitivityReport.Write(folder, path, results, tables);
            var stdout = parse.InvocationConfiguration.Output;
            var main = analysis.Method == SensitivityMethod.Sobol ? "ST" : "mu_star";
            foreach (var group in results.Indices.Where(i => i.Index == main).GroupBy(i => i.Outcome))
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {group.Key,-32} {string.Join("  ", group.Select(i => $"{i.Parameter} {main} {F(i.Value)} [{F(i.Low)}, {F(i.High)}]"))}"));
            }

            foreach (var f in written.Take(1).Concat(tables))
            {
                stdout.WriteLine($"  wrote {f}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
}
