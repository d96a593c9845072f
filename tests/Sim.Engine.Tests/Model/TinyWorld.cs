using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>Builds small hand-made scenarios for mechanism tests.</summary>
internal static class TinyWorld
{
    /// <summary>Loads a scenario from YAML text (written to a temporary file), failing the test on any diagnostic.</summary>
    public static ScenarioDefinition Load(string yaml, params string[] overrides)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-tiny-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            var result = ScenarioLoader.Load(path, overrides);
            Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty);
            return result.Definition!;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static ScenarioRun Run(string yaml, ulong seed = 1, int ticks = 10, params string[] overrides)
    {
        var run = new ScenarioRun(Load(yaml, overrides), seed, ticks);
        run.Run();
        return run;
    }

    /// <summary>Header shared by the tiny scenarios: three actors, two regions.</summary>
    public const string Header = """
        scenario: {name: tiny, start: 2024-01-01, tick: 1d, horizon: 10}
        actors:
          - {id: A, name: A, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
          - {id: B, name: B, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
          - {id: C, name: C, kind: state, power: 1, economy: 1, cohesion: 0.7, resolve: 0.5, rationality: 2}
        regions:
          - {id: r1, name: R1, lat: 10, lon: 0, controller: A, population: 1000}
          - {id: r2, name: R2, lat: 11, lon: 0, controller: B, population: 1000}

        """;
}
