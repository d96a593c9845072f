using Sim.Ecs;
using Sim.Engine.Runs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 6: a junta's cohesion (its legitimacy and hold on the army) moves each tick by
/// <c>ΔC = -w_loss * lost/S0 - w_harm * civilians + w_win * (taken - lost regions) + ρ * (C0 - C)</c>:
/// losses of its own strength (as a share of its starting strength), civilians killed by it or by
/// PMCs working for it, regions taken or lost, and recovery toward its starting value. Below
/// <c>instability_threshold</c> it faces, with chance <c>instability_chance * (threshold - C) / threshold</c>
/// a tick, an <c>instability</c> event (mutiny, coup attempt) that costs it <c>instability_cost</c> of its power.
/// </summary>
public sealed class JuntaSystem(ModelState state) : ISystem
{
    private static readonly ulong Purpose = RngKey.Purpose("instability");
    private readonly double[] _previousStrength = [.. state.InitialStrength];
    private readonly double[] _startCohesion = [.. state.Definition.Actors.Select(a => a.Cohesion)];
    private readonly int _occupy = state.Definition.ActionIndex("occupy");
    private readonly int _instability = state.Definition.ActionIndex("instability");
    private int _cursor;

    /// <inheritdoc/>
    public string Name => "juntas";

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var harm = state.P(ModelParameter.JuntaHarmWeight);
        var win = state.P(ModelParameter.JuntaVictory);
        for (; _cursor < state.Events.Count; _cursor++)
        {
            ref readonly var e = ref state.Events[_cursor];
            var host = e.CivilianFatalities > 0 && state.KindOf(e.Actor) == ActorKind.Pmc ? state.HostOf(e.Actor) : -1;
            var responsible = host >= 0 ? host : e.Actor;
            if (e.CivilianFatalities > 0 && IsJunta(responsible))
            {
                Add(responsible, -harm * e.CivilianFatalities);
            }

            if (e.Action == _occupy && e.Actor != e.Target)
            {
                if (IsJunta(e.Actor))
                {
                    Add(e.Actor, win);
                }

                if (e.Target >= 0 && IsJunta(e.Target))
                {
                    Add(e.Target, -win);
                }
            }
        }

        var lossWeight = state.P(ModelParameter.JuntaLossWeight);
        var recovery = state.P(ModelParameter.CohesionRecovery);
        var threshold = state.P(ModelParameter.InstabilityThreshold);
        for (var a = 0; a < state.ActorCount; a++)
        {
            if (!IsJunta(a))
            {
                continue;
            }

            var strength = state.Strength(a, -1);
            if (state.InitialStrength[a] > 0 && strength < _previousStrength[a])
            {
                Add(a, -lossWeight * (_previousStrength[a] - strength) / state.InitialStrength[a]);
            }

            _previousStrength[a] = strength;
            ref var politics = ref state.PoliticsOf(a);
            politics.Cohesion += recovery * (_startCohesion[a] - politics.Cohesion);
            if (politics.Cohesion < threshold && threshold > 0
                && simulation.Random(Purpose, a).Chance(state.P(ModelParameter.InstabilityChance) * (threshold - politics.Cohesion) / threshold))
            {
                Destabilise(a);
            }
        }
    }

    private bool IsJunta(int actor) => actor >= 0 && state.KindOf(actor) == ActorKind.Junta;

    private void Add(int actor, double delta)
    {
        ref var cohesion = ref state.PoliticsOf(actor).Cohesion;
        cohesion = Math.Clamp(cohesion + delta, 0, 1);
    }

    private void Destabilise(int junta)
    {
        state.CapabilityOf(junta).Power *= 1 - state.P(ModelParameter.InstabilityCost);
        if (_instability >= 0)
        {
            var action = state.Definition.Actions[_instability];
            state.Emit(new SimEvent(state.Tick, _instability, junta, junta, state.Definition.Actors[junta].Capital, action.Goldstein, 0, 0, EventOrigin.Decision));
        }
    }
}
