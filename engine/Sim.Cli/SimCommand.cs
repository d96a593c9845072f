using System.CommandLine;

namespace Sim.Cli;

/// <summary>The <c>sim</c> command line: a root command and its subcommands.</summary>
internal static class SimCommand
{
    /// <summary>Builds the command tree; each subcommand lives in its own file under Commands/.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Sim: an agent-based geopolitical simulation engine. States, juntas, separatists, PMCs and armed groups are agents whose alliances and escalation evolve tick by tick under a scenario file.");
        root.Subcommands.Add(Commands.ValidateCommand.Create());
        root.Subcommands.Add(Commands.ParamsCommand.Create());
        root.Subcommands.Add(Commands.RunCommand.Create());
        root.Subcommands.Add(Commands.McCommand.Create());
        root.Subcommands.Add(Commands.MergeCommand.Create());
        root.Subcommands.Add(Commands.ExportCommand.Create());
        root.Subcommands.Add(Commands.CompareCommand.Create());
        root.Subcommands.Add(Commands.ScoreCommand.Create());
        root.Subcommands.Add(Commands.CalibrateCommand.Create());
        root.Subcommands.Add(Commands.SensitivityCommand.Create());
        root.Subcommands.Add(Commands.ViewCommand.Create());
        root.Subcommands.Add(Commands.RenderCommand.Create());
        root.Subcommands.Add(Commands.ServeCommand.Create());
        root.Options.Add(Commands.CommonOptions.AllowIncludesOutside());
        root.Options.Add(Commands.Budgets.WorkOption());
        root.Options.Add(Commands.Budgets.MemoryOption());
        root.Options.Add(Commands.Budgets.TimeOption());
        return root;
    }

    /// <summary>
    /// The parse errors in plain words: a word starting with '-' that no option of the command matches is an unknown
    /// option, whether the parser left it over or handed it to a path argument (which then reports it); once one is
    /// reported, the words it displaced are not reported again as unexpected.
    /// </summary>
    internal static IEnumerable<string> ErrorMessages(ParseResult result)
    {
        const string unrecognized = "Unrecognized command or argument '";
        var messages = new List<string>();
        var unexpected = new List<string>();
        foreach (var error in result.Errors)
        {
            var message = error.Message;
            if (message.StartsWith(unrecognized, StringComparison.Ordinal) && message.EndsWith("'.", StringComparison.Ordinal))
            {
                var token = message[unrecognized.Length..^2];
                if (token.Length > 1 && token[0] == '-')
                {
                    messages.Add(Commands.CommonOptions.UnknownOption(token, result.CommandResult.Command));
                }
                else
                {
                    unexpected.Add($"unexpected argument '{token}' (fix: see the command's --help for what it takes)");
                }

                continue;
            }

            messages.Add(Plain(message));
        }

        // A path argument short of its least count is not validated, so a word it took is checked here too.
        foreach (var argument in result.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>())
        {
            foreach (var token in argument.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-'))
            {
                messages.Add(Commands.CommonOptions.UnknownOption(token.Value, result.CommandResult.Command));
            }
        }

        var unknownOption = messages.Any(m => m.StartsWith("unknown option", StringComparison.Ordinal));
        return messages.Distinct().Concat(unknownOption ? [] : unexpected);
    }

    /// <summary>A value the parser could not read as its option's type, said with the kind of value wanted rather than the .NET type.</summary>
    internal static string Plain(string message)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(?<value>.*)' for (?:option|command|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'");
        if (!m.Success)
        {
            return message;
        }

        var type = m.Groups["type"].Value;
        var wanted = type.Contains("UInt", StringComparison.Ordinal) ? "a whole number, 0 or more"
            : type.Contains("Int", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) ? "a number, such as 0.5"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : "a value of another form (see --help)";
        return $"{m.Groups["name"].Value} {m.Groups["value"].Value}: not {wanted} (fix: give {wanted})";
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code (0 ok, 1 failure, 2 bad input).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // Names, ids, paths and scenario text reach messages: their control characters are shown, never obeyed.
        stdout = new Escaping.Writer(stdout);
        stderr = new Escaping.Writer(stderr);
        Timings.Mark("main");
        var root = Build();
        Timings.Mark("command tree");
        var result = root.Parse(args);
        Timings.Mark("parse");
        if (result.Errors.Count > 0)
        {
            foreach (var message in ErrorMessages(result))
            {
                stderr.WriteLine($"error: {message}");
            }

            var command = result.CommandResult.Command;
            stderr.WriteLine(command is RootCommand ? "Run 'sim --help' for usage." : $"Run 'sim {command.Name} --help' for its usage.");
            return ExitCodes.BadInput;
        }

        Commands.CommonOptions.IncludesOutside.Value = result.GetValue<bool>("--allow-includes-outside");
        try
        {
            Commands.Budgets.Current.Value = Commands.Budgets.Read(result);

            // Asynchronous invocation is what turns Ctrl-C and SIGTERM into the action's cancellation token,
            // so long work (ensembles) stops cleanly and keeps what it finished.
            return result.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) })
                .GetAwaiter().GetResult();
        }
        catch (UserInputException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Engine.InputException e)
        {
            stderr.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Engine.Model.InvariantViolationException e)
        {
            // A model fault, not the user's: say exactly where it broke so it can be reproduced with the same seed.
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (Commands.Budgets.Expired)
        {
            stderr.WriteLine($"error: stopped at --time-limit ({Commands.Budgets.TimeText}); nothing of the unfinished run was written (fix: a longer --time-limit, or fewer --ticks).");
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("Stopped.");
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
