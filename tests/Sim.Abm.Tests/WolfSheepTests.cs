using NUnit.Framework;
using Sim.Abm.Models;
using Sim.Ecs.Space;

namespace Sim.Abm.Tests;

public sealed class WolfSheepTests
{
    // On a 1x1 grid a random step has nowhere to go: the animal stays on the only cell.
    private static WolfSheep OneCell(double sheepReproduction = 0, double wolfReproduction = 0) =>
        new(new WolfSheepParameters(1, 0, 0, 20, sheepReproduction, wolfReproduction), seed: 3);

    [Test]
    public void SheepStep_OnGrownGrass_GainsEnergyAndEatsIt()
    {
        var model = OneCell();
        model.Grass[0] = true;
        var sheep = model.AddSheep(new Sheep(3, 0, 5), new GridPosition(0, 0));

        model.SheepStep(sheep);

        Assert.That(model.World.Get<Sheep>(sheep).Energy, Is.EqualTo(3 - 1 + 5));
        Assert.That(model.Grass[0], Is.False);
    }

    [Test]
    public void SheepStep_NoGrassAndEnergyBelowOne_Dies()
    {
        var model = OneCell();
        model.Grass[0] = false;
        var sheep = model.AddSheep(new Sheep(1.5, 0, 5), new GridPosition(0, 0));

        model.SheepStep(sheep);

        Assert.That(model.World.IsAlive(sheep), Is.False);
    }

    [Test]
    public void SheepStep_CertainReproduction_HalvesEnergyIntoTwoSheep()
    {
        var model = OneCell(sheepReproduction: 1);
        model.Grass[0] = false;
        var sheep = model.AddSheep(new Sheep(9, 1, 5), new GridPosition(0, 0));

        model.SheepStep(sheep);

        Assert.That(model.World.Get<Sheep>(sheep).Energy, Is.EqualTo(4));
        Assert.That(model.World.CountEntities(new Sim.Ecs.QueryDescription().WithAll<Sheep>()), Is.EqualTo(2));
    }

    [Test]
    public void WolfStep_SheepInItsCell_EatsItAndGainsEnergy()
    {
        var model = OneCell();
        var sheep = model.AddSheep(new Sheep(3, 0, 5), new GridPosition(0, 0));
        var wolf = model.AddWolf(new Wolf(2, 0, 13), new GridPosition(0, 0));

        model.WolfStep(wolf);

        Assert.That(model.World.IsAlive(sheep), Is.False);
        Assert.That(model.World.Get<Wolf>(wolf).Energy, Is.EqualTo(2 - 1 + 13));
    }

    [Test]
    public void WolfStep_HungryWithNoSheep_DiesBelowZero()
    {
        var model = OneCell();
        var wolf = model.AddWolf(new Wolf(0.5, 0, 13), new GridPosition(0, 0));

        model.WolfStep(wolf);

        Assert.That(model.World.IsAlive(wolf), Is.False);
    }

    [Test]
    public void Step_UngrownGrass_RegrowsWhenItsCountdownEnds()
    {
        var model = new WolfSheep(new WolfSheepParameters(1, 0, 0, RegrowthTime: 1, 0, 0), seed: 5);
        model.Grass[0] = false; // its countdown is 1 whether it started grown or not

        model.Step();

        Assert.That(model.Grass[0], Is.True);
    }
}
