namespace Sim.Ecs.Tests;

// Small unmanaged components of different sizes, so archetype columns of different widths
// move together through structural changes.

internal record struct Health(int Value);

internal record struct Wealth(long Value);

internal record struct Morale(double Value);

/// <summary>A marker component with no data.</summary>
internal record struct Frozen;

/// <summary>Carried by every entity in query tests, so each visit can be identified.</summary>
internal record struct Serial(int Value);
