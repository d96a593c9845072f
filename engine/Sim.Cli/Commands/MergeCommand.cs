using System.CommandLine;
using Sim.Engine.Runs.Ensembles;
using Sim.Output;

namespace Sim.Cli.Commands;

/// <summary><c>sim merge DIR... --out DIR</c>: joins the shards of one ensemble.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var shards = CommonOptions.PathArgument(new Argument<string[]>("DIR") { Description = "Shard folders written by 'sim mc --shard i/K'.", Arity = ArgumentArity.OneOrMore });
        var outDir = CommonOptions.PathOption(new Option<string>("--out", "-o") { Description = "Folder for the merged ensemble.", Required = true });
        var format = CommonOptions.EnsembleFormat();
        var force = CommonOptions.Force();
        var quiet = CommonOptions.Quiet();
        var command = new Command("merge", "Merge the shard folders of one ensemble (all K shards, each once) into one ensemble, identical to running it in one process.")
        {
            shards, outDir, format, force, quiet,
        };
        CommonOptions.SetLongAction(command, (parse, cancel) =>
        {
            var folder = parse.GetValue(outDir)!;
            EnsembleMerge.Merge(parse.GetValue(shards)!, folder, parse.GetValue(force));
            EnsembleWorkflow.Finish(folder, parse.GetValue(format)!.Value, parse.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        });
        return command;
    }
}
