using Sim.Engine.Model;

namespace Sim.Engine.Scenarios;

/// <summary>
/// The engine's default actions, each declared once: the member is the typed handle systems emit the action by
/// (<c>ModelState.Action</c> resolves it in a run's catalog), and its <see cref="ActionAttribute"/> gives the
/// action's id, name, CAMEO code, Goldstein score, rung and ACLED type. <see cref="DefaultActions.All"/> lists them
/// in member order, the order they open every scenario's catalog in.
/// </summary>
public enum DefaultAction
{
#pragma warning disable CS1591 // each member's documentation is its [Action] attribute's name
    [Action("statement", "Make a public statement", "010", 0.0, 0)]
    Statement,

    [Action("appeal", "Appeal", "020", 3.0, 0)]
    Appeal,

    [Action("negotiate", "Engage in negotiation", "046", 7.0, 0)]
    Negotiate,

    [Action("mediate", "Mediate", "045", 5.0, 0)]
    Mediate,

    [Action("cooperate", "Engage in diplomatic cooperation", "050", 3.5, 0)]
    Cooperate,

    [Action("recognize", "Grant diplomatic recognition", "054", 6.0, 0)]
    Recognize,

    [Action("deploy_pmc", "Deploy a PMC (cooperate militarily with the host)", "062", 7.4, 4, Acled = "Strategic developments")]
    DeployPmc,

    [Action("take_over_pmc", "Take over a PMC (its patron's state-run successor cooperates militarily with the host)", "062", 7.4, 4, Acled = "Strategic developments")]
    TakeOverPmc,

    [Action("aid", "Provide aid", "070", 7.0, 0)]
    Aid,

    [Action("arm_client", "Provide military aid", "072", 8.3, 4)]
    ArmClient,

    [Action("ceasefire", "Declare truce, ceasefire", "0871", 9.0, 0)]
    Ceasefire,

    [Action("demand", "Make a demand", "100", -5.0, 1)]
    Demand,

    [Action("protest", "Criticize or denounce", "111", -2.0, 1)]
    Protest,

    [Action("denounce_un", "Accuse (at the UN)", "112", -2.0, 2)]
    DenounceUn,

    [Action("threaten", "Threaten", "130", -4.4, 2)]
    Threaten,

    [Action("mobilize", "Exhibit military posture", "150", -7.2, 5, Acled = "Strategic developments")]
    Mobilize,

    [Action("instability", "Demonstrate for leadership change (mutiny, coup attempt)", "1411", -6.5, 0, Acled = "Strategic developments")]
    Instability,

    [Action("coup", "Seize power: military coup (impose state of emergency or martial law)", "1724", -5.0, 0, Acled = "Strategic developments")]
    Coup,

    [Action("reduce_relations", "Reduce relations", "160", -4.0, 3)]
    ReduceRelations,

    [Action("break_relations", "Reduce or break diplomatic relations", "161", -4.0, 3)]
    BreakRelations,

    [Action("withdraw_pmc", "Reduce or stop military assistance (withdraw a PMC)", "162", -5.6, 0, Acled = "Strategic developments")]
    WithdrawPmc,

    [Action("sanction", "Impose embargo, boycott or sanctions", "163", -8.0, 3)]
    Sanction,

    [Action("expel_pmc", "Expel or withdraw (a host ends a PMC's contract)", "166", -7.0, 0, Acled = "Strategic developments")]
    ExpelPmc,

    [Action("expel_mission", "Expel or withdraw (an ambassador or diplomatic mission)", "166", -7.0, 3)]
    ExpelMission,

    [Action("attack_civilians", "Use unconventional violence against civilians", "180", -9.0, 6, Acled = "Violence against civilians")]
    AttackCivilians,

    [Action("clash", "Use conventional military force", "190", -10.0, 7, Acled = "Battles")]
    Clash,

    [Action("close_airspace", "Impose blockade, restrict movement (close airspace)", "191", -9.5, 3)]
    CloseAirspace,

    [Action("occupy", "Occupy territory", "192", -9.5, 7, Acled = "Strategic developments")]
    Occupy,

    [Action("strike", "Employ aerial weapons", "195", -10.0, 6, Acled = "Explosions/Remote violence")]
    Strike,

    [Action("drone_strike", "Drone strike (employ aerial weapons)", "195", -10.0, 6, Acled = "Explosions/Remote violence")]
    DroneStrike,

    [Action("shell", "Fight with artillery and tanks (shelling)", "194", -10.0, 6, Acled = "Explosions/Remote violence")]
    Shell,

    // ACLED codes a brought-down aircraft, drone or missile as a strategic development (sub-event "Disrupted weapons use").
    [Action("intercept", "Bring down a striking aircraft or drone (use conventional military force)", "190", -10.0, 6, Acled = "Strategic developments")]
    Intercept,
#pragma warning restore CS1591
}

/// <summary>Declares a default action on its <see cref="DefaultAction"/> member.</summary>
[AttributeUsage(AttributeTargets.Field)]
internal sealed class ActionAttribute(string id, string name, string cameo, double goldstein, int rung) : Attribute
{
    /// <summary>The id scenarios name it by.</summary>
    public string Id { get; } = id;

    /// <summary>What it is, in words.</summary>
    public string Name { get; } = name;

    /// <summary>Its CAMEO code.</summary>
    public string Cameo { get; } = cameo;

    /// <summary>Its Goldstein score.</summary>
    public double Goldstein { get; } = goldstein;

    /// <summary>The escalation rung it implies (docs/model.md).</summary>
    public int Rung { get; } = rung;

    /// <summary>Its ACLED event type, if it has one.</summary>
    public string? Acled { get; init; }
}

/// <summary>
/// The engine's default action catalog. CAMEO codes and Goldstein scores follow the CAMEO manual's
/// Goldstein mapping; rungs place each action on the 0..9 escalation ladder of docs/model.md.
/// A scenario's <c>actions:</c> list adds to these or overrides them by id.
/// </summary>
internal static class DefaultActions
{
    public const string Source = "Goldstein 1992 / CAMEO manual (Schrodt 2012)";

    public sealed record Entry(DefaultAction Key, string Id, string Name, string Cameo, double Goldstein, int Rung, string? Acled = null);

    /// <summary>Every default action, in <see cref="DefaultAction"/> order (so <c>All[(int)a]</c> is <c>a</c>'s).</summary>
    public static readonly IReadOnlyList<Entry> All = Declarations.Read<DefaultAction, ActionAttribute, Entry>(
        (key, a) => new(key, a.Id, a.Name, a.Cameo, a.Goldstein, a.Rung, a.Acled), entry => entry.Id);

    /// <summary>ACLED's six event types, the only values <c>acled:</c> accepts.</summary>
    public static readonly string[] AcledEventTypes =
    [
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments",
    ];
}
