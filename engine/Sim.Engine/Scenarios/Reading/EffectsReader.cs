using System.Collections.Immutable;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Scenarios;

/// <summary>
/// Reads a list of effects (a rule's or a timeline entry's <c>then</c>): checks each item's shape and kind,
/// then hands its body to the kind's declaration in <see cref="EffectKinds"/>.
/// </summary>
internal static class EffectsReader
{
    public static ImmutableArray<EffectDefinition> Read(ReadContext c, ItemReader owner, string key)
    {
        var items = owner.List(key, required: true);
        if (items.Count == 0 && owner.Raw(key) is { } node && node is not YScalar { IsNull: true })
        {
            c.Error(node, $"'{key}' lists no effects", "add at least one effect, e.g. - affinity: {from: A, to: B, add: -0.1}");
        }
        var result = ImmutableArray.CreateBuilder<EffectDefinition>();
        foreach (var item in items)
        {
            if (ReadEffect(c, item) is { } e)
            {
                result.Add(e);
            }
        }
        return result.ToImmutable();
    }

    private static EffectDefinition? ReadEffect(ReadContext c, YNode item)
    {
        var kindList = string.Join(", ", EffectKinds.Names);
        if (item is not YMapping m)
        {
            c.Error(item, $"expected an effect such as '- affinity: {{...}}', got {item.Describe()}", $"effects: {kindList}");
            return null;
        }
        var kinds = m.Entries.Where(e => e.Key.Value != ScenarioKeys.Source).ToList();
        if (kinds.Count != 1)
        {
            c.Error(item, kinds.Count == 0 ? "an effect needs one kind" : $"an effect has exactly one kind, got {kinds.Count}",
                $"one of: {kindList}; write each effect as its own list item");
            return null;
        }
        var (kindNode, body) = kinds[0];
        if (!EffectKinds.ByKind.TryGetValue(kindNode.Value, out var declaration))
        {
            c.Error(kindNode, $"unknown effect '{kindNode.Value}'", Hints.DidYouMean(kindNode.Value, EffectKinds.Names) ?? $"one of: {kindList}");
            return null;
        }
        var outerSource = m.Get(ScenarioKeys.Source) is YScalar os ? os.Value : null;
        var r = new ItemReader(c.Diagnostics, body, $"{kindNode.Value} effect", declaration.Keys);
        if (!r.IsValid)
        {
            return null;
        }
        var effect = declaration.Read(new EffectBody(c, r, body));
        return effect is null ? null : effect with { Source = r.Source ?? outerSource, FieldSources = r.FieldSources, Location = kindNode.Location };
    }
}

/// <summary>The body of one effect being read, with the readers its keys need; problems are reported as diagnostics.</summary>
internal sealed class EffectBody(ReadContext c, ItemReader r, YNode body)
{
    public ActorId Actor(string key, bool required = false) => c.OptionalActor(r, key, required);

    public RegionId Region(string key, bool required = false) => c.OptionalRegion(r, key, required);

    /// <summary>A required action id.</summary>
    public int Action(string key) => r.Scalar(key, required: true, "an action id") is { } a ? c.Resolve(a, c.Actions, "action") : -1;

    /// <summary>A required parameter id.</summary>
    public int Parameter(string key) => r.Scalar(key, required: true, "a parameter id") is { } p ? c.Resolve(p, c.Parameters, "parameter") : -1;

    /// <summary>Two required actors that must differ, such as the ends of a relation.</summary>
    public (ActorId A, ActorId B) TwoActors(string a, string b)
    {
        var ia = Actor(a, required: true);
        var ib = Actor(b, required: true);
        if (!ia.IsNone && ia == ib && r.Scalar(b) is { } s)
        {
            c.Error(s, $"{r.What}: '{a}' and '{b}' are the same actor", "a relation needs two different actors");
        }
        return (ia, ib);
    }

    public bool Bool(string key, bool fallback) => r.Bool(key, fallback);

    /// <summary>A required treaty type (one of the relation's <c>treaty</c> words; <c>none</c> ends a treaty).</summary>
    public Treaty Treaty(string key) => ScenarioWords.TreatyOf(r.Choice(key, ScenarioKeys.Treaties, required: true));

    /// <summary>An optional count (a number or a number expression, a constant one &gt;= 0), or null.</summary>
    public CompiledExpression? Count(string key) => c.NumberExpression(r, key, false, 0);

    /// <summary>
    /// Exactly one of <c>add</c> and <c>set</c>; null when neither or both are given, or the value is invalid (reported).
    /// A constant <c>set</c> is also checked against <paramref name="constantSet"/>, the range of the value it replaces.
    /// </summary>
    public (EffectMode Mode, CompiledExpression Value)? Amount((double Min, double Max)? constantSet = null)
    {
        var hasAdd = r.Has("add");
        var hasSet = r.Has("set");
        if (hasAdd == hasSet)
        {
            c.Error(body, hasAdd ? $"{r.What} has both 'add' and 'set'" : $"{r.What} needs 'add' or 'set'", "give exactly one of them");
            return null;
        }
        var key = hasAdd ? "add" : "set";
        var v = c.NumberExpression(r, key, true);
        if (v is null)
        {
            return null;
        }
        if (!hasAdd && v.IsConstant && constantSet is { } range)
        {
            _ = c.NumberExpression(r, "set", true, range.Min, range.Max); // reports a constant outside the range
        }
        return (hasAdd ? EffectMode.Add : EffectMode.Set, v);
    }
}
