using Sim.Engine.Model;

namespace Sim.Viz.Scene;

/// <summary>
/// What the map shows at one tick, copied out of a run's <see cref="ModelState"/>: who controls
/// each region, forces, affinity and escalation, recent events, and the escalation history of
/// the strip's pairs. Drawing reads only this, so a frame never sees a half-updated state.
/// Reused from tick to tick: capturing allocates nothing once its buffers have grown.
/// </summary>
public sealed class MapSnapshot
{
    private readonly List<SimEvent> _recent = [];
    private readonly List<float>[] _series;

    /// <summary>An empty snapshot sized for <paramref name="layout"/>'s scenario.</summary>
    public MapSnapshot(MapLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        var d = layout.Definition;
        ActorCount = d.Actors.Length;
        RegionCount = d.Regions.Length;
        Controller = new int[RegionCount];
        Strength = new double[RegionCount * ActorCount];
        Affinity = new double[ActorCount * ActorCount];
        Escalation = new int[ActorCount * ActorCount];
        _series = [.. layout.SeriesPairs.Select(_ => new List<float>(d.Horizon + 1))];
    }

    /// <summary>The layout this snapshot belongs to.</summary>
    public MapLayout Layout { get; }

    /// <summary>Number of actors.</summary>
    public int ActorCount { get; }

    /// <summary>Number of regions.</summary>
    public int RegionCount { get; }

    /// <summary>Ticks run so far.</summary>
    public int Tick { get; private set; }

    /// <summary>The run's length in ticks (the strip's time axis).</summary>
    public int Horizon { get; private set; }

    /// <summary>The date of <see cref="Tick"/>.</summary>
    public DateOnly Date { get; private set; }

    /// <summary>The seed of the run.</summary>
    public ulong Seed { get; private set; }

    /// <summary>Fatalities so far.</summary>
    public double Fatalities { get; private set; }

    /// <summary>Controller of each region (actor index or -1).</summary>
    public int[] Controller { get; }

    /// <summary>Strength of each owner's forces in each region, at [region * ActorCount + actor].</summary>
    public double[] Strength { get; }

    /// <summary>Affinity, row-major [from * ActorCount + to].</summary>
    public double[] Affinity { get; }

    /// <summary>Escalation rung, row-major.</summary>
    public int[] Escalation { get; }

    /// <summary>Events of the last <see cref="MapStyle.EventDays"/> days, oldest first.</summary>
    public IReadOnlyList<SimEvent> Recent => _recent;

    /// <summary>Days per tick.</summary>
    public int TickDays => Layout.Definition.TickDays;

    /// <summary>Escalation of <see cref="MapLayout.SeriesPairs"/>[<paramref name="pair"/>] at every tick so far.</summary>
    public IReadOnlyList<float> Series(int pair) => _series[pair];

    /// <summary>Copies the state of a run after <c>state.Tick</c> ticks.</summary>
    public void Capture(ModelState state, ulong seed, int horizon, int eventDays)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Tick < Tick || seed != Seed)
        {
            foreach (var s in _series)
            {
                s.Clear();
            }
        }

        Tick = state.Tick;
        Seed = seed;
        Horizon = horizon;
        Date = state.Clock.Date;
        Fatalities = state.TotalFatalities;
        for (var r = 0; r < RegionCount; r++)
        {
            Controller[r] = state.RegionOf(r).Controller;
            for (var a = 0; a < ActorCount; a++)
            {
                Strength[(r * ActorCount) + a] = state.Strengths.Of(a, r);
            }
        }

        state.Affinity.AsSpan().CopyTo(Affinity);
        state.Escalation.AsSpan().CopyTo(Escalation);

        _recent.Clear();
        var all = state.Events.All;
        var from = all.Length;
        while (from > 0 && (Tick - all[from - 1].Tick) * TickDays <= eventDays)
        {
            from--;
        }

        for (var i = from; i < all.Length; i++)
        {
            _recent.Add(all[i]);
        }

        var pairs = Layout.SeriesPairs;
        for (var p = 0; p < pairs.Count; p++)
        {
            var series = _series[p];
            while (series.Count <= Tick)
            {
                series.Add(state.Escalation[pairs[p].A, pairs[p].B]);
            }
        }
    }

    /// <summary>Affinity of <paramref name="from"/> toward <paramref name="to"/>.</summary>
    public double AffinityOf(int from, int to) => Affinity[(from * ActorCount) + to];

    /// <summary>Escalation rung of a dyad.</summary>
    public int EscalationOf(int a, int b) => Escalation[(a * ActorCount) + b];
}
