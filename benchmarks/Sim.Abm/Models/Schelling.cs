using Sim.Abm.Kit;
using Sim.Ecs;

namespace Sim.Abm.Models;

/// <summary>Schelling's segregation model, as declared by the ABM frameworks comparison.</summary>
public sealed class Schelling
{
    private static readonly QueryDescription Residents = new QueryDescription().WithAll<Resident, GridPosition>();
    private readonly Entity[] _grid; // Entity.Null marks an empty cell
    private readonly ShuffledOrder _order = new();
    private Rng _rng;

    /// <summary>Places the agents at random distinct cells, half in each group, none happy.</summary>
    public Schelling(SchellingParameters parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _rng = Rng.For(seed, RngKey.Purpose("schelling"));
        var size = parameters.Width;
        _grid = new Entity[size * size];
        var cells = new int[_grid.Length];
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = c;
        }

        _rng.Shuffle(cells.AsSpan());
        for (var a = 0; a < parameters.Agents; a++)
        {
            Add(a % 2, new GridPosition(cells[a] % size, cells[a] / size));
        }
    }

    /// <summary>The agents.</summary>
    public World World { get; } = new();

    /// <summary>The model properties, read by the agents as they act.</summary>
    public SchellingParameters Parameters { get; }

    /// <summary>Activates every agent once, in a fresh random order.</summary>
    public void Step()
    {
        foreach (var agent in _order.Shuffle(World, Residents, ref _rng))
        {
            Act(agent);
        }
    }

    /// <summary>Counts like neighbours: happy if there are enough, else moves to a random empty cell.</summary>
    internal void Act(Entity agent)
    {
        ref var me = ref World.Get<Resident>(agent);
        ref var at = ref World.Get<GridPosition>(agent);
        int size = Parameters.Width, r = Parameters.Radius, same = 0;
        for (var y = Math.Max(0, at.Y - r); y <= Math.Min(size - 1, at.Y + r); y++)
        {
            for (var x = Math.Max(0, at.X - r); x <= Math.Min(size - 1, at.X + r); x++)
            {
                var other = _grid[(y * size) + x];
                if (other != Entity.Null && other != agent && World.Get<Resident>(other).Group == me.Group)
                {
                    same++;
                }
            }
        }

        me.Happy = same >= Parameters.MinToBeHappy;
        if (!me.Happy)
        {
            int cell;
            do
            {
                cell = _rng.NextInt(_grid.Length);
            }
            while (_grid[cell] != Entity.Null);
            _grid[at.Cell(size)] = Entity.Null;
            _grid[cell] = agent;
            at = new GridPosition(cell % size, cell / size);
        }
    }

    /// <summary>Puts an agent of a group, not happy, on an empty cell.</summary>
    internal Entity Add(int group, GridPosition at) =>
        _grid[at.Cell(Parameters.Width)] = World.Create(new Resident { Group = group }, at);

    /// <summary>The agent in a cell, or <see cref="Entity.Null"/>.</summary>
    public Entity At(int x, int y) => _grid[(y * Parameters.Width) + x];
}

/// <summary>A Schelling agent's group and mood.</summary>
public struct Resident
{
    /// <summary>0 or 1.</summary>
    public int Group;

    /// <summary>Whether it had enough like neighbours when it last acted.</summary>
    public bool Happy;
}

/// <summary>Grid side, population, neighbourhood radius (Chebyshev), happiness threshold, steps.</summary>
public sealed record SchellingParameters(int Width, int Agents, int Radius, int MinToBeHappy, int Steps = 20)
{
    /// <summary>40x40, 1,000 agents, radius 1, 3 like neighbours.</summary>
    public static SchellingParameters Small { get; } = new(40, 1000, 1, 3);

    /// <summary>100x100, 8,000 agents, radius 2, 8 like neighbours.</summary>
    public static SchellingParameters Large { get; } = new(100, 8000, 2, 8);
}
