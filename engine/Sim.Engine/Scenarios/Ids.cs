using System.Globalization;

namespace Sim.Engine.Scenarios;

// An actor, a region and a force are each numbered from 0 in the order the scenario lists them. The three ids
// keep those numbers apart: a region's index does not compile where an actor is wanted, and "none" is a named
// value (index -1) instead of a bare -1 that any int could be mistaken for. Each is one int, passed and compared
// as one; there is no implicit conversion from int, so every id made from a number says which kind it is.

/// <summary>An actor's position in <see cref="ScenarioDefinition.Actors"/>, or <see cref="None"/>.</summary>
/// <param name="Index">The position, or -1 for none.</param>
public readonly record struct ActorId(int Index)
{
    /// <summary>No actor (index -1).</summary>
    public static ActorId None => new(-1);

    /// <summary>True for <see cref="None"/> (any negative index).</summary>
    public bool IsNone => Index < 0;

    /// <summary><c>actor 3</c>, or <c>no actor</c>.</summary>
    public override string ToString() => IsNone ? "no actor" : "actor " + Index.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A region's position in <see cref="ScenarioDefinition.Regions"/>, or <see cref="None"/>.</summary>
/// <param name="Index">The position, or -1 for none.</param>
public readonly record struct RegionId(int Index)
{
    /// <summary>No region (index -1).</summary>
    public static RegionId None => new(-1);

    /// <summary>True for <see cref="None"/> (any negative index).</summary>
    public bool IsNone => Index < 0;

    /// <summary><c>region 3</c>, or <c>no region</c>.</summary>
    public override string ToString() => IsNone ? "no region" : "region " + Index.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A force's position in <see cref="ScenarioDefinition.Forces"/>, or <see cref="None"/>.</summary>
/// <param name="Index">The position, or -1 for none.</param>
public readonly record struct ForceId(int Index)
{
    /// <summary>No force (index -1).</summary>
    public static ForceId None => new(-1);

    /// <summary>True for <see cref="None"/> (any negative index).</summary>
    public bool IsNone => Index < 0;

    /// <summary><c>force 3</c>, or <c>no force</c>.</summary>
    public override string ToString() => IsNone ? "no force" : "force " + Index.ToString(CultureInfo.InvariantCulture);
}
