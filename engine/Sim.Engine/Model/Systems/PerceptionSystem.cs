using Sim.Engine.Runs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 2: each actor's perceived threat from each other actor, in [0, 1]:
/// <c>T[i,j] = h[i,j] * (θ * e/(1+e) + (1-θ) * P[j]/(P[i]+P[j]))</c>, where
/// <c>h[i,j] = min(1, max(0, -affinity[i,j]) + rung[i,j]/9)</c> is hostility,
/// <c>e = S[j](near i) / (S[i](near i) + 1)</c> compares j's strength in and next to the regions i
/// owns or holds with i's own there, and θ is <c>threat_proximity</c>. Decisions and the arms race read it.
/// </summary>
public sealed class PerceptionSystem(ModelState state) : ISystem
{
    private readonly bool[] _near = new bool[state.ActorCount * state.RegionCount];
    private readonly double[] _nearStrength = new double[state.ActorCount];

    /// <inheritdoc/>
    public string Name => "perception";

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var n = state.ActorCount;
        var regions = state.RegionCount;
        MarkNearRegions();
        var theta = state.P(ModelParameter.ThreatProximity);
        for (var i = 0; i < n; i++)
        {
            if (state.KindOf(i) == ActorKind.Organization)
            {
                continue;
            }

            var anyHostile = false;
            for (var j = 0; j < n; j++)
            {
                anyHostile |= j != i && Hostility(i, j) > 0;
            }

            if (!anyHostile)
            {
                state.Threat.Row(i).Clear();
                continue;
            }

            // Strength of every actor in the regions near i, in one pass over those regions.
            Array.Clear(_nearStrength);
            for (var r = 0; r < regions; r++)
            {
                if (_near[(i * regions) + r])
                {
                    var strengths = state.StrengthsIn(r);
                    for (var j = 0; j < strengths.Length; j++)
                    {
                        _nearStrength[j] += strengths[j];
                    }
                }
            }

            var own = _nearStrength[i] + 1;
            var power = state.Power(i);
            for (var j = 0; j < n; j++)
            {
                var h = j == i ? 0 : Hostility(i, j);
                if (h <= 0)
                {
                    state.Threat[i, j] = 0;
                    continue;
                }

                var e = _nearStrength[j] / own;
                var pj = state.Power(j);
                var share = pj + power > 0 ? pj / (pj + power) : 0;
                state.Threat[i, j] = h * ((theta * e / (1 + e)) + ((1 - theta) * share));
            }
        }
    }

    /// <summary>Hostility of i toward j: negative affinity plus the dyad's rung, capped at 1.</summary>
    private double Hostility(int i, int j) => Math.Min(1, Math.Max(0, -state.Affinity[i, j]) + (state.Escalation[i, j] / 9.0));

    /// <summary>Marks, per actor, the regions it owns (country) or holds (controller) and their neighbours.</summary>
    private void MarkNearRegions()
    {
        Array.Clear(_near);
        var regions = state.RegionCount;
        for (var r = 0; r < regions; r++)
        {
            ref readonly var region = ref state.RegionOf(r);
            Mark(region.Country, r);
            Mark(region.Controller, r);
        }

        void Mark(int actor, int r)
        {
            if (actor < 0)
            {
                return;
            }

            _near[(actor * regions) + r] = true;
            foreach (var adjacent in state.Definition.Regions[r].Adjacent)
            {
                _near[(actor * regions) + adjacent] = true;
            }
        }
    }
}
