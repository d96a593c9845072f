using NUnit.Framework;
using Sim.Abm.Models;
using Sim.Ecs;

namespace Sim.Abm.Tests;

/// <summary>A model run is a pure function of its parameters and seed, like a scenario run.</summary>
public sealed class DeterminismTests
{
    private static IEnumerable<TestCaseData> Models()
    {
        yield return new TestCaseData((Func<ulong, World>)(seed => Run(new Schelling(SchellingParameters.Small, seed), m => m.Step(), m => m.World))).SetName("Schelling");
        yield return new TestCaseData((Func<ulong, World>)(seed => Run(new WolfSheep(WolfSheepParameters.Small, seed), m => m.Step(), m => m.World))).SetName("WolfSheep");
        yield return new TestCaseData((Func<ulong, World>)(seed => Run(new Flocking(FlockingParameters.Small, seed), m => m.Step(), m => m.World))).SetName("Flocking");
        yield return new TestCaseData((Func<ulong, World>)(seed => Run(new CivilViolence(CivilViolenceParameters.Default, seed), m => m.Step(), m => m.World))).SetName("CivilViolence");
    }

    [TestCaseSource(nameof(Models))]
    public void Run_SameSeed_SameWorldAndAnotherSeedDiffers(Func<ulong, World> run)
    {
        var first = StateHash.Of(run(5));
        var again = StateHash.Of(run(5));
        var other = StateHash.Of(run(6));

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    private static World Run<TModel>(TModel model, Action<TModel> step, Func<TModel, World> world)
    {
        for (var s = 0; s < 10; s++)
        {
            step(model);
        }

        return world(model);
    }
}
