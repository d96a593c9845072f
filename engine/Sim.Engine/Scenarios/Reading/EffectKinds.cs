using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Sim.Engine.Scenarios;

/// <summary>
/// One kind of effect, declared once: the key that names it, the keys its body accepts (the unknown-key
/// check, the JSON schema and docs tests and the fuzzer read them), and how its body is read.
/// </summary>
/// <param name="Kind">The effect's key, as in <c>- affinity: {...}</c>.</param>
/// <param name="Keys">Keys its body accepts.</param>
/// <param name="Read">Reads the body; null when it is unusable (reported). Source and location are added by the caller.</param>
internal sealed record EffectKind(string Kind, ImmutableArray<string> Keys, Func<EffectBody, EffectDefinition?> Read);

/// <summary>Every effect kind; hints list them in this order.</summary>
internal static class EffectKinds
{
    private const string Source = ScenarioKeys.Source;

    public static readonly ImmutableArray<EffectKind> All =
    [
        new("event", ["action", "actor", "target", "region", "fatalities", "civilian_fatalities", Source], static e => new EventEffect
        {
            Action = e.Action("action"),
            Actor = e.Actor("actor", required: true),
            Target = e.Actor("target"),
            Region = e.Region("region"),
            Fatalities = e.Count("fatalities"),
            CivilianFatalities = e.Count("civilian_fatalities"),
        }),
        new("affinity", ["from", "to", "add", "set", "both", "baseline", Source], static e =>
        {
            var (from, to) = e.TwoActors("from", "to");
            var both = e.Bool("both", false);
            var baseline = e.Bool("baseline", false);
            return e.Amount((-1, 1)) is { } amount
                ? new AffinityEffect { From = from, To = to, Both = both, Baseline = baseline, Mode = amount.Mode, Value = amount.Value }
                : null;
        }),
        new("escalation", ["a", "b", "add", "set", Source], static e =>
        {
            var (a, b) = e.TwoActors("a", "b");
            return e.Amount((0, 9)) is { } amount ? new EscalationEffect { A = a, B = b, Mode = amount.Mode, Value = amount.Value } : null;
        }),
        new("control", ["region", "actor", Source], static e => new ControlEffect
        {
            Region = e.Region("region", required: true),
            Actor = e.Actor("actor", required: true),
        }),
        new("strength", ["actor", "region", "add", "set", Source], static e =>
        {
            var actor = e.Actor("actor", required: true);
            var region = e.Region("region", required: true);
            return e.Amount() is { } amount ? new StrengthEffect { Actor = actor, Region = region, Mode = amount.Mode, Value = amount.Value } : null;
        }),
        new("cohesion", ["actor", "add", "set", Source], static e =>
        {
            var actor = e.Actor("actor", required: true);
            return e.Amount((0, 1)) is { } amount ? new CohesionEffect { Actor = actor, Mode = amount.Mode, Value = amount.Value } : null;
        }),
        new("treaty", ["a", "b", "type", "directed", Source], static e =>
        {
            var (a, b) = e.TwoActors("a", "b");
            return new TreatyEffect { A = a, B = b, Treaty = e.Treaty("type"), Directed = e.Bool("directed", false) };
        }),
        new("power", ["actor", "add", "set", Source], static e =>
        {
            var actor = e.Actor("actor", required: true);
            return e.Amount((0, Limits.Magnitude)) is { } amount ? new PowerEffect { Actor = actor, Mode = amount.Mode, Value = amount.Value } : null;
        }),
        new("economy", ["actor", "add", "set", Source], static e =>
        {
            var actor = e.Actor("actor", required: true);
            return e.Amount((0, Limits.Magnitude)) is { } amount ? new EconomyEffect { Actor = actor, Mode = amount.Mode, Value = amount.Value } : null;
        }),
        new("takeover", ["pmc", Source], static e => new TakeoverEffect { Pmc = e.Actor("pmc", required: true) }),
        new("param", ["id", "add", "set", Source], static e =>
        {
            var parameter = e.Parameter("id");
            return e.Amount() is { } amount ? new ParameterEffect { Parameter = parameter, Mode = amount.Mode, Value = amount.Value } : null;
        }),
    ];

    public static readonly FrozenDictionary<string, EffectKind> ByKind = All.ToFrozenDictionary(k => k.Kind, StringComparer.Ordinal);

    /// <summary>Every effect kind's key, in declaration order.</summary>
    public static IEnumerable<string> Names => All.Select(k => k.Kind);
}
