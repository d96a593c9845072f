using Sim.Ecs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>Applies the effects of scenario rules and timeline entries to a run's state.</summary>
public sealed class Effects(ModelState state)
{
    /// <summary>
    /// Applies <paramref name="effects"/> in order; events they emit are marked with <paramref name="origin"/>, and
    /// <paramref name="random"/> is the stream the consequences of scripted acts draw from.
    /// </summary>
    public void Apply(IReadOnlyList<EffectDefinition> effects, EventOrigin origin, Rng random)
    {
        ArgumentNullException.ThrowIfNull(effects);
        for (var i = 0; i < effects.Count; i++)
        {
            Apply(effects[i], origin, ref random);
        }
    }

    private void Apply(EffectDefinition effect, EventOrigin origin, ref Rng random)
    {
        switch (effect)
        {
            // A scripted act that imposes a diplomatic regime imposes it, or records nothing while its actor holds it already.
            case EventEffect e when !e.Target.IsNone && e.Actor != e.Target && state.Regimes.Of(e.Action) is not null:
                state.Acts.Perform(e.Action, e.Actor.Index, e.Target.Index, e.Region, origin, ref random);
                break;
            // A scripted act with a target and no stated toll takes the decided act's path, consequences included; a
            // strike its actor has no means or reach for is still recorded, as the scenario says it happened.
            case EventEffect e when e.Fatalities is null && e.CivilianFatalities is null && !e.Target.IsNone
                && state.Acts.Perform(e.Action, e.Actor.Index, e.Target.Index, e.Region, origin, ref random):
                break;
            case EventEffect e:
                var civilians = (int)Math.Max(0, Math.Round(e.CivilianFatalities?.EvaluateNumber(state.Queries) ?? 0));
                var fatalities = (int)Math.Max(civilians, Math.Round(e.Fatalities?.EvaluateNumber(state.Queries) ?? 0));
                var action = state.Definition.Actions[e.Action];
                state.Emit(new SimEvent
                {
                    Tick = state.Tick,
                    Action = e.Action,
                    Actor = e.Actor,
                    Target = e.Target,
                    Region = e.Region,
                    Goldstein = action.Goldstein,
                    Fatalities = fatalities,
                    CivilianFatalities = civilians,
                    Origin = origin,
                });
                // A strike scripted with its toll kills that many of the target's forces where it hit (civilians aside).
                if (state.Acts.Strikes.WeaponOf(e.Action) is not null && !e.Target.IsNone && !e.Region.IsNone)
                {
                    var present = state.Strengths.Of(e.Target.Index, e.Region.Index);
                    if (present > 0)
                    {
                        state.Strengths.Scale(e.Target.Index, e.Region.Index, 1 - (Math.Min(present, fatalities - civilians) / present));
                    }
                }

                break;
            case AffinityEffect a:
                var value = a.Value.EvaluateNumber(state.Queries);
                ChangeAffinity(a.From.Index, a.To.Index, a.Mode, value, a.Baseline);
                if (a.Both)
                {
                    ChangeAffinity(a.To.Index, a.From.Index, a.Mode, value, a.Baseline);
                }

                break;
            case TreatyEffect t:
                state.SetTreaty(t.A.Index, t.B.Index, t.Treaty, t.Directed);
                break;
            case PowerEffect w:
                Change(ref state.CapabilityOf(w.Actor.Index).Power, w.Mode, w.Value.EvaluateNumber(state.Queries), 0, Limits.Magnitude);
                break;
            case EconomyEffect m:
                Change(ref state.CapabilityOf(m.Actor.Index).Economy, m.Mode, m.Value.EvaluateNumber(state.Queries), 0, Limits.Magnitude);
                break;
            case EscalationEffect x:
                var (xa, xb) = (x.A.Index, x.B.Index);
                var rung = state.Escalation[xa, xb];
                var target = x.Mode == EffectMode.Set ? x.Value.EvaluateNumber(state.Queries) : rung + x.Value.EvaluateNumber(state.Queries);
                var newRung = (int)Math.Clamp(Math.Round(target), 0, 9);
                state.SetEscalation(xa, xb, newRung);
                state.Tension[xa, xb] = state.Tension[xb, xa] = newRung;
                break;
            case ControlEffect c:
                state.RegionOf(c.Region.Index).Controller = c.Actor.Index;
                break;
            case StrengthEffect s:
                ChangeStrength(s.Actor.Index, s.Region.Index, s.Mode, s.Value.EvaluateNumber(state.Queries));
                break;
            case CohesionEffect h:
                Change(ref state.PoliticsOf(h.Actor.Index).Cohesion, h.Mode, h.Value.EvaluateNumber(state.Queries), 0, 1);
                break;
            case TakeoverEffect k:
                PmcTakeover.Apply(state, k.Pmc.Index, origin);
                break;
            case ParameterEffect p:
                var info = state.Definition.Parameters[p.Parameter];
                Change(ref state.Parameters[p.Parameter], p.Mode, p.Value.EvaluateNumber(state.Queries), info.Min, info.Max);
                break;
            default:
                throw new InvalidOperationException($"Unknown effect {effect.GetType().Name}.");
        }
    }

    /// <summary>Changes an affinity; with <paramref name="baseline"/>, the baseline it drifts back to becomes the new value, so the change holds.</summary>
    private void ChangeAffinity(int from, int to, EffectMode mode, double value, bool baseline)
    {
        ref var affinity = ref state.Affinity[from, to];
        Change(ref affinity, mode, value, -1, 1);
        if (baseline)
        {
            state.BaselineAffinity[from, to] = affinity;
        }
    }

    private static void Change(ref double target, EffectMode mode, double value, double min, double max)
    {
        var result = mode == EffectMode.Set ? value : target + value;
        target = double.IsFinite(result) ? Math.Clamp(result, min, max) : target;
    }

    /// <summary>
    /// Adds to (or sets) an actor's total strength in a region, spread over its forces there; creates a force if it has
    /// none, working for the host the actor serves there under an active contract (a PMC reinforced by a rule keeps
    /// fighting for its host), and rating the actor's power by it if nothing did yet.
    /// </summary>
    private void ChangeStrength(int actor, int region, EffectMode mode, double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        var current = state.Strengths.Of(actor, region);
        var wanted = Math.Max(0, mode == EffectMode.Set ? value : current + value);
        // Keep the world's forces within the limit the loader holds the scenario to (casualty counts must fit).
        var world = 0.0;
        for (var a = 0; a < state.ActorCount; a++)
        {
            world += state.Strengths.Of(a, -1);
        }

        wanted = Math.Min(wanted, current + Math.Max(0, Limits.TotalStrength - world));
        var factor = current > 0 ? wanted / current : double.NaN;
        if (double.IsFinite(factor))
        {
            state.Strengths.Scale(actor, region, factor, establishment: true);
        }
        else if (wanted > 0)
        {
            // Nothing there, or so little (a denormal) that scaling it overflows: a new force holds what is wanted.
            if (current > 0)
            {
                state.Strengths.Scale(actor, region, 0, establishment: true);
            }

            // A PMC's new force works for a host it serves; a state's (a PMC's successor) only where it already works for one.
            var host = state.Queries.HostIn(actor, region, localOnly: state.KindOf(actor) != ActorKind.Pmc);
            state.World.Create(new Force { Owner = actor, Region = region, Strength = wanted, Contract = host, Establishment = wanted });
            state.RateStrength(actor, wanted);
        }

        state.Strengths.Invalidate();
    }
}
