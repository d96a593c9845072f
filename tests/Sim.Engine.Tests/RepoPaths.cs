namespace Sim.Engine.Tests;

/// <summary>Locates files of the repository from a test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name, "scenario.yaml");

    /// <summary>The name of every shipped scenario (each folder of scenarios/ with a scenario.yaml), so a new one is
    /// validated, run, checked and reloaded by the tests that take this source without editing them.</summary>
    public static IEnumerable<string> ShippedScenarios() =>
        Directory.GetDirectories(Path.Combine(Root, "scenarios"))
            .Where(d => File.Exists(Path.Combine(d, "scenario.yaml")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Sim.sln not found above the test folder.");
    }
}
