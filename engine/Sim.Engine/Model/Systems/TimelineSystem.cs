using Sim.Ecs;
using Sim.Engine.Core;

namespace Sim.Engine.Model.Systems;

/// <summary>Step 1: applies the scenario's dated entries that fall on this tick.</summary>
public sealed class TimelineSystem(ModelState state, Effects effects) : IModelSystem
{
    private static readonly ulong ActsPurpose = RngKey.Purpose("timeline acts");
    private int _next;

    /// <inheritdoc/>
    public string Name => "timeline";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.ScenarioEffects;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        state.Events.BeginTick();
        var timeline = state.Definition.Timeline;
        while (_next < timeline.Length && timeline[_next].Tick <= state.Tick)
        {
            effects.Apply(timeline[_next].Then, EventOrigin.Timeline, simulation.Random(ActsPurpose, _next));
            _next++;
        }
    }
}
