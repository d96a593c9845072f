using System.Collections.Immutable;

namespace Sim.Engine.Scenarios;

/// <summary>
/// Checks contracts across sections once actors and forces are read: a PMC lists each host once (one contract per
/// host), and a force works under contract only for a host its owner has a contract with (the run holds it to that).
/// </summary>
internal static class ContractsCheck
{
    public static void Check(ReadContext c, ImmutableArray<ActorDefinition> actors, ImmutableArray<ForceDefinition> forces)
    {
        // By index: an actor that failed to read leaves a gap in the list.
        var byIndex = actors.ToDictionary(a => a.Index);
        string Id(ActorId id) => byIndex.TryGetValue(id.Index, out var a) ? a.Id : "?";
        foreach (var actor in actors)
        {
            var hosts = new HashSet<ActorId>();
            foreach (var contract in actor.Contracts)
            {
                if (!contract.Host.IsNone && !hosts.Add(contract.Host))
                {
                    Report(c, contract.Location, $"'{actor.Id}' has a second contract with '{Id(contract.Host)}'",
                        "a PMC has one contract per host; merge the two (their payments add up)");
                }
            }
        }

        foreach (var force in forces)
        {
            if (force.Contract.IsNone || !byIndex.TryGetValue(force.Owner.Index, out var owner) || owner.Contracts.Any(k => k.Host == force.Contract))
            {
                continue;
            }

            Report(c, force.Location, $"a force of '{owner.Id}' works for '{Id(force.Contract)}', but '{owner.Id}' has no contract with it",
                $"add {{host: {Id(force.Contract)}, payment: ...}} to the contracts of '{owner.Id}' (a pmc), or drop the force's 'contract'");
        }
    }

    private static void Report(ReadContext c, SourceLocation location, string message, string hint) =>
        c.Diagnostics.Add(new Diagnostic(location.File, location.Line, location.Column, message, hint));
}
