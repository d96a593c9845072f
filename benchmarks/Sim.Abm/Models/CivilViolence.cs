using Sim.Ecs;
using Sim.Ecs.Space;

namespace Sim.Abm.Models;

/// <summary>
/// Epstein's civil violence model (2002) with the rules of Mesa's example
/// (<c>mesa/examples/advanced/epstein_civil_violence</c>): citizens turn active when grievance
/// outweighs the risk of arrest they see; cops jail active citizens in sight.
/// </summary>
public sealed class CivilViolence
{
    private const byte CopTag = 3; // a cell's tag is its citizen's state, or this for a cop
    private readonly ShuffledActivation _order;
    private readonly int[] _empty; // the empty cells and the active citizens' cells in sight, in sight order
    private readonly int[] _actives;
    private Rng _rng;

    /// <summary>Visits the cells in coordinate order: each a cop, a citizen or empty at the given densities.</summary>
    public CivilViolence(CivilViolenceParameters parameters, ulong seed)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _rng = Rng.For(seed, RngKey.Purpose("civil-violence"));
        _order = new(new QueryDescription().WithAll<GridPosition>().WithAny<Citizen, Cop>(), Act);
        Grid = new(new GridShape(parameters.Width, parameters.Width, periodic: true));
        _empty = new int[GridShape.MaxNeighbours(parameters.Vision, Neighbourhood.VonNeumann)];
        _actives = new int[_empty.Length];
        for (var x = 0; x < parameters.Width; x++)
        {
            for (var y = 0; y < parameters.Width; y++)
            {
                var draw = _rng.NextDouble();
                if (draw < parameters.CopDensity)
                {
                    Add(default(Cop), new GridPosition(x, y));
                }
                else if (draw < parameters.CopDensity + parameters.CitizenDensity)
                {
                    var hardship = _rng.NextDouble();
                    Add(new Citizen(hardship, _rng.NextDouble(), hardship * (1 - parameters.Legitimacy)), new GridPosition(x, y));
                }
            }
        }
    }

    /// <summary>The citizens and cops.</summary>
    public World World { get; } = new();

    /// <summary>The model properties.</summary>
    public CivilViolenceParameters Parameters { get; }

    /// <summary>Who is where; each cell's tag is what an agent in sight sees: a cop, or a citizen's state.</summary>
    public GridOccupancy Grid { get; }

    /// <summary>Activates every agent, citizens and cops mixed, in a fresh random order.</summary>
    public void Step() => _order.Activate(World, ref _rng);

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
        where T : unmanaged => Grid.Place(World.Create(agent, at), at, agent is Citizen citizen ? (byte)citizen.State : CopTag);

    internal void Live(Entity entity)
    {
        ref var me = ref World.Get<Citizen>(entity);
        if (me.Sentence > 0)
        {
            me.Sentence--;
            return;
        }

        ref var at = ref World.Get<GridPosition>(entity);
        var (cops, actives, empties) = Look(at);
        var arrest = 1 - Math.Exp(-Parameters.ArrestConstant * Math.Round(cops / (double)(actives + 1), MidpointRounding.ToEven));
        me.State = me.Grievance - (me.RiskAversion * arrest) > Parameters.Threshold ? CitizenState.Active : CitizenState.Quiet;
        Grid.SetTag(Grid.Shape.Cell(at), (byte)me.State);
        MoveToEmpty(ref at, empties);
    }

    internal void Patrol(Entity entity)
    {
        ref var at = ref World.Get<GridPosition>(entity);
        var (_, actives, empties) = Look(at);
        if (actives > 0)
        {
            var cell = _actives[_rng.NextInt(actives)];
            ref var arrestee = ref World.Get<Citizen>(Grid.At(cell));
            arrestee.Sentence = _rng.NextInt(Parameters.MaxJailTerm + 1);
            arrestee.State = CitizenState.Jailed;
            Grid.SetTag(cell, (byte)CitizenState.Jailed);
        }

        MoveToEmpty(ref at, empties);
    }

    private void Act(Entity agent)
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

    /// <summary>Counts cops and active citizens in vision, listing the active ones' cells and the empty cells.</summary>
    private (int Cops, int Actives, int Empties) Look(GridPosition at)
    {
        int cops = 0, actives = 0, empties = 0;
        foreach (var cell in Grid.Shape.Neighbours(at, Parameters.Vision, Neighbourhood.VonNeumann))
        {
            // Every cell is written to both lists; a count moves past it only if it belongs there.
            var tag = Grid.Tag(cell);
            cops += tag == CopTag ? 1 : 0;
            _empty[empties] = cell;
            empties += tag == GridOccupancy.EmptyTag ? 1 : 0;
            _actives[actives] = cell;
            actives += tag == (byte)CitizenState.Active ? 1 : 0;
        }

        return (cops, actives, empties);
    }

    private void MoveToEmpty(ref GridPosition at, int empties)
    {
        if (Parameters.Movement && empties > 0)
        {
            Grid.Move(ref at, _empty[_rng.NextInt(empties)]);
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
