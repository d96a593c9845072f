using Sim.Ecs;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 6: a junta's cohesion (its legitimacy and hold on the army) moves each tick by
/// <c>ΔC = -w_loss * lost/S0 - w_harm * civilians + w_win * (taken - lost regions) + ρ * (C0 - C)</c>:
/// losses of its own strength (as a share of its starting strength), civilians killed by it or by
/// PMCs working for it, regions taken or lost, and recovery toward its starting value. Below
/// <c>instability_threshold</c> it faces, with chance <c>instability_chance * (threshold - C) / threshold</c>
/// a tick, an <c>instability</c> event (mutiny, coup attempt) that costs it <c>instability_cost</c> of its power.
/// Below the lower <c>coup_threshold</c>, with chance <c>coup_chance</c> a tick, a <c>coup</c> overthrows the ruler
/// instead: a new faction takes power with cohesion <c>coup_cohesion</c>, its resolve and rationality redrawn
/// around the junta's starting values, and its affinity toward the patrons of its contracted PMCs pulled toward neutral.
/// </summary>
public sealed class JuntaSystem(ModelState state) : IModelSystem
{
    private static readonly ulong Purpose = RngKey.Purpose("instability");
    private static readonly ulong CoupPurpose = RngKey.Purpose("coup");
    private readonly double[] _previousStrength = [.. state.InitialStrength];
    private readonly double[] _startCohesion = [.. state.Definition.Actors.Select(a => a.Cohesion)];
    private readonly double[] _startResolve = [.. state.Definition.Actors.Select(a => a.Resolve)];
    private readonly double[] _startRationality = [.. state.Definition.Actors.Select(a => a.Rationality)];
    private readonly int _occupy = state.Action(DefaultAction.Occupy);
    private readonly int _instability = state.Action(DefaultAction.Instability);
    private readonly int _coup = state.Action(DefaultAction.Coup);
    private int _cursor;

    /// <inheritdoc/>
    public string Name => "juntas";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.Events | StateChanges.Politics | StateChanges.Power | StateChanges.Affinity;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var harm = state.P(ModelParameter.JuntaHarmWeight);
        var win = state.P(ModelParameter.JuntaVictory);
        for (; _cursor < state.Events.Count; _cursor++)
        {
            ref readonly var e = ref state.Events[_cursor];
            var (actor, target) = (e.Actor.Index, e.Target.Index);
            var host = e.CivilianFatalities > 0 && state.KindOf(actor) == ActorKind.Pmc ? state.Queries.HostIn(actor, e.Region.Index) : -1;
            var responsible = host >= 0 ? host : actor;
            if (e.CivilianFatalities > 0 && IsJunta(responsible))
            {
                Add(responsible, -harm * e.CivilianFatalities);
            }

            if (e.Action == _occupy && e.Actor != e.Target)
            {
                if (IsJunta(actor))
                {
                    Add(actor, win);
                }

                if (IsJunta(target))
                {
                    Add(target, -win);
                }
            }
        }

        var lossWeight = state.P(ModelParameter.JuntaLossWeight);
        var recovery = state.P(ModelParameter.CohesionRecovery);
        var threshold = state.P(ModelParameter.InstabilityThreshold);
        var coupThreshold = state.P(ModelParameter.CoupThreshold);
        var coupChance = state.P(ModelParameter.CoupChance);
        for (var a = 0; a < state.ActorCount; a++)
        {
            if (!IsJunta(a))
            {
                continue;
            }

            var strength = state.Strengths.Of(a, -1);
            if (state.InitialStrength[a] > 0 && strength < _previousStrength[a])
            {
                Add(a, -lossWeight * (_previousStrength[a] - strength) / state.InitialStrength[a]);
            }

            _previousStrength[a] = strength;
            ref var politics = ref state.PoliticsOf(a);
            politics.Cohesion += recovery * (_startCohesion[a] - politics.Cohesion);

            // Its own stream, so adding coups leaves the instability draws of every run as they were; made only when a
            // coup may happen (the stream is keyed by the junta and the tick alone, so its draws are the same).
            var overthrown = false;
            if (politics.Cohesion < coupThreshold)
            {
                var coup = simulation.Random(CoupPurpose, a);
                if (coup.Chance(coupChance))
                {
                    Overthrow(a, ref coup);
                    overthrown = true;
                }
            }

            if (!overthrown && politics.Cohesion < threshold && threshold > 0
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

    /// <summary>
    /// A coup: the army replaces the ruler. The new faction starts with <c>coup_cohesion</c>; its resolve and
    /// rationality are drawn around the junta's starting values (the army's outlook outlasts its leader); and it
    /// distances itself from the patrons whose PMCs fought for the fallen ruler, durably (the baseline moves too).
    /// </summary>
    private void Overthrow(int junta, ref Rng rng)
    {
        ref var politics = ref state.PoliticsOf(junta);
        var spread = state.P(ModelParameter.CoupReshuffle);
        politics.Faction++;
        politics.Cohesion = state.P(ModelParameter.CoupCohesion);
        politics.Resolve = Math.Clamp(_startResolve[junta] + spread * (2 * rng.NextDouble() - 1), 0, 1);
        politics.Rationality = Math.Max(0, _startRationality[junta] * (1 + spread * (2 * rng.NextDouble() - 1)));

        var realignment = state.P(ModelParameter.CoupRealignment);
        foreach (ref readonly var contract in state.Contracts.AsSpan())
        {
            var patron = contract.Active && contract.Host == junta ? state.Patron[contract.Pmc] : -1;
            if (patron >= 0 && patron != junta)
            {
                state.Affinity[junta, patron] *= 1 - realignment;
                state.BaselineAffinity[junta, patron] *= 1 - realignment;
            }
        }

        state.Emit(_coup, EventOrigin.Decision, actor: new ActorId(junta), target: new ActorId(junta), region: state.Definition.Actors[junta].Capital);
    }

    private void Destabilise(int junta)
    {
        state.CapabilityOf(junta).Power *= 1 - state.P(ModelParameter.InstabilityCost);
        state.Emit(_instability, EventOrigin.Decision, actor: new ActorId(junta), target: new ActorId(junta), region: state.Definition.Actors[junta].Capital);
    }
}
