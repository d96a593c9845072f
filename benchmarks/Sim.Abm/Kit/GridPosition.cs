namespace Sim.Abm.Kit;

/// <summary>An agent's cell on a discrete grid.</summary>
public struct GridPosition
{
    /// <summary>Column, from 0.</summary>
    public int X;

    /// <summary>Row, from 0.</summary>
    public int Y;

    /// <summary>A position.</summary>
    public GridPosition(int x, int y)
    {
        X = x;
        Y = y;
    }

    /// <summary>The cell number <c>Y * width + X</c>.</summary>
    public readonly int Cell(int width) => (Y * width) + X;
}
