namespace Sim.Ecs.Space;

/// <summary>An agent's cell on a discrete grid: a component, so that queries can read it.</summary>
public record struct GridPosition(int X, int Y);

/// <summary>Which cells around a cell are its neighbours.</summary>
public enum Neighbourhood
{
    /// <summary>Every cell within Chebyshev distance r: the (2r+1)² square around the cell.</summary>
    Moore,

    /// <summary>Every cell within Manhattan distance r: the diamond around the cell.</summary>
    VonNeumann,
}
