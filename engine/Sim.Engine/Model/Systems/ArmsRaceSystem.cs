using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 8: Richardson's arms race on military power. For every actor that raises its own forces
/// (not PMCs, not organizations): <c>dP[i]/dt = k * Y[i] - a * P[i] + g[i]</c> with
/// <c>Y[i] = Σ_j T[i,j] * P[j]</c> the threat-weighted power of its rivals, <c>k</c>
/// <c>arms_race_reaction</c>, <c>a</c> <c>arms_race_fatigue</c>, and the grievance term
/// <c>g[i] = a * P0[i] - k * Y0[i]</c> set so the starting world is at rest: power moves only
/// when threats move.
/// </summary>
public sealed class ArmsRaceSystem(ModelState state) : IModelSystem
{
    private readonly double[] _grievance = new double[state.ActorCount];

    // Every actor's power, read once a tick and kept current as this step changes it.
    private readonly double[] _power = new double[state.ActorCount];
    private bool _started;

    /// <inheritdoc/>
    public string Name => "arms race";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.Power;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var k = state.P(ModelParameter.ArmsRaceReaction);
        var a = state.P(ModelParameter.ArmsRaceFatigue);
        for (var j = 0; j < _power.Length; j++)
        {
            _power[j] = state.Power(j);
        }

        for (var i = 0; i < state.ActorCount; i++)
        {
            if (state.KindOf(i) is ActorKind.Pmc or ActorKind.Organization)
            {
                continue;
            }

            var rivals = RivalPower(i);
            if (!_started)
            {
                _grievance[i] = (a * state.InitialPower[i]) - (k * rivals);
            }

            ref var power = ref state.CapabilityOf(i).Power;
            power = Math.Max(0, power + (k * rivals) - (a * power) + _grievance[i]);
            _power[i] = power;
        }

        _started = true;
    }

    private double RivalPower(int i)
    {
        var sum = 0.0;
        var threat = state.Threat.Row(i);
        for (var j = 0; j < threat.Length; j++)
        {
            sum += threat[j] * _power[j];
        }

        return sum;
    }
}
