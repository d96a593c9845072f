using System.Runtime.CompilerServices;
using Sim.Ecs;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>
/// The state of one run, as data: actors, regions and forces as entities of its <see cref="World"/>,
/// the actor-by-actor relations as dense matrices, the contracts, the event log with the fatalities it
/// counts, and the parameters' current values. Beside it, and built from it: <see cref="Strengths"/>, the force
/// sums systems read (a cache), <see cref="Partners"/>, the treaty partners (an index), and
/// <see cref="Queries"/>, the questions that take more than one read (what scenario expressions read).
/// </summary>
public sealed class ModelState
{
    private readonly int[] _parameterIndex;
    private readonly int[] _actionIndex;
    private readonly ActorKind[] _kinds;

    private static readonly QueryDescription ForcesQuery = new QueryDescription().WithAll<Force>();

    /// <summary>Builds the starting state of a run from a definition.</summary>
    public ModelState(ScenarioDefinition definition, WorldClock clock)
        : this(definition, clock, null)
    {
    }

    /// <summary>Builds the starting state of a run, logging its events into <paramref name="reuseEvents"/> (a finished run's log) when its catalog matches.</summary>
    internal ModelState(ScenarioDefinition definition, WorldClock clock, EventLog? reuseEvents)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(clock);
        Definition = definition;
        Clock = clock;
        ActorCount = definition.Actors.Length;
        RegionCount = definition.Regions.Length;

        // The loader gives every scenario the engine's parameters (declared or default).
        Parameters = [.. definition.Parameters.Select(p => p.Value)];
        _parameterIndex = [.. ModelParameters.All.Select(info => Resolve(definition.ParameterIndex(info.Id), "parameter", info.Id))];
        _actionIndex = [.. DefaultActions.All.Select(entry => Resolve(definition.ActionIndex(entry.Id), "action", entry.Id))];

        World = new World();
        ActorEntities = new Entity[ActorCount];
        Patron = new int[ActorCount];
        _kinds = new ActorKind[ActorCount];
        foreach (var a in definition.Actors)
        {
            ActorEntities[a.Index] = World.Create(
                new Actor { Index = a.Index, Kind = a.Kind },
                new Capability
                {
                    Power = a.Power,
                    Economy = a.Economy,
                    StrikeAssets = a.Strike.Assets,
                    StrikeRangeKm = a.Strike.RangeKm,
                    ArtilleryAssets = a.Artillery.Assets,
                    ArtilleryRangeKm = a.Artillery.RangeKm,
                    AirDefence = a.AirDefence.Effectiveness,
                    AirDefenceRangeKm = a.AirDefence.RangeKm,
                },
                new Politics { Cohesion = a.Cohesion, Resolve = a.Resolve, Rationality = a.Rationality });
            Patron[a.Index] = a.Patron.Index;
            _kinds[a.Index] = a.Kind;
        }

        RegionEntities = new Entity[RegionCount];
        foreach (var r in definition.Regions)
        {
            RegionEntities[r.Index] = World.Create(new Region
            {
                Index = r.Index,
                Controller = r.Controller.Index,
                Country = r.Country.Index,
                Population = r.Population,
                Displaced = r.Displaced,
            });
        }

        // The world keeps one query per description for its life: holding it spares the systems a dictionary lookup
        // (hashing the description) each time they walk the forces, several times a tick.
        Forces = World.GetQuery(ForcesQuery);
        foreach (var f in definition.Forces)
        {
            World.Create(new Force { Owner = f.Owner.Index, Region = f.Region.Index, Strength = f.Strength, Contract = f.Contract.Index, Establishment = f.Strength });
        }

