using System.Text.Json;
using NUnit.Framework;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Tests.Scenarios;

/// <summary>Keeps docs/scenarios.md, the JSON schema and the loader's accepted keys in step.</summary>
[TestFixture]
public sealed class DocsAndSchemaTests
{
    private static string Docs() => File.ReadAllText(Path.Combine(ScenarioTestHelpers.RepoRoot(), "docs", "scenarios.md"));

    private static JsonElement Schema()
    {
        var text = File.ReadAllText(Path.Combine(ScenarioTestHelpers.RepoRoot(), "scenarios", "schema", "scenario.schema.json"));
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    private static IEnumerable<string> PropertyNames(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name == "properties")
                {
                    foreach (var q in p.Value.EnumerateObject())
                    {
                        yield return q.Name;
                    }
                }
                foreach (var n in PropertyNames(p.Value))
                {
                    yield return n;
                }
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                foreach (var n in PropertyNames(item))
                {
                    yield return n;
                }
            }
        }
    }

    private static string[] Keys(JsonElement objectSchema) =>
        [.. objectSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static string[] Enum(JsonElement sourcedEnum) =>
        [.. sourcedEnum.GetProperty("anyOf")[0].GetProperty("enum").EnumerateArray().Select(x => x.GetString()!)];

    [Test]
    public void Docs_MentionEverySchemaProperty()
    {
        var docs = Docs();
        var missing = PropertyNames(Schema()).Distinct().Where(n => !docs.Contains($"`{n}`", StringComparison.Ordinal)).ToList();
        Assert.That(missing, Is.Empty, "schema properties not documented in docs/scenarios.md");
    }

    [Test]
    public void Schema_DescribesExactlyTheKeysTheLoaderAccepts()
    {
        var schema = Schema();
        var defs = schema.GetProperty("definitions");
        foreach (var (name, keys) in ScenarioKeys.AllTables())
        {
            var obj = name == "root" ? schema : defs.GetProperty(name);
            Assert.That(Keys(obj), Is.EqualTo(keys.Order(StringComparer.Ordinal).ToArray()), $"schema definition '{name}'");
        }
    }

    [Test]
    public void Schema_EnumsMatchTheLoader()
    {
        var defs = Schema().GetProperty("definitions");
        Assert.Multiple(() =>
        {
            Assert.That(Enum(defs.GetProperty("actor").GetProperty("properties").GetProperty("kind")), Is.EqualTo(ScenarioKeys.ActorKinds));
            Assert.That(Enum(defs.GetProperty("relation").GetProperty("properties").GetProperty("treaty")), Is.EqualTo(ScenarioKeys.Treaties));
            Assert.That(Enum(defs.GetProperty("action").GetProperty("properties").GetProperty("acled")), Is.EqualTo(DefaultActions.AcledEventTypes));
        });
    }

    [Test]
    public void Docs_ListEveryBuiltinValueKindTreatyAndDefaultAction()
    {
        var docs = Docs();
        var names = ExpressionCompiler.BuiltinValues.Select(v => $"`{v}`")
            .Concat(ScenarioKeys.ActorKinds.Select(k => $"`{k}`"))
            .Concat(ScenarioKeys.Treaties.Select(k => $"`{k}`"))
            .Concat(DefaultActions.All.Select(a => $"| `{a.Id}` | {a.Cameo} |"));
        Assert.That(names.Where(n => !docs.Contains(n, StringComparison.Ordinal)).ToList(), Is.Empty);
    }

    /// <summary>The rows of the docs table whose header row is <paramref name="header"/>.</summary>
    private static List<string> TableRows(string docs, string header)
    {
        var lines = docs.Split('\n');
        var at = Array.IndexOf(lines, header);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), $"docs/scenarios.md has no table '{header}'");
        return [.. lines.Skip(at + 2).TakeWhile(l => l.StartsWith('|'))];
    }

    [Test]
    public void Docs_FunctionTableListsExactlyTheDeclaredFunctions()
    {
        var expected = ExpressionFunctions.All.Select(f => $"| `{f.Usage}` | {f.ResultText} | {f.Doc} |");
        Assert.That(TableRows(Docs(), "| function | result | meaning |"), Is.EqualTo(expected));
    }

    [Test]
    public void Docs_EffectTableListsExactlyTheDeclaredEffectsAndTheirKeys()
    {
        var rows = TableRows(Docs(), "| effect | keys | notes |").Select(r => r.Split('|').Select(c => c.Trim()).ToArray()).ToList();
        Assert.That(rows.Select(r => r[1]), Is.EqualTo(EffectKinds.Names.Select(k => $"`{k}`")));
        foreach (var (row, effect) in rows.Zip(EffectKinds.All))
        {
            var missing = effect.Keys.Where(k => k != ScenarioKeys.Source && !row[2].Contains($"`{k}`", StringComparison.Ordinal));
            Assert.That(missing, Is.Empty, $"keys of the '{effect.Kind}' effect not in its docs row");
        }
    }

    /// <summary>The first-column names of every "| key | type | default | ... |" table in the docs, in order.</summary>
    private static List<string[]> KeyTables(string docs)
    {
        var tables = new List<string[]>();
        var lines = docs.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("| key | type | default |", StringComparison.Ordinal))
            {
                tables.Add([.. lines.Skip(i + 2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|')[1].Trim().Trim('`'))]);
            }
        }
        return tables;
    }

    [Test]
    public void Docs_KeyTablesListExactlyTheKeysTheLoaderAccepts()
    {
        // Contracts, capabilities and {value, source} are described in the rows that use them; effects have their own table.
        var documented = ScenarioKeys.AllTables()
            .Where(t => t.Name is not ("contract" or "weapon" or "air_defence" or "sourced") && !t.Name.StartsWith("effect", StringComparison.Ordinal)).ToList();
        var tables = KeyTables(Docs());
        Assert.That(tables, Has.Count.EqualTo(documented.Count), "one docs table per key table");
        foreach (var (name, keys) in documented)
        {
            Assert.That(tables.Any(t => t.SequenceEqual(keys)), $"no docs table lists the {name} keys in order: {string.Join(", ", keys)}");
        }
    }

    [Test]
    public void Docs_CatalogTableMatchesDefaultActions()
    {
        var docs = Docs();
        foreach (var a in DefaultActions.All)
        {
            var row = docs.Split('\n').Single(l => l.StartsWith($"| `{a.Id}` |", StringComparison.Ordinal));
            var cells = row.Split('|').Select(c => c.Trim()).ToArray();
            Assert.That((cells[2], double.Parse(cells[4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture), cells[6]),
                Is.EqualTo((a.Cameo, a.Goldstein, a.Rung, a.Acled ?? "")), a.Id);
        }
    }
}
