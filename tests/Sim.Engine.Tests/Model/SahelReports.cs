using System.Diagnostics;
using System.Globalization;
using NUnit.Framework;
using Sim.Engine.Runs;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// Measurements behind scenarios/sahel-2024/README.md and docs/model.md; run by hand, e.g.
/// <c>dotnet test tests/Sim.Engine.Tests -c Release --filter "FullyQualifiedName~SahelReports.Timing" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Explicit("measurement, not a check: prints the numbers the docs quote")]
public class SahelReports
{
    [Test]
    public void Timing_365TickRun_MicrosecondsPerTick()
    {
        var definition = Ensemble.LoadShipped("sahel-2024");
        for (var seed = 1000UL; seed < 1020; seed++)
        {
            new ScenarioRun(definition, seed).Run();
        }

        const int Runs = 200;
        var watch = Stopwatch.StartNew();
        for (var seed = 1UL; seed <= Runs; seed++)
        {
            new ScenarioRun(definition, seed).Run();
        }

        watch.Stop();
        var perRun = watch.Elapsed.TotalMicroseconds / Runs;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Runs} runs of {definition.Horizon} ticks, one thread: {perRun:F0} us a run, {perRun / definition.Horizon:F2} us a tick"));
    }
}
