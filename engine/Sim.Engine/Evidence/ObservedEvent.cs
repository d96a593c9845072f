namespace Sim.Engine.Evidence;

/// <summary>One event of observed data (a GED or ACLED row), mapped onto a scenario's actors and regions.</summary>
public sealed record ObservedEvent
{
    /// <summary>The day it happened (GED's <c>date_start</c>, ACLED's <c>event_date</c>).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The scenario actor of the acting side (GED's side A, ACLED's actor 1).</summary>
    public required string Actor { get; init; }

    /// <summary>The scenario actor of the other side, or null when it is civilians (one-sided violence) or nobody.</summary>
    public string? Target { get; init; }

    /// <summary>The scenario region it happened in.</summary>
    public required string Region { get; init; }

    /// <summary>Its class (violence type or control change).</summary>
    public required EventClass Class { get; init; }

    /// <summary>Deaths (GED's <c>best</c> estimate, ACLED's <c>fatalities</c>).</summary>
    public required int Fatalities { get; init; }

    /// <summary>Where the row is: <c>file:line</c>.</summary>
    public required string Row { get; init; }

    /// <summary>The row's id in its data set (GED <c>id</c>, ACLED <c>event_id_cnty</c>), or empty.</summary>
    public string SourceId { get; init; } = "";

    /// <summary>How far the event lies from the region's point, when it was mapped by distance; null when by admin name.</summary>
    public double? DistanceKm { get; init; }

    internal int ActorIndex { get; init; }

    internal int TargetIndex { get; init; } = -1;

    internal int RegionIndex { get; init; }
}
