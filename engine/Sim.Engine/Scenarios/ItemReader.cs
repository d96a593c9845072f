using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Sim.Engine.Scenarios;

/// <summary>
/// Reads the keys of one mapping (an actor, a relation, an effect...) with type and range checks.
/// Every accessor reports problems as diagnostics and returns a fallback, so validation carries on
/// and the author sees all problems of a file at once.
/// </summary>
internal sealed partial class ItemReader
{
    private readonly List<Diagnostic> _diagnostics;
    private readonly Dictionary<string, string> _fieldSources = new(StringComparer.Ordinal);

    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="node">The item; anything but a mapping is reported and yields an invalid reader.</param>
    /// <param name="what">The kind of item, for messages ("actor", "relation").</param>
    /// <param name="keys">Accepted keys.</param>
    public ItemReader(List<Diagnostic> diagnostics, YNode node, string what, IReadOnlyList<string> keys)
    {
        _diagnostics = diagnostics;
        Node = node;
        What = what;
        if (node is not YMapping map)
        {
            Error(node, $"expected a mapping for {what}, got {node.Describe()}", $"keys: {string.Join(", ", keys)}");
            return;
        }
        Map = map;
        foreach (var (key, _) in map.Entries)
        {
            if (!keys.Contains(key.Value))
            {
                Error(key, $"unknown key '{key.Value}' in {what}",
                    Hints.DidYouMean(key.Value, keys) ?? $"accepted keys: {string.Join(", ", keys)}");
            }
        }
        if (keys.Contains(ScenarioKeys.Source))
        {
            Source = String(ScenarioKeys.Source);
        }
    }

    public YNode Node { get; }
    public YMapping? Map { get; }
    public string What { get; }
    public bool IsValid => Map is not null;
    public string? Source { get; }
    public SourceLocation Location => Node.Location;

    public ImmutableDictionary<string, string> FieldSources => _fieldSources.ToImmutableDictionary(StringComparer.Ordinal);

    public void Error(YNode at, string message, string? hint = null) =>
        _diagnostics.Add(new Diagnostic(at.File.DisplayPath, at.Line, at.Column, message, hint));

    public bool Has(string key) => Map?.Get(key) is { } n && n is not YScalar { IsNull: true };

    /// <summary>The raw node of a key, or null.</summary>
    public YNode? Raw(string key) => Map?.Get(key);

    public void Missing(string key) => Error(Node, $"{What} is missing required key '{key}'");

    /// <summary>
    /// The scalar of a key, unwrapping the <c>{value: .., source: ..}</c> form (whose source is kept for the field).
    /// Null when absent (reported when required) or not a scalar (reported).
    /// </summary>
    public YScalar? Scalar(string key, bool required = false, string expected = "a value")
    {
        var node = Map?.Get(key);
        if (node is null || node is YScalar { IsNull: true })
        {
            if (required && IsValid)
            {
                Missing(key);
            }
            return null;
        }
        return Unwrap(node, key, expected);
    }

    /// <summary>A scalar that may be written <c>{value: .., source: ..}</c>; the source is stored under <paramref name="field"/>.</summary>
    public YScalar? Unwrap(YNode node, string field, string expected)
    {
        if (node is YScalar s)
        {
            return s;
        }
        if (node is YMapping m && m.Get("value") is not null)
        {
            var inner = new ItemReader(_diagnostics, m, $"'{field}'", ScenarioKeys.SourcedValue);
            if (inner.Source is { } src)
            {
                _fieldSources[field] = src;
            }
            var v = m.Get("value")!;
            if (v is YScalar vs)
            {
                return vs;
            }
            Error(v, $"expected {expected} for '{field}', got {v.Describe()}");
            return null;
        }
        Error(node, $"expected {expected} for '{field}', got {node.Describe()}",
            node is YMapping ? "to cite a source write {value: ..., source: \"...\"}" : null);
        return null;
    }

    public string? String(string key, bool required = false) => Scalar(key, required, "text")?.Value;

