using Sim.Engine.Scenarios;

namespace Sim.Engine.Evidence;

/// <summary>
/// The one classification observed and simulated events share. The three kinds of violence are UCDP's (the GED
/// codes are the enum values); a control change is a region changing hands, which ACLED records as a territory
/// sub-event and the model as its <c>occupy</c> action. GED itself gives no control changes.
/// </summary>
public enum EventClass
{
    /// <summary>Outside the classification: not lethal violence and not a control change.</summary>
    None = 0,

    /// <summary>UCDP type 1: organised violence in which at least one side is a government (a state or junta here).</summary>
    StateBased = 1,

    /// <summary>UCDP type 2: organised violence between sides none of which is a government.</summary>
    NonState = 2,

    /// <summary>UCDP type 3: violence by an organised side against civilians.</summary>
    OneSided = 3,

    /// <summary>A region passing from one holder to another.</summary>
    ControlChange = 4,
}

/// <summary>How an event is given its <see cref="EventClass"/>, for ACLED rows and the model's events alike.</summary>
public static class EventClasses
{
    /// <summary>The three violence classes in their order in summary statistics.</summary>
    public static readonly EventClass[] Violence = [EventClass.StateBased, EventClass.NonState, EventClass.OneSided];

    /// <summary>The name statistics use (<c>state_based</c>, <c>non_state</c>, <c>one_sided</c>, <c>control_change</c>).</summary>
    public static string Name(EventClass c) => c switch
    {
        EventClass.StateBased => "state_based",
        EventClass.NonState => "non_state",
        EventClass.OneSided => "one_sided",
        EventClass.ControlChange => "control_change",
        _ => "none",
    };

    /// <summary>
    /// Classifies an event from its ACLED event type. Violence counts only when someone died, since UCDP records
    /// only events with at least one death and observed and simulated counts must mean the same; it is state-based
    /// when either side is a state or a junta, which is how UCDP tells type 1 from type 2.
    /// </summary>
    /// <param name="acledType">ACLED's event type (or the model action's), or null.</param>
    /// <param name="territoryChange">The event is a region changing hands (ACLED's territory sub-events, the model's occupy).</param>
    /// <param name="actor">The kind of the acting side, if known.</param>
    /// <param name="target">The kind of the other side, if any.</param>
    /// <param name="fatalities">Deaths.</param>
    public static EventClass Classify(string? acledType, bool territoryChange, ActorKind? actor, ActorKind? target, int fatalities)
    {
        if (territoryChange)
        {
            return EventClass.ControlChange;
        }

        if (fatalities < 1)
        {
            return EventClass.None;
        }

        return acledType switch
        {
            "Violence against civilians" => EventClass.OneSided,
            "Battles" or "Explosions/Remote violence" => IsGovernment(actor) || IsGovernment(target) ? EventClass.StateBased : EventClass.NonState,
            _ => EventClass.None,
        };
    }

    /// <summary>The class of a GED row: its <c>type_of_violence</c> when someone died (GED's <c>best</c> estimate), else none.</summary>
    public static EventClass FromGed(int typeOfViolence, int best) =>
        best < 1 || typeOfViolence is < 1 or > 3 ? EventClass.None : (EventClass)typeOfViolence;

    /// <summary>ACLED's sub-event types for a region changing hands.</summary>
    public static bool IsTerritorySubEvent(string subEventType) =>
        subEventType.Equals("Non-state actor overtakes territory", StringComparison.OrdinalIgnoreCase)
        || subEventType.Equals("Government regains territory", StringComparison.OrdinalIgnoreCase);

    private static bool IsGovernment(ActorKind? kind) => kind is ActorKind.State or ActorKind.Junta;
}
