using Sim.Ecs;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;
using Sim.Engine.Core;

namespace Sim.Engine.Model;

/// <summary>
/// The state of one run: actors, regions and forces as entities of its <see cref="World"/>,
/// the actor-by-actor relations as dense matrices, the event log and the parameters' current
/// values. Scenario expressions read it through <see cref="IScenarioState"/>.
/// </summary>
public sealed class ModelState : IScenarioState
{
    private static readonly QueryDescription ForcesQuery = new QueryDescription().WithAll<Force>();

    private readonly int[] _modelParameterIndex;
    private readonly ActorKind[] _kinds;
    private readonly double[] _strengthByRegion;
    private readonly int[] _treatyPartnerStart;
    private readonly int[] _treatyPartners;
    private readonly double[] _strengthTotal;
    private bool _strengthDirty = true;

    /// <summary>Builds the starting state of a run from a definition.</summary>
    public ModelState(ScenarioDefinition definition, WorldClock clock)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(clock);
        Definition = definition;
        Clock = clock;
        ActorCount = definition.Actors.Length;
        RegionCount = definition.Regions.Length;

        // The loader gives every scenario the engine's parameters (declared or default).
        Parameters = [.. definition.Parameters.Select(p => p.Value)];
        _modelParameterIndex = [.. ModelParameters.All.Select(info => definition.ParameterIndex(info.Id))];

        World = new World();
        ActorEntities = new Entity[ActorCount];
        Patron = new int[ActorCount];
        _kinds = new ActorKind[ActorCount];
        foreach (var a in definition.Actors)
        {
            ActorEntities[a.Index] = World.Create(
                new Actor { Index = a.Index, Kind = a.Kind },
                new Capability { Power = a.Power, Economy = a.Economy },
                new Politics { Cohesion = a.Cohesion, Resolve = a.Resolve, Rationality = a.Rationality });
            Patron[a.Index] = a.Patron;
            _kinds[a.Index] = a.Kind;
        }

        RegionEntities = new Entity[RegionCount];
        foreach (var r in definition.Regions)
        {
            RegionEntities[r.Index] = World.Create(new Region
            {
                Index = r.Index,
                Controller = r.Controller,
                Country = r.Country,
                Population = r.Population,
                Displaced = r.Displaced,
            });
        }

        foreach (var f in definition.Forces)
        {
            World.Create(new Force { Owner = f.Owner, Region = f.Region, Strength = f.Strength, Contract = f.Contract, Establishment = f.Strength });
        }

        // The scenario's contracts first, then a free slot for every contract a PMC could sign with a state or junta
        // during the run (ContractSystem), so signing never grows the array.
        var signable = definition.Actors.Count(a => a.Kind == ActorKind.Pmc) * definition.Actors.Count(a => a.Kind is ActorKind.State or ActorKind.Junta);
        Contracts = [.. definition.Actors.SelectMany(a => a.Contracts.Select(c => new PmcContract { Pmc = a.Index, Host = c.Host, Payment = c.Payment, Active = true })),
            .. Enumerable.Repeat(new PmcContract { Pmc = -1, Host = -1 }, signable)];

        Affinity = new DenseRelation<double>(ActorCount);
        Tension = new DenseRelation<double>(ActorCount);
        Escalation = new DenseRelation<int>(ActorCount);
        MaxEscalation = new DenseRelation<int>(ActorCount);
        Treaties = new DenseRelation<Treaty>(ActorCount);
        foreach (var rel in definition.Relations)
        {
            SetPair(Affinity, rel.A, rel.B, rel.Affinity, rel.Directed);
            SetPair(Escalation, rel.A, rel.B, rel.Escalation, rel.Directed);
            SetPair(Tension, rel.A, rel.B, rel.Escalation, rel.Directed);
            SetPair(Treaties, rel.A, rel.B, rel.Treaty, rel.Directed);
        }

        (_treatyPartnerStart, _treatyPartners) = ListTreatyPartners(Treaties);

        // Escalation is a property of the dyad: keep it symmetric even for directed relations.
        var tensionScale = P(ModelParameter.InitialTensionScale);
        for (var a = 0; a < ActorCount; a++)
        {
            for (var b = a + 1; b < ActorCount; b++)
            {
                var rung = (int)(Math.Max(Escalation[a, b], Escalation[b, a]) * tensionScale);
                Escalation[a, b] = Escalation[b, a] = rung;
                Tension[a, b] = Tension[b, a] = rung;
            }
        }

