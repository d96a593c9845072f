using System.Collections.Immutable;

namespace Sim.Engine.Scenarios;

/// <summary>Reads the <c>relations</c> section; a pair of actors has at most one relation (per direction when directed).</summary>
internal static class RelationsReader
{
    public static ImmutableArray<RelationDefinition> Read(ReadContext c)
    {
        var result = ImmutableArray.CreateBuilder<RelationDefinition>();
        var seen = new Dictionary<(ActorId, ActorId), YNode>();
        foreach (var item in c.Section("relations"))
        {
            var r = new ItemReader(c.Diagnostics, item, "relation", ScenarioKeys.Relation);
            if (!r.IsValid)
            {
                continue;
            }
            (ActorId A, ActorId B)? pair = null;
            if (r.Raw("between") is { } between)
            {
                pair = c.ReadPair(between, r, "between", "relation");
            }
            else
            {
                r.Missing("between");
            }
            var directed = r.Bool("directed", false);
            var treatyText = r.Choice("treaty", ScenarioKeys.Treaties);
            var def = new RelationDefinition
            {
                A = pair?.A ?? ActorId.None,
                B = pair?.B ?? ActorId.None,
                Affinity = r.Number("affinity", 0, -1, 1),
                Escalation = r.Integer("escalation", 0, 0, 9),
                Treaty = ScenarioWords.TreatyOf(treatyText),
                Directed = directed,
                Source = r.Source,
                FieldSources = r.FieldSources,
                Location = r.Location,
            };
            if (pair is { } p)
            {
                // An undirected relation sets both directions, so it clashes with any other relation of the pair.
                var keys = directed ? [(p.A, p.B)] : new[] { (p.A, p.B), (p.B, p.A) };
                YNode? earlier = null;
                foreach (var k in keys)
                {
                    earlier ??= seen.GetValueOrDefault(k);
                }
                if (earlier is not null)
                {
                    c.Error(item, $"the relation between '{c.Actors.First(x => x.Value == p.A.Index).Key}' and '{c.Actors.First(x => x.Value == p.B.Index).Key}' is already defined",
                        $"first defined at {ReadContext.At(earlier)}");
                    continue;
                }
                foreach (var k in keys)
                {
                    seen[k] = item;
                }
            }
            result.Add(def);
        }
        return result.ToImmutable();
    }
}
