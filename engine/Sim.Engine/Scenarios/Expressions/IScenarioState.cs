namespace Sim.Engine.Scenarios.Expressions;

/// <summary>
/// The simulation state as scenario expressions see it. The model implements this; expressions
/// call it with the integer indexes the definition resolved ids to, so evaluating never looks up a name.
/// An argument of -1 means "any" (for event filters) or "all" (for region filters).
/// </summary>
public interface IScenarioState
{
    /// <summary>Ticks elapsed since the start (0 on the first tick).</summary>
    int Tick { get; }

    /// <summary>Affinity of actor <paramref name="a"/> towards actor <paramref name="b"/>, in [-1, 1].</summary>
    double Affinity(int a, int b);

    /// <summary>Current escalation rung (0..9) of the dyad.</summary>
    int Escalation(int a, int b);

    /// <summary>Highest escalation rung (0..9) the dyad has reached so far.</summary>
    int MaxEscalation(int a, int b);

    /// <summary>Whether <paramref name="actor"/> controls <paramref name="region"/>.</summary>
    bool Controls(int actor, int region);

    /// <summary>Military power of the actor.</summary>
    double Power(int actor);

    /// <summary>Total strength of the actor's forces in <paramref name="region"/>, or everywhere when it is -1.</summary>
    double Strength(int actor, int region);

    /// <summary>Cohesion/legitimacy of the actor, in [0, 1].</summary>
    double Cohesion(int actor);

    /// <summary>Ruling faction of the actor: 0 at the start, one more after each coup.</summary>
    int Faction(int actor);

    /// <summary>Population of the region.</summary>
    double Population(int region);

    /// <summary>People displaced from the region.</summary>
    double Displaced(int region);

    /// <summary>
    /// Number of events so far matching the filters (-1 = any), or within the last <paramref name="withinTicks"/> ticks
    /// (-1 = since the start), counting only those with at least <paramref name="minCivilians"/> civilian fatalities.
    /// </summary>
    int EventCount(int action, int actor, int target, int region, int withinTicks, int minCivilians = 0);

    /// <summary>Tick of the first event matching the filters (-1 = any), or -1 when there was none.</summary>
    int FirstTick(int action, int actor, int target, int region);

    /// <summary>Fatalities so far in <paramref name="region"/> (-1 = everywhere); civilians only when <paramref name="civilian"/>.</summary>
    double Fatalities(int region, bool civilian);

    /// <summary>
    /// Whether actor <paramref name="a"/> holds toward <paramref name="b"/> the diplomatic regime catalog action
    /// <paramref name="action"/> imposes (sanctions, reduced or broken relations, closed airspace, expelled mission,
    /// recognition); false for an action that imposes none.
    /// </summary>
    bool Regime(int a, int b, int action);

    /// <summary>Current value of parameter <paramref name="index"/> (overrides and <c>param</c> effects included).</summary>
    double Parameter(int index);
}
