using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 9: hostile events add tension to their dyad (at least up to the rung the action
/// implies, and by themselves no further than two rungs above it); tension decays; the rung follows tension upward when it crosses the next rung and
/// downward only when it falls below <c>hysteresis</c> times the current rung, moving at most
/// <c>max_rung_step</c> rungs a tick, and never below <c>clash_rung</c> from it while the two sides' forces share a
/// region: forces at war that stay in contact go on clashing until they separate or a ceasefire is imposed. A use of
/// force against an actor also adds tension between the attacker and the target's treaty partners, by
/// <see cref="ModelQueries.Obligation"/>.
/// </summary>
public sealed class EscalationSystem(ModelState state) : IModelSystem
{
    private int _cursor;

    /// <inheritdoc/>
    public string Name => "escalation";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.Tension | StateChanges.Escalation;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var perGoldstein = state.P(ModelParameter.TensionPerGoldstein);
        var tension = state.Tension;
        for (; _cursor < state.Events.Count; _cursor++)
        {
            ref readonly var e = ref state.Events[_cursor];
            if (e.Target.IsNone || e.Target == e.Actor || e.Goldstein >= 0)
            {
                continue;
            }

            var (actor, target) = (e.Actor.Index, e.Target.Index);

            var rung = state.Definition.Actions[e.Action].Rung;
            var added = perGoldstein * -e.Goldstein;
            // An act carries the dyad to its own rung but at most one above it: protests alone never make a war.
            var before = tension[actor, target];
            var t = Math.Max(Math.Max(before, Math.Min(before + added, rung + 2)), rung);
            tension[actor, target] = tension[target, actor] = Math.Min(t, 10);
            if (e.Goldstein <= ModelQueries.UseOfForce)
            {
                foreach (var k in state.Partners.Of(target))
                {
                    var bound = k == actor ? 0 : state.Queries.Obligation(k, target);
                    if (bound > 0)
                    {
                        tension[k, actor] = tension[actor, k] = Math.Min(tension[k, actor] + (bound * added), 10);
                    }
                }
            }
        }

        var keep = 1 - state.P(ModelParameter.TensionDecay);
        var hysteresis = state.P(ModelParameter.Hysteresis);
        var step = (int)state.P(ModelParameter.MaxRungStep);
        var clashRung = (int)state.P(ModelParameter.ClashRung);
        var n = state.ActorCount;
        var tensions = tension.AsSpan();
        var rungs = state.Escalation.AsSpan();
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                var t = tensions[(a * n) + b] * keep;
                tensions[(a * n) + b] = tensions[(b * n) + a] = t;
                var rung = rungs[(a * n) + b];
                var level = (int)Math.Min(Math.Floor(t), 9);
                if (level > rung)
                {
                    state.SetEscalation(a, b, Math.Min(level, rung + step));
                }
                else if (rung > 0 && t < hysteresis * rung)
                {
                    var to = Math.Max(level, rung - step);
                    state.SetEscalation(a, b, to < clashRung && rung >= clashRung && InContact(a, b) ? clashRung : to);
                }
            }
        }
    }

    /// <summary>Whether forces of <paramref name="a"/> and of <paramref name="b"/> stand in one region. Asked only of a war about to end, which is rare.</summary>
    private bool InContact(int a, int b)
    {
        var strengths = state.Strengths;
        for (var r = 0; r < state.RegionCount; r++)
        {
            if (strengths.Of(a, r) > 0 && strengths.Of(b, r) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
