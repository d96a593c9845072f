using System.Globalization;
using System.Text;
using Sim.Engine.Model;
using Sim.Engine.Scenarios;

namespace Sim.Benchmarks.Engine;

/// <summary>
/// A generated scenario far bigger than any real one: 1,000 actors, 10,000 regions and up to
/// 1,000,000 forces. Actors and regions go through the YAML loader like any scenario; forces
/// are created in the run's world with the same components the loader's forces get, because a
/// million YAML lines would measure the parser, not the tick.
/// </summary>
internal static class ScaleScenario
{
    public const int Actors = 1_000;
    public const int Regions = 10_000;

    /// <summary>Writes the scenario to a temporary folder and loads it.</summary>
    public static ScenarioDefinition Load()
    {
        var dir = Directory.CreateTempSubdirectory("sim-scale-");
        try
        {
            var path = Path.Combine(dir.FullName, "scenario.yaml");
            File.WriteAllText(path, Yaml());
            var result = ScenarioLoader.Load(path);
            return result.Definition ?? throw new InvalidOperationException(
                $"The generated scale scenario does not load: {string.Join("; ", result.Diagnostics.Take(5))}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A run with <paramref name="forces"/> forces of 100 each: force k sits in region k mod 10,000
    /// and belongs to a run of consecutive actors there, so neighbouring actors (hostile pairs) meet.
    /// </summary>
    public static ScenarioRun Build(ScenarioDefinition definition, int forces)
    {
        var run = new ScenarioRun(definition, seed: 42);
        for (var k = 0; k < forces; k++)
        {
            var region = k % Regions;
            var owner = (region + (k / Regions)) % Actors;
            run.State.World.Create(new Force { Owner = owner, Region = region, Strength = 100, Establishment = 100, Contract = -1 });
        }

        run.State.Strengths.Invalidate();
        return run;
    }

    private static string Yaml()
    {
        var y = new StringBuilder();
        y.AppendLine("scenario: {name: Scale, start: 2025-01-01, tick: 1d, horizon: 1000}");
        y.AppendLine("actors:");
        string[] kinds = ["state", "junta", "armed_group"];
        for (var a = 0; a < Actors; a++)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  - {{id: A{a}, name: Actor {a}, kind: {kinds[a % 3]}, power: {1 + (a % 7)}, economy: 1, cohesion: 0.7, resolve: 0.6, rationality: 2}}");
        }

        y.AppendLine("regions:");
        for (var r = 0; r < Regions; r++)
        {
            var next = r + 1 < Regions ? $", adjacent: [R{r + 1}]" : string.Empty;
            y.AppendLine(CultureInfo.InvariantCulture, $"  - {{id: R{r}, name: Region {r}, lat: {(r / 100) * 0.1:F1}, lon: {(r % 100) * 0.1:F1}, controller: A{r % Actors}, population: 10000{next}}}");
        }

        // Every actor is at war with the next one and wary of the one after.
        y.AppendLine("relations:");
        for (var a = 0; a < Actors; a++)
        {
            y.AppendLine(CultureInfo.InvariantCulture, $"  - {{between: [A{a}, A{(a + 1) % Actors}], affinity: -0.7, escalation: 6}}");
            y.AppendLine(CultureInfo.InvariantCulture, $"  - {{between: [A{a}, A{(a + 2) % Actors}], affinity: -0.2, escalation: 2}}");
        }

        return y.ToString();
    }
}
