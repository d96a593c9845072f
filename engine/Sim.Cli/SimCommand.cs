using System.CommandLine;

namespace Sim.Cli;

/// <summary>The <c>sim</c> command line: a root command and its subcommands.</summary>
internal static class SimCommand
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Sim: an agent-based geopolitical simulation engine.");
        var result = root.Parse(args);
        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
