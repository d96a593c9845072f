namespace Sim.Engine.Model;

/// <summary>
/// A copy of the parts of a run's state that <see cref="StateChanges"/> names (all but the forces, which
/// <see cref="Invariants"/> follows itself), taken before a system runs, to name afterwards the first part the
/// system changed without declaring it. Used by checked runs only.
/// </summary>
internal sealed class StateSnapshot
{
    private readonly ModelState _state;
    private readonly double[] _affinity;
    private readonly double[] _baseline;
    private readonly double[] _threat;
    private readonly double[] _tension;
    private readonly int[] _escalation;
    private readonly int[] _maxEscalation;
    private readonly Scenarios.Treaty[] _treaties;
    private readonly Capability[] _capabilities;
    private readonly Politics[] _politics;
    private readonly Region[] _regions;
    private readonly PmcContract[] _contracts;
    private readonly double[] _parameters;
    private readonly int[] _regimes;
    private int _events;

    public StateSnapshot(ModelState state)
    {
        _state = state;
        var dyads = state.ActorCount * state.ActorCount;
        _affinity = new double[dyads];
        _baseline = new double[dyads];
        _threat = new double[dyads];
        _tension = new double[dyads];
        _escalation = new int[dyads];
        _maxEscalation = new int[dyads];
        _treaties = new Scenarios.Treaty[dyads];
        _capabilities = new Capability[state.ActorCount];
        _politics = new Politics[state.ActorCount];
        _regions = new Region[state.RegionCount];
        _contracts = new PmcContract[state.Contracts.Length];
        _parameters = new double[state.Parameters.Length];
        _regimes = new int[state.Regimes.Since.Length];
    }

    /// <summary>Each (imposer, target, regime) slot's imposition tick before the system ran, or -1 (see <see cref="Regimes"/>).</summary>
    public ReadOnlySpan<int> RegimesBefore => _regimes;

    /// <summary>Copies the state as it is now.</summary>
    public void Take()
    {
        var s = _state;
        s.Affinity.AsSpan().CopyTo(_affinity);
        s.BaselineAffinity.AsSpan().CopyTo(_baseline);
        s.Threat.AsSpan().CopyTo(_threat);
        s.Tension.AsSpan().CopyTo(_tension);
        s.Escalation.AsSpan().CopyTo(_escalation);
        s.MaxEscalation.AsSpan().CopyTo(_maxEscalation);
        s.Treaties.AsSpan().CopyTo(_treaties);
        for (var a = 0; a < s.ActorCount; a++)
        {
            _capabilities[a] = s.CapabilityOf(a);
            _politics[a] = s.PoliticsOf(a);
        }

        for (var r = 0; r < s.RegionCount; r++)
        {
            _regions[r] = s.RegionOf(r);
        }

        s.Contracts.CopyTo(_contracts);
        s.Parameters.CopyTo(_parameters);
        s.Regimes.Since.CopyTo(_regimes);
        _events = s.Events.Count;
    }

    /// <summary>The first part of the state that changed since <see cref="Take"/> although <paramref name="declared"/> does not name it, or null.</summary>
    public string? Undeclared(StateChanges declared)
    {
        var s = _state;
        return Check(declared, StateChanges.Events, "the event log", s.Events.Count != _events)
            ?? Check(declared, StateChanges.Threat, "a threat", !s.Threat.AsSpan().SequenceEqual(_threat))
            ?? Check(declared, StateChanges.Affinity, "an affinity or its baseline",
                !s.Affinity.AsSpan().SequenceEqual(_affinity) || !s.BaselineAffinity.AsSpan().SequenceEqual(_baseline))
            ?? Check(declared, StateChanges.Tension, "a dyad's tension", !s.Tension.AsSpan().SequenceEqual(_tension))
            ?? Check(declared, StateChanges.Escalation, "a dyad's rung or the highest it reached",
                !s.Escalation.AsSpan().SequenceEqual(_escalation) || !s.MaxEscalation.AsSpan().SequenceEqual(_maxEscalation))
            ?? Check(declared, StateChanges.Power, "an actor's power", !ActorsSame(power: true))
            ?? Check(declared, StateChanges.Economy, "an actor's economy", !ActorsSame(power: false))
            ?? Check(declared, StateChanges.Politics, "an actor's cohesion, resolve, rationality or faction", !PoliticsSame())
            ?? Check(declared, StateChanges.Control, "a region's controller", !RegionsSame(control: true))
            ?? Check(declared, StateChanges.Displacement | StateChanges.Casualties, "a region's population or displaced", !RegionsSame(control: false))
            ?? Check(declared, StateChanges.Treaties, "a treaty", !s.Treaties.AsSpan().SequenceEqual(_treaties))
            ?? Check(declared, StateChanges.Contracts, "a PMC contract", !ContractsSame())
            ?? Check(declared, StateChanges.Parameters, "a parameter", !s.Parameters.AsSpan().SequenceEqual(_parameters))
            ?? Check(declared, StateChanges.Regimes, "a diplomatic regime", !s.Regimes.Since.SequenceEqual(_regimes));
    }

    /// <summary>A message when <paramref name="changed"/> and none of <paramref name="part"/>'s changes is declared.</summary>
    private static string? Check(StateChanges declared, StateChanges part, string what, bool changed) =>
        changed && (declared & part) == 0 ? $"{what} changed, but the system declares only these changes: {declared}" : null;

    private bool ActorsSame(bool power)
    {
        for (var a = 0; a < _capabilities.Length; a++)
        {
            ref readonly var now = ref _state.CapabilityOf(a);
            if (power ? !MeansSame(now, _capabilities[a]) : !now.Economy.Equals(_capabilities[a].Economy))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MeansSame(in Capability a, in Capability b) =>
        a.Power.Equals(b.Power) && a.StrikeAssets.Equals(b.StrikeAssets) && a.StrikeRangeKm.Equals(b.StrikeRangeKm)
        && a.ArtilleryAssets.Equals(b.ArtilleryAssets) && a.ArtilleryRangeKm.Equals(b.ArtilleryRangeKm)
        && a.AirDefence.Equals(b.AirDefence) && a.AirDefenceRangeKm.Equals(b.AirDefenceRangeKm);

    private bool PoliticsSame()
    {
        for (var a = 0; a < _politics.Length; a++)
        {
            if (!Same(_state.PoliticsOf(a), _politics[a]))
            {
                return false;
            }
        }

        return true;
    }

    private bool RegionsSame(bool control)
    {
        for (var r = 0; r < _regions.Length; r++)
        {
            ref readonly var now = ref _state.RegionOf(r);
            var same = control
                ? now.Controller == _regions[r].Controller
                : now.Population.Equals(_regions[r].Population) && now.Displaced.Equals(_regions[r].Displaced);
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private bool ContractsSame()
    {
        for (var c = 0; c < _contracts.Length; c++)
        {
            if (!Same(_state.Contracts[c], _contracts[c]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(in Politics a, in Politics b) =>
        a.Cohesion.Equals(b.Cohesion) && a.Resolve.Equals(b.Resolve) && a.Rationality.Equals(b.Rationality) && a.Faction == b.Faction;

    private static bool Same(in PmcContract a, in PmcContract b) =>
        a.Pmc == b.Pmc && a.Contractor == b.Contractor && a.Host == b.Host && a.Payment.Equals(b.Payment) && a.Paid.Equals(b.Paid)
        && a.Replaced.Equals(b.Replaced) && a.Start == b.Start && a.Active == b.Active;
}
