using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;
using YamlDotNet.RepresentationModel;

namespace Sim.Fuzz;

/// <summary>One generated input: the files of a scenario (the root is <see cref="Root"/>), the <c>--set</c> overrides, and what was done to it.</summary>
internal sealed record FuzzInput(Dictionary<string, byte[]> Files, string[] Overrides, string Description)
{
    public const string Root = "scenario.yaml";

    public long Size => Files.Values.Sum(f => (long)f.Length);
}

/// <summary>
/// Breaks valid scenarios the ways hand-written files go wrong: it parses a shipped scenario into a YAML tree,
/// applies a few structural mutations (deleted keys, wrong types, extreme numbers, unknown ids, self-relations,
/// hostile expressions, duplicated items, effects of every declared kind), writes it back, then sometimes applies a textual one (duplicate keys,
/// deep nesting, invalid UTF-8, include cycles, alias bombs, a file past the size limit). Input <c>i</c> of seed <c>s</c> is
/// always the same bytes, so any finding can be regenerated from its two numbers.
/// </summary>
internal sealed partial class ScenarioMutator
{
    private static readonly string[] Numbers =
    [
        "0", "-0", "-1", "-1e9", "1e9", "1e15", "1e300", "-1e300", "1.7976931348623157e308", "1e309", "-1e309", "4.9e-324",
        ".nan", "NaN", ".inf", "-.inf", "Infinity", "2147483648", "-2147483649", "9223372036854775808", "0x10", "1_000", "1,5", "١٢",
        "0.5", "2", "9", "10", "-10", "11", "100000000000000000000000000000",
    ];

    private static readonly string[] Junk =
    [
        "", "~", "null", "true", "yes", "[]", "{}", "2024-13-45", "2024-02-30", "0d", "-1d", "1y", "99999999d", "\u00e9t\u00e9", "a\u0000b",
        "'", "\"", "*x", "&x", "!!binary", "%TAG", "@", "`", "|", ">", "#", "- - -", ": :",
    ];

    /// <summary>Every declared expression function, and one that does not exist.</summary>
    private static readonly string[] Functions = [.. ExpressionFunctions.Names, "nope"];

    private static readonly string[] Operators = ["+", "-", "*", "/", "%", "^", "<", "<=", ">", ">=", "==", "!=", "and", "or", "&&", "||", "="];

    private readonly (string Name, YamlMappingNode Root)[] _seeds;
    private readonly ulong _seed;

    public ScenarioMutator(IEnumerable<(string Name, string Yaml)> seeds, ulong seed)
    {
        _seeds = [.. seeds.Select(s => (s.Name, Parse(s.Yaml)))];
        _seed = seed;
    }

    /// <summary>Input number <paramref name="index"/> of this mutator's seed.</summary>
    public FuzzInput Generate(long index)
    {
        // A fresh generator per input, so inputs do not depend on each other and a finding replays alone.
        var rng = new Random(unchecked((int)((_seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)index * 0xBF58476D1CE4E5B9UL) >> 17)));
        var (name, original) = _seeds[rng.Next(_seeds.Length)];
        var root = (YamlMappingNode)Clone(original);
        var what = new List<string> { name };
        var ids = Ids(root);
        // Half the inputs stay valid-looking (only numbers change, to extremes the loader may accept) so the
        // model itself runs on them; the other half break the structure.
        var numbersOnly = rng.Next(2) == 0;
        var mutations = 1 + rng.Next(4);
        for (var m = 0; m < mutations; m++)
        {
            what.Add(numbersOnly ? MutateNumber(root, rng) : MutateTree(root, ids, rng));
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var text = Save(root);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!numbersOnly && rng.Next(3) == 0)
        {
            (bytes, var textual) = MutateText(text, files, rng);
            what.Add(textual);
        }

        files[FuzzInput.Root] = bytes;
        var overrides = rng.Next(8) == 0 ? Overrides(ids, rng) : [];
        if (overrides.Length > 0)
        {
            what.Add("--set " + string.Join(" --set ", overrides));
        }

