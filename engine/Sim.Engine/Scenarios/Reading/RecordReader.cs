using System.Collections.Immutable;

namespace Sim.Engine.Scenarios;

/// <summary>Reads the <c>record</c> section: which pairs, actors and regions a run records every tick.</summary>
internal static class RecordReader
{
    public static RecordDefinition Read(ReadContext c, YNode node)
    {
        var r = new ItemReader(c.Diagnostics, node, "record", ScenarioKeys.Record);
        if (!r.IsValid)
        {
            return new RecordDefinition();
        }
        var pairs = ImmutableArray.CreateBuilder<(int, int)>();
        foreach (var p in r.List("pairs"))
        {
            if (c.ReadPair(p, r, "pairs", "a pair") is { } pair)
            {
                pairs.Add((pair.A.Index, pair.B.Index));
            }
        }
        return new RecordDefinition
        {
            Pairs = pairs.ToImmutable(),
            Actors = [.. r.ScalarList("actors").Select(c.ResolveActor)],
            Regions = [.. r.ScalarList("regions").Select(c.ResolveRegion)],
            Source = r.Source,
            FieldSources = r.FieldSources,
            Location = r.Location,
        };
    }
}
