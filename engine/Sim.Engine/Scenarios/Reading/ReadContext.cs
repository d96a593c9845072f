using System.Collections.Immutable;
using System.Globalization;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Scenarios;

/// <summary>
/// What the section readers share while one scenario is read: the diagnostics, the items of every list
/// section, the ids collected in the first pass, and the helpers that resolve ids and compile expressions.
/// </summary>
internal sealed class ReadContext(List<Diagnostic> diagnostics)
{
    public List<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>Items of each list section, across the root file and its includes, in file order.</summary>
    public Dictionary<string, List<YNode>> Sections { get; } = new(StringComparer.Ordinal);

    public YMapping? ScenarioNode { get; set; }
    public YNode? RecordNode { get; set; }

    // Ids from pass 1. Actors and regions share one namespace so an id means one thing in expressions.
    public Dictionary<string, int> Actors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Regions { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Parameters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> Actions { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, YNode> EntityIdAt { get; } = new(StringComparer.Ordinal);

    /// <summary>The index pass 1 gave each item whose id it accepted.</summary>
    public Dictionary<YNode, int> IndexOfItem { get; } = new(ReferenceEqualityComparer.Instance);

    public ExpressionScope Scope { get; set; } = null!;
    public DateOnly? Start { get; set; }
    public int TickDays { get; set; } = 1;

    public void Error(YNode at, string message, string? hint = null) =>
        Diagnostics.Add(new Diagnostic(at.File.DisplayPath, at.Line, at.Column, message, hint));

    public static string At(YNode n) => string.Create(CultureInfo.InvariantCulture, $"{n.File.DisplayPath}:{n.Line}:{n.Column}");

    public List<YNode> Section(string name) => Sections.TryGetValue(name, out var l) ? l : [];

    /// <summary>
    /// The mappings of a section whose ids pass 1 indexed, each with its reader and index. An item whose id was
    /// rejected has index -1 and is still read, so all its problems show up at once; one that is not a mapping is
    /// reported and skipped. Lazy, so each item's problems are reported in file order with the rest of its reading.
    /// </summary>
    public IEnumerable<(ItemReader R, int Index)> IndexedItems(string section, string what, IReadOnlyList<string> keys)
    {
        foreach (var item in Section(section))
        {
            var r = new ItemReader(Diagnostics, item, what, keys);
            if (r.IsValid)
            {
                yield return (r, IndexOfItem.TryGetValue(item, out var index) ? index : -1);
            }
        }
    }

    // ---- resolution ---------------------------------------------------------------------------

    public int ResolveActor(YScalar s) => Resolve(s, Actors, "actor");

    public int ResolveRegion(YScalar s) => Resolve(s, Regions, "region");

    public int Resolve(YScalar s, Dictionary<string, int> ids, string what)
    {
        if (ids.TryGetValue(s.Value, out var i))
        {
            return i;
        }
        if (what == "actor" && Regions.ContainsKey(s.Value))
        {
            Error(s, $"'{s.Value}' is a region, but an actor is expected here");
        }
        else if (what == "region" && Actors.ContainsKey(s.Value))
        {
            Error(s, $"'{s.Value}' is an actor, but a region is expected here");
        }
        else
        {
            Error(s, $"unknown {what} '{s.Value}'", Hints.DidYouMean(s.Value, ids.Keys));
        }
        return -1;
    }

    public ActorId OptionalActor(ItemReader r, string key, bool required = false) =>
        r.Scalar(key, required, "an actor id") is { } s ? new ActorId(ResolveActor(s)) : ActorId.None;

    public RegionId OptionalRegion(ItemReader r, string key, bool required = false) =>
        r.Scalar(key, required, "a region id") is { } s ? new RegionId(ResolveRegion(s)) : RegionId.None;

    /// <summary>Reads a two-actor list such as <c>between: [A, B]</c>; null when malformed (reported).</summary>
    public (ActorId A, ActorId B)? ReadPair(YNode node, ItemReader r, string field, string what)
    {
        var items = node is YSequence seq ? seq.Items : null;
        if (items is null || items.Count != 2)
        {
            Error(node, $"'{field}' must list two actors, e.g. [DZA, RUS]");
            return null;
        }
        var a = r.Unwrap(items[0], field + "[0]", "an actor id");
        var b = r.Unwrap(items[1], field + "[1]", "an actor id");
        if (a is null || b is null)
        {
            return null;
        }
        var ia = ResolveActor(a);
        var ib = ResolveActor(b);
        if (ia < 0 || ib < 0)
        {
            return null;
        }
        if (ia == ib)
        {
            Error(b, $"{what} of '{a.Value}' with itself", "a relation needs two different actors");
            return null;
        }
        return (new ActorId(ia), new ActorId(ib));
    }

    public DateOnly? ParseDate(YScalar s, string key)
    {
        if (DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        Error(s, $"expected a date (YYYY-MM-DD) for '{key}', got {s.Describe()}");
        return null;
    }

    /// <summary>
    /// The names of a list key that maps an item onto names in observed event data (<c>observed_as</c>, <c>admin</c>):
    /// each non-empty, and none claimed by two items, because an observed event must map onto one actor or region.
    /// Names compare without case, as the data sets do not agree on it.
    /// </summary>
    public ImmutableArray<string> ObservedNames(ItemReader r, string key, string owner, Dictionary<string, string> claimed)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var s in r.ScalarList(key))
        {
            var name = s.Value.Trim();
            if (name.Length == 0 || name == "*")
            {
                Error(s, $"'{key}' of '{owner}' needs a name, got {s.Describe()}");
                continue;
            }
            if (!claimed.TryAdd(name, owner))
            {
                Error(s, $"'{name}' in '{key}' of '{owner}' is already declared by '{claimed[name]}'",
                    "an observed name must map onto one item; list it once");
                continue;
            }
            names.Add(name);
        }
        return names.ToImmutable();
    }

    // ---- expressions --------------------------------------------------------------------------

    /// <summary>Compiles the text of a scalar, pointing errors at the exact character inside the file.</summary>
    public CompiledExpression? Compile(YScalar s, ExpressionType? expected)
    {
        var errors = new List<ExpressionError>();
        var compiled = ExpressionCompiler.Compile(s.Value, Scope, expected, errors);
        foreach (var e in errors)
        {
            var (line, col) = ScalarPositions.Map(s, e.Offset);
            Diagnostics.Add(new Diagnostic(s.File.DisplayPath, line, col, e.Message, e.Hint));
        }
        return compiled;
    }

    /// <summary>A number or a number expression (a plain number in the file is a constant).</summary>
    public CompiledExpression? NumberExpression(ItemReader r, string key, bool required, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var s = r.Scalar(key, required, "a number or an expression");
        if (s is null)
        {
            return null;
        }
        if (ItemReader.TryNumber(s.Value, out _))
        {
            return CompiledExpression.Constant(r.CheckNumber(s, key, 0, min, max));
        }
        return Compile(s, ExpressionType.Number);
    }
}
