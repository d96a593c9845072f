using System.Collections.Immutable;

namespace Sim.Engine.Scenarios;

/// <summary>Reads the <c>actors</c> section, their contracts and claims.</summary>
internal static class ActorsReader
{
    /// <summary>Half the Earth's circumference: no two places are farther apart.</summary>
    private const double MaxRangeKm = 20040;

    public static ImmutableArray<ActorDefinition> Read(ReadContext c)
    {
        var result = new ActorDefinition?[c.Actors.Count];
        var observed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (r, index) in c.IndexedItems("actors", "actor", ScenarioKeys.Actor))
        {
            var id = r.String("id") ?? "";
            var kindText = r.Choice("kind", ScenarioKeys.ActorKinds, required: true);
            var kind = ScenarioWords.ActorKindOf(kindText);
            var patron = ActorId.None;
            if (r.Scalar("patron", expected: "an actor id") is { } ps)
            {
                patron = new ActorId(c.ResolveActor(ps));
                if (patron.Index == index)
                {
                    c.Error(ps, $"actor '{id}' cannot be its own patron");
                }
            }
            var contracts = ImmutableArray.CreateBuilder<ContractDefinition>();
            var contractItems = r.List("contracts");
            if (contractItems.Count > 0 && kindText is not null && kind != ActorKind.Pmc)
            {
                c.Error(r.Raw("contracts")!, $"only pmc actors have contracts; '{id}' is a {kindText}");
            }
            foreach (var contract in contractItems)
            {
                var cr = new ItemReader(c.Diagnostics, contract, "contract", ScenarioKeys.Contract);
                if (!cr.IsValid)
                {
                    continue;
                }
                contracts.Add(new ContractDefinition
                {
                    Host = c.OptionalActor(cr, "host", required: true),
                    Payment = cr.Number("payment", 0, 0, Limits.Magnitude),
                    Source = cr.Source,
                    FieldSources = cr.FieldSources,
                    Location = cr.Location,
                });
            }
            var claims = r.ScalarList("claims").Select(c.ResolveRegion).ToImmutableArray();
            var memberItems = r.ScalarList("members");
            if (memberItems.Count > 0 && kindText is not null && kind != ActorKind.Organization)
            {
                c.Error(r.Raw("members")!, $"only organization actors have members; '{id}' is a {kindText}");
            }
            foreach (var m in memberItems.Where(m => m.Value == id))
            {
                c.Error(m, $"organization '{id}' cannot be its own member");
            }
            var members = memberItems.Select(c.ResolveActor).Where(m => m >= 0 && m != index).Distinct().ToImmutableArray();
            var actor = new ActorDefinition
            {
                Index = index,
                Id = id,
                Name = r.String("name") ?? id,
                Kind = kind,
                Power = r.Number("power", 0, 0, Limits.Magnitude),
                Economy = r.Number("economy", 0, 0, Limits.Magnitude),
                Cohesion = r.Number("cohesion", 0.5, 0, 1),
                Resolve = r.Number("resolve", 0.5, 0, 1),
                Rationality = r.Number("rationality", 1, 0, Limits.Magnitude),
                Capital = c.OptionalRegion(r, "capital"),
                Patron = patron,
                Contracts = contracts.ToImmutable(),
                Claims = claims,
                Members = members,
                Activity = r.Number("activity", 1, 0, 100),
                Strike = ReadWeapon(c, r, "aircraft"),
                Artillery = ReadWeapon(c, r, "artillery"),
                AirDefence = ReadAirDefence(c, r),
                ObservedAs = c.ObservedNames(r, "observed_as", id, observed),
                Source = r.Source,
                FieldSources = r.FieldSources,
                Location = r.Location,
            };
            if (index >= 0)
            {
                result[index] = actor;
            }
        }
        return [.. result.OfType<ActorDefinition>()];
    }

    /// <summary>Reads <c>aircraft</c> or <c>artillery</c>: both keys are required, so that every capability states its reach.</summary>
    private static WeaponDefinition ReadWeapon(ReadContext c, ItemReader actor, string key)
    {
        if (actor.Raw(key) is not { } node)
        {
            return default;
        }

        var r = new ItemReader(c.Diagnostics, node, key, ScenarioKeys.Weapon);
        return r.IsValid
            ? new WeaponDefinition(r.Number("assets", 0, 0, Limits.WeaponAssets, required: true), r.Number("range_km", 0, 0, MaxRangeKm, required: true))
            : default;
    }

    private static AirDefenceDefinition ReadAirDefence(ReadContext c, ItemReader actor)
    {
        if (actor.Raw("air_defence") is not { } node)
        {
            return default;
        }

        var r = new ItemReader(c.Diagnostics, node, "air_defence", ScenarioKeys.AirDefence);
        return r.IsValid
            ? new AirDefenceDefinition(r.Number("effectiveness", 0, 0, 1, required: true), r.Number("range_km", 0, 0, MaxRangeKm, required: true))
            : default;
    }
}
