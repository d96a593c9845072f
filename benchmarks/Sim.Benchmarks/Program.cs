using BenchmarkDotNet.Running;

namespace Sim.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args is ["--systems", .. var rows])
        {
            Engine.SystemsReport.Print(rows);
            return;
        }

        if (args is ["--scale-digest", var forces, var ticks])
        {
            Engine.ScaleDigest.Print(int.Parse(forces, System.Globalization.CultureInfo.InvariantCulture), int.Parse(ticks, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
