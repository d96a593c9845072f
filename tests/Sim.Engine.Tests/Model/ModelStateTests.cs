using NUnit.Framework;

namespace Sim.Engine.Tests.Model;

public sealed class ModelStateTests
{
    [Test]
    public void ScaleForces_CachedStrengths_EqualAFullRefreshBitForBit()
    {
        var definition = TinyWorld.Load(TinyWorld.Header + """
            forces:
              - {owner: A, region: r1, strength: 0.1}
              - {owner: B, region: r1, strength: 7}
              - {owner: A, region: r2, strength: 0.7}
              - {owner: A, region: r1, strength: 0.2}
              - {owner: A, region: r1, strength: 0.3}
            """);
        var state = new ScenarioRun(definition, seed: 1).State;
        _ = state.Strengths.Of(0, -1); // a clean cache, which ScaleForces must keep exact

        state.Strengths.Scale(0, 0, 0.37);
        var (inRegion, total, other) = (state.Strengths.Of(0, 0), state.Strengths.Of(0, -1), state.Strengths.Of(1, 0));
        state.Strengths.Invalidate();

        Assert.That(inRegion, Is.EqualTo(state.Strengths.Of(0, 0)));
        Assert.That(total, Is.EqualTo(state.Strengths.Of(0, -1)));
        Assert.That(other, Is.EqualTo(7));
        Assert.That(inRegion, Is.EqualTo(((0.1 * 0.37) + (0.2 * 0.37)) + (0.3 * 0.37)).Within(1e-15));
    }
}
