using Sim.Abm.Kit;
using Sim.Ecs;

namespace Sim.Abm.Models;

/// <summary>
/// Epstein's civil violence model (2002) with the rules of Mesa's example
/// (<c>mesa/examples/advanced/epstein_civil_violence</c>): citizens turn active when grievance
/// outweighs the risk of arrest they see; cops jail active citizens in sight.
/// </summary>
public sealed class CivilViolence
{
    private static readonly QueryDescription Agents = new QueryDescription().WithAll<GridPosition>().WithAny<Citizen, Cop>();
    private readonly Entity[] _grid; // at most one agent per cell; Entity.Null when empty
    private readonly (int Dx, int Dy)[] _vision; // Manhattan distance 1..radius
    private readonly ShuffledOrder _order = new();
    private int[] _empty = [];
    private Entity[] _actives = [];
    private Rng _rng;

    /// <summary>Visits the cells in coordinate order: each a cop, a citizen or empty at the given densities.</summary>
    public CivilViolence(CivilViolenceParameters parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _rng = Rng.For(seed, RngKey.Purpose("civil-violence"));
        var size = parameters.Width;
        _grid = new Entity[size * size];
        var r = parameters.Vision;
        _vision = [.. from dy in Enumerable.Range(-r, (2 * r) + 1)
                      from dx in Enumerable.Range(-r, (2 * r) + 1)
                      where Math.Abs(dx) + Math.Abs(dy) is > 0 and var d && d <= r
                      select (dx, dy)];
        _empty = new int[_vision.Length];
        _actives = new Entity[_vision.Length];
        for (var x = 0; x < size; x++)
        {
            for (var y = 0; y < size; y++)
            {
                var draw = _rng.NextDouble();
                var at = new GridPosition(x, y);
                if (draw < parameters.CopDensity)
                {
                    Add(default(Cop), at);
                }
                else if (draw < parameters.CopDensity + parameters.CitizenDensity)
                {
                    var hardship = _rng.NextDouble();
                    var citizen = new Citizen(hardship, _rng.NextDouble(), hardship * (1 - parameters.Legitimacy));
                    Add(citizen, at);
                }
            }
        }
    }

    /// <summary>The citizens and cops.</summary>
    public World World { get; } = new();

    /// <summary>The model properties.</summary>
    public CivilViolenceParameters Parameters { get; }

    /// <summary>Activates every agent, citizens and cops mixed, in a fresh random order.</summary>
    public void Step()
    {
        foreach (var agent in _order.Shuffle(World, Agents, ref _rng))
        {
            if (World.Has<Cop>(agent))
            {
                Patrol(agent);
            }
            else
            {
                Live(agent);
            }
        }
    }

    /// <summary>Citizens now quiet, active and in jail.</summary>
    public (int Quiet, int Active, int Jailed) Count()
    {
        Span<int> counts = stackalloc int[3];
        foreach (var table in World.GetQuery(new QueryDescription().WithAll<Citizen>()).Tables)
        {
            foreach (var citizen in table.GetSpan<Citizen>())
            {
                counts[(int)citizen.State]++;
            }
        }

        return (counts[0], counts[1], counts[2]);
    }

    /// <summary>Puts a citizen or a cop on an empty cell.</summary>
    internal Entity Add<T>(T agent, GridPosition at)
        where T : unmanaged => _grid[at.Cell(Parameters.Width)] = World.Create(agent, at);

    internal void Live(Entity entity)
    {
        ref var me = ref World.Get<Citizen>(entity);
        if (me.Sentence > 0)
        {
            me.Sentence--;
            return;
        }

        var (cops, actives, empties) = Look(entity);
        var arrest = 1 - Math.Exp(-Parameters.ArrestConstant * Math.Round(cops / (double)(actives + 1), MidpointRounding.ToEven));
        me.State = me.Grievance - (me.RiskAversion * arrest) > Parameters.Threshold ? CitizenState.Active : CitizenState.Quiet;
        MoveToEmpty(entity, empties);
    }

    internal void Patrol(Entity entity)
    {
        var (_, actives, empties) = Look(entity);
        if (actives > 0)
        {
            ref var arrestee = ref World.Get<Citizen>(_actives[_rng.NextInt(actives)]);
            arrestee.Sentence = _rng.NextInt(Parameters.MaxJailTerm + 1);
            arrestee.State = CitizenState.Jailed;
        }

        MoveToEmpty(entity, empties);
    }

    /// <summary>Counts cops and active citizens in vision, listing the active ones and the empty cells.</summary>
    private (int Cops, int Actives, int Empties) Look(Entity entity)
    {
        var at = World.Get<GridPosition>(entity);
        int size = Parameters.Width, cops = 0, actives = 0, empties = 0;
        foreach (var (dx, dy) in _vision)
        {
            var cell = (((at.Y + dy + size) % size) * size) + ((at.X + dx + size) % size);
            var other = _grid[cell];
            if (other == Entity.Null)
            {
                _empty[empties++] = cell;
            }
            else if (World.Has<Cop>(other))
            {
                cops++;
            }
            else if (World.Get<Citizen>(other).State == CitizenState.Active)
            {
                _actives[actives++] = other;
            }
        }

        return (cops, actives, empties);
    }

    private void MoveToEmpty(Entity entity, int empties)
    {
        if (Parameters.Movement && empties > 0)
        {
            ref var at = ref World.Get<GridPosition>(entity);
            var cell = _empty[_rng.NextInt(empties)];
            _grid[at.Cell(Parameters.Width)] = Entity.Null;
            _grid[cell] = entity;
            at = new GridPosition(cell % Parameters.Width, cell / Parameters.Width);
        }
    }
}

/// <summary>A citizen's view of the regime and its state.</summary>
public record struct Citizen(double Hardship, double RiskAversion, double Grievance)
{
    /// <summary>Quiet, active or jailed.</summary>
    public CitizenState State { get; set; }

    /// <summary>Steps left in jail.</summary>
    public int Sentence { get; set; }
}

/// <summary>What a citizen is doing.</summary>
public enum CitizenState : byte
{
    /// <summary>Not rebelling.</summary>
    Quiet,

    /// <summary>Openly rebelling.</summary>
    Active,

    /// <summary>Arrested; stays in its cell until the sentence is served.</summary>
    Jailed,
}

/// <summary>A cop: no state of its own.</summary>
public struct Cop;

/// <summary>Mesa's defaults: a 40x40 torus, densities, vision, legitimacy, arrest constant, threshold, jail term.</summary>
public sealed record CivilViolenceParameters(
    int Width = 40, double CitizenDensity = 0.7, double CopDensity = 0.074, int Vision = 7, double Legitimacy = 0.8,
    double ArrestConstant = 2.3, double Threshold = 0.1, int MaxJailTerm = 1000, bool Movement = true, int Steps = 100)
{
    /// <summary>Mesa's example defaults.</summary>
    public static CivilViolenceParameters Default { get; } = new();
}
