namespace Sim.Cli;

internal static class Program
{
    private static int Main(string[] args) => SimCommand.Run(args, Console.Out, Console.Error);
}