        return new FuzzInput(files, overrides, string.Join("; ", what));
    }

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Save(YamlNode root)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static YamlNode Clone(YamlNode node) => node switch
    {
        YamlScalarNode s => new YamlScalarNode(s.Value) { Style = s.Style },
        YamlSequenceNode q => new YamlSequenceNode(q.Children.Select(Clone)) { Style = q.Style },
        YamlMappingNode m => new YamlMappingNode(m.Children.Select(kv => new KeyValuePair<YamlNode, YamlNode>(Clone(kv.Key), Clone(kv.Value)))) { Style = m.Style },
        _ => throw new ArgumentException("unknown YAML node", nameof(node)),
    };

    /// <summary>Every id the scenario defines (actors, regions, actions, parameters), for unknown-id and expression mutations.</summary>
    private static List<string> Ids(YamlMappingNode root)
    {
        var ids = new List<string>();
        foreach (var kv in root.Children)
        {
            if (kv.Value is YamlSequenceNode seq)
            {
                foreach (var item in seq.Children.OfType<YamlMappingNode>())
                {
                    if (item.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode s && s.Value is { } v)
                    {
                        ids.Add(v);
                    }
                }
            }
        }

        return ids.Count > 0 ? ids : ["A"];
    }

    /// <summary>A place in the tree: the container and the key (mapping) or index (sequence) of the node held there.</summary>
    private readonly record struct Slot(YamlNode Container, YamlNode? Key, int Index, YamlNode Node);

    private static List<Slot> Slots(YamlNode root)
    {
        var slots = new List<Slot>();
        void Walk(YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode m:
                    foreach (var kv in m.Children)
                    {
                        slots.Add(new Slot(m, kv.Key, -1, kv.Value));
                        Walk(kv.Value);
                    }

                    break;
                case YamlSequenceNode q:
                    for (var i = 0; i < q.Children.Count; i++)
                    {
                        slots.Add(new Slot(q, null, i, q.Children[i]));
                        Walk(q.Children[i]);
                    }

                    break;
            }
        }

        Walk(root);
        return slots;
    }

    private static void Replace(Slot slot, YamlNode value)
    {
        if (slot.Container is YamlMappingNode m)
        {
            m.Children[slot.Key!] = value;
        }
        else
        {
            ((YamlSequenceNode)slot.Container).Children[slot.Index] = value;
        }
    }

    private static string KeyOf(Slot s) => s.Key is YamlScalarNode k ? k.Value ?? "?" : string.Create(CultureInfo.InvariantCulture, $"[{s.Index}]");

    /// <summary>Sets a number in the file to an extreme the loader may well accept: zero, huge, tiny, a range's edge.</summary>
    private static string MutateNumber(YamlMappingNode root, Random rng)
    {
        string[] extremes = ["0", "1e300", "1e15", "1e9", "4.9e-324", "1", "-1", "9", "0.999999", "1e-9", "100", "365"];
        var numbers = Slots(root).Where(s => s.Node is YamlScalarNode { Value: { } v } && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)).ToList();
        var slot = numbers[rng.Next(numbers.Count)];
        var value = extremes[rng.Next(extremes.Length)];
        Replace(slot, new YamlScalarNode(value));
        return $"{KeyOf(slot)}: {value}";
    }

    private static string MutateTree(YamlMappingNode root, List<string> ids, Random rng)
    {
        var slots = Slots(root);
        var slot = slots[rng.Next(slots.Count)];
        var scalars = slots.Where(s => s.Node is YamlScalarNode).ToList();
        switch (rng.Next(12))
        {
            case 0:
                {
                    var maps = slots.Where(s => s.Container is YamlMappingNode).ToList();
                    var victim = maps[rng.Next(maps.Count)];
                    ((YamlMappingNode)victim.Container).Children.Remove(victim.Key!);
                    return $"deleted key {KeyOf(victim)}";
                }
            case 1:
                {
                    YamlNode wrong = slot.Node switch
                    {
                        YamlScalarNode => rng.Next(2) == 0 ? new YamlSequenceNode(new YamlScalarNode("1")) : new YamlMappingNode(new YamlScalarNode("x"), new YamlScalarNode("1")),
                        _ => new YamlScalarNode(Junk[rng.Next(Junk.Length)]),
                    };
                    Replace(slot, wrong);
                    return $"wrong type at {KeyOf(slot)}";
                }
            case 2 or 3:
                {
                    var s = scalars[rng.Next(scalars.Count)];
                    var number = Numbers[rng.Next(Numbers.Length)];
                    Replace(s, new YamlScalarNode(number));
                    return $"{KeyOf(s)}: {number}";
                }
            case 4:
                {
                    var s = scalars[rng.Next(scalars.Count)];
                    var id = rng.Next(3) switch { 0 => "NOPE", 1 => ids[rng.Next(ids.Count)], _ => ids[rng.Next(ids.Count)] + "x" };
                    Replace(s, new YamlScalarNode(id));
                    return $"{KeyOf(s)}: id {id}";
                }
            case 5:
                {
                    // Self-relations, self-patronage, self-contracts: the same id on both ends of a pair.
                    var pairs = slots.Where(s => s.Node is YamlSequenceNode { Children.Count: 2 } q && q.Children.All(c => c is YamlScalarNode)).ToList();
                    if (pairs.Count == 0)
                    {
                        return "no pair to make self-referential";
                    }

                    var q = (YamlSequenceNode)pairs[rng.Next(pairs.Count)].Node;
                    q.Children[1] = new YamlScalarNode(((YamlScalarNode)q.Children[0]).Value);
                    return "self pair " + ((YamlScalarNode)q.Children[0]).Value;
                }
            case 6 or 7:
                {
                    var s = scalars[rng.Next(scalars.Count)];
                    var expr = Expression(ids, rng, 0);
                    Replace(s, new YamlScalarNode(expr));
                    return $"{KeyOf(s)}: expr {Shorten(expr)}";
                }
            case 8:
                {
                    // Duplicate a list item: duplicate ids, a second relation for the same pair, a repeated force.
                    var items = slots.Where(s => s.Container is YamlSequenceNode).ToList();
                    var item = items[rng.Next(items.Count)];
                    ((YamlSequenceNode)item.Container).Children.Add(Clone(item.Node));
                    return $"duplicated item {KeyOf(item)}";
                }
            case 9:
                {
                    // Move a value to another place: types and meanings that do not fit.
                    var other = slots[rng.Next(slots.Count)];
                    Replace(slot, Clone(other.Node));
                    return $"{KeyOf(slot)} <- {KeyOf(other)}";
                }
            case 10:
                {
                    // A rule with an effect of any declared kind, its keys (some left out) given ids and expressions of the
                    // scenario: an effect that feeds a parameter or a strength from itself makes values grow without bound.
                    var effect = EffectKinds.All[rng.Next(EffectKinds.All.Length)];
                    var body = new YamlMappingNode();
                    foreach (var key in effect.Keys.Where(k => k != ScenarioKeys.Source && rng.Next(4) != 0))
                    {
                        body.Add(key, rng.Next(2) == 0 ? ids[rng.Next(ids.Count)] : Expression(ids, rng, 0));
                    }

                    var rules = root.Children.TryGetValue(new YamlScalarNode("rules"), out var r) && r is YamlSequenceNode rs ? rs : null;
                    var rule = new YamlMappingNode(
                        new YamlScalarNode("id"), new YamlScalarNode("fuzz_effect"),
                        new YamlScalarNode("when"), new YamlScalarNode("true"),
                        new YamlScalarNode("then"), new YamlSequenceNode(new YamlMappingNode(new YamlScalarNode(effect.Kind), body)));
                    if (rules is null)
                    {
                        root.Children[new YamlScalarNode("rules")] = new YamlSequenceNode(rule);
                    }
                    else
                    {
                        rules.Children.Add(rule);
                    }

                    return $"rule with a {effect.Kind} effect";
                }
            default:
                {
                    var s = scalars[rng.Next(scalars.Count)];
                    var junk = Junk[rng.Next(Junk.Length)];
                    Replace(s, new YamlScalarNode(junk));
                    return $"{KeyOf(s)}: junk {Shorten(junk)}";
                }
        }
    }

    /// <summary>A random expression over the scenario's ids: most are well-formed, many divide by zero, overflow or nest deeply.</summary>
    private static string Expression(List<string> ids, Random rng, int depth)
    {
        if (depth == 0 && rng.Next(12) == 0)
        {
            // Deep nesting for a recursive-descent parser and a recursive evaluator.
            var n = rng.Next(4) switch { 0 => 100, 1 => 1_000, 2 => 10_000, _ => 200_000 };
            return rng.Next(3) switch
            {
                0 => new string('(', n) + "1" + new string(')', n),
                1 => string.Concat(Enumerable.Repeat("-", n)) + "1",
                _ => string.Concat(Enumerable.Repeat("abs(", n)) + "1" + new string(')', n),
            };
        }

        if (depth > 4 || rng.Next(3) == 0)
        {
            return rng.Next(6) switch
            {
                0 => Numbers[rng.Next(Numbers.Length)],
                1 => "0",
                2 => "tick",
                3 => ids[rng.Next(ids.Count)],
                4 => "day",
                _ => rng.Next(2) == 0 ? "true" : "unknown_name",
            };
        }

        var a = Expression(ids, rng, depth + 1);
        var b = Expression(ids, rng, depth + 1);
        var id = ids[rng.Next(ids.Count)];
        var id2 = ids[rng.Next(ids.Count)];
        return rng.Next(9) switch
        {
            0 or 1 => $"{a} {Operators[rng.Next(Operators.Length)]} {b}",
            2 => $"{a} / ({b} - {b})",
            3 => $"({a})",
            4 => $"not {a}",
            5 => $"{Functions[rng.Next(Functions.Length)]}({id}, {id2})",
            6 => $"events({id}, within: {a})",
            7 => $"if({a}, {b}, {a})",
            _ => $"{Functions[rng.Next(Functions.Length)]}({a}{(rng.Next(2) == 0 ? ", " + b : "")})",
        };
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private static (byte[] Bytes, string What) MutateText(string text, Dictionary<string, byte[]> files, Random rng)
    {
        var lines = text.Split('\n').ToList();
        switch (rng.Next(15))
        {
            case 9:
                {
                    // One YAML node aliased into two sections, or one effect list shared by many rules (a cost bomb once expanded).
                    if (rng.Next(2) == 0)
                    {
                        var (from, to) = (rng.Next(3) switch { 0 => "actors", 1 => "regions", _ => "rules" }, rng.Next(3) switch { 0 => "regions", 1 => "outcomes", _ => "forces" });
                        var body = string.Join('\n', lines.Where(l => !l.StartsWith(to + ":", StringComparison.Ordinal)))
                            .Replace("\n" + from + ":", "\n" + from + ": &shared", StringComparison.Ordinal);
                        return (Encoding.UTF8.GetBytes(body + "\n" + to + ": *shared\n"), $"{from} aliased as {to}");
                    }

                    var rules = new StringBuilder("rules:\n  - id: r0\n    when: \"true\"\n    then: &then\n");
                    for (var e = 0; e < 50; e++)
                    {
                        rules.Append("      - event: {action: threaten, actor: A0, target: A1}\n");
                    }

                    var count = rng.Next(2) == 0 ? 200 : 2_000;
                    for (var r = 1; r < count; r++)
                    {
                        rules.Append(CultureInfo.InvariantCulture, $"  - {{id: r{r}, when: \"true\", then: *then}}\n");
                    }

                    var rest = string.Join('\n', lines.Where(l => !l.StartsWith("rules:", StringComparison.Ordinal)));
                    return (Encoding.UTF8.GetBytes(rest + "\n" + rules), $"one then list shared by {count} rules");
                }
            case 10:
                {
                    // Dates and ticks at their extremes: past 9999-12-31, a century a tick, zero, negative.
                    string[] ticks = ["3000000d", "306783379w", "36600d", "36601d", "5229w", "0d", "-1d", "1y", "99999999999d", "1d"];
                    string[] horizons = ["2147483647", "1000000", "1000001", "2912807", "0", "-5", "99999999999999999999"];
                    string[] starts = ["9999-12-31", "0001-01-01", "9999-12-30", "2024-02-30", "10000-01-01"];
                    var body = Regex.Replace(text, @"(?m)^  tick: .*$", "  tick: " + ticks[rng.Next(ticks.Length)]);
                    body = Regex.Replace(body, @"(?m)^  horizon: .*$", "  horizon: " + horizons[rng.Next(horizons.Length)]);
                    if (rng.Next(2) == 0)
                    {
                        body = Regex.Replace(body, @"(?m)^  start: .*$", "  start: " + starts[rng.Next(starts.Length)]);
                    }

                    return (Encoding.UTF8.GetBytes(body), "date and tick extremes");
                }
            case 11:
                {
                    // Includes that leave the folder, name a non-scenario file or chain past the depth limit.
                    string[] paths = ["../b.yaml", "sub/../../b.yaml", "./b.yaml", "notes.txt", "b.YML", "a\u0000b.yaml", "sub/b.yaml", "..", "."];
                    var pick = paths[rng.Next(paths.Length)];
                    if (rng.Next(3) == 0)
                    {
                        var depth = rng.Next(2) == 0 ? 31 : 40;
                        for (var d = 1; d < depth; d++)
                        {
                            files[$"c{d}.yaml"] = Encoding.UTF8.GetBytes($"include: [c{d + 1}.yaml]\n");
                        }

                        files[$"c{depth}.yaml"] = Encoding.UTF8.GetBytes("actors: []\n");
                        return (Encoding.UTF8.GetBytes("include: [c1.yaml]\n" + text), $"include chain {depth} deep");
                    }

                    files["sub/b.yaml"] = Encoding.UTF8.GetBytes("actors: []\n");
                    return (Encoding.UTF8.GetBytes($"include: [\"{pick.Replace("\u0000", "\\0", StringComparison.Ordinal)}\"]\n" + text), "include " + pick);
                }
            case 12:
                {
                    // Ids that would name a column of an output table twice: runs-table columns, engine parameters, case-only twins.
                    string[] clashes = ["seed", "run", "point", "replicate", "Seed", "RUN", "attrition", "Attrition"];
                    var section = rng.Next(2) == 0 ? "\noutcomes:" : "\nparameters:";
                    var at = text.IndexOf(section, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        var m = Regex.Match(text[at..], @"id: ([A-Za-z_][A-Za-z0-9_]*)");
                        if (m.Success)
                        {
                            var clash = clashes[rng.Next(clashes.Length)];
                            var body = text[..at] + text[at..].Remove(m.Groups[1].Index, m.Groups[1].Length).Insert(m.Groups[1].Index, clash);
                            return (Encoding.UTF8.GetBytes(body), $"{section.Trim()} id {clash}");
                        }
                    }

                    var actor = Regex.Match(text, @"- \{?id: ([A-Za-z_][A-Za-z0-9_]*)");
                    var id = actor.Groups[1].Value;
                    var twin = string.Equals(id.ToLowerInvariant(), id, StringComparison.Ordinal) ? id.ToUpperInvariant() : id.ToLowerInvariant();
                    return (Encoding.UTF8.GetBytes(text.Replace("- {id: " + id + ",", "- {id: " + twin + ",", StringComparison.Ordinal) + "\n"), "case twin " + twin);
                }
            case 13:
                {
                    // Many actors: past the limit (a diagnostic), or a few hundred (a valid but costly world).
                    var n = rng.Next(2) == 0 ? 2_001 : 300;
                    var actors = new StringBuilder("actors:\n");
                    for (var a = 0; a < n; a++)
                    {
                        actors.Append(CultureInfo.InvariantCulture, $"  - {{id: A{a}, name: A{a}, kind: state, power: 1}}\n");
                    }

                    return (Encoding.UTF8.GetBytes("scenario: {name: many, start: 2024-01-01, tick: 1d, horizon: 10}\n" + actors), $"{n} actors");
                }
            case 14:
                {
                    // Control characters and direction overrides in names and ids.
                    string[] bad = ["\\e[2J", "\\a", "\\r", "\\u202e", "\\0", "\\x9b"];
                    var body = Regex.Replace(text, @"(?m)^  name: (.*)$", m => $"  name: \"{bad[rng.Next(bad.Length)]}{m.Groups[1].Value.Replace("\"", "", StringComparison.Ordinal)}\"", RegexOptions.None, TimeSpan.FromSeconds(5));
                    return (Encoding.UTF8.GetBytes(body), "control characters in names");
                }
            case 0:
                {
                    // YAML maps cannot hold duplicate keys, so they are made in the text: repeat a "key: value" line.
                    var keyed = lines.Select((l, i) => (l, i)).Where(x => KeyLine().IsMatch(x.l)).ToList();
                    var (line, at) = keyed[rng.Next(keyed.Count)];
                    lines.Insert(at + 1, line);
                    return (Utf8(lines), "duplicate key line " + line.Trim());
                }
            case 1:
                {
                    var bytes = Encoding.UTF8.GetBytes(text).ToList();
                    byte[][] bad = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00], [0xEF, 0xBB, 0xBF]];
                    var pick = bad[rng.Next(bad.Length)];
                    bytes.InsertRange(rng.Next(bytes.Count + 1), pick);
                    return ([.. bytes], "bytes " + Convert.ToHexString(pick));
                }
            case 2:
                {
                    var n = rng.Next(3) switch { 0 => 1_000, 1 => 20_000, _ => 300_000 };
                    var nested = rng.Next(2) == 0
                        ? new string('[', n) + new string(']', n)
                        : string.Concat(Enumerable.Repeat("{a: ", n)) + "1" + new string('}', n);
                    return (Encoding.UTF8.GetBytes(text + "deep: " + nested + "\n"), $"nesting {n}");
                }
            case 3:
                {
                    // Include cycles and the other ways an include goes wrong.
                    var (include, other, what) = rng.Next(5) switch
                    {
                        0 => ("[b.yaml]", "include: [scenario.yaml]\n", "cycle through b.yaml"),
                        1 => ("[scenario.yaml]", "", "includes itself"),
                        2 => ("[b.yaml, b.yaml]", "actors: []\n", "included twice"),
                        3 => ("[/etc/passwd]", "", "absolute include"),
                        _ => ("[b.yaml]", "include: [c.yaml]\n", "include of a missing file"),
                    };
                    if (other.Length > 0)
                    {
                        files["b.yaml"] = Encoding.UTF8.GetBytes(other);
                    }

                    return (Encoding.UTF8.GetBytes("include: " + include + "\n" + text), what);
                }
            case 4:
                {
                    // An alias bomb: every level refers to the previous one ten times.
                    var sb = new StringBuilder("bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]\n");
                    for (var i = 1; i < 12; i++)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"bomb{i}: &b{i} [");
                        sb.AppendJoin(", ", Enumerable.Repeat($"*b{i - 1}", 10));
                        sb.Append("]\n");
                    }

                    var key = rng.Next(2) == 0 ? "actors: *b11\n" : "relations: *b11\n";
                    var body = string.Join('\n', lines.Where(l => !l.StartsWith(key[..key.IndexOf(':')], StringComparison.Ordinal)));
                    return (Encoding.UTF8.GetBytes(sb + key + body), "alias bomb in " + key.Trim());
                }
            case 5 when rng.Next(20) == 0:
                {
                    // A file just past the size limit: a huge comment, or a long list of forces. The loader refuses it by its
                    // size before parsing, whatever its size; a 100 MB one (six times as costly to make) is in the corpus test.
                    var size = Sim.Engine.Limits.FileBytes + 1 + rng.Next(1 << 20);
                    var big = new StringBuilder(text, size + 64);
                    if (rng.Next(2) == 0)
                    {
                        big.Append('#').Append('x', Math.Max(0, size - big.Length)).Append('\n');
                    }
                    else
                    {
                        big.Append("forces2:\n");
                        while (big.Length < size)
                        {
                            big.Append("  - {owner: A, region: r, strength: 1}\n");
                        }
                    }

                    return (Encoding.UTF8.GetBytes(big.ToString()), "file past the size limit");
                }
            case 6:
                {
                    const string alphabet = "-:[]{},'\"\\|>&*!#%@` \n\t0.e";
                    var bytes = Encoding.UTF8.GetBytes(text);
                    for (var k = 0; k < 1 + rng.Next(4); k++)
                    {
                        bytes[rng.Next(bytes.Length)] = (byte)alphabet[rng.Next(alphabet.Length)];
                    }

                    return (bytes, "flipped bytes");
                }
            case 7:
                {
                    var cut = rng.Next(text.Length);
                    return (Encoding.UTF8.GetBytes(text[..cut]), string.Create(CultureInfo.InvariantCulture, $"truncated at {cut}"));
                }
            default:
                {
                    var at = rng.Next(lines.Count);
                    lines[at] = rng.Next(3) switch { 0 => "\t" + lines[at], 1 => lines[at] + "\r", _ => "--- " + lines[at] };
                    return (Utf8(lines), "whitespace at line " + (at + 1).ToString(CultureInfo.InvariantCulture));
                }
        }
    }

    private static string[] Overrides(List<string> ids, Random rng)
    {
        string[] forms = ["{0}={1}", "{0}", "={1}", "{0}=={1}", "{0}= {1}", "{0}={1}={1}"];
        var names = ids.Concat(["attrition", "clash_rung", "retreat_ratio", "nope", ""]).ToList();
        return [.. Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => string.Format(CultureInfo.InvariantCulture,
            forms[rng.Next(forms.Length)], names[rng.Next(names.Count)], Numbers[rng.Next(Numbers.Length)]))];
    }

    private static byte[] Utf8(List<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));

    [GeneratedRegex(@"^\s*[a-z_]+: \S")]
    private static partial Regex KeyLine();
}
