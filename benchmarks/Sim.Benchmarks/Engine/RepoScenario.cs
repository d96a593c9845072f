using Sim.Engine.Scenarios;

namespace Sim.Benchmarks.Engine;

/// <summary>Finds scenario files in the repository, from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static class RepoScenario
{
    public static ScenarioDefinition Load(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(path))
            {
                var result = ScenarioLoader.Load(path);
                return result.Definition ?? throw new InvalidOperationException(
                    $"{path} does not load: {string.Join("; ", result.Diagnostics)}");
            }
        }

        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}.");
    }
}
