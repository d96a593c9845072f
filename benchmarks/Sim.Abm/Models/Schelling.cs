using Sim.Ecs;
using Sim.Ecs.Space;

namespace Sim.Abm.Models;

/// <summary>Schelling's segregation model, as declared by the ABM frameworks comparison.</summary>
public sealed class Schelling
{
    private readonly ShuffledActivation _order;
    private Rng _rng;

    /// <summary>Places the agents at random distinct cells, half in each group, none happy.</summary>
    public Schelling(SchellingParameters parameters, ulong seed)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _rng = Rng.For(seed, RngKey.Purpose("schelling"));
        _order = new(new QueryDescription().WithAll<Resident, GridPosition>(), Act);
        Grid = new(new GridShape(parameters.Width, parameters.Width, periodic: false));
        var cells = Grid.Shape.CellsInRandomOrder(ref _rng);
        for (var a = 0; a < parameters.Agents; a++)
        {
            Add(a % 2, Grid.Shape.Position(cells[a]));
        }
    }

    /// <summary>The agents.</summary>
    public World World { get; } = new();

    /// <summary>The model properties, read by the agents as they act.</summary>
    public SchellingParameters Parameters { get; }

    /// <summary>Who is where; each cell's tag is its agent's group, which is all a neighbour looks at.</summary>
    public GridOccupancy Grid { get; }

    /// <summary>Activates every agent once, in a fresh random order.</summary>
    public void Step() => _order.Activate(World, ref _rng);

    /// <summary>Counts like neighbours: happy if there are enough, else moves to a random empty cell.</summary>
    internal void Act(Entity agent)
    {
        ref var me = ref World.Get<Resident>(agent);
        ref var at = ref World.Get<GridPosition>(agent);
        me.Happy = Grid.Count(at, Parameters.Radius, Neighbourhood.Moore, (byte)me.Group) >= Parameters.MinToBeHappy;
        Grid.Move(ref at, me.Happy ? Grid.Shape.Cell(at) : Grid.RandomEmptyCell(ref _rng));
    }

    /// <summary>Puts an agent of a group, not happy, on an empty cell.</summary>
    internal Entity Add(int group, GridPosition at) => Grid.Place(World.Create(new Resident(group, false), at), at, (byte)group);
}

/// <summary>A Schelling agent's group (0 or 1) and whether it had enough like neighbours when it last acted.</summary>
public record struct Resident(int Group, bool Happy);

/// <summary>Grid side, population, neighbourhood radius (Chebyshev), happiness threshold, steps.</summary>
public sealed record SchellingParameters(int Width, int Agents, int Radius, int MinToBeHappy, int Steps = 20)
{
    /// <summary>40x40, 1,000 agents, radius 1, 3 like neighbours.</summary>
    public static SchellingParameters Small { get; } = new(40, 1000, 1, 3);

    /// <summary>100x100, 8,000 agents, radius 2, 8 like neighbours.</summary>
    public static SchellingParameters Large { get; } = new(100, 8000, 2, 8);
}
