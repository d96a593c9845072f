namespace Sim.Engine.Scenarios;

/// <summary>
/// Every key the loader accepts, per kind of mapping (effects' keys are declared with their kinds in
/// <see cref="EffectKinds"/>). One table serves the unknown-key check (and its hints) and the tests that
/// keep docs/scenarios.md and the JSON schema in step with the loader.
/// </summary>
internal static class ScenarioKeys
{
    public const string Source = "source";

    /// <summary>Sections whose items are concatenated across the root file and its includes.</summary>
    public static readonly string[] ListSections =
        ["parameters", "actors", "regions", "forces", "relations", "actions", "rules", "timeline", "outcomes"];

    public static readonly string[] Root = ["scenario", "include", .. ListSections, "record"];
    public static readonly string[] IncludedRoot = ["include", .. ListSections];

    public static readonly string[] Scenario = ["name", "description", "start", "tick", "horizon", Source];
    public static readonly string[] Parameter = ["id", "value", "range", "description", Source];
    public static readonly string[] Actor =
        ["id", "name", "kind", "power", "economy", "cohesion", "resolve", "rationality", "capital", "patron", "contracts", "claims", "members", "activity",
         "aircraft", "artillery", "air_defence", "observed_as", Source];
    public static readonly string[] Contract = ["host", "payment", Source];
    public static readonly string[] Weapon = ["assets", "range_km", Source];
    public static readonly string[] AirDefence = ["effectiveness", "range_km", Source];
    public static readonly string[] Region =
        ["id", "name", "lat", "lon", "country", "adjacent", "controller", "population", "displaced", "admin", Source];
    public static readonly string[] Force = ["owner", "region", "strength", "contract", Source];
    public static readonly string[] Relation = ["between", "affinity", "escalation", "treaty", "directed", Source];
    public static readonly string[] Action = ["id", "name", "cameo", "goldstein", "acled", "rung", Source];
    public static readonly string[] Rule = ["id", "description", "when", "chance", "once", "then", Source];
    public static readonly string[] Timeline = ["date", "tick", "then", Source];
    public static readonly string[] Outcome = ["id", "description", "expr", Source];
    public static readonly string[] Record = ["pairs", "actors", "regions", Source];
    public static readonly string[] SourcedValue = ["value", Source];

    public static readonly string[] ActorKinds = [.. ScenarioWords.ActorKinds.Select(k => k.Word)];
    public static readonly string[] Treaties = [.. ScenarioWords.Treaties.Select(t => t.Word)];

    /// <summary>All key tables, named as the JSON schema's definitions, for the docs/schema consistency test.</summary>
    public static IEnumerable<(string Name, string[] Keys)> AllTables()
    {
        yield return ("root", Root);
        yield return ("scenario", Scenario);
        yield return ("parameter", Parameter);
        yield return ("actor", Actor);
        yield return ("contract", Contract);
        yield return ("weapon", Weapon);
        yield return ("air_defence", AirDefence);
        yield return ("region", Region);
        yield return ("force", Force);
        yield return ("relation", Relation);
        yield return ("action", Action);
        yield return ("rule", Rule);
        yield return ("timeline", Timeline);
        yield return ("outcome", Outcome);
        yield return ("record", Record);
        yield return ("sourced", SourcedValue);
        yield return ("effect", [.. EffectKinds.Names, Source]);
        foreach (var effect in EffectKinds.All)
        {
            yield return ("effect_" + effect.Kind, [.. effect.Keys]);
        }
    }
}
