using System.Collections.Immutable;

namespace Sim.Engine.Scenarios;

/// <summary>Reads the <c>regions</c> section; adjacency is made symmetric.</summary>
internal static class RegionsReader
{
    public static ImmutableArray<RegionDefinition> Read(ReadContext c)
    {
        var result = new RegionDefinition?[c.Regions.Count];
        var adjacency = new SortedSet<int>[c.Regions.Count];
        var admin = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < adjacency.Length; i++)
        {
            adjacency[i] = [];
        }
        foreach (var (r, index) in c.IndexedItems("regions", "region", ScenarioKeys.Region))
        {
            var id = r.String("id") ?? "";
            foreach (var s in r.ScalarList("adjacent"))
            {
                var other = c.ResolveRegion(s);
                if (other == index)
                {
                    c.Error(s, $"region '{id}' cannot be adjacent to itself");
                }
                else if (other >= 0 && index >= 0)
                {
                    // Adjacency is symmetric: listing a border once, on either side, is enough.
                    adjacency[index].Add(other);
                    adjacency[other].Add(index);
                }
            }
            var region = new RegionDefinition
            {
                Index = index,
                Id = id,
                Name = r.String("name") ?? id,
                Lat = r.Number("lat", 0, -90, 90, required: true),
                Lon = r.Number("lon", 0, -180, 180, required: true),
                Country = c.OptionalActor(r, "country"),
                Controller = c.OptionalActor(r, "controller"),
                Population = r.Number("population", 0, 0, Limits.Magnitude),
                Displaced = r.Number("displaced", 0, 0, Limits.Magnitude),
                Admin = c.ObservedNames(r, "admin", id, admin),
                Source = r.Source,
                FieldSources = r.FieldSources,
                Location = r.Location,
            };
            if (index >= 0)
            {
                result[index] = region;
            }
        }
        return [.. result.OfType<RegionDefinition>().Select(x => x with { Adjacent = [.. adjacency[x.Index]] })];
    }
}
