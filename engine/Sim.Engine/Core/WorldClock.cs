namespace Sim.Engine.Core;

/// <summary>
/// Simulated time: a tick counter and the calendar date it stands for. Model code reads time
/// only from here, never from the machine's clock, so a run is reproducible.
/// </summary>
public sealed class WorldClock
{
    /// <summary>A clock at tick 0 on <paramref name="start"/>, advancing <paramref name="daysPerTick"/> days a tick.</summary>
    public WorldClock(DateOnly start, int daysPerTick = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(daysPerTick, 1);
        Start = start;
        DaysPerTick = daysPerTick;
    }

    /// <summary>The date of tick 0.</summary>
    public DateOnly Start { get; }

    /// <summary>Length of a tick in days.</summary>
    public int DaysPerTick { get; }

    /// <summary>The current tick, from 0.</summary>
    public int Tick { get; private set; }

    /// <summary>The date of the current tick.</summary>
    public DateOnly Date => DateOf(Tick);

    /// <summary>Days elapsed since <see cref="Start"/>.</summary>
    public int Day => Tick * DaysPerTick;

    /// <summary>The date of any tick.</summary>
    public DateOnly DateOf(int tick) => Start.AddDays(tick * DaysPerTick);

    /// <summary>The first tick whose date is on or after <paramref name="date"/>.</summary>
    public int TickOf(DateOnly date)
    {
        var days = date.DayNumber - Start.DayNumber;
        return days <= 0 ? 0 : (days + DaysPerTick - 1) / DaysPerTick;
    }

    internal void Advance() => Tick++;

    internal void Reset() => Tick = 0;
}
