using System.CommandLine;
using Sim.Engine.Scenarios;

namespace Sim.Cli.Commands;

/// <summary>Options and helpers several commands share, so each is defined once.</summary>
internal static class CommonOptions
{
    public static Argument<string> ScenarioFile() => new("FILE") { Description = "Scenario file (YAML)." };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a parameter: --set name=value (repeatable).",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string?> EnsembleOut() => new("--out", "-o") { Description = "Ensemble folder (default: out/<scenario>-mc-seed<S>)." };

    public static Option<Engine.Runs.TableFormat> EnsembleFormat() => new("--format")
    {
        Description = "Table format: parquet (default) or csv.",
        DefaultValueFactory = _ => Engine.Runs.TableFormat.Parquet,
    };

    public static Option<bool> Force() => new("--force") { Description = "Replace an ensemble already in --out." };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Show no progress." };

    /// <summary>Loads a scenario or throws a <see cref="UserInputException"/> listing every diagnostic.</summary>
    public static ScenarioDefinition Load(string file, IReadOnlyList<string>? overrides)
    {
        var result = ScenarioLoader.Load(file, overrides);
        if (result.Success)
        {
            return result.Definition!;
        }

        var lines = result.Diagnostics.Select(d => d.ToString()).ToList();
        lines.Add($"{result.Diagnostics.Count} error{(result.Diagnostics.Count == 1 ? "" : "s")} in {file}; nothing was run.");
        throw new UserInputException(string.Join('\n', lines));
    }
}
