using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Sim.Cli.Commands;

/// <summary>Options and helpers several commands share, so each is defined once.</summary>
internal static class CommonOptions
{
    public static Argument<string> ScenarioFile() => PathArgument(new Argument<string>("FILE") { Description = "Scenario file (YAML)." });

    /// <summary>A path option: refused while parsing when empty or holding a NUL, which no file system accepts.</summary>
    public static Option<T> PathOption<T>(Option<T> option)
    {
        option.Validators.Add(result => CheckPaths(result.Tokens.Select(t => t.Value), option.Name, (result.Parent?.Parent as CommandResult)?.Command, result.AddError));
        return option;
    }

    /// <summary>A path argument (or list of them), checked as <see cref="PathOption{T}"/> is.</summary>
    public static Argument<T> PathArgument<T>(Argument<T> argument)
    {
        argument.Validators.Add(result => CheckPaths(result.Tokens.Select(t => t.Value), argument.Name, (result.Parent as CommandResult)?.Command, result.AddError));
        return argument;
    }

    private static void CheckPaths(IEnumerable<string> paths, string name, Command? command, Action<string> error)
    {
        foreach (var path in paths)
        {
            if (path.Length > 1 && path[0] == '-')
            {
                // The parser hands a word it does not know to an argument that still takes paths: it is an option mistyped
                // or one this command does not have, not a file or folder name.
                error(UnknownOption(path, command));
            }
            else if (path.Length == 0)
            {
                error($"{name} is an empty path (give a file or folder name)");
            }
            else if (path.Contains('\0', StringComparison.Ordinal))
            {
                error($"{name} '{path.Replace("\0", "\\0", StringComparison.Ordinal)}' holds a NUL character, which no path may contain");
            }
        }
    }

    /// <summary>The message for an option a command does not have: what, and how to fix it.</summary>
    public static string UnknownOption(string token, Command? command)
    {
        var help = command is null or RootCommand ? "sim --help" : $"sim {command.Name} --help";
        return $"unknown option {token}{(command is null or RootCommand ? "" : $" for 'sim {command.Name}'")} (fix: '{help}' lists the options; a path starting with '-' is written ./{token})";
    }

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a parameter: --set name=value (repeatable).",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<string?> EnsembleOut() => PathOption(new Option<string?>("--out", "-o") { Description = "Ensemble folder (default: out/<scenario>-mc-seed<S>, followed by the design when it is not the plain one: -ticksN, -set-..., -sweep-..., -lhsK, -shardIofK)." });

    public static Option<Choice<Output.TableFormat>> EnsembleFormat() => TableFormat("Table format: parquet (default) or csv.", Output.TableFormat.Parquet);

    /// <summary>A <c>--format</c> of tables, read as <c>csv</c> or <c>parquet</c> in any letter case.</summary>
    public static Option<Choice<Output.TableFormat>> TableFormat(string description, Output.TableFormat defaultValue) =>
        Word("--format", description, [("csv", Output.TableFormat.Csv), ("parquet", Output.TableFormat.Parquet)], defaultValue);