        MaxEscalation.CopyFrom(Escalation);
        BaselineAffinity = new DenseRelation<double>(ActorCount);
        BaselineAffinity.CopyFrom(Affinity);

        Threat = new DenseRelation<double>(ActorCount);
        // A busy scenario logs a few events a tick; sizing the log for that spares the tick loop its regrowth.
        Events = new EventLog(definition.Actions.Length, definition.Horizon * 4);
        RegionFatalities = new double[RegionCount];
        RegionCivilianFatalities = new double[RegionCount];
        _strengthByRegion = new double[RegionCount * ActorCount];
        _strengthTotal = new double[ActorCount];
        InitialPower = [.. definition.Actors.Select(a => a.Power)];
        InitialStrength = new double[ActorCount];
        foreach (var f in definition.Forces)
        {
            InitialStrength[f.Owner] += f.Strength;
        }
    }

    /// <summary>The scenario this run was built from.</summary>
    public ScenarioDefinition Definition { get; }

    /// <summary>The run's clock.</summary>
    public WorldClock Clock { get; }

    /// <summary>The run's entities: actors, regions, forces.</summary>
    public World World { get; }

    /// <summary>Number of actors.</summary>
    public int ActorCount { get; }

    /// <summary>Number of regions.</summary>
    public int RegionCount { get; }

    /// <summary>The entity of each actor, by actor index.</summary>
    public Entity[] ActorEntities { get; }

    /// <summary>The entity of each region, by region index.</summary>
    public Entity[] RegionEntities { get; }

    /// <summary>Each actor's patron index, or -1.</summary>
    public int[] Patron { get; }

    /// <summary>Affinity of row actor toward column actor, in [-1, 1].</summary>
    public DenseRelation<double> Affinity { get; }

    /// <summary>Starting affinities, the baseline affinity drifts back to.</summary>
    public DenseRelation<double> BaselineAffinity { get; }

    /// <summary>Per-dyad tension in rung units (symmetric).</summary>
    public DenseRelation<double> Tension { get; }

    /// <summary>Per-dyad escalation rung 0..9 (symmetric).</summary>
    public DenseRelation<int> Escalation { get; }

    /// <summary>Highest rung each dyad has reached.</summary>
    public DenseRelation<int> MaxEscalation { get; }

    /// <summary>Formal treaties between actors, as the scenario sets them; no system changes them during a run.</summary>
    public DenseRelation<Treaty> Treaties { get; }

    /// <summary>
    /// The actors with a defence pact or an entente toward <paramref name="ally"/> (ascending): the only ones
    /// <see cref="Obligation"/> binds, so a use of force visits them instead of every actor.
    /// </summary>
    public ReadOnlySpan<int> TreatyPartners(int ally) =>
        _treatyPartners.AsSpan(_treatyPartnerStart[ally], _treatyPartnerStart[ally + 1] - _treatyPartnerStart[ally]);

    /// <summary>Perceived threat of the column actor to the row actor, in [0, 1] (see PerceptionSystem).</summary>
    public DenseRelation<double> Threat { get; }

    /// <summary>PMC contracts, active and ended, then free slots (<see cref="PmcContract.Pmc"/> -1) for contracts signed during the run.</summary>
    public PmcContract[] Contracts { get; }

    /// <summary>Each actor's military power at the start.</summary>
    public double[] InitialPower { get; }

    /// <summary>Each actor's total force strength at the start.</summary>
    public double[] InitialStrength { get; }

    /// <summary>Every event so far.</summary>
    public EventLog Events { get; }

    /// <summary>Current parameter values, by definition index (the scenario's and the engine's).</summary>
    public double[] Parameters { get; }

    /// <summary>Fatalities so far per region.</summary>
    public double[] RegionFatalities { get; }

    /// <summary>Civilian fatalities so far per region.</summary>
    public double[] RegionCivilianFatalities { get; }

    /// <summary>Fatalities so far, everywhere.</summary>
    public double TotalFatalities { get; private set; }

    /// <summary>Civilian fatalities so far, everywhere.</summary>
    public double TotalCivilianFatalities { get; private set; }

    /// <inheritdoc/>
    public int Tick => Clock.Tick;

    /// <summary>Current value of an engine parameter.</summary>
    public double P(ModelParameter parameter) => Parameters[_modelParameterIndex[(int)parameter]];

    /// <summary>Index of an engine parameter in <see cref="Parameters"/>.</summary>
    public int ParameterIndexOf(ModelParameter parameter) => _modelParameterIndex[(int)parameter];

    /// <summary>The actor's kind.</summary>
    public ActorKind KindOf(int actor) => _kinds[actor];

    /// <summary>The actor's capability component.</summary>
    public ref Capability CapabilityOf(int actor) => ref World.Get<Capability>(ActorEntities[actor]);

    /// <summary>The actor's politics component.</summary>
    public ref Politics PoliticsOf(int actor) => ref World.Get<Politics>(ActorEntities[actor]);

    /// <summary>The region's component.</summary>
    public ref Region RegionOf(int region) => ref World.Get<Region>(RegionEntities[region]);

    /// <summary>
    /// How much of a use of force against <paramref name="ally"/> actor <paramref name="partner"/> takes
    /// as aimed at itself: <c>treaty_obligation</c> for a defence pact, half of it for an entente, else 0.
    /// </summary>
    public double Obligation(int partner, int ally) => Treaties[partner, ally] switch
    {
        Treaty.DefensePact => P(ModelParameter.TreatyObligation),
        Treaty.Entente => P(ModelParameter.TreatyObligation) / 2,
        _ => 0,
    };

    /// <summary>Goldstein score at or below which an event is a use of force that binds treaty partners.</summary>
    public const double UseOfForce = -7;

    /// <summary>
    /// An actor's power with the PMCs working for it: its own power plus each contracted PMC's
    /// power scaled by the share of its starting strength the PMC still has.
    /// </summary>
    public double SidePower(int actor)
    {
        var power = Power(actor);
        foreach (ref readonly var c in Contracts.AsSpan())
        {
            if (c.Active && c.Host == actor && InitialStrength[c.Pmc] > 0)
            {
                power += Power(c.Pmc) * Strength(c.Pmc, -1) / InitialStrength[c.Pmc];
            }
        }

        return power;
    }

    /// <summary>The host <paramref name="pmc"/> works for under an active contract, or -1.</summary>
    public int HostOf(int pmc)
    {
        foreach (ref readonly var c in Contracts.AsSpan())
        {
            if (c.Active && c.Pmc == pmc)
            {
                return c.Host;
            }
        }

        return -1;
    }

    /// <summary>
    /// Multiplies the strength of every force <paramref name="owner"/> has in <paramref name="region"/> by
    /// <paramref name="factor"/>; a deliberate change (a scenario effect) moves their establishment too, losses do not.
    /// </summary>
    public void ScaleForces(int owner, int region, double factor, bool establishment = false)
    {
        // The same pass re-adds the two cached sums this changes, in the order RefreshStrength adds
        // them, so the cache stays exact without a full refresh (a strike per dyad would otherwise
        // clear regions x actors sums every time).
        var inRegion = 0.0;
        var total = 0.0;
        foreach (var table in World.GetQuery(ForcesQuery).Tables)
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

        _strengthByRegion[(region * ActorCount) + owner] = inRegion;
        _strengthTotal[owner] = total;
    }

    /// <summary>Marks cached force strengths stale after forces changed.</summary>
    public void ForcesChanged() => _strengthDirty = true;

    /// <summary>Records an event and its fatalities; relations and escalation take it into account in their next pass.</summary>
    public void Emit(in SimEvent e)
    {
        Events.Add(e);
        if (e.Fatalities > 0 || e.CivilianFatalities > 0)
        {
            var total = Math.Max(e.Fatalities, e.CivilianFatalities);
            TotalFatalities += total;
            TotalCivilianFatalities += e.CivilianFatalities;
            if (e.Region >= 0)
            {
                RegionFatalities[e.Region] += total;
                RegionCivilianFatalities[e.Region] += e.CivilianFatalities;
            }
        }
    }

    /// <summary>Moves a dyad's rung (both directions), keeping the record of its maximum.</summary>
    public void SetEscalation(int a, int b, int rung)
    {
        rung = Math.Clamp(rung, 0, 9);
        Escalation[a, b] = Escalation[b, a] = rung;
        if (rung > MaxEscalation[a, b])
        {
            MaxEscalation[a, b] = MaxEscalation[b, a] = rung;
        }
    }

    // --- IScenarioState ---

    /// <inheritdoc/>
    double IScenarioState.Affinity(int from, int to) => Affinity[from, to];

    /// <inheritdoc/>
    int IScenarioState.Escalation(int a, int b) => Escalation[a, b];

    /// <inheritdoc/>
    int IScenarioState.MaxEscalation(int a, int b) => MaxEscalation[a, b];

    /// <inheritdoc/>
    public bool Controls(int actor, int region) => RegionOf(region).Controller == actor;

    /// <inheritdoc/>
    public double Power(int actor) => CapabilityOf(actor).Power;

    /// <inheritdoc/>
    public double Strength(int actor, int region)
    {
        RefreshStrength();
        return region < 0 ? _strengthTotal[actor] : _strengthByRegion[(region * ActorCount) + actor];
    }

    /// <summary>Every actor's total strength in <paramref name="region"/>, by actor index.</summary>
    public ReadOnlySpan<double> StrengthsIn(int region)
    {
        RefreshStrength();
        return new ReadOnlySpan<double>(_strengthByRegion, region * ActorCount, ActorCount);
    }

    /// <inheritdoc/>
    public double Cohesion(int actor) => PoliticsOf(actor).Cohesion;

    /// <inheritdoc/>
    public int Faction(int actor) => PoliticsOf(actor).Faction;

    /// <inheritdoc/>
    public double Population(int region) => RegionOf(region).Population;

    /// <inheritdoc/>
    public double Displaced(int region) => RegionOf(region).Displaced;

    /// <inheritdoc/>
    public int EventCount(int action, int actor, int target, int region, int withinTicks, int minCivilians = 0)
    {
        var from = withinTicks < 0 ? int.MinValue : Tick - withinTicks + 1;
        var count = 0;
        if (action >= 0)
        {
            var indexes = Events.OfAction(action);
            for (var i = indexes.Length - 1; i >= 0; i--)
            {
                ref readonly var e = ref Events[indexes[i]];
                if (e.Tick < from)
                {
                    break;
                }

                count += Matches(e, actor, target, region) && e.CivilianFatalities >= minCivilians ? 1 : 0;
            }

            return count;
        }

        var all = Events.All;
        for (var i = all.Length - 1; i >= 0 && all[i].Tick >= from; i--)
        {
            count += Matches(all[i], actor, target, region) && all[i].CivilianFatalities >= minCivilians ? 1 : 0;
        }

        return count;
    }

    /// <inheritdoc/>
    public int FirstTick(int action, int actor, int target, int region)
    {
        if (action >= 0)
        {
            foreach (var i in Events.OfAction(action))
            {
                if (Matches(Events[i], actor, target, region))
                {
                    return Events[i].Tick;
                }
            }

            return -1;
        }

        foreach (ref readonly var e in Events.All)
        {
            if (Matches(e, actor, target, region))
            {
                return e.Tick;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public double Fatalities(int region, bool civilian) => region < 0
        ? (civilian ? TotalCivilianFatalities : TotalFatalities)
        : (civilian ? RegionCivilianFatalities[region] : RegionFatalities[region]);

    /// <inheritdoc/>
    public double Parameter(int index) => Parameters[index];

    private static bool Matches(in SimEvent e, int actor, int target, int region) =>
        (actor < 0 || e.Actor == actor) && (target < 0 || e.Target == target) && (region < 0 || e.Region == region);

    private static void SetPair<T>(DenseRelation<T> relation, int a, int b, T value, bool directed)
        where T : unmanaged
    {
        relation[a, b] = value;
        if (!directed)
        {
            relation[b, a] = value;
        }
    }

    private static (int[] Start, int[] Partners) ListTreatyPartners(DenseRelation<Treaty> treaties)
    {
        var n = treaties.Size;
        var start = new int[n + 1];
        var partners = new List<int>();
        for (var ally = 0; ally < n; ally++)
        {
            start[ally] = partners.Count;
            for (var k = 0; k < n; k++)
            {
                if (treaties[k, ally] is Treaty.DefensePact or Treaty.Entente)
                {
                    partners.Add(k);
                }
            }
        }

        start[n] = partners.Count;
        return (start, [.. partners]);
    }

    private void RefreshStrength()
    {
        if (!_strengthDirty)
        {
            return;
        }

        Array.Clear(_strengthByRegion);
        Array.Clear(_strengthTotal);
        foreach (var table in World.GetQuery(ForcesQuery).Tables)
        {
            foreach (ref readonly var force in table.GetSpan<Force>())
            {
                _strengthByRegion[(force.Region * ActorCount) + force.Owner] += force.Strength;
                _strengthTotal[force.Owner] += force.Strength;
            }
        }

        _strengthDirty = false;
    }
}
