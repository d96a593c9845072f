using Sim.Engine.Model.Systems;
using Sim.Engine.Runs;

namespace Sim.Engine.Model;

/// <summary>The model's tick, in one place: the systems in the order they run (MODEL.md, "Mechanisms each tick").</summary>
public static class ModelSystems
{
    /// <summary>The ordered systems of one tick over <paramref name="state"/>.</summary>
    public static ISystem[] Create(ModelState state)
    {
        var effects = new Effects(state);
        return
        [
            new TimelineSystem(state, effects), // 1. dated scenario events
            new DecisionSystem(state),          // 2-3. perception folded into hostility; logit choice of actions
            new FightingSystem(state),          // 4. Lanchester battles, control, displacement
            new RelationSystem(state),          // 5. Goldstein-driven affinity, observers, patrons, drift
            new EscalationSystem(state),        // 6. tension, ladder with hysteresis
            new RuleSystem(state, effects),     // 7. scenario rules
        ];
    }
}
