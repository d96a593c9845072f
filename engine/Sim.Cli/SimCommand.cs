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
        root.Subcommands.Add(Commands.RunCommand.Create());
        root.Subcommands.Add(Commands.ViewCommand.Create());
        root.Subcommands.Add(Commands.RenderCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code (0 ok, 1 failure, 2 bad input).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Build();
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine("Run 'sim --help' (or 'sim COMMAND --help') for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UserInputException e)
        {
            stderr.WriteLine(e.Message);
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
