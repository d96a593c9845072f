using NUnit.Framework;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Tests.Scenarios;

/// <summary>An in-memory <see cref="IScenarioState"/> with settable values; lookups allocate nothing.</summary>
internal sealed class FakeScenarioState(int actors, int regions, int parameters) : IScenarioState
{
    public readonly double[,] AffinityValues = new double[actors, actors];
    public readonly int[,] EscalationValues = new int[actors, actors];
    public readonly int[,] MaxEscalationValues = new int[actors, actors];
    public readonly int[] Controller = Enumerable.Repeat(-1, regions).ToArray();
    public readonly double[] PowerValues = new double[actors];
    public readonly double[] CohesionValues = new double[actors];
    public readonly double[,] StrengthValues = new double[actors, regions];
    public readonly double[] PopulationValues = new double[regions];
    public readonly double[] DisplacedValues = new double[regions];
    public readonly double[] Parameters = new double[parameters];
    public readonly List<(int Action, int Actor, int Target, int Region, int Tick, double Fatalities, double Civilian)> Events = [];

    public int Tick { get; set; }

    public double Affinity(int a, int b) => AffinityValues[a, b];
    public int Escalation(int a, int b) => EscalationValues[a, b];
    public int MaxEscalation(int a, int b) => MaxEscalationValues[a, b];
    public bool Controls(int actor, int region) => Controller[region] == actor;
    public HashSet<(int A, int B, int Action)> Regimes { get; } = [];
    public bool Regime(int a, int b, int action) => Regimes.Contains((a, b, action));
    public double Power(int actor) => PowerValues[actor];
    public double Cohesion(int actor) => CohesionValues[actor];

    public int Faction(int actor) => 0;
    public double Population(int region) => PopulationValues[region];
    public double Displaced(int region) => DisplacedValues[region];
    public double Parameter(int index) => Parameters[index];

    public double Strength(int actor, int region)
    {
        if (region >= 0)
        {
            return StrengthValues[actor, region];
        }
        var total = 0.0;
        for (var r = 0; r < StrengthValues.GetLength(1); r++)
        {
            total += StrengthValues[actor, r];
        }
        return total;
    }

    private bool Matches(int i, int action, int actor, int target, int region)
    {
        var e = Events[i];
        return (action < 0 || e.Action == action) && (actor < 0 || e.Actor == actor)
            && (target < 0 || e.Target == target) && (region < 0 || e.Region == region);
    }

    public int EventCount(int action, int actor, int target, int region, int withinTicks, int minCivilians = 0)
    {
        var n = 0;
        for (var i = 0; i < Events.Count; i++)
        {
            if (Matches(i, action, actor, target, region) && (withinTicks < 0 || Events[i].Tick > Tick - withinTicks)
                && Events[i].Civilian >= minCivilians)
            {
                n++;
            }
        }
        return n;
    }

    public int FirstTick(int action, int actor, int target, int region)
    {
        for (var i = 0; i < Events.Count; i++)
        {
            if (Matches(i, action, actor, target, region))
            {
                return Events[i].Tick;
            }
        }
        return -1;
    }

    public double Fatalities(int region, bool civilian)
    {
        var total = 0.0;
        for (var i = 0; i < Events.Count; i++)
        {
            if (region < 0 || Events[i].Region == region)
            {
                total += civilian ? Events[i].Civilian : Events[i].Fatalities;
            }
        }
        return total;
    }
}
