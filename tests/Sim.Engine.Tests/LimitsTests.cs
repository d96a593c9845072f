using System.Text.RegularExpressions;
using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests;

/// <summary>The limits are declared once (<see cref="Limits"/>) and docs/reliability.md's table says the same.</summary>
public sealed partial class LimitsTests
{
    [Test]
    public void DocsLimitsTable_ListsExactlyTheDeclaredLimits_InOrder()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "reliability.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf("\n## 4b. Limits", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "docs/reliability.md has a section '## 4b. Limits'");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var rows = text[start..end].Split('\n').Select(l => Row().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups["id"].Value, m.Groups["shown"].Value, m.Groups["checked"].Value, m.Groups["option"].Value, m.Groups["protects"].Value))
            .ToList();
        var declared = Limits.All.Select(l => (l.Id, l.Shown, l.Checked, l.Option is null ? "-" : $"`{l.Option}`", l.Protects)).ToList();
        Assert.That(rows, Is.EqualTo(declared),
            "docs/reliability.md, '## 4b. Limits': one row per entry of Limits.All, in order, as | `id` | shown | checked | `--option` or - | protects |");
    }

    [Test]
    public void Limits_HaveDistinctIds_AndPositiveValues_AndKnownStages()
    {
        Assert.That(Limits.All.Select(l => l.Id), Is.Unique);
        Assert.That(Limits.All, Has.All.Matches<Limit>(l => l.Value > 0 && l.Checked is "validate" or "start" or "run" && l.Protects.Length > 0));
    }

    [Test]
    public void WorkPerTick_CountsActorPairsRegionsForcesAndRules()
    {
        var definition = ScenarioLoader.Load(RepoPaths.Scenario("tutorial")).Definition!;
        var a = definition.Actors.Length;
        Assert.That(Limits.WorkPerTick(definition), Is.EqualTo(1_000 + (a * a) + definition.Regions.Length + definition.Forces.Length + definition.Rules.Length));
        Assert.That(Limits.WorkOf(definition, 10, 3), Is.EqualTo(Limits.WorkPerTick(definition) * 30));
    }

    [GeneratedRegex(@"^\| `(?<id>[a-z_]+)` \| (?<shown>[^|]+?) \| (?<checked>[a-z]+) \| (?<option>`--[a-z-]+`|-) \| (?<protects>[^|]+?) \|$")]
    private static partial Regex Row();
}
