using System.Collections.Immutable;

namespace Sim.Engine.Scenarios;

/// <summary>Reads the <c>forces</c> section and checks their total strength.</summary>
internal static class ForcesReader
{
    public static ImmutableArray<ForceDefinition> Read(ReadContext c)
    {
        var forces = c.Section("forces").Select(item => ReadForce(c, item)).OfType<ForceDefinition>().ToImmutableArray();
        CheckTotalStrength(c, forces);
        return forces;
    }

    private static ForceDefinition? ReadForce(ReadContext c, YNode item)
    {
        var r = new ItemReader(c.Diagnostics, item, "force", ScenarioKeys.Force);
        if (!r.IsValid)
        {
            return null;
        }
        return new ForceDefinition
        {
            Owner = c.OptionalActor(r, "owner", required: true),
            Region = c.OptionalRegion(r, "region", required: true),
            Strength = r.Number("strength", 0, 0, Limits.Magnitude, required: true),
            Contract = c.OptionalActor(r, "contract"),
            Source = r.Source,
            FieldSources = r.FieldSources,
            Location = r.Location,
        };
    }

    /// <summary>Reports the force at which the running total passes <see cref="Limits.TotalStrength"/>.</summary>
    private static void CheckTotalStrength(ReadContext c, ImmutableArray<ForceDefinition> forces)
    {
        var total = 0.0;
        foreach (var f in forces)
        {
            total += f.Strength;
            if (total > Limits.TotalStrength)
            {
                c.Diagnostics.Add(new Diagnostic(f.Location.File, f.Location.Line, f.Location.Column,
                    $"the forces' strengths add up to more than {Limits.TotalStrength:0e0} by this force",
                    "strength counts personnel; the world's armed forces total about 3e7, and a larger count would overflow casualty counts"));
                return;
            }
        }
    }
}
