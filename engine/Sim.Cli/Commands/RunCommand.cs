using System.CommandLine;
using System.Globalization;
using Sim.Engine;
using Sim.Output;

namespace Sim.Cli.Commands;

/// <summary><c>sim run FILE</c>: one headless run, outputs written to a folder.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ScenarioFile();
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed and overrides give the same bytes.", DefaultValueFactory = _ => 1 };
        var ticks = new Option<int?>("--ticks") { Description = "Number of ticks (default: the scenario's horizon)." };
        var set = CommonOptions.Set();
        var outDir = CommonOptions.PathOption(new Option<string?>("--out", "-o") { Description = "Output folder (default: out/<scenario>-seed<N>)." });
        var format = CommonOptions.TableFormat("Table format: csv (default) or parquet.", TableFormat.Csv);
        var quiet = CommonOptions.Quiet();
        var check = CommonOptions.Check();
        var command = new Command("run", "Run a scenario headless and write events, time series, outcomes and a manifest.")
        {
            file, seed, ticks, set, outDir, format, quiet, check,
        };
        CommonOptions.SetLongAction(command, (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            var scenario = CommonOptions.Load(path, parse.GetValue(set));
            var definition = scenario.Definition;
            var tickCount = parse.GetValue(ticks) ?? definition.Horizon;
            CommonOptions.CheckTicks(scenario, tickCount);
            Budgets.CheckRun(definition, tickCount, parse.GetValue(ticks) is not null);

            var seedValue = parse.GetValue(seed);
            var folder = parse.GetValue(outDir)
                ?? Path.Combine("out", string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "run")}-seed{seedValue}"));
            CommonOptions.PrepareOutFolder(folder);
            var run = scenario.StartRun(seedValue, tickCount, new RunOptions { Check = parse.GetValue(check) });
            using (var progress = ProgressBar.Start(parse, $"{definition.Name}, seed {seedValue}", tickCount, "ticks"))
            {
                run.Run(progress, cancel);
            }

            var tableFormat = parse.GetValue(format)!.Value;
            var files = RunFolder.Replace(folder, into => RunOutputs.Write(run, into, tableFormat, EngineInfo.Version));
            var stdout = parse.InvocationConfiguration.Output;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{definition.Name}: {tickCount} ticks ({definition.Start:yyyy-MM-dd} to {definition.DateOf(tickCount):yyyy-MM-dd}), {run.State.Events.Count} events, {run.State.TotalFatalities:0} fatalities"));
            foreach (var f in files)
            {
                stdout.WriteLine($"  wrote {f}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
