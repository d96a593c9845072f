using Sim.Engine.Model;
using Sim.Engine.Scenarios;

namespace Sim;

/// <summary>One event of a run, with names and on the field's scales (CAMEO, Goldstein, ACLED).</summary>
public sealed record RunEvent
{
    /// <summary>The tick it happened in.</summary>
    public required int Tick { get; init; }

    /// <summary>The date of that tick.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The action's id in the scenario's catalog (e.g. <c>drone_strike</c>).</summary>
    public required string Action { get; init; }

    /// <summary>The acting actor's id, or null (a scripted event without one).</summary>
    public string? Actor { get; init; }

    /// <summary>The target actor's id, or null.</summary>
    public string? Target { get; init; }

    /// <summary>The region's id, or null.</summary>
    public string? Region { get; init; }

    /// <summary>The CAMEO code as text, leading zeros kept (e.g. <c>0871</c>).</summary>
    public required string Cameo { get; init; }

    /// <summary>The Goldstein score, -10 to +10.</summary>
    public required double Goldstein { get; init; }

    /// <summary>The ACLED event type, or null for a non-violent event.</summary>
    public string? AcledType { get; init; }

    /// <summary>Deaths.</summary>
    public required int Fatalities { get; init; }

    /// <summary>Civilians among <see cref="Fatalities"/>.</summary>
    public required int CivilianFatalities { get; init; }

    /// <summary>Why it happened.</summary>
    public required EventOrigin Origin { get; init; }

    internal static RunEvent From(ScenarioDefinition def, in SimEvent e)
    {
        var action = def.Actions[e.Action];
        return new RunEvent
        {
            Tick = e.Tick,
            Date = def.DateOf(e.Tick),
            Action = action.Id,
            Actor = def.Actor(e.Actor)?.Id,
            Target = def.Actor(e.Target)?.Id,
            Region = def.Region(e.Region)?.Id,
            Cameo = action.Cameo,
            Goldstein = e.Goldstein,
            AcledType = action.Acled,
            Fatalities = e.Fatalities,
            CivilianFatalities = e.CivilianFatalities,
            Origin = e.Origin,
        };
    }
}
