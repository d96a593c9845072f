using System.Collections.Immutable;

namespace Sim.Engine.Scenarios;

/// <summary>
/// The words scenario files use for enumerated values, and the value each stands for: the loader reads
/// them, and summaries print them, so an actor of kind <c>armed_group</c> is shown as written.
/// </summary>
public static class ScenarioWords
{
    /// <summary>Each actor kind's word, in the order docs/scenarios.md and the JSON schema list them.</summary>
    internal static readonly ImmutableArray<(string Word, ActorKind Kind)> ActorKinds =
    [
        ("state", ActorKind.State),
        ("junta", ActorKind.Junta),
        ("separatist", ActorKind.Separatist),
        ("pmc", ActorKind.Pmc),
        ("armed_group", ActorKind.ArmedGroup),
        ("organization", ActorKind.Organization),
    ];

    /// <summary>Each treaty's word, in the order docs/scenarios.md and the JSON schema list them.</summary>
    internal static readonly ImmutableArray<(string Word, Treaty Treaty)> Treaties =
    [
        ("none", Treaty.None),
        ("defense_pact", Treaty.DefensePact),
        ("non_aggression", Treaty.NonAggression),
        ("entente", Treaty.Entente),
    ];

    /// <summary>The word a scenario file uses for <paramref name="kind"/>, e.g. <c>armed_group</c>.</summary>
    public static string Word(this ActorKind kind) => ActorKinds.First(k => k.Kind == kind).Word;

    /// <summary>The word a scenario file uses for <paramref name="treaty"/>, e.g. <c>defense_pact</c>.</summary>
    public static string Word(this Treaty treaty) => Treaties.First(t => t.Treaty == treaty).Word;

    /// <summary>The actor kind a word stands for; <see cref="ActorKind.State"/> for null or an unknown word (already reported).</summary>
    internal static ActorKind ActorKindOf(string? word) => ActorKinds.Where(k => k.Word == word).Select(k => k.Kind).DefaultIfEmpty(ActorKind.State).First();

    /// <summary>The treaty a word stands for; <see cref="Treaty.None"/> for null or an unknown word (already reported).</summary>
    internal static Treaty TreatyOf(string? word) => Treaties.Where(t => t.Word == word).Select(t => t.Treaty).DefaultIfEmpty(Treaty.None).First();
}
