using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>Runs a scenario over many seeds in-process and summarises its outcomes (mean of each, shares for bool outcomes).</summary>
internal static class Ensemble
{
    public static ScenarioDefinition LoadShipped(string name, params string[] overrides)
    {
        var result = ScenarioLoader.Load(RepoPaths.Scenario(name), overrides);
        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty);
        return result.Definition!;
    }

    /// <summary>
    /// Shipped scenario <paramref name="name"/> with its text changed by <paramref name="edit"/> (a what-if), loaded from a
    /// temporary file, which must load without diagnostics.
    /// </summary>
    public static ScenarioDefinition LoadEdited(string name, Func<string, string> edit)
    {
        var text = File.ReadAllText(RepoPaths.Scenario(name));
        var changed = edit(text);
        Assert.That(changed, Is.Not.EqualTo(text), "the edit changed nothing");
        var path = Path.Combine(Path.GetTempPath(), $"sim-{name}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, changed);
        try
        {
            var result = ScenarioLoader.Load(path);
            Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty);
            return result.Definition!;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Mean of every outcome over seeds 1..<paramref name="runs"/>, runs spread over the cores.</summary>
    public static Dictionary<string, double> Means(ScenarioDefinition definition, int runs, int? ticks = null)
    {
        var sums = new double[runs][];
        Parallel.For(1, runs + 1, seed =>
        {
            var run = new ScenarioRun(definition, (ulong)seed, ticks);
            run.Run();
            sums[seed - 1] = run.EvaluateOutcomes();
        });
        var means = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var o = 0; o < definition.Outcomes.Length; o++)
        {
            means[definition.Outcomes[o].Id] = sums.Average(v => v[o]);
        }

        return means;
    }

    public static Dictionary<string, double> Sahel(int runs, params string[] overrides) => Means(LoadShipped("sahel-2024", overrides), runs);
}
