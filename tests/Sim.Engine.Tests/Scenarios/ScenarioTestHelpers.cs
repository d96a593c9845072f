using System.Text;
using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Scenarios;

internal static class ScenarioTestHelpers
{
    public const string FileName = "s.yaml";

    /// <summary>Loads one in-memory file named s.yaml.</summary>
    public static ScenarioLoadResult LoadText(string yaml, params string[] overrides) =>
        LoadFiles(new Dictionary<string, string> { [FileName] = yaml }, overrides);

    /// <summary>Loads in-memory files; the first key is the root.</summary>
    public static ScenarioLoadResult LoadFiles(Dictionary<string, string> files, params string[] overrides) =>
        ScenarioLoader.LoadFromMemory(files.Keys.First(), files.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value)), overrides);

    public static string DataPath(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Scenarios", "data", name);

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sim.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Sim.sln not found above the test directory");
    }

    /// <summary>Asserts that exactly one diagnostic contains <paramref name="fragment"/> and that it sits at line:col.</summary>
    public static Diagnostic AssertDiagnostic(ScenarioLoadResult result, string fragment, int line, int column, string file = FileName)
    {
        Assert.That(result.Definition, Is.Null, "a scenario with errors must not produce a definition");
        var matches = result.Diagnostics.Where(d => d.Message.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), () => "diagnostics:\n" + string.Join("\n", result.Diagnostics));
        var d = matches[0];
        Assert.That((d.File, d.Line, d.Column), Is.EqualTo((file, line, column)), d.ToString());
        return d;
    }

    public const string Header = """
        scenario: {name: T, start: 2024-01-01}
        actors:
          - {id: A, kind: state}
          - {id: B, kind: state}
        regions:
          - {id: r1, lat: 0, lon: 0}
        """;
}
