using Sim.Engine.Core;
using Sim.Engine.Model.Systems;

namespace Sim.Engine.Model;

/// <summary>
/// The model's tick, in one place: the systems in the order they run, as docs/model.md ("The tick") and README.md
/// ("The model in one tick", held to this list by a test) describe them.
/// </summary>
public static class ModelSystems
{
    /// <summary>The ordered systems of one tick over <paramref name="state"/>.</summary>
    public static IModelSystem[] Create(ModelState state)
    {
        var effects = new Effects(state);
        return
        [
            new TimelineSystem(state, effects), // 1. dated scenario events
            new PerceptionSystem(state),        // 2. threat of each actor to each other
            new DecisionSystem(state),          // 3. logit choice of actions: diplomacy, sanctions, strikes, arms, mediation
            new FightingSystem(state),          // 4. retreats, advances and reinforcements, Lanchester battles, control, displacement
            new ContractSystem(state),          // 5. PMC payments, patron resupply, withdrawals, new contracts
            new JuntaSystem(state),             // 6. junta cohesion from losses, harm, victories; instability, coups
            new RelationSystem(state),          // 7. Goldstein-driven affinity: observers, patrons' blame, treaties, drift
            new ArmsRaceSystem(state),          // 8. Richardson arms race on military power
            new EscalationSystem(state),        // 9. tension, treaties, ladder with hysteresis
            new RuleSystem(state, effects),     // 10. scenario rules
        ];
    }
}
