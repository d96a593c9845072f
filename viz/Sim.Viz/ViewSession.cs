using Sim.Engine.Core;
using Sim.Engine.Scenarios;
using Sim.Viz.Geo;
using Sim.Viz.Scene;

namespace Sim.Viz;

/// <summary>
/// A run being watched: the scenario run, its snapshot after every tick, and the scene that
/// draws it. The live window and headless rendering both step the run through this class, so
/// the same seed and tick give the same snapshot, hence the same frame.
/// </summary>
public sealed class ViewSession : IDisposable
{
    /// <summary>A session for <paramref name="definition"/> with the map of <paramref name="countries"/>, at tick 0.</summary>
    public ViewSession(ScenarioDefinition definition, CountryMap countries, ulong seed, int? ticks = null, MapStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Style = style ?? MapStyle.Default;
        Layout = new MapLayout(definition, countries);
        Scene = new MapScene(Layout);
        Snapshot = new MapSnapshot(Layout);
        TickLimit = ticks;
        Run = Start(seed);
    }

    /// <summary>The static map.</summary>
    public MapLayout Layout { get; }

    /// <summary>The drawing code.</summary>
    public MapScene Scene { get; }

    /// <summary>The state drawn, updated after every step.</summary>
    public MapSnapshot Snapshot { get; }

    /// <summary>The look.</summary>
    public MapStyle Style { get; }

    /// <summary>The run watched.</summary>
    public ScenarioRun Run { get; private set; }

    /// <summary>Ticks run so far.</summary>
    public int Tick => Run.Simulation.Clock.Tick;

    /// <summary>True when the run has reached its last tick.</summary>
    public bool Finished => Tick >= Run.Ticks;

    private int? TickLimit { get; }

    /// <summary>Runs one tick (unless finished) and captures it; returns false when the run was already over.</summary>
    public bool Step()
    {
        if (Finished)
        {
            return false;
        }

        Run.Simulation.Step();
        Capture();
        return true;
    }

    /// <summary>Starts again from tick 0 with another seed.</summary>
    public void Restart(ulong seed) => Run = Start(seed);

    /// <inheritdoc/>
    public void Dispose() => Scene.Dispose();

    private ScenarioRun Start(ulong seed)
    {
        var run = new ScenarioRun(Layout.Definition, seed, TickLimit);
        Run = run;
        Capture();
        return run;
    }

    private void Capture() => Snapshot.Capture(Run.State, Run.Seed, Run.Ticks, Style.EventDays);
}
