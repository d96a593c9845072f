using MathNet.Numerics.Distributions;
using Sim.Ecs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>What a strike is flown or fired with: each draws on its own assets and reach.</summary>
public enum Weapon
{
    /// <summary>Aircraft and armed drones (<c>strike</c>, <c>drone_strike</c>).</summary>
    Air,

    /// <summary>Guns, rocket launchers and short-range missiles (<c>shell</c>).</summary>
    Artillery,
}

/// <summary>
/// Strikes, the one code path for a decided strike and a scripted one. A strike needs assets of its weapon and a
/// region where the target has forces within the weapon's reach of a base (a region the striker holds or stands in).
/// Among those regions it picks one at random, weighted by military value: the target's strength there, times the
/// chance of getting through its air defence, doubled at the striker's own front (a base or next to one). It commits
/// <c>strike_commitment</c> of the assets (at least one); each may be brought down by the best air defence covering
/// the region among the target and its treaty partners that oppose the striker (an <c>intercept</c> event by the
/// defender; the asset is lost). Each asset that gets through destroys <c>strike_lethality</c> strength, with
/// log-normal noise, and the strike may harm civilians.
/// </summary>
public sealed class Strikes
{
    private readonly ModelState _state;
    private readonly int[] _bases;
    private readonly int[] _defenderBases;
    private readonly double[] _value;
    private readonly double[] _cover;
    private readonly int[] _coveredBy;
    private readonly RngRandom _random = new(default);
    private readonly int _intercept;

    /// <summary>Prepares buffers for <paramref name="state"/>'s regions.</summary>
    public Strikes(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _bases = new int[state.RegionCount];
        _defenderBases = new int[state.RegionCount];
        _value = new double[state.RegionCount];
        _cover = new double[state.RegionCount];
        _coveredBy = new int[state.RegionCount];
        _intercept = state.Action(DefaultAction.Intercept);
    }

    /// <summary>The weapon a catalog action is carried out with, or null when it is not a strike.</summary>
    public Weapon? WeaponOf(int action) =>
        action == _state.Action(DefaultAction.Strike) || action == _state.Action(DefaultAction.DroneStrike) ? Weapon.Air
        : action == _state.Action(DefaultAction.Shell) ? Weapon.Artillery
        : null;

