using Sim.Ecs;

namespace Sim.Engine.Core;

/// <summary>One step of the model, run once per tick in a fixed place in the tick's order.</summary>
public interface ISystem
{
    /// <summary>Short name, shown in profiles and error messages.</summary>
    string Name { get; }

    /// <summary>Advances this system's part of the model by one tick.</summary>
    void Update(Simulation simulation);
}

/// <summary>Sees the world after every tick (recorders, the map view, invariant checks).</summary>
public interface ITickObserver
{
    /// <summary>Called after all systems ran for <see cref="WorldClock.Tick"/>, before the clock advances.</summary>
    void OnTick(Simulation simulation);
}

/// <summary>
/// A run of a model: its world, clock and seed, the ordered systems of one tick, and the
/// observers that see each tick's result. Everything a run touches hangs off this object, so
/// two runs never share state.
/// </summary>
public sealed class Simulation
{
    private readonly ISystem[] _systems;
    private readonly List<ITickObserver> _observers = [];

    /// <summary>A run over <paramref name="world"/> that executes <paramref name="systems"/> in the given order each tick.</summary>
    public Simulation(World world, WorldClock clock, ulong seed, IEnumerable<ISystem> systems)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(systems);
        World = world;
        Clock = clock;
        Seed = seed;
        _systems = [.. systems];
    }

    /// <summary>The run's entities and components.</summary>
    public World World { get; }

    /// <summary>The run's simulated time.</summary>
    public WorldClock Clock { get; }

    /// <summary>The run's seed; every random draw is keyed by it.</summary>
    public ulong Seed { get; }

    /// <summary>The systems of one tick, in the order they run.</summary>
    public IReadOnlyList<ISystem> Systems => _systems;

    /// <summary>Adds an observer called after every tick.</summary>
    public void Observe(ITickObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Add(observer);
    }

    /// <summary>A random stream for this run, keyed by purpose, the current tick and an entity or pair.</summary>
    public Rng Random(ulong purpose, long entity = 0) => Rng.For(Seed, purpose, Clock.Tick, entity);

    /// <summary>The streams of <see cref="Random"/> for one purpose this tick, cheaper per entity when drawing for many.</summary>
    public RngStreams Streams(ulong purpose) => RngStreams.For(Seed, purpose, Clock.Tick);

    /// <summary>Runs one tick: every system in order, then every observer; then advances the clock.</summary>
    public void Step()
    {
        foreach (var system in _systems)
        {
            system.Update(this);
        }

        foreach (var observer in _observers)
        {
            observer.OnTick(this);
        }

        Clock.Advance();
    }

    /// <summary>Runs <paramref name="ticks"/> ticks, reporting progress after each if asked.</summary>
    public void Run(int ticks, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        for (var t = 0; t < ticks; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            Step();
            progress?.Report(t + 1);
        }
    }
}
