using NUnit.Framework;
using Sim.Abm.Models;
using Sim.Ecs;

namespace Sim.Abm.Tests;

/// <summary>A model run is a pure function of its parameters and seed, like a scenario run.</summary>
public sealed class DeterminismTests
{
    private static IEnumerable<TestCaseData> Models()
    {
        yield return new TestCaseData((Func<ulong, string>)(seed => Run(new Schelling(SchellingParameters.Small, seed), m => m.Step(), m => StateHash.Of(m.World)))).SetName("Schelling");
        yield return new TestCaseData((Func<ulong, string>)(seed => Run(new WolfSheep(WolfSheepParameters.Small, seed), m => m.Step(), m => StateHash.Of(m.World)))).SetName("WolfSheep");
        yield return new TestCaseData((Func<ulong, string>)(seed => Run(new Flocking(FlockingParameters.Small, seed), m => m.Step(), FlockingState))).SetName("Flocking");
        yield return new TestCaseData((Func<ulong, string>)(seed => Run(new CivilViolence(CivilViolenceParameters.Default, seed), m => m.Step(), m => StateHash.Of(m.World)))).SetName("CivilViolence");
    }

    [TestCaseSource(nameof(Models))]
    public void Run_SameSeed_SameStateAndAnotherSeedDiffers(Func<ulong, string> run)
    {
        var first = run(5);
        var again = run(5);
        var other = run(6);

        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
    }

    private static string Run<TModel>(TModel model, Action<TModel> step, Func<TModel, string> state)
    {
        for (var s = 0; s < 10; s++)
        {
            step(model);
        }

        return state(model);
    }

    /// <summary>The birds' positions and headings live in the space, not in the world: the state is both.</summary>
    private static string FlockingState(Flocking model)
    {
        var state = new System.Text.StringBuilder(StateHash.Of(model.World));
        foreach (var table in model.World.GetQuery(new QueryDescription().WithAll<Flight>()).Tables)
        {
            foreach (var bird in table.Entities)
            {
                state.Append(System.Globalization.CultureInfo.InvariantCulture, $";{model.Space.Position(bird)}{model.Space.Velocity(bird)}");
            }
        }

        return state.ToString();
    }
}
