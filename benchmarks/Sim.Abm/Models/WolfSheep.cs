using Sim.Ecs;
using Sim.Ecs.Space;

namespace Sim.Abm.Models;

/// <summary>Wolf-sheep-grass predation on a bounded grid, as declared by the ABM frameworks comparison.</summary>
public sealed class WolfSheep
{
    private readonly ShuffledActivation _sheep;
    private readonly ShuffledActivation _wolves;
    private readonly CellIndex _sheepAt; // wolves look for sheep in their cell
    private readonly GridShape _grid;
    private readonly bool[] _grown;
    private readonly int[] _countdown;
    private Rng _rng;

    /// <summary>Places sheep and wolves at random cells; half the grass grown, the rest counting down.</summary>
    public WolfSheep(WolfSheepParameters parameters, ulong seed)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _rng = Rng.For(seed, RngKey.Purpose("wolf-sheep"));
        _sheep = new(new QueryDescription().WithAll<Sheep>());
        _wolves = new(new QueryDescription().WithAll<Wolf>());
        _grid = new GridShape(parameters.Width, parameters.Width, periodic: false);
        _sheepAt = new CellIndex(_grid.Cells);
        _grown = new bool[_grid.Cells];
        _countdown = new int[_grid.Cells];
        for (var c = 0; c < _grid.Cells; c++)
        {
            _grown[c] = _rng.Chance(0.5);
            _countdown[c] = _grown[c] ? parameters.RegrowthTime : _rng.NextInt(1, parameters.RegrowthTime + 1);
        }

        for (var s = 0; s < parameters.Sheep; s++)
        {
            var energy = 1 + (_rng.NextDouble() * ((2 * parameters.SheepGain) - 1));
            AddSheep(new Sheep(energy, parameters.SheepReproduction, parameters.SheepGain), RandomCell());
        }

        for (var w = 0; w < parameters.Wolves; w++)
        {
            var energy = 1 + (_rng.NextDouble() * ((2 * parameters.WolfGain) - 1));
            AddWolf(new Wolf(energy, parameters.WolfReproduction, parameters.WolfGain), RandomCell());
        }
    }

    /// <summary>The sheep and wolves.</summary>
    public World World { get; } = new();

    /// <summary>The model properties.</summary>
    public WolfSheepParameters Parameters { get; }

    /// <summary>Whether each cell's grass is fully grown, by cell number.</summary>
    internal Span<bool> Grass => _grown;

    /// <summary>All sheep in random order, then all wolves in random order, then the grass.</summary>
    public void Step()
    {
        foreach (var sheep in _sheep.Shuffle(World, ref _rng))
        {
            SheepStep(sheep);
        }

        foreach (var wolf in _wolves.Shuffle(World, ref _rng))
        {
            WolfStep(wolf);
        }

        for (var c = 0; c < _grown.Length; c++)
        {
            if (!_grown[c] && --_countdown[c] <= 0)
            {
                _grown[c] = true;
            }
        }
    }

    internal void SheepStep(Entity entity)
    {
        ref var at = ref World.Get<GridPosition>(entity);
        var from = _grid.Cell(at);
        at = _grid.RandomStep(at, ref _rng);
        var cell = _grid.Cell(at);
        _sheepAt.Move(entity, from, cell);
        ref var sheep = ref World.Get<Sheep>(entity);
        sheep.Energy -= 1;
        if (_grown[cell])
        {
            sheep.Energy += sheep.Gain;
            _grown[cell] = false;
            _countdown[cell] = Parameters.RegrowthTime;
        }

        if (sheep.Energy < 1)
        {
            _sheepAt.Remove(entity, cell);
            World.Destroy(entity);
        }
        else if (_rng.Chance(sheep.Reproduction))
        {
            sheep.Energy /= 2;
            AddSheep(sheep, at);
        }
    }

    internal void WolfStep(Entity entity)
    {
        ref var at = ref World.Get<GridPosition>(entity);
        at = _grid.RandomStep(at, ref _rng);
        var cell = _grid.Cell(at);
        ref var wolf = ref World.Get<Wolf>(entity);
        wolf.Energy -= 1;
        if (_sheepAt.First(cell) is var prey && prey != Entity.Null)
        {
            _sheepAt.Remove(prey, cell);
            World.Destroy(prey);
            wolf.Energy += wolf.Gain;
        }

        if (wolf.Energy < 0)
        {
            World.Destroy(entity);
        }
        else if (_rng.Chance(wolf.Reproduction))
        {
            wolf.Energy /= 2;
            AddWolf(wolf, at);
        }
    }

    internal Entity AddSheep(Sheep sheep, GridPosition at)
    {
        var entity = World.Create(sheep, at);
        _sheepAt.Add(entity, _grid.Cell(at));
        return entity;
    }

    internal Entity AddWolf(Wolf wolf, GridPosition at) => World.Create(wolf, at);

    private GridPosition RandomCell() => new(_rng.NextInt(Parameters.Width), _rng.NextInt(Parameters.Width));
}

/// <summary>A sheep: energy, chance to reproduce each step, energy gained from grass.</summary>
public record struct Sheep(double Energy, double Reproduction, double Gain);

/// <summary>A wolf: energy, chance to reproduce each step, energy gained from a sheep.</summary>
public record struct Wolf(double Energy, double Reproduction, double Gain);

/// <summary>Grid side, populations, regrowth time, reproduction chances and energy gains, steps.</summary>
public sealed record WolfSheepParameters(
    int Width, int Sheep, int Wolves, int RegrowthTime, double SheepReproduction, double WolfReproduction,
    double SheepGain = 5, double WolfGain = 13, int Steps = 100)
{
    /// <summary>25x25, 60 sheep, 40 wolves, regrowth 20, reproduction 0.2 and 0.1.</summary>
    public static WolfSheepParameters Small { get; } = new(25, 60, 40, 20, 0.2, 0.1);

    /// <summary>100x100, 1,000 sheep, 500 wolves, regrowth 10, reproduction 0.4 and 0.2.</summary>
    public static WolfSheepParameters Large { get; } = new(100, 1000, 500, 10, 0.4, 0.2);
}
