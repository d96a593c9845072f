using System.Globalization;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Sim.Engine.Core;
using Sim.Engine.Model;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// What is declared once in the engine is read back correctly, and the documents that list it say the same:
/// engine parameters (docs/model.md's table), default actions (resolved by handle in every run), and the tick's
/// systems (README.md's "The model in one tick").
/// </summary>
public sealed partial class DeclarationTests
{
    private static string RepoFile(params string[] parts) => File.ReadAllText(Path.Combine([RepoPaths.Root, .. parts]));

    [Test]
    public void ModelParameters_OneEntryPerHandle_InHandleOrder()
    {
        Assert.That(ModelParameters.All.Select(p => p.Key), Is.EqualTo(Enum.GetValues<ModelParameter>()));
        Assert.That(ModelParameters.All, Has.All.Matches<ModelParameterInfo>(p => p.Min <= p.Default && p.Default <= p.Max && p.Description.Length > 0 && p.Source.Length > 0));
    }

    [Test]
    public void DocsModelParameterTable_ListsExactlyTheDeclaredParameters_WithDefaultsAndRanges()
    {
        var section = Section(RepoFile("docs", "model.md"), "## Parameters");
        var rows = section.Split('\n').Select(l => ParameterRow().Match(l)).Where(m => m.Success)
            .Select(m => (Id: m.Groups["id"].Value, Default: Number(m.Groups["default"].Value), Min: Number(m.Groups["min"].Value), Max: Number(m.Groups["max"].Value)))
            .ToList();
        var declared = ModelParameters.All.Select(p => (p.Id, p.Default, p.Min, p.Max)).ToList();
        Assert.That(rows, Is.EqualTo(declared), "docs/model.md's parameter table must list every engine parameter (ModelParameters.cs) in order, with its default and range as `| `id` | default | min..max | ...`");
    }

    [Test]
    public void DocsModelEvidence_ListsEveryParameterOnce_InTheKindItsSourceSays()
    {
        var section = Section(RepoFile("docs", "model.md"), "## Evidence behind the parameters");
        var sensitivity = Section(RepoFile("docs", "model.md"), "## Sensitivity (one at a time)");
        var listed = new Dictionary<string, string>();
        foreach (var item in section.Split("\n- **", StringSplitOptions.None).Skip(1))
        {
            // "- **Kind** ...: `a`, `b`. What was found.": the list runs from the first ": " to the next full stop.
            var kind = item[..item.IndexOf("**", StringComparison.Ordinal)];
            var start = item.IndexOf(": ", StringComparison.Ordinal) + 2;
            var list = item[start..item.IndexOf('.', start)];
            foreach (Match m in Regex.Matches(list, "`([a-z0-9_]+)`"))
            {
                Assert.That(listed.TryAdd(m.Groups[1].Value, kind), $"{m.Groups[1].Value} is listed twice");
            }
        }

        foreach (var p in ModelParameters.All)
        {
            var expected = p.Source.StartsWith("Estimated", StringComparison.Ordinal) ? "Estimated from data"
                : p.Source.Contains("lever", StringComparison.Ordinal) ? "Levers"
                : p.Source.Contains("ssumption", StringComparison.Ordinal)
                    ? sensitivity.Contains($"| `{p.Id}` (", StringComparison.Ordinal) ? "Assumptions" : "Assumptions screened by elementary effects"
                : "Sourced";
            Assert.That(listed.GetValueOrDefault(p.Id), Is.EqualTo(expected), $"{p.Id} (source: {p.Source})");
        }

        Assert.That(listed.Keys, Is.SubsetOf(ModelParameters.All.Select(p => p.Id)), "only engine parameters");
    }

    [Test]
    public void DefaultActions_OneEntryPerHandle_AndEachRunResolvesEveryHandleToItsId()
    {
        Assert.That(DefaultActions.All.Select(a => a.Key), Is.EqualTo(Enum.GetValues<DefaultAction>()));
        foreach (var scenario in RepoPaths.ShippedScenarios())
        {
            var run = new ScenarioRun(ScenarioLoader.Load(RepoPaths.Scenario(scenario)).Definition!, seed: 1);
            foreach (var entry in DefaultActions.All)
            {
                Assert.That(run.Definition.Actions[run.State.Action(entry.Key)].Id, Is.EqualTo(entry.Id), $"{scenario}: {entry.Key}");
            }
        }
    }

    [Test]
    public void Declarations_MemberWithoutEntry_FailsNamingIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Declarations.Read<Undeclared, ParameterAttribute, string>((_, p) => p.Id, id => id));
        Assert.That(e!.Message, Is.EqualTo("Undeclared.Second has no [ParameterAttribute]: each member declares its entry."));
    }

    [Test]
    public void Declarations_SameIdTwice_FailsNamingIt()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Declarations.Read<Twice, ParameterAttribute, string>((_, p) => p.Id, id => id));
        Assert.That(e!.Message, Is.EqualTo("Twice.Second declares the id 'same', which an earlier member already has."));
    }

    [Test]
    public void Declarations_MembersNotNumberedInOrder_Fail()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Declarations.Read<Gapped, ParameterAttribute, string>((_, p) => p.Id, id => id));
        Assert.That(e!.Message, Does.StartWith("Gapped.Second has the value 5, not 1"));
    }

    /// <summary>
    /// README.md's "The model in one tick" is a numbered list whose items start with a bold name: item k names the
    /// k-th system of <see cref="ModelSystems"/>, its bold words equal to the system's <see cref="ISystem.Name"/>
    /// ignoring case (<c>1. **Timeline**: ...</c> for "timeline"); the list has one item per system.
    /// </summary>
    [Test]
    public void Readme_ModelInOneTick_NamesEverySystemInOrder()
    {
        var section = Section(RepoFile("README.md"), "## The model in one tick");
        var items = section.Split('\n').Select(l => ListItem().Match(l)).Where(m => m.Success).ToList();
        var systems = ModelSystems.Create(new ScenarioRun(TinyWorld.Load(TinyWorld.Header), seed: 1).State).Select(s => s.Name).ToList();
        Assert.That(items.Select(m => int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture)), Is.EqualTo(Enumerable.Range(1, items.Count)), "items numbered 1, 2, 3 ...");
        Assert.That(items.Select(m => m.Groups["name"].Value.ToLowerInvariant()), Is.EqualTo(systems),
            "README.md, \"## The model in one tick\": one numbered item per system of ModelSystems.cs, in order, each starting with the system's name in bold");
    }

    /// <summary>The text from <paramref name="heading"/> to the next heading of the same level.</summary>
    private static string Section(string markdown, string heading)
    {
        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no section '{heading}'");
        var end = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\| `(?<id>[a-z0-9_]+)` \| (?<default>[^|\s]+) \| (?<min>[^|\s]+?)\.\.(?<max>[^|\s]+) \|")]
    private static partial Regex ParameterRow();

    [GeneratedRegex(@"^(?<number>\d+)\. \*\*(?<name>[^*]+)\*\*")]
    private static partial Regex ListItem();

    private enum Undeclared
    {
        [Parameter("first", 0, 0, 1, "d", "s")]
        First,
        Second,
    }

    private enum Twice
    {
        [Parameter("same", 0, 0, 1, "d", "s")]
        First,
        [Parameter("same", 0, 0, 1, "d", "s")]
        Second,
    }

    private enum Gapped
    {
        [Parameter("first", 0, 0, 1, "d", "s")]
        First,
        [Parameter("second", 0, 0, 1, "d", "s")]
        Second = 5,
    }
}
