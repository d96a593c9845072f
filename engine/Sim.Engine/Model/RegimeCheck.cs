namespace Sim.Engine.Model;

/// <summary>
/// The invariants of diplomatic regimes, checked across each system of a checked run (<see cref="Invariants"/>):
/// an act that imposes a regime is recorded only when its actor did not hold it already (at most once per system and
/// dyad), a regime starts to hold only with such an act this tick, none was imposed in the future, and a recognition
/// and broken relations never hold together.
/// </summary>
internal static class RegimeCheck
{
    /// <summary>The first broken regime invariant since <paramref name="before"/> (the slots then) and event <paramref name="eventsBefore"/>, or null.</summary>
    public static string? Check(ModelState s, ReadOnlySpan<int> before, int eventsBefore, Func<int, string> actor)
    {
        var regimes = s.Regimes;
        var now = regimes.Since;
        var n = s.ActorCount;
        var tick = s.Tick;
        var events = s.Events.All;
        var imposed = new HashSet<int>();
        for (var i = eventsBefore; i < events.Length; i++)
        {
            ref readonly var e = ref events[i];
            if (e.Target.IsNone || e.Target == e.Actor || regimes.Of(e.Action) is not { } regime)
            {
                continue;
            }

            var slot = Regimes.SlotOf(n, e.Actor.Index, e.Target.Index, regime);
            if (!imposed.Add(slot) || (before[slot] >= 0 && now[slot] == before[slot]))
            {
                return $"{actor(e.Actor.Index)} imposed {regime} on {actor(e.Target.Index)} again ({s.Definition.Actions[e.Action].Id}) while it held since tick {before[slot]}";
            }
        }

        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                for (var k = 0; k < Regimes.Count; k++)
                {
                    var slot = Regimes.SlotOf(n, a, b, (Regime)k);
                    if (now[slot] > tick || (now[slot] >= 0 && now[slot] != before[slot] && (now[slot] != tick || !imposed.Contains(slot))))
                    {
                        return $"{actor(a)} holds {(Regime)k} toward {actor(b)} since tick {now[slot]} (before: {before[slot]}) with no act imposing it this tick";
                    }
                }

                if (regimes.Holds(a, b, Regime.Recognition) && regimes.Holds(a, b, Regime.BrokenRelations))
                {
                    return $"{actor(a)} both recognizes {actor(b)} and has broken relations with it";
                }
            }
        }

        return null;
    }
}
