using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>Why an event happened: an actor's decision, the fighting, a scenario rule or the timeline.</summary>
public enum EventOrigin : byte
{
    /// <summary>An actor chose the action.</summary>
    Decision,

    /// <summary>Forces fought in a region.</summary>
    Fighting,

    /// <summary>A scenario rule fired.</summary>
    Rule,

    /// <summary>A dated timeline entry.</summary>
    Timeline,
}

/// <summary>
/// One event of a run, on the field's scales (CAMEO code, Goldstein score, ACLED type via its action).
/// Built with an object initializer, each field by name; the fields keep their order, so the layout (and the
/// event log's memory) is that of nine plain fields.
/// </summary>
public readonly record struct SimEvent
{
    /// <summary>The tick the event happened on.</summary>
    public required int Tick { get; init; }

    /// <summary>Index of its action in the scenario's catalog.</summary>
    public required int Action { get; init; }

    /// <summary>The acting actor's index.</summary>
    public required ActorId Actor { get; init; }

    /// <summary>The target actor's index, or none.</summary>
    public required ActorId Target { get; init; }

    /// <summary>The region it happened in, or none.</summary>
    public required RegionId Region { get; init; }

    /// <summary>Its Goldstein score, its action's.</summary>
    public required double Goldstein { get; init; }

    /// <summary>People killed, civilians among them.</summary>
    public int Fatalities { get; init; }

    /// <summary>Civilians killed (part of <see cref="Fatalities"/>).</summary>
    public int CivilianFatalities { get; init; }

    /// <summary>Why it happened.</summary>
    public required EventOrigin Origin { get; init; }
}

/// <summary>
/// Every event of a run in order, with an index per action so rule conditions that count
/// events do not scan the whole log. Grows by doubling; a warmed-up run appends without
/// allocating.
/// </summary>
public sealed class EventLog
{
    private SimEvent[] _events;
    private int[][] _byAction;
    private int[] _byActionCount;

    /// <summary>A log for a catalog of <paramref name="actionCount"/> actions, sized for about <paramref name="capacity"/> events before it grows.</summary>
    public EventLog(int actionCount, int capacity = 256)
    {
        _events = new SimEvent[Math.Max(16, capacity)];
        _byAction = new int[actionCount][];
        _byActionCount = new int[actionCount];
        for (var a = 0; a < actionCount; a++)
        {
            _byAction[a] = new int[Math.Max(16, capacity / 8)];
        }
    }

    /// <summary>
    /// This log emptied for another run with a catalog of <paramref name="actionCount"/> actions, its arrays kept at the
    /// size they grew to; null when its catalog differs.
    /// </summary>
    internal EventLog? Reuse(int actionCount)
    {
        if (_byActionCount.Length != actionCount)
        {
            return null;
        }

        Count = 0;
        TickStart = 0;
        Array.Clear(_byActionCount);
        return this;
    }

    /// <summary>Number of events so far.</summary>
    public int Count { get; private set; }

    /// <summary>Index of the first event of the current tick; events from here on are this tick's.</summary>
    public int TickStart { get; private set; }

    /// <summary>All events so far, in order.</summary>
    public ReadOnlySpan<SimEvent> All => new(_events, 0, Count);

    /// <summary>The events appended since <see cref="BeginTick"/>.</summary>
    public ReadOnlySpan<SimEvent> ThisTick => new(_events, TickStart, Count - TickStart);

    /// <summary>Indexes (into <see cref="All"/>) of the events of one action, in order.</summary>
    public ReadOnlySpan<int> OfAction(int action) => new(_byAction[action], 0, _byActionCount[action]);

    /// <summary>The event at <paramref name="index"/>.</summary>
    public ref readonly SimEvent this[int index] => ref _events[index];

    /// <summary>Marks the start of a tick.</summary>
    public void BeginTick() => TickStart = Count;

    /// <summary>Appends an event.</summary>
    public void Add(in SimEvent e)
    {
        if (Count == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
        }

        ref var list = ref _byAction[e.Action];
        var n = _byActionCount[e.Action];
        if (n == list.Length)
        {
            Array.Resize(ref list, n * 2);
        }

        list[n] = Count;
        _byActionCount[e.Action] = n + 1;
        _events[Count++] = e;
    }
}
