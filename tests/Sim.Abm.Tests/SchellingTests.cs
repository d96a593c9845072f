using NUnit.Framework;
using Sim.Abm.Models;
using Sim.Ecs.Space;

namespace Sim.Abm.Tests;

public sealed class SchellingTests
{
    private static Schelling Empty(int minToBeHappy = 3) => new(new SchellingParameters(5, 0, 1, minToBeHappy), seed: 1);

    [Test]
    public void Act_EnoughLikeNeighbours_StaysAndIsHappy()
    {
        var model = Empty();
        var agent = model.Add(0, new GridPosition(2, 2));
        model.Add(0, new GridPosition(1, 1));
        model.Add(0, new GridPosition(3, 3));
        model.Add(0, new GridPosition(2, 1));
        model.Add(1, new GridPosition(1, 2));

        model.Act(agent);

        Assert.That(model.World.Get<Resident>(agent).Happy, Is.True);
        Assert.That(model.World.Get<GridPosition>(agent), Is.EqualTo(new GridPosition(2, 2)));
    }

    [Test]
    public void Act_TooFewLikeNeighbours_MovesToAnEmptyCellUnhappy()
    {
        var model = Empty();
        var agent = model.Add(0, new GridPosition(2, 2));
        model.Add(0, new GridPosition(1, 1));
        model.Add(1, new GridPosition(3, 3));
        model.Add(1, new GridPosition(2, 1));
        model.Add(0, new GridPosition(4, 4)); // like, but outside radius 1

        model.Act(agent);

        var at = model.World.Get<GridPosition>(agent);
        Assert.That(model.World.Get<Resident>(agent).Happy, Is.False);
        Assert.That(at, Is.Not.EqualTo(new GridPosition(2, 2)));
        Assert.That(model.Grid.At(at), Is.EqualTo(agent));
        Assert.That(model.Grid.At(new GridPosition(2, 2)), Is.EqualTo(Sim.Ecs.Entity.Null));
        Assert.That(model.World.Count, Is.EqualTo(5));
    }

    [Test]
    public void Act_ThresholdReadFromTheModel_ZeroMakesALoneAgentHappy()
    {
        var model = Empty(minToBeHappy: 0);
        var agent = model.Add(1, new GridPosition(0, 0));

        model.Act(agent);

        Assert.That(model.World.Get<Resident>(agent).Happy, Is.True);
    }

    [Test]
    public void Step_SmallModel_KeepsOneAgentPerCellAndEveryAgent()
    {
        var model = new Schelling(SchellingParameters.Small, seed: 7);
        for (var s = 0; s < SchellingParameters.Small.Steps; s++)
        {
            model.Step();
        }

        var occupied = 0;
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 40; x++)
            {
                var agent = model.Grid.At(new GridPosition(x, y));
                if (agent != Sim.Ecs.Entity.Null)
                {
                    occupied++;
                    Assert.That(model.World.Get<GridPosition>(agent), Is.EqualTo(new GridPosition(x, y)));
                }
            }
        }

        Assert.That(occupied, Is.EqualTo(1000));
        Assert.That(model.World.Count, Is.EqualTo(1000));
    }
}