        // The scenario's contracts first, then a free slot for every contract a PMC could sign with a state or junta
        // during the run (ContractSystem), so signing never grows the array.
        var signable = definition.Actors.Count(a => a.Kind == ActorKind.Pmc) * definition.Actors.Count(a => a.Kind is ActorKind.State or ActorKind.Junta);
        Contracts = [.. definition.Actors.SelectMany(a => a.Contracts.Select(c => new PmcContract { Pmc = a.Index, Contractor = a.Index, Host = c.Host.Index, Payment = c.Payment, Active = true })),
            .. Enumerable.Repeat(new PmcContract { Pmc = -1, Contractor = -1, Host = -1 }, signable)];

        Affinity = new DenseRelation<double>(ActorCount);
        Tension = new DenseRelation<double>(ActorCount);
        Escalation = new DenseRelation<int>(ActorCount);
        MaxEscalation = new DenseRelation<int>(ActorCount);
        Treaties = new DenseRelation<Treaty>(ActorCount);
        foreach (var rel in definition.Relations)
        {
            var (a, b) = (rel.A.Index, rel.B.Index);
            SetPair(Affinity, a, b, rel.Affinity, rel.Directed);
            SetPair(Escalation, a, b, rel.Escalation, rel.Directed);
            SetPair(Tension, a, b, rel.Escalation, rel.Directed);
            SetPair(Treaties, a, b, rel.Treaty, rel.Directed);
        }

        Partners = new TreatyPartners(Treaties);

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
        Events = reuseEvents?.Reuse(definition.Actions.Length) ?? new EventLog(definition.Actions.Length, definition.Horizon * 4);
        RegionFatalities = new double[RegionCount];
        RegionCivilianFatalities = new double[RegionCount];
        Strengths = new ForceStrengths(Forces, ActorCount, RegionCount);
        Queries = new ModelQueries(this);
        Geography = new Geography(definition);
        Regimes = new Regimes(this);
        Acts = new Acts(this);
        InitialPower = [.. definition.Actors.Select(a => a.Power)];
        InitialStrength = new double[ActorCount];
        foreach (var f in definition.Forces)
        {
            InitialStrength[f.Owner.Index] += f.Strength;
        }

