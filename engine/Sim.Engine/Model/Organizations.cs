using Sim.Ecs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>
/// Organizations (actors of kind organization) act through their members, as one step of the decisions: toward each
/// non-member a majority of whose members are hostile to it (affinity below 0) an organization imposes a sanctions
/// regime, with probability <c>activity * activity_o * (hostile share)</c> a tick; and it offers mediation to each member
/// whose hottest dyad is at rung 5 or more, with probability <c>activity * activity_o</c>. An organization with no
/// members does nothing.
/// </summary>
internal sealed class Organizations
{
    private static readonly ulong Purpose = RngKey.Purpose("organizations");

    private readonly ModelState _state;
    private readonly int _sanction;
    private readonly int _mediate;

    public Organizations(ModelState state)
    {
        _state = state;
        _sanction = state.Action(DefaultAction.Sanction);
        _mediate = state.Action(DefaultAction.Mediate);
    }

    /// <summary>Organization <paramref name="org"/> acts this tick; <paramref name="chance"/> is its activity (the engine's times its own).</summary>
    public void Act(int org, double chance, RngStreams streams)
    {
        var members = _state.Definition.Actors[org].Members;
        if (members.IsEmpty || chance <= 0)
        {
            return;
        }

        var n = _state.ActorCount;
        for (var j = 0; j < n; j++)
        {
            if (j == org || _state.KindOf(j) == ActorKind.Organization)
            {
                continue;
            }

            // The stream is keyed by the pair alone, so it is made only for a pair that draws.
            if (members.Contains(j))
            {
                if (HottestRung(j) >= 5)
                {
                    var rng = streams.For((org * (long)n) + j);
                    if (rng.Chance(chance))
                    {
                        _state.Acts.Perform(_mediate, org, j, RegionId.None, EventOrigin.Decision, ref rng);
                    }
                }

                continue;
            }

            var hostile = 0;
            foreach (var m in members)
            {
                hostile += _state.Affinity[m, j] < 0 ? 1 : 0;
            }

            if (2 * hostile > members.Length && !_state.Regimes.Holds(org, j, Regime.Sanctions))
            {
                var rng = streams.For((org * (long)n) + j);
                if (rng.Chance(chance * hostile / members.Length))
                {
                    _state.Acts.Perform(_sanction, org, j, RegionId.None, EventOrigin.Decision, ref rng);
                }
            }
        }
    }

    /// <summary>Streams for organizations' draws this tick, apart from the actors' decisions.</summary>
    public static RngStreams Streams(Core.Simulation simulation) => simulation.Streams(Purpose);

    private int HottestRung(int actor)
    {
        var highest = 0;
        for (var b = 0; b < _state.ActorCount; b++)
        {
            if (b != actor)
            {
                highest = Math.Max(highest, _state.Escalation[actor, b]);
            }
        }

        return highest;
    }
}
