using BenchmarkDotNet.Running;

namespace Sim.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args is ["--systems"])
        {
            Engine.SystemsReport.Print();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