    /// <summary>A finite number within [min, max]; the fallback when absent or invalid.</summary>
    public double Number(string key, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool required = false)
    {
        var s = Scalar(key, required, "a number");
        return s is null ? fallback : CheckNumber(s, key, fallback, min, max);
    }

    public double CheckNumber(YScalar s, string key, double fallback, double min, double max)
    {
        if (!TryNumber(s.Value, out var v))
        {
            Error(s, $"expected a number for '{key}', got {s.Describe()}");
            return fallback;
        }
        if (v < min || v > max)
        {
            // Against the magnitude cap only one side is worth naming: ">= 0" for a negative value, "<= 1e15" for a huge one.
            var range = max >= Limits.Magnitude ? (v < min ? RangeText(min, double.PositiveInfinity) : $"<= {Limits.Magnitude:0e0}") : RangeText(min, max);
            Error(s, $"{key} must be {range}, got {Format(v)}");
            return fallback;
        }
        return v;
    }

    public int Integer(string key, int fallback, int min, int max, bool required = false)
    {
        var s = Scalar(key, required, "a whole number");
        if (s is null)
        {
            return fallback;
        }
        if (!int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            Error(s, $"expected a whole number for '{key}', got {s.Describe()}");
            return fallback;
        }
        if (v < min || v > max)
        {
            Error(s, $"{key} must be {RangeText(min, max)}, got {v.ToString(CultureInfo.InvariantCulture)}");
            return fallback;
        }
        return v;
    }

    public bool Bool(string key, bool fallback)
    {
        var s = Scalar(key, false, "true or false");
        if (s is null)
        {
            return fallback;
        }
        switch (s.Value)
        {
            case "true" or "True" or "TRUE" or "yes":
                return true;
            case "false" or "False" or "FALSE" or "no":
                return false;
            default:
                Error(s, $"expected true or false for '{key}', got {s.Describe()}");
                return fallback;
        }
    }

    /// <summary>One of <paramref name="allowed"/>; reports the closest when not.</summary>
    public string? Choice(string key, string[] allowed, bool required = false)
    {
        var s = Scalar(key, required, "a name");
        if (s is null)
        {
            return null;
        }
        if (allowed.Contains(s.Value))
        {
            return s.Value;
        }
        Error(s, $"unknown {key} '{s.Value}'", Hints.DidYouMean(s.Value, allowed) ?? $"one of: {string.Join(", ", allowed)}");
        return null;
    }

    /// <summary>The elements of a list key, each a scalar (the <c>{value, source}</c> form allowed; sources kept as <c>key[i]</c>).</summary>
    public List<YScalar> ScalarList(string key)
    {
        var result = new List<YScalar>();
        var node = Map?.Get(key);
        if (node is null || node is YScalar { IsNull: true })
        {
            return result;
        }
        if (node is not YSequence seq)
        {
            Error(node, $"expected a list for '{key}', got {node.Describe()}", $"write {key}: [a, b]");
            return result;
        }
        for (var i = 0; i < seq.Items.Count; i++)
        {
            if (Unwrap(seq.Items[i], string.Create(CultureInfo.InvariantCulture, $"{key}[{i}]"), "a value") is { } s)
            {
                result.Add(s);
            }
        }
        return result;
    }

    /// <summary>The items of a list key (each left to the caller to read).</summary>
    public List<YNode> List(string key, bool required = false)
    {
        var node = Map?.Get(key);
        if (node is null || node is YScalar { IsNull: true })
        {
            if (required && IsValid)
            {
                Missing(key);
            }
            return [];
        }
        if (node is not YSequence seq)
        {
            Error(node, $"expected a list for '{key}', got {node.Describe()}");
            return [];
        }
        return seq.Items;
    }

    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    public static string Format(double v) => v.ToString("G", CultureInfo.InvariantCulture);

    private static string RangeText(double min, double max) =>
        double.IsNegativeInfinity(min) ? $"<= {Format(max)}"
        : double.IsPositiveInfinity(max) ? $">= {Format(min)}"
        : $"in [{Format(min)}, {Format(max)}]";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    public static partial Regex IdPattern();
}
