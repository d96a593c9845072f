using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 2: each actor's perceived threat from each other actor, in [0, 1]:
/// <c>T[i,j] = h[i,j] * (θ * e/(1+e) + (1-θ) * P[j]/(P[i]+P[j]))</c>, where
/// <c>h[i,j] = min(1, max(0, -affinity[i,j]) + rung[i,j]/9)</c> is hostility,
/// <c>e = S[j](near i) / (S[i](near i) + 1)</c> compares j's strength in and next to the regions i
/// owns or holds with i's own there, and θ is <c>threat_proximity</c>. Decisions and the arms race read it.
/// </summary>
public sealed class PerceptionSystem(ModelState state) : IModelSystem
{
    private readonly bool[] _near = new bool[state.ActorCount * state.RegionCount];

    // Each actor's near regions in ascending order (row a holds _nearCount[a] of them), rebuilt only
    // when a region changes hands; summing over them in that order adds what a scan of every region would.
    private readonly int[] _nearRegions = new int[state.ActorCount * state.RegionCount];
    private readonly int[] _nearCount = new int[state.ActorCount];
    private readonly int[] _controllers = new int[state.RegionCount];
    private bool _nearKnown;

    private readonly double[] _nearStrength = new double[state.ActorCount];
    private readonly double[] _hostility = new double[state.ActorCount];
    private readonly double[] _power = new double[state.ActorCount];

    /// <inheritdoc/>
    public string Name => "perception";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.Threat;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var n = state.ActorCount;
        var regions = state.RegionCount;
        var affinities = state.Affinity.AsSpan();
        var rungs = state.Escalation.AsSpan();
        var threats = state.Threat.AsSpan();
        MarkNearRegions();
        for (var a = 0; a < n; a++)
        {
            _power[a] = state.Power(a);
        }

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
                // Hostility of i toward j: negative affinity plus the dyad's rung, capped at 1.
                var h = j == i ? 0 : Math.Min(1, Math.Max(0, -affinities[(i * n) + j]) + RungShare.Of(rungs[(i * n) + j]));
                _hostility[j] = h;
                anyHostile |= h > 0;
            }

            var row = threats.Slice(i * n, n);
            if (!anyHostile)
            {
                row.Clear();
                continue;
            }

            // Strength of every actor in the regions near i, in one pass over those regions.
            var near = _nearStrength.AsSpan();
            near.Clear();
            foreach (var r in _nearRegions.AsSpan(i * regions, _nearCount[i]))
            {
                AddTo(near, state.Strengths.In(r));
            }

            var own = _nearStrength[i] + 1;
            var power = _power[i];
            for (var j = 0; j < n; j++)
            {
                var h = _hostility[j];
                if (h <= 0)
                {
                    row[j] = 0;
                    continue;
                }

                var e = _nearStrength[j] / own;
                var pj = _power[j];
                var share = pj + power > 0 ? pj / (pj + power) : 0;
                row[j] = h * ((theta * e / (1 + e)) + ((1 - theta) * share));
            }
        }
    }

    /// <summary>
    /// <paramref name="sum"/>[j] += <paramref name="values"/>[j], a vector of actors at a time: element by element, so
    /// the sums are the same as a scalar loop's.
    /// Forced inline: it runs once per near region and actor, a few elements each, so a call cost as much as the adds.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void AddTo(Span<double> sum, ReadOnlySpan<double> values)
    {
        var j = 0;
        var width = System.Numerics.Vector<double>.Count;
        for (; j <= values.Length - width; j += width)
        {
            (new System.Numerics.Vector<double>(sum[j..]) + new System.Numerics.Vector<double>(values[j..])).CopyTo(sum[j..]);
        }

        for (; j < values.Length; j++)
        {
            sum[j] += values[j];
        }
    }

    /// <summary>Lists, per actor, the regions it owns (country) or holds (controller) and their neighbours, when control changed.</summary>
    private void MarkNearRegions()
    {
        var regions = state.RegionCount;
        var changed = !_nearKnown;
        for (var r = 0; r < regions; r++)
        {
            var controller = state.RegionOf(r).Controller;
            changed |= controller != _controllers[r];
            _controllers[r] = controller;
        }

        if (!changed)
        {
            return;
        }

        Array.Clear(_near);
        for (var r = 0; r < regions; r++)
        {
            Mark(state.RegionOf(r).Country, r);
            Mark(_controllers[r], r);
        }

        for (var a = 0; a < state.ActorCount; a++)
        {
            var count = 0;
            for (var r = 0; r < regions; r++)
            {
                if (_near[(a * regions) + r])
                {
                    _nearRegions[(a * regions) + count++] = r;
                }
            }

            _nearCount[a] = count;
        }

        _nearKnown = true;

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
