using Sim.Ecs;

namespace Sim.Engine.Model;

/// <summary>
/// Derived from the run's forces: each actor's total strength in each region and everywhere. The sums are
/// recomputed on the first read after <see cref="Invalidate"/>; whoever changes forces either calls it or
/// changes them through <see cref="Scale"/>, which keeps the sums exact.
/// </summary>
public sealed class ForceStrengths
{
    private readonly Query _forces;
    private readonly int _actors;
    private readonly double[] _byRegion;
    private readonly double[] _total;
    private bool _stale = true;

    /// <summary>Sums over the forces <paramref name="forces"/> matches, for <paramref name="actors"/> actors and <paramref name="regions"/> regions.</summary>
    internal ForceStrengths(Query forces, int actors, int regions)
    {
        _forces = forces;
        _actors = actors;
        _byRegion = new double[regions * actors];
        _total = new double[actors];
    }

    /// <summary>Total strength of <paramref name="actor"/>'s forces in <paramref name="region"/>, or everywhere when it is -1.</summary>
    public double Of(int actor, int region)
    {
        Refresh();
        return region < 0 ? _total[actor] : _byRegion[(region * _actors) + actor];
    }

    /// <summary>Every actor's total strength in <paramref name="region"/>, by actor index.</summary>
    public ReadOnlySpan<double> In(int region)
    {
        Refresh();
        return new ReadOnlySpan<double>(_byRegion, region * _actors, _actors);
    }

    /// <summary>
    /// Strength of <paramref name="owner"/>'s forces working under contract for <paramref name="host"/>, in
    /// <paramref name="region"/> or everywhere when it is -1. Summed on each call (contracts are few): it allocates nothing.
    /// </summary>
    public double Working(int owner, int host, int region = -1)
    {
        var sum = 0.0;
        foreach (var table in _forces.Tables)
        {
            foreach (ref readonly var force in table.GetSpan<Force>())
            {
                if (force.Owner == owner && force.Contract == host && (region < 0 || force.Region == region))
                {
                    sum += force.Strength;
                }
            }
        }

        return sum;
    }

    /// <summary>Marks the sums stale after forces changed.</summary>
    public void Invalidate() => _stale = true;

    /// <summary>
    /// Multiplies the strength of every force <paramref name="owner"/> has in <paramref name="region"/> by
    /// <paramref name="factor"/>; a deliberate change (a scenario effect) moves their establishment too, losses do not.
    /// </summary>
    public void Scale(int owner, int region, double factor, bool establishment = false)
    {
        // The same pass re-adds the two sums this changes, in the order Refresh adds them, so they stay
        // exact without a full refresh (a strike per dyad would otherwise clear regions x actors sums every time).
        var inRegion = 0.0;
        var total = 0.0;
        foreach (var table in _forces.Tables)
        {
            foreach (ref var force in table.GetSpan<Force>())
            {
                if (force.Owner == owner)
                {
                    if (force.Region == region)
                    {
                        force.Strength *= factor;
                        force.Establishment *= establishment ? factor : 1;
                        inRegion += force.Strength;
                    }

                    total += force.Strength;
                }
            }
        }

        _byRegion[(region * _actors) + owner] = inRegion;
        _total[owner] = total;
    }

    private void Refresh()
    {
        if (!_stale)
        {
            return;
        }

        Array.Clear(_byRegion);
        Array.Clear(_total);
        foreach (var table in _forces.Tables)
        {
            foreach (ref readonly var force in table.GetSpan<Force>())
            {
                _byRegion[(force.Region * _actors) + force.Owner] += force.Strength;
                _total[force.Owner] += force.Strength;
            }
        }

        _stale = false;
    }
}
