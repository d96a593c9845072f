using Sim.Ecs;
using Sim.Engine.Core;

namespace Sim.Engine.Model.Systems;

/// <summary>Step 10: checks every scenario rule; a rule whose condition holds fires with its chance (once-rules at most once).</summary>
public sealed class RuleSystem(ModelState state, Effects effects) : IModelSystem
{
    private static readonly ulong Purpose = RngKey.Purpose("rules");
    private static readonly ulong ActsPurpose = RngKey.Purpose("rule acts");
    private readonly bool[] _fired = new bool[state.Definition.Rules.Length];

    /// <inheritdoc/>
    public string Name => "rules";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.ScenarioEffects;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var rules = state.Definition.Rules;
        for (var r = 0; r < rules.Length; r++)
        {
            var rule = rules[r];
            if ((rule.Once && _fired[r]) || !rule.When.EvaluateBool(state.Queries))
            {
                continue;
            }

            var chance = rule.Chance.EvaluateNumber(state.Queries);
            if (chance < 1 && !simulation.Random(Purpose, r).Chance(chance))
            {
                continue;
            }

            _fired[r] = true;
            effects.Apply(rule.Then, EventOrigin.Rule, simulation.Random(ActsPurpose, r));
        }
    }
}