        RatedStrength = [.. InitialStrength];
    }

    /// <summary>The consequences of acts, decided or scripted.</summary>
    public Acts Acts { get; }

    /// <summary>Diplomatic regimes (sanctions, broken relations, closed airspace...) per directed dyad.</summary>
    public Regimes Regimes { get; }

    /// <summary>Distances between the regions' points.</summary>
    public Geography Geography { get; }

    /// <summary>The scenario this run was built from.</summary>
    public ScenarioDefinition Definition { get; }

    /// <summary>The run's clock.</summary>
    public WorldClock Clock { get; }

    /// <summary>The run's entities: actors, regions, forces.</summary>
    public World World { get; }

    /// <summary>The query of every force (entities with a <see cref="Force"/>), the world's own, held for the run.</summary>
    public Query Forces { get; }

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

    /// <summary>Formal treaties between actors, as the scenario sets them; only scenario effects change them (<see cref="SetTreaty"/>).</summary>
    public DenseRelation<Treaty> Treaties { get; }

    /// <summary>The actors bound by a treaty to each actor, rebuilt when a scenario effect changes a treaty.</summary>
    public TreatyPartners Partners { get; }

    /// <summary>Perceived threat of the column actor to the row actor, in [0, 1] (see PerceptionSystem).</summary>
    public DenseRelation<double> Threat { get; }

    /// <summary>PMC contracts, active and ended, then free slots (<see cref="PmcContract.Pmc"/> -1) for contracts signed during the run.</summary>
    public PmcContract[] Contracts { get; }

    /// <summary>Each actor's military power at the start.</summary>
    public double[] InitialPower { get; }

    /// <summary>Each actor's total force strength at the start.</summary>
    public double[] InitialStrength { get; }

    /// <summary>
    /// The strength each actor's power stands for, which a PMC's contribution to its host's side power is scaled by
    /// (<see cref="ModelQueries.SidePower"/>): its starting strength, or for an actor that starts with none, the
    /// strength of the first force it raises (a contract signed, a rule's reinforcement); set once.
    /// </summary>
    public double[] RatedStrength { get; }

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

    /// <summary>Each actor's force strength by region and in all, summed from the forces (see <see cref="ForceStrengths"/>).</summary>
    public ForceStrengths Strengths { get; }

    /// <summary>Backed power, obligations, hosts, event counts: the questions that take more than one read.</summary>
    public ModelQueries Queries { get; }

    /// <summary>Ticks elapsed since the start (0 on the first tick).</summary>
    public int Tick => Clock.Tick;

    /// <summary>Current value of an engine parameter.</summary>
    public double P(ModelParameter parameter) => Parameters[_parameterIndex[(int)parameter]];

    /// <summary>Index of an engine parameter in <see cref="Parameters"/>.</summary>
    public int ParameterIndexOf(ModelParameter parameter) => _parameterIndex[(int)parameter];

    /// <summary>Index of a default action in the scenario's catalog (<see cref="ScenarioDefinition.Actions"/>).</summary>
    public int Action(DefaultAction action) => _actionIndex[(int)action];

    /// <summary>The actor's kind.</summary>
    public ActorKind KindOf(int actor) => _kinds[actor];

    /// <summary>The actor's capability component.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the pinned read is a few loads; the JIT kept it a call
    public ref Capability CapabilityOf(int actor)
    {
        if (_actorTable is { } table && table.Layout == _actorLayout)
        {
            return ref _capabilities[_actorRows[actor]];
        }

        return ref LookUp<Capability>(actor);
    }

    /// <summary>The actor's military power.</summary>
    public double Power(int actor) => CapabilityOf(actor).Power;

    /// <summary>The actor's politics component.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Politics PoliticsOf(int actor)
    {
        if (_actorTable is { } table && table.Layout == _actorLayout)
        {
            return ref _politics[_actorRows[actor]];
        }

        return ref LookUp<Politics>(actor);
    }

    /// <summary>The region's component.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Region RegionOf(int region)
    {
        if (_regionTable is { } table && table.Layout == _regionLayout)
        {
            return ref _regions[_regionRows[region]];
        }

        if (!_regionsScattered)
        {
            PinRegions();
        }

        return ref World.Get<Region>(RegionEntities[region]);
    }

    /// <summary>An actor's component read through <see cref="World.Get{T}"/>, after pinning the actors again (unless scattered).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref T LookUp<T>(int actor)
        where T : unmanaged
    {
        if (!_actorsScattered)
        {
            PinActors();
        }

        return ref World.Get<T>(ActorEntities[actor]);
    }

    // The actors' and regions' components, read hundreds of times a tick, are read from their tables' columns at rows
    // found once (the pins), rather than through World.Get, which checks the handle and finds the column on every read
    // (about 5% of a run). A pin holds while its table's layout does (Archetype.Layout: no row moved, no column
    // replaced). The model never changes it once the run is built; if anything does (a component added to an actor, a
    // table grown), the next read finds the rows again, and reads go through World.Get for good once the entities no
    // longer share one table (scattered: finding rows on every read would cost more). Both paths reach the same component.
    private Archetype? _actorTable;
    private bool _actorsScattered;
    private int _actorLayout;
    private int[] _actorRows = [];
    private Capability[] _capabilities = [];
    private Politics[] _politics = [];
    private Archetype? _regionTable;
    private bool _regionsScattered;
    private int _regionLayout;
    private int[] _regionRows = [];
    private Region[] _regions = [];

    /// <summary>Finds the actors' table, rows and columns, or marks them scattered when they are not all in one table.</summary>
    private void PinActors()
    {
        _actorTable = null;
        if (!Pin(ActorEntities, ref _actorRows, out var table))
        {
            _actorsScattered = true;
            return;
        }

        _capabilities = table.GetColumn<Capability>();
        _politics = table.GetColumn<Politics>();
        (_actorTable, _actorLayout) = (table, table.Layout);
    }

    /// <summary>Finds the regions' table, rows and column, or marks them scattered when they are not all in one table.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PinRegions()
    {
        _regionTable = null;
        if (!Pin(RegionEntities, ref _regionRows, out var table))
        {
            _regionsScattered = true;
            return;
        }

        _regions = table.GetColumn<Region>();
        (_regionTable, _regionLayout) = (table, table.Layout);
    }

    /// <summary>Each entity's row in <paramref name="table"/>, when there is at least one and all are in that one table.</summary>
    private bool Pin(Entity[] entities, ref int[] rows, out Archetype table)
    {
        table = null!;
        if (entities.Length == 0)
        {
            return false;
        }

        if (rows.Length != entities.Length)
        {
            rows = new int[entities.Length];
        }

        table = World.TableOf(entities[0], out _);
        for (var e = 0; e < entities.Length; e++)
        {
            if (World.TableOf(entities[e], out rows[e]) != table)
            {
                return false;
            }
        }

        return true;
    }

    private int _eventsTick = -1;
    private int _eventsThisTick;

    /// <summary>Records an event and its fatalities; relations and escalation take it into account in their next pass.</summary>
    /// <exception cref="InputException">The tick has recorded more than <see cref="Limits.EventsPerTick"/> events.</exception>
    public void Emit(in SimEvent e)
    {
        if (e.Tick != _eventsTick)
        {
            (_eventsTick, _eventsThisTick) = (e.Tick, 0);
        }

        if (++_eventsThisTick > Limits.EventsPerTick)
        {
            throw new InputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"error: tick {e.Tick} of {Definition.Name} recorded more than {Limits.EventsPerTick:N0} events, the most a tick may; the run was stopped (fix: rules that fire every tick with many effects, or one effect list aliased into many rules, are the usual cause: give them a chance, 'once' or a narrower 'when')."));
        }

        Events.Add(e);
        if (e.Fatalities > 0 || e.CivilianFatalities > 0)
        {
            var total = Math.Max(e.Fatalities, e.CivilianFatalities);
            TotalFatalities += total;
            TotalCivilianFatalities += e.CivilianFatalities;
            if (!e.Region.IsNone)
            {
                RegionFatalities[e.Region.Index] += total;
                RegionCivilianFatalities[e.Region.Index] += e.CivilianFatalities;
            }
        }
    }

    /// <summary>
    /// Records an event of catalog action <paramref name="action"/> this tick that kills no one, scored with the
    /// action's Goldstein score. Callers name the last three arguments.
    /// </summary>
    public void Emit(int action, EventOrigin origin, ActorId actor, ActorId target, RegionId region) => Emit(new SimEvent
    {
        Tick = Tick,
        Action = action,
        Actor = actor,
        Target = target,
        Region = region,
        Goldstein = Definition.Actions[action].Goldstein,
        Origin = origin,
    });

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

    /// <summary>Rates <paramref name="actor"/>'s power by <paramref name="strength"/> when nothing rated it yet (it started with no forces).</summary>
    public void RateStrength(int actor, double strength)
    {
        if (RatedStrength[actor] <= 0 && strength > 0)
        {
            RatedStrength[actor] = strength;
        }
    }

    /// <summary>Sets the treaty between <paramref name="a"/> and <paramref name="b"/> (both directions unless <paramref name="directed"/>) and refreshes <see cref="Partners"/>.</summary>
    public void SetTreaty(int a, int b, Treaty treaty, bool directed)
    {
        SetPair(Treaties, a, b, treaty, directed);
        Partners.Rebuild(Treaties);
    }

    private static int Resolve(int index, string kind, string id) => index >= 0
        ? index
        : throw new InvalidOperationException($"The scenario has no {kind} '{id}', which the engine's systems use; the loader gives every scenario all of the engine's {kind}s.");

    private static void SetPair<T>(DenseRelation<T> relation, int a, int b, T value, bool directed)
        where T : unmanaged
    {
        relation[a, b] = value;
        if (!directed)
        {
            relation[b, a] = value;
        }
    }
}
