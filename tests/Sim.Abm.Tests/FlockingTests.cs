using NUnit.Framework;
using Sim.Abm.Models;

namespace Sim.Abm.Tests;

public sealed class FlockingTests
{
    private static Flocking Empty() => new(new FlockingParameters(100, 0, 5), seed: 9);

    private static Sim.Ecs.Entity AddBird(Flocking model, double x, double y, double hx, double hy) => model.Add(x, y, hx, hy);

    [Test]
    public void Fly_BirdAlone_KeepsHeadingAndMovesOneSpeed()
    {
        var model = Empty();
        var bird = AddBird(model, 50, 50, 0.6, 0.8);
        AddBird(model, 80, 80, 1, 0); // out of sight

        model.Fly(bird);

        var heading = model.Space.Velocity(bird);
        var at = model.Space.Position(bird);
        Assert.That(heading.X, Is.EqualTo(0.6).Within(1e-12));
        Assert.That(heading.Y, Is.EqualTo(0.8).Within(1e-12));
        Assert.That(at.X, Is.EqualTo(50.6).Within(1e-12));
        Assert.That(at.Y, Is.EqualTo(50.8).Within(1e-12));
    }

    [Test]
    public void Fly_NeighbourInSight_TurnsTowardItsHeading()
    {
        var model = Empty();
        var bird = AddBird(model, 50, 50, 1, 0);
        AddBird(model, 53, 50, 0, 1);

        model.Fly(bird);

        var heading = model.Space.Velocity(bird);
        Assert.That(heading.Y, Is.GreaterThan(0));
        Assert.That((heading.X * heading.X) + (heading.Y * heading.Y), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void Fly_NeighbourAcrossTheEdge_IsInSight()
    {
        var model = Empty();
        var bird = AddBird(model, 99, 50, 1, 0);
        AddBird(model, 1, 50, 0, 1); // 2 away through the periodic edge

        model.Fly(bird);

        Assert.That(model.Space.Velocity(bird).Y, Is.GreaterThan(0));
        Assert.That(model.Space.Position(bird).X, Is.LessThan(100));
    }

    [Test]
    public void Fly_PastTheEdge_WrapsAround()
    {
        var model = Empty();
        var bird = AddBird(model, 99.5, 0.2, 1, 0);

        model.Fly(bird);

        Assert.That(model.Space.Position(bird).X, Is.EqualTo(0.5).Within(1e-9));
    }
}