    /// <summary>True when <paramref name="striker"/> has assets of <paramref name="weapon"/> and the target has forces within their reach.</summary>
    public bool CanStrike(int striker, int target, Weapon weapon)
    {
        if (Assets(striker, weapon) < 1 || _state.Strengths.Of(target, -1) <= 0)
        {
            return false;
        }

        var bases = Bases(striker, _bases);
        var range = Range(striker, weapon);
        for (var r = 0; r < _state.RegionCount; r++)
        {
            if (_state.Strengths.Of(target, r) > 0 && Within(r, bases, range))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Carries out a strike of catalog <paramref name="action"/> by <paramref name="striker"/> on <paramref name="target"/>
    /// (see the class summary) and records it; <paramref name="region"/> is the region to strike, or none to choose one.
    /// Returns false, recording nothing, when there is nothing to strike within reach.
    /// </summary>
    public bool Strike(int striker, int target, int action, Weapon weapon, RegionId region, EventOrigin origin, ref Rng rng)
    {
        var assets = Assets(striker, weapon);
        if (weapon == Weapon.Air)
        {
            FindCover(striker, target);
        }
        else
        {
            Array.Clear(_cover);
        }

        var at = region.IsNone ? PickRegion(striker, target, weapon, ref rng) : region.Index;
        if (assets < 1 || at < 0 || _state.Strengths.Of(target, at) <= 0)
        {
            return false;
        }

        _random.Reset(rng);
        // Assets are at most Limits.WeaponAssets a weapon (a takeover may add a PMC's to its patron's), so the count fits an int.
        var committed = Math.Min(Math.Min(Math.Floor(assets), Math.Max(1, Math.Round(_state.P(ModelParameter.StrikeCommitment) * assets))), 10 * Limits.WeaponAssets);
        var downed = _cover[at] > 0 ? Binomial.Sample(_random, _cover[at], (int)committed) : 0;
        if (downed > 0)
        {
            _state.CapabilityOf(striker).StrikeAssets -= downed;
            _state.Emit(_intercept, origin, actor: new ActorId(_coveredBy[at]), target: new ActorId(striker), region: new RegionId(at));
        }

        var through = committed - downed;
        var killed = 0.0;
        var civilians = 0;
        if (through > 0)
        {
            var damage = _state.P(ModelParameter.StrikeLethality) * through * LogNormal.Sample(_random, 0, _state.P(ModelParameter.AttritionNoise));
            killed = Hit(target, at, damage);
            if (_random.NextDouble() < _state.P(ModelParameter.CivilianHarm))
            {
                ref var r = ref _state.RegionOf(at);
                // No more civilians die than live there: the dead are taken from the region's population.
                civilians = (int)Math.Min(Poisson.Sample(_random, Math.Max(1e-9, _state.P(ModelParameter.CivilianDeaths))), Math.Floor(r.Population));
                r.Population -= civilians;
            }
        }

        _state.Emit(new SimEvent
        {
            Tick = _state.Tick,
            Action = action,
            Actor = new ActorId(striker),
            Target = new ActorId(target),
            Region = new RegionId(at),
            Goldstein = _state.Definition.Actions[action].Goldstein,
            Fatalities = (int)Math.Round(killed) + civilians,
            CivilianFatalities = civilians,
            Origin = origin,
        });
        return true;
    }

    /// <summary>
    /// A region within reach where the target has forces, drawn in proportion to its military value (class summary), with
    /// the air defence cover found beforehand; -1 for none.
    /// </summary>
    private int PickRegion(int striker, int target, Weapon weapon, ref Rng rng)
    {
        var bases = Bases(striker, _bases);
        var range = Range(striker, weapon);
        var total = 0.0;
        for (var r = 0; r < _state.RegionCount; r++)
        {
            var strength = _state.Strengths.Of(target, r);
            var value = 0.0;
            if (strength > 0 && Within(r, bases, range))
            {
                var front = _state.Strengths.Of(striker, r) > 0 || NextToBase(r, bases) ? 2 : 1;
                value = strength * front * (1 - _cover[r]);
            }

            _value[r] = value;
            total += value;
        }

        if (total <= 0)
        {
            return -1;
        }

        var draw = rng.NextDouble() * total;
        var last = -1;
        for (var r = 0; r < _state.RegionCount; r++)
        {
            if (_value[r] > 0)
            {
                last = r;
                draw -= _value[r];
                if (draw < 0)
                {
                    return r;
                }
            }
        }

        return last; // rounding left a sliver of the draw
    }

    /// <summary>
    /// The best air defence over each region where <paramref name="target"/> has forces, against <paramref name="striker"/>:
    /// the target's own, or that of a treaty partner of the target hostile to the striker (affinity below 0), wherever its
    /// cover reaches, or that of an actor that closed its airspace to the striker (<see cref="Regime.AirspaceClosed"/>): it
    /// brings down the striker's aircraft wherever its cover reaches; written to <see cref="_cover"/> and <see cref="_coveredBy"/>.
    /// </summary>
    private void FindCover(int striker, int target)
    {
        Array.Clear(_cover);
        Consider(striker, target, target);
        foreach (var partner in _state.Partners.Of(target))
        {
            if (partner != striker && _state.Affinity[partner, striker] < 0)
            {
                Consider(striker, target, partner);
            }
        }

        for (var closer = 0; closer < _state.ActorCount; closer++)
        {
            if (closer != target && _state.Regimes.Holds(closer, striker, Regime.AirspaceClosed))
            {
                Consider(striker, target, closer);
            }
        }
    }

    private void Consider(int striker, int target, int defender)
    {
        ref readonly var capability = ref _state.CapabilityOf(defender);
        if (capability.AirDefence <= 0 || defender == striker)
        {
            return;
        }

        var bases = Bases(defender, _defenderBases);
        for (var r = 0; r < _state.RegionCount; r++)
        {
            if (capability.AirDefence > _cover[r] && _state.Strengths.Of(target, r) > 0 && Within(r, bases, capability.AirDefenceRangeKm))
            {
                _cover[r] = capability.AirDefence;
                _coveredBy[r] = defender;
            }
        }
    }

    /// <summary>Removes up to <paramref name="damage"/> strength from the target's forces in a region, proportionally; returns what was removed.</summary>
    private double Hit(int target, int region, double damage)
    {
        var present = _state.Strengths.Of(target, region);
        var removed = Math.Min(present, damage);
        _state.Strengths.Scale(target, region, 1 - (removed / present));
        return removed;
    }

    /// <summary>The regions <paramref name="actor"/> holds or has forces in, written to <paramref name="buffer"/>.</summary>
    private ReadOnlySpan<int> Bases(int actor, int[] buffer)
    {
        var count = 0;
        for (var r = 0; r < _state.RegionCount; r++)
        {
            if (_state.RegionOf(r).Controller == actor || _state.Strengths.Of(actor, r) > 0)
            {
                buffer[count++] = r;
            }
        }

        return buffer.AsSpan(0, count);
    }

    private bool Within(int region, ReadOnlySpan<int> bases, double rangeKm)
    {
        foreach (var b in bases)
        {
            if (_state.Geography.DistanceKm(b, region) <= rangeKm)
            {
                return true;
            }
        }

        return false;
    }

    private bool NextToBase(int region, ReadOnlySpan<int> bases)
    {
        foreach (var b in bases)
        {
            if (_state.Definition.Regions[b].Adjacent.Contains(region))
            {
                return true;
            }
        }

        return false;
    }

    private double Assets(int actor, Weapon weapon) =>
        weapon == Weapon.Air ? _state.CapabilityOf(actor).StrikeAssets : _state.CapabilityOf(actor).ArtilleryAssets;

    /// <summary>The reach of <paramref name="actor"/>'s assets of <paramref name="weapon"/> from its bases, km.</summary>
    public double Range(int actor, Weapon weapon) =>
        weapon == Weapon.Air ? _state.CapabilityOf(actor).StrikeRangeKm : _state.CapabilityOf(actor).ArtilleryRangeKm;
}
