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
    private readonly Capability[] _capabilities;
    private readonly Politics[] _politics;
    private readonly Region[] _regions;
    private readonly PmcContract[] _contracts;
    private readonly double[] _parameters;
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
        _capabilities = new Capability[state.ActorCount];
        _politics = new Politics[state.ActorCount];
        _regions = new Region[state.RegionCount];
        _contracts = new PmcContract[state.Contracts.Length];
        _parameters = new double[state.Parameters.Length];
    }

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
        _events = s.Events.Count;
    }

    /// <summary>The first part of the state that changed since <see cref="Take"/> although <paramref name="declared"/> does not name it, or null.</summary>
    public string? Undeclared(StateChanges declared)
    {
        foreach (var (part, what, changed) in Parts())
        {
            if ((declared & part) == 0 && changed())
            {
                return $"{what} changed, but the system declares only these changes: {declared}";
            }
        }

        return null;
    }

    /// <summary>Each part, the changes that may alter it (any one suffices), what it is in words, and whether it changed.</summary>
    private IEnumerable<(StateChanges Part, string What, Func<bool> Changed)> Parts()
    {
        var s = _state;
        yield return (StateChanges.Events, "the event log", () => s.Events.Count != _events);
        yield return (StateChanges.Threat, "a threat", () => !s.Threat.AsSpan().SequenceEqual(_threat));
        yield return (StateChanges.Affinity, "an affinity or its baseline",
            () => !s.Affinity.AsSpan().SequenceEqual(_affinity) || !s.BaselineAffinity.AsSpan().SequenceEqual(_baseline));
        yield return (StateChanges.Tension, "a dyad's tension", () => !s.Tension.AsSpan().SequenceEqual(_tension));
        yield return (StateChanges.Escalation, "a dyad's rung or the highest it reached",
            () => !s.Escalation.AsSpan().SequenceEqual(_escalation) || !s.MaxEscalation.AsSpan().SequenceEqual(_maxEscalation));
        yield return (StateChanges.Power, "an actor's power", () => AnyActor(a => !s.CapabilityOf(a).Power.Equals(_capabilities[a].Power)));
        yield return (StateChanges.Economy, "an actor's economy", () => AnyActor(a => !s.CapabilityOf(a).Economy.Equals(_capabilities[a].Economy)));
        yield return (StateChanges.Politics, "an actor's cohesion, resolve, rationality or faction", () => AnyActor(a => !Same(s.PoliticsOf(a), _politics[a])));
        yield return (StateChanges.Control, "a region's controller", () => AnyRegion(r => s.RegionOf(r).Controller != _regions[r].Controller));
        yield return (StateChanges.Displacement | StateChanges.Casualties, "a region's population or displaced", () => AnyRegion(r =>
            !s.RegionOf(r).Population.Equals(_regions[r].Population) || !s.RegionOf(r).Displaced.Equals(_regions[r].Displaced)));
        yield return (StateChanges.Contracts, "a PMC contract", () => AnyIndex(_contracts.Length, c => !Same(s.Contracts[c], _contracts[c])));
        yield return (StateChanges.Parameters, "a parameter", () => !s.Parameters.AsSpan().SequenceEqual(_parameters));
    }

    private bool AnyActor(Func<int, bool> changed) => AnyIndex(_state.ActorCount, changed);

    private bool AnyRegion(Func<int, bool> changed) => AnyIndex(_state.RegionCount, changed);

    private static bool AnyIndex(int count, Func<int, bool> changed) => Enumerable.Range(0, count).Any(changed);

    private static bool Same(in Politics a, in Politics b) =>
        a.Cohesion.Equals(b.Cohesion) && a.Resolve.Equals(b.Resolve) && a.Rationality.Equals(b.Rationality) && a.Faction == b.Faction;

    private static bool Same(in PmcContract a, in PmcContract b) =>
        a.Pmc == b.Pmc && a.Host == b.Host && a.Payment.Equals(b.Payment) && a.Paid.Equals(b.Paid) && a.Active == b.Active;
}
