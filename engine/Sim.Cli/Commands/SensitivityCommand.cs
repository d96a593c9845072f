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
        file.Description = "Scenario file (YAML); or an ensemble folder (from 'sim mc --sample lhs:K'), whose runs give partial rank correlations (PRCC) of every outcome with the parameters its design varied.";
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
            if (Directory.Exists(path))
            {
                if (parse.GetValue(vary) is { Length: > 0 } || parse.GetValue(set) is { Length: > 0 } || parse.GetValue(ticks) is not null)
                {
                    throw new UserInputException($"error: {path} is an ensemble folder: its runs are analysed as they are, over the parameters its design varied, so --vary, --set and --ticks do not apply (fix: drop them, or give a scenario file).");
                }

                return PartialRankCorrelations(parse, path, parse.GetValue(outDir), parse.GetValue(format)!.Value);
            }

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

    /// <summary>PRCC of every outcome of the ensemble in <paramref name="dir"/> with each parameter its design varied.</summary>
    private static int PartialRankCorrelations(ParseResult parse, string dir, string? outDir, TableFormat format)
    {
        var results = EnsembleResults.Load(dir);
        var info = results.Info;
        var k = info.Varied.Count;
        var n = results.Runs.Count;
        if (k == 0 || n < k + 3)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"error: {dir} varies {k} parameters over {n} runs; partial rank correlations need a design that varies parameters and at least {k + 3} runs (fix: an ensemble from 'sim mc --sample lhs:K --vary NAME ...')."));
        }

        var parameters = results.VariedValues();
        var rows = new List<SensitivityIndex>();
        for (var o = 0; o < info.Outcomes.Count; o++)
        {
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                y[i] = results.Outcome(i, o);
            }

            var prcc = Engine.Runs.Sensitivity.Prcc.Compute(parameters, y);
            for (var j = 0; j < k; j++)
            {
                var (low, high) = Engine.Runs.Sensitivity.Prcc.Interval(prcc[j], n, k);
                rows.Add(new SensitivityIndex(info.Outcomes[o], info.Varied[j], "prcc", prcc[j], low, high));
            }
        }

        var folder = outDir ?? Path.Combine(dir, "prcc");
        CommonOptions.PrepareOutFolder(folder);
        var table = SensitivityTables.WritePrcc(folder, format, rows);
        var written = PrccReport.Write(folder, dir, results, rows, table);
        var stdout = parse.InvocationConfiguration.Output;
        foreach (var group in rows.GroupBy(r => r.Outcome))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group.Key,-32} {string.Join("  ", group.Select(i => $"{i.Parameter} {F(i.Value)} [{F(i.Low)}, {F(i.High)}]"))}"));
        }

        stdout.WriteLine($"  wrote {written[0]}");
        stdout.WriteLine($"  wrote {table}");
        return ExitCodes.Ok;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("0.###", CultureInfo.InvariantCulture) : "n/a";
}
