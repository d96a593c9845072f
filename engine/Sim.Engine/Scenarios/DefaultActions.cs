namespace Sim.Engine.Scenarios;

/// <summary>
/// The engine's default action catalog. CAMEO codes and Goldstein scores follow the CAMEO manual's
/// Goldstein mapping; rungs place each action on the 0..9 escalation ladder of docs/model.md.
/// A scenario's <c>actions:</c> list adds to these or overrides them by id.
/// </summary>
internal static class DefaultActions
{
    public const string Source = "Goldstein 1992 / CAMEO manual (Schrodt 2012)";

    public sealed record Entry(string Id, string Name, string Cameo, double Goldstein, int Rung, string? Acled = null);

    public static readonly IReadOnlyList<Entry> All =
    [
        new("statement", "Make a public statement", "010", 0.0, 0),
        new("appeal", "Appeal", "020", 3.0, 0),
        new("negotiate", "Engage in negotiation", "046", 7.0, 0),
        new("mediate", "Mediate", "045", 5.0, 0),
        new("cooperate", "Engage in diplomatic cooperation", "050", 3.5, 0),
        new("deploy_pmc", "Deploy a PMC (cooperate militarily with the host)", "062", 7.4, 4, "Strategic developments"),
        new("aid", "Provide aid", "070", 7.0, 0),
        new("arm_client", "Provide military aid", "072", 8.3, 4),
        new("ceasefire", "Declare truce, ceasefire", "0871", 9.0, 0),
        new("demand", "Make a demand", "100", -5.0, 1),
        new("protest", "Criticize or denounce", "111", -2.0, 1),
        new("denounce_un", "Accuse (at the UN)", "112", -2.0, 2),
        new("threaten", "Threaten", "130", -4.4, 2),
        new("mobilize", "Exhibit military posture", "150", -7.2, 5, "Strategic developments"),
        new("instability", "Demonstrate for leadership change (mutiny, coup attempt)", "1411", -6.5, 0, "Strategic developments"),
        new("coup", "Seize power: military coup (impose state of emergency or martial law)", "1724", -5.0, 0, "Strategic developments"),
        new("reduce_relations", "Reduce relations", "160", -4.0, 3),
        new("withdraw_pmc", "Reduce or stop military assistance (withdraw a PMC)", "162", -5.6, 0, "Strategic developments"),
        new("sanction", "Impose embargo, boycott or sanctions", "163", -8.0, 3),
        new("attack_civilians", "Use unconventional violence against civilians", "180", -9.0, 6, "Violence against civilians"),
        new("clash", "Use conventional military force", "190", -10.0, 7, "Battles"),
        new("occupy", "Occupy territory", "192", -9.5, 7, "Strategic developments"),
        new("strike", "Employ aerial weapons", "195", -10.0, 6, "Explosions/Remote violence"),
        new("drone_strike", "Drone strike (employ aerial weapons)", "195", -10.0, 6, "Explosions/Remote violence"),
    ];

    /// <summary>ACLED's six event types, the only values <c>acled:</c> accepts.</summary>
    public static readonly string[] AcledEventTypes =
    [
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments",
    ];
}