    /// <summary>
    /// An option whose value is one of a few words: help and errors show the words, never a .NET type or member name,
    /// and a wrong one is refused while parsing (exit code 2) with the words allowed.
    /// </summary>
    public static Option<Choice<T>> Word<T>(string name, string description, IReadOnlyList<(string Word, T Value)> words, T defaultValue)
    {
        var list = string.Join(", ", words.Select(w => w.Word));
        var fallback = words.Select(w => new Choice<T>(w.Word, w.Value)).First(c => EqualityComparer<T>.Default.Equals(c.Value, defaultValue));
        return new Option<Choice<T>>(name)
        {
            Description = description,
            HelpName = string.Join('|', words.Select(w => w.Word)),
            DefaultValueFactory = _ => fallback,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : fallback.Word;
                foreach (var (word, value) in words)
                {
                    if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
                    {
                        return new Choice<T>(word, value);
                    }
                }

                result.AddError($"{name} {text}: not a choice (fix: one of {list}).");
                return fallback;
            },
        };
    }

    public static Option<bool> Force() => new("--force") { Description = "Replace an ensemble already in --out." };

    public static Option<bool> Check() => new("--check")
    {
        Description = "Check the model's invariants after every system of every tick and stop at the first one broken (slower; same outputs).",
    };

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "Show no progress." };

    /// <summary>
    /// Sets an action that may run long. It runs on a worker thread because System.CommandLine starts listening
    /// for Ctrl-C and SIGTERM only once the action has returned its task; a synchronous body would finish first,
    /// and a signal would kill the process instead of cancelling <c>cancel</c>.
    /// </summary>
    public static void SetLongAction(Command command, Func<ParseResult, CancellationToken, int> action) =>
        command.SetAction((parse, cancel) => Task.Run(
            () =>
            {
                using var watch = Budgets.Watch(cancel);
                return action(parse, watch.Token);
            },
            CancellationToken.None));

    /// <summary>Creates the output folder before any work, so a bad <c>--out</c> fails at once with a message rather than after the runs.</summary>
    public static void PrepareOutFolder(string folder)
    {
        if (File.Exists(folder))
        {
            throw new UserInputException($"error: --out {folder} is a file, not a folder (fix: give a folder; it is created if missing).");
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create the output folder {folder}: {e.Message}", e);
        }
    }

    /// <summary>Loads a scenario with its <c>--set</c> overrides; a bad one throws a <see cref="ScenarioException"/> listing every diagnostic.</summary>
    public static Scenario Load(string file, IReadOnlyList<string>? overrides) => Scenario.Load(file, overrides ?? [], IncludesOutside.Value);

    /// <summary>
    /// <c>--allow-includes-outside</c>, on every command: a scenario's includes may then reach files outside its
    /// folder tree. Without it such an include is a diagnostic, so a scenario from elsewhere cannot read (and quote
    /// back) files of the machine it runs on.
    /// </summary>
    public static Option<bool> AllowIncludesOutside() => new("--allow-includes-outside")
    {
        Description = "Let a scenario's includes reach files outside the scenario file's folder and its subfolders (refused by default).",
        Recursive = true,
    };

    /// <summary>The value of <c>--allow-includes-outside</c> for the command being run.</summary>
    internal static AsyncLocal<bool> IncludesOutside { get; } = new();

    /// <summary>Checks <c>--ticks</c>: not negative, and its last date no later than 9999-12-31.</summary>
    public static void CheckTicks(Scenario scenario, int ticks)
    {
        AtLeast("--ticks", ticks, 0);
        if (ticks > scenario.Definition.MaxTicks)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"error: --ticks {ticks}: {ticks} ticks of {scenario.DaysPerTick} days from {scenario.Start:yyyy-MM-dd} pass 9999-12-31 (fix: at most {scenario.Definition.MaxTicks})."));
        }
    }

    /// <summary>Checks a whole-number option against its least value, naming the option when it is below.</summary>
    public static void AtLeast(string option, int value, int least)
    {
        if (value < least)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"error: {option} must be {(least == 0 ? "0 or more" : $"at least {least}")}, got {value}."));
        }
    }

    public static Option<string> Size() => new("--size") { Description = "Frame size in pixels, WxH.", DefaultValueFactory = _ => "1280x800" };

    /// <summary>Parses WxH; throws a <see cref="UserInputException"/> naming the expected form.</summary>
    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && w is >= 400 and <= 8192 && h is >= 300 and <= 8192)
        {
            return (w, h);
        }

        throw new UserInputException($"error: --size {text}: expected WIDTHxHEIGHT between 400x300 and 8192x8192, for example --size 1280x800.");
    }

    /// <summary>The country outlines beside a scenario (maps/countries.json), or none.</summary>
    public static Sim.Viz.Geo.CountryMap LoadMap(string scenarioFile)
    {
        try
        {
            return Sim.Viz.Geo.CountryMap.ForScenario(scenarioFile);
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException("error: " + e.Message, e);
        }
    }
}

/// <summary>A value chosen by its word on the command line; shown (in help too) as the word.</summary>
/// <param name="Word">The word as the command line spells it.</param>
/// <param name="Value">What it stands for.</param>
internal sealed record Choice<T>(string Word, T Value)
{
    /// <inheritdoc/>
    public override string ToString() => Word;
}
