using System.CommandLine;
using Sim.Output;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim export DIR --keep events,series,acled</c>: the per-run tables of a finished ensemble, replayed from its store;
/// what <c>sim mc --keep</c> writes when its runs are done.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The <c>--keep</c> option <c>sim mc</c> and <c>sim export</c> share.</summary>
    public static Option<string[]> Keep(bool required) => new("--keep")
    {
        Description = "Per-run tables to write beside the ensemble: events, series, acled (the events under ACLED's column names), or several (events,series); each row carries run, point, replicate and seed. "
            + "Runs are replayed to write them (about the ensemble's time again).",
        Arity = ArgumentArity.ZeroOrMore,
        Required = required,
    };

    public static Command Create()
    {
        var folder = CommonOptions.PathArgument(new Argument<string>("ENSEMBLE") { Description = "Ensemble folder (from 'sim mc')." });
        var keep = Keep(required: true);
        var scenarioFile = CommonOptions.PathOption(new Option<string?>("--scenario") { Description = "The scenario file the ensemble ran (default: its file name, looked up in the current folder and beside the ensemble)." });
        var format = CommonOptions.EnsembleFormat();
        var threads = new Option<int>("--threads", "-j") { Description = "Runs replayed at once (default: all cores); the files are the same for any.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var otherEngine = new Option<bool>("--other-engine") { Description = "Replay an ensemble run by another engine version; each replay must still reproduce the stored outcomes." };
        var quiet = CommonOptions.Quiet();
        var command = new Command("export", "Write the per-run events (also shaped as ACLED's) and time series of a finished ensemble (replayed from its store), with dictionaries of actors, regions, outcomes and parameters.")
        {
            folder, keep, scenarioFile, format, threads, otherEngine, quiet,
        };
        CommonOptions.SetLongAction(command, (parse, cancel) =>
        {
            var dir = parse.GetValue(folder)!;
            var tables = EnsembleKeep.Parse(parse.GetValue(keep) ?? []);
            CommonOptions.AtLeast("--threads", parse.GetValue(threads), 1);
            if (!Directory.Exists(dir))
            {
                throw new UserInputException($"error: {dir} is not an ensemble folder (fix: give the --out folder of 'sim mc').");
            }

            var results = EnsembleResults.Load(dir);
            var scenario = EnsembleReplay.LoadScenario(results.Info, ScoreCommand.FindScenario(parse.GetValue(scenarioFile), dir, results.Info.ScenarioFile), parse.GetValue(otherEngine));
            Write(parse, results, scenario, tables, parse.GetValue(format)!.Value, parse.GetValue(threads), cancel);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Replays the runs of <paramref name="results"/> into the kept tables, with progress, and lists the files written.</summary>
    public static void Write(ParseResult parse, EnsembleResults results, Scenario scenario, IReadOnlySet<string> tables, TableFormat format, int threads, CancellationToken cancel)
    {
        if (tables.Count == 0)
        {
            return;
        }

        IReadOnlyList<string> files;
        using (var progress = ProgressBar.Start(parse, $"replaying the runs of {results.Info.Scenario} for {string.Join(", ", tables)}", results.Runs.Count, "runs"))
        {
            files = EnsembleKeep.Write(results, scenario, tables, format, threads, progress, cancel);
        }

        EnsembleTables.AddToManifest(results, files);

        foreach (var f in files)
        {
            parse.InvocationConfiguration.Output.WriteLine($"  wrote {f}");
        }
    }
}
