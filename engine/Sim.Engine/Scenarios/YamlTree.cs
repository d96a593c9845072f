using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sim.Engine.Scenarios;

/// <summary>One loaded file: its display name (used in diagnostics) and its decoded text (used to map offsets inside scalars).</summary>
internal sealed record SourceFile(string DisplayPath, string FullPath, string Text, int Order);

/// <summary>
/// The scenario "document": a YAML tree whose every node remembers where it came from.
/// YamlDotNet's own representation model drops duplicate keys by throwing and does not keep the
/// file of a node, so the tree is built here directly from parser events.
/// </summary>
internal abstract class YNode
{
    protected YNode(SourceFile file, Mark start)
    {
        File = file;
        Line = (int)start.Line;
        Column = (int)start.Column;
        Index = (int)start.Index;
    }

    public SourceFile File { get; }
    public int Line { get; }
    public int Column { get; }
    public int Index { get; }

    public SourceLocation Location => new(File.DisplayPath, Line, Column);

    /// <summary>A short description of the node for "expected X, got Y" messages.</summary>
    public abstract string Describe();
}

internal sealed class YScalar : YNode
{
    public YScalar(SourceFile file, Scalar e) : base(file, e.Start)
    {
        Value = e.Value;
        Style = e.Style;
    }

    public string Value { get; }
    public ScalarStyle Style { get; }

    /// <summary>An unquoted empty value or <c>~</c>/<c>null</c>: YAML's null.</summary>
    public bool IsNull => Style == ScalarStyle.Plain && (Value.Length == 0 || Value is "~" or "null" or "Null" or "NULL");

    public override string Describe() => IsNull ? "nothing" : $"'{Value}'";
}

internal sealed class YSequence : YNode
{
    public YSequence(SourceFile file, Mark start) : base(file, start) { }

    public List<YNode> Items { get; } = [];

    public override string Describe() => "a list";
}

internal sealed class YMapping : YNode
{
    public YMapping(SourceFile file, Mark start) : base(file, start) { }

    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = [];

    public YNode? Get(string key)
    {
        foreach (var e in Entries)
        {
            if (e.Key.Value == key)
            {
                return e.Value;
            }
        }
        return null;
    }

    public YScalar? KeyNode(string key)
    {
        foreach (var e in Entries)
        {
            if (e.Key.Value == key)
            {
                return e.Key;
            }
        }
        return null;
    }

    public override string Describe() => "a mapping";
}

/// <summary>Builds a <see cref="YNode"/> tree from YamlDotNet parser events, turning every problem into a diagnostic.</summary>
internal static partial class YamlTreeBuilder
{
    /// <summary>Parses one file. Returns null (with diagnostics) when the file has no usable document.</summary>
    public static YNode? Parse(SourceFile file, List<Diagnostic> diagnostics)
    {
        var parser = new Parser(new StringReader(file.Text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        YNode? root = null;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart ds:
                        documents++;
                        if (documents > 1)
                        {
                            diagnostics.Add(new Diagnostic(file.DisplayPath, (int)ds.Start.Line, (int)ds.Start.Column,
                                "a scenario file holds one YAML document; found a second one",
                                "remove the '---' separator or move the second document to its own file and include it"));
                            return null;
                        }
                        break;
                    case NodeEvent:
                        root = ReadNode(parser, file, anchors, diagnostics, 0);
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            diagnostics.Add(new Diagnostic(file.DisplayPath, Math.Max(1, (int)ex.Start.Line), Math.Max(1, (int)ex.Start.Column),
                "YAML syntax error: " + CleanMessage(ex.Message)));
            return null;
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet's parser throws this (without a position) for a tag that is not a valid URI, e.g. "!![".
            var at = parser.Current?.End ?? Mark.Empty;
            diagnostics.Add(new Diagnostic(file.DisplayPath, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column),
                "YAML syntax error: invalid tag: " + ex.Message.Replace(" (Parameter 'value')", "", StringComparison.Ordinal),
                "a value starting with '!' is a YAML tag; put the value in quotes"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed flow collections;
            // report it after the last event that parsed, which is where the trouble starts.
            var at = parser.Current?.End ?? Mark.Empty;
            diagnostics.Add(new Diagnostic(file.DisplayPath, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column),
                "YAML syntax error: malformed flow collection ([...] or {...})", "check for an unclosed bracket or brace"));
            return null;
        }

        if (root is null || root is YScalar { IsNull: true })
        {
            diagnostics.Add(new Diagnostic(file.DisplayPath, 1, 1, "the file is empty",
                "a scenario file is a YAML mapping with keys such as 'scenario', 'actors' and 'regions'"));
            return null;
        }
        return root;
    }

    // The parser is positioned on a node event; consume the whole node and return it.
    private static YNode ReadNode(Parser parser, SourceFile file, Dictionary<string, YNode> anchors, List<Diagnostic> diagnostics, int depth)
    {
        if (depth > Limits.YamlDepth && parser.Current is SequenceStart or MappingStart)
        {
            throw new SemanticErrorException(parser.Current!.Start, parser.Current.End,
                $"lists and mappings nest more than {Limits.YamlDepth} levels deep here; a scenario needs a handful");
        }

        YNode node;
        switch (parser.Current)
        {
            case AnchorAlias alias:
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new SemanticErrorException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
                }
                return target;
            case Scalar s:
                node = new YScalar(file, s);
                Remember(s.Anchor, node, anchors);
                return node;
            case SequenceStart ss:
                {
                    var seq = new YSequence(file, ss.Start);
                    Remember(ss.Anchor, seq, anchors);
                    while (parser.MoveNext() && parser.Current is not SequenceEnd)
                    {
                        seq.Items.Add(ReadNode(parser, file, anchors, diagnostics, depth + 1));
                    }
                    return seq;
                }
            case MappingStart ms:
                {
                    var map = new YMapping(file, ms.Start);
                    Remember(ms.Anchor, map, anchors);
                    var seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
                    while (parser.MoveNext() && parser.Current is not MappingEnd)
                    {
                        var keyNode = ReadNode(parser, file, anchors, diagnostics, depth + 1);
                        parser.MoveNext();
                        var value = ReadNode(parser, file, anchors, diagnostics, depth + 1);
                        if (keyNode is not YScalar key)
                        {
                            diagnostics.Add(new Diagnostic(file.DisplayPath, keyNode.Line, keyNode.Column,
                                $"a key must be a plain name, got {keyNode.Describe()}"));
                            continue;
                        }
                        if (seen.TryGetValue(key.Value, out var first))
                        {
                            diagnostics.Add(new Diagnostic(file.DisplayPath, key.Line, key.Column,
                                $"duplicate key '{key.Value}'", $"first given at line {first.Line}; remove one of them"));
                            continue;
                        }
                        seen.Add(key.Value, key);
                        map.Entries.Add(new KeyValuePair<YScalar, YNode>(key, value));
                    }
                    return map;
                }
            default:
                throw new SemanticErrorException(parser.Current!.Start, parser.Current.End, "unexpected YAML event");
        }
    }

    private static void Remember(AnchorName anchor, YNode node, Dictionary<string, YNode> anchors)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    // YamlDotNet prefixes messages with "(Line: .., Col: .., Idx: ..) - (...): "; the diagnostic already says where.
    private static string CleanMessage(string message)
    {
        var m = PositionPrefix().Replace(message, "");
        return m.Length == 0 ? message : char.ToLowerInvariant(m[0]) + m[1..];
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
