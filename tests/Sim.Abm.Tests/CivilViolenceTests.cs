using NUnit.Framework;
using Sim.Abm.Models;
using Sim.Ecs.Space;

namespace Sim.Abm.Tests;

public sealed class CivilViolenceTests
{
    private static CivilViolence Empty() =>
        new(new CivilViolenceParameters(CitizenDensity: 0, CopDensity: 0, Movement: false), seed: 11);

    private static Citizen Active(CivilViolence model, GridPosition at, out Sim.Ecs.Entity entity)
    {
        var citizen = new Citizen(1, 0, 0.9) { State = CitizenState.Active };
        entity = model.Add(citizen, at);
        return citizen;
    }

    [Test]
    public void Patrol_ActiveCitizensInAndOutOfVision_ArrestsOnlyTheOneInVision()
    {
        var model = Empty();
        var cop = model.Add(default(Cop), new GridPosition(10, 10));
        Active(model, new GridPosition(13, 14), out var near); // Manhattan 7
        Active(model, new GridPosition(14, 14), out var far); // Manhattan 8
        var quiet = model.Add(new Citizen(0.1, 0.5, 0.02), new GridPosition(10, 11));

        model.Patrol(cop);

        Assert.That(model.World.Get<Citizen>(near).State, Is.EqualTo(CitizenState.Jailed));
        Assert.That(model.World.Get<Citizen>(near).Sentence, Is.InRange(0, 1000));
        Assert.That(model.World.Get<Citizen>(far).State, Is.EqualTo(CitizenState.Active));
        Assert.That(model.World.Get<Citizen>(quiet).State, Is.EqualTo(CitizenState.Quiet));
    }

    [Test]
    public void Patrol_VisionWrapsAroundTheTorus()
    {
        var model = Empty();
        var cop = model.Add(default(Cop), new GridPosition(0, 0));
        Active(model, new GridPosition(38, 39), out var across); // 2 + 1 through the edges

        model.Patrol(cop);

        Assert.That(model.World.Get<Citizen>(across).State, Is.EqualTo(CitizenState.Jailed));
    }

    [Test]
    public void Live_GrievanceAndNoCops_TurnsActive()
    {
        var model = Empty();
        var citizen = model.Add(new Citizen(1, 0.5, 0.2), new GridPosition(5, 5));

        model.Live(citizen);

        Assert.That(model.World.Get<Citizen>(citizen).State, Is.EqualTo(CitizenState.Active));
    }

    [Test]
    public void Live_CopsOutnumberActives_RiskAverseCitizenStaysQuiet()
    {
        var model = Empty();
        var citizen = model.Add(new Citizen(1, 0.9, 0.2), new GridPosition(5, 5));
        model.Add(default(Cop), new GridPosition(5, 6));

        model.Live(citizen);

        // P = 1 - exp(-2.3 * round(1 / 1)) = 0.90; 0.2 - 0.9 * 0.90 < 0.1.
        Assert.That(model.World.Get<Citizen>(citizen).State, Is.EqualTo(CitizenState.Quiet));
    }

    [Test]
    public void Live_Jailed_ServesOneStepAndKeepsItsCell()
    {
        var model = new CivilViolence(new CivilViolenceParameters(CitizenDensity: 0, CopDensity: 0), seed: 11);
        var at = new GridPosition(3, 3);
        var citizen = model.Add(new Citizen(1, 0, 0.2) { State = CitizenState.Jailed, Sentence = 4 }, at);

        model.Live(citizen);

        Assert.That(model.World.Get<Citizen>(citizen).Sentence, Is.EqualTo(3));
        Assert.That(model.World.Get<Citizen>(citizen).State, Is.EqualTo(CitizenState.Jailed));
        Assert.That(model.World.Get<GridPosition>(citizen), Is.EqualTo(at));
    }

    [Test]
    public void Count_DefaultModel_CountsEveryCitizenOnce()
    {
        var model = new CivilViolence(CivilViolenceParameters.Default, seed: 2);
        var citizens = model.World.CountEntities(new Sim.Ecs.QueryDescription().WithAll<Citizen>());
        model.Step();

        var (quiet, active, jailed) = model.Count();

        Assert.That(quiet + active + jailed, Is.EqualTo(citizens));
        Assert.That(citizens, Is.InRange(1000, 1240)); // about 0.7 of 1,600 cells
    }
}
