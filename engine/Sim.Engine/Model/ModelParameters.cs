namespace Sim.Engine.Model;

/// <summary>The engine's own model parameters, in the order of <see cref="ModelParameters.All"/>.</summary>
public enum ModelParameter
{
    /// <summary>How far one event of Goldstein ±10 moves the target's affinity toward the actor.</summary>
    AffinityRate,

    /// <summary>Share of that change the actor applies to its own affinity toward the target.</summary>
    Reciprocity,

    /// <summary>Share observers apply to their affinity toward the actor, weighted by their affinity to the target.</summary>
    ObserverRate,

    /// <summary>Share of blame for a PMC's or client's act that observers lay on its patron (1 - deniability).</summary>
    PatronBlame,

    /// <summary>Per-tick pull of every affinity back toward its starting value.</summary>
    AffinityDrift,

    /// <summary>Tension (in rungs) added per Goldstein point of hostility.</summary>
    TensionPerGoldstein,

    /// <summary>Share of a dyad's tension lost per tick.</summary>
    TensionDecay,

    /// <summary>A rung is left downward only when tension falls below this share of it.</summary>
    Hysteresis,

    /// <summary>Most rungs a dyad may climb or fall in one tick.</summary>
    MaxRungStep,

    /// <summary>Per-tick chance that an actor acts toward one given rival (before weighting by hostility).</summary>
    Activity,

    /// <summary>Rung from which hostile forces in one region fight.</summary>
    ClashRung,

    /// <summary>Lanchester attrition: share of the enemy's strength each side loses per tick of battle.</summary>
    Attrition,

    /// <summary>Log-normal sigma of battle losses.</summary>
    AttritionNoise,

    /// <summary>A region changes hands when its controller's side is below this share of a hostile side there.</summary>
    ControlThreshold,

    /// <summary>Probability that a strike harms civilians.</summary>
    CivilianHarm,

    /// <summary>Mean civilian deaths of a strike that harms civilians.</summary>
    CivilianDeaths,

    /// <summary>Share of a region's population displaced by a tick of battle there.</summary>
    Displacement,

    /// <summary>Strength a strike destroys per unit of the striker's power.</summary>
    StrikeDamage,

    /// <summary>Weight of proximity (forces near one's regions) against overall power in perceived threat.</summary>
    ThreatProximity,

    /// <summary>Cost of a kinetic act per unit of the target's backed power relative to the actor's side.</summary>
    Deterrence,

    /// <summary>A side retreats from a region when its strength there is below this share of the hostile strength.</summary>
    RetreatRatio,

    /// <summary>Per-tick chance that an outmatched side retreats to an adjacent friendly region.</summary>
    RetreatChance,

    /// <summary>A side attacks an adjacent region when its strength there plus what moves in is at least this multiple of the hostile strength.</summary>
    AdvanceRatio,

    /// <summary>Per-tick chance that a side in a quiet region moves one hop to reinforce or attack.</summary>
    AdvanceChance,

    /// <summary>Per-tick share of a contracted PMC force's losses its patron replaces while the contract is paid.</summary>
    PmcResupply,

    /// <summary>Threat a friend of a PMC's patron must feel to hire the PMC.</summary>
    PmcThreat,

    /// <summary>Per-tick chance that a free PMC signs with a threatened friend of its patron.</summary>
    PmcSigning,

    /// <summary>Share of the host's economy a contract signed during a run costs per tick.</summary>
    PmcFee,

    /// <summary>Strength a contract signed during a run deploys, as a share of the host's starting strength.</summary>
    PmcDeployment,

    /// <summary>Junta cohesion lost per share of its starting strength lost.</summary>
    JuntaLossWeight,

    /// <summary>Junta cohesion lost per civilian killed by it or by forces working for it.</summary>
    JuntaHarmWeight,

    /// <summary>Junta cohesion gained per region taken (and lost per region lost).</summary>
    JuntaVictory,

    /// <summary>Per-tick pull of cohesion back toward its starting value.</summary>
    CohesionRecovery,

    /// <summary>Cohesion below which a junta faces instability events.</summary>
    InstabilityThreshold,

    /// <summary>Per-tick chance of an instability event at zero cohesion (scaled by how far below the threshold).</summary>
    InstabilityChance,

    /// <summary>Share of a junta's power lost to an instability event (the army turns inward).</summary>
    InstabilityCost,

    /// <summary>Cohesion below which a junta may be overthrown by a coup (below the instability threshold).</summary>
    CoupThreshold,

    /// <summary>Per-tick chance of a coup while cohesion is below the coup threshold.</summary>
    CoupChance,

    /// <summary>Cohesion of the faction a coup brings to power.</summary>
    CoupCohesion,

    /// <summary>Spread of the new faction's resolve and rationality around the junta's starting values.</summary>
    CoupReshuffle,

    /// <summary>Share of the way a coup moves the junta's affinity toward its fallen ruler's patrons back to neutral.</summary>
    CoupRealignment,

    /// <summary>Share of a use of force against an ally that a defence-pact partner takes as aimed at itself (half for an entente).</summary>
    TreatyObligation,

    /// <summary>Richardson's k: growth of military power per unit of perceived threat-weighted rival power.</summary>
    ArmsRaceReaction,

    /// <summary>Richardson's a: fatigue, the share of military power that lapses per tick without threat.</summary>
    ArmsRaceFatigue,

    /// <summary>Share of a client's power a patron adds by one arms delivery.</summary>
    ArmsTransfer,

    /// <summary>Share of a dyad's tension one mediation removes.</summary>
    Mediation,

    /// <summary>Utility cost per rung an action would climb above the dyad's current rung.</summary>
    ClimbCost,

    /// <summary>Multiplies every actor's rationality (logit precision).</summary>
    RationalityScale,

    /// <summary>Multiplies every dyad's starting tension and rung.</summary>
    InitialTensionScale,
}

/// <summary>Metadata of one engine parameter: default, range, meaning, source.</summary>
public sealed record ModelParameterInfo(ModelParameter Key, string Id, double Default, double Min, double Max, string Description, string Source);

/// <summary>
/// The engine's model parameters with their defaults. A scenario may declare a parameter of the
/// same id to change its default or range; <c>--set</c> overrides any of them. docs/model.md
/// explains each.
/// </summary>
public static class ModelParameters
{
    /// <summary>Every engine parameter, in <see cref="ModelParameter"/> order.</summary>
    public static readonly IReadOnlyList<ModelParameterInfo> All =
    [
        new(ModelParameter.AffinityRate, "affinity_rate", 0.05, 0, 1, "Affinity change of the target toward the actor per event of Goldstein ±10.", "Calibrated to Goldstein-weighted event flows; see docs/model.md"),
        new(ModelParameter.Reciprocity, "reciprocity", 0.5, 0, 1, "Share of the target's change the actor applies to itself.", "Reciprocity in event data (Goldstein and Freeman 1990)"),
        new(ModelParameter.ObserverRate, "observer_rate", 0.5, 0, 1, "Share observers apply, weighted by their affinity to the target.", "Heider structural balance, weak form (Cartwright and Harary 1956)"),
        new(ModelParameter.PatronBlame, "patron_blame", 0.6, 0, 1, "Share of blame for a PMC's or client's act laid on its patron (1 - deniability).", "Plausible deniability of PMCs (Marten 2019)"),
        new(ModelParameter.AffinityDrift, "affinity_drift", 0.01, 0, 1, "Per-tick pull of affinity back toward its starting value.", "Mean reversion of dyadic relations; assumption"),
        new(ModelParameter.TensionPerGoldstein, "tension_per_goldstein", 0.2, 0, 2, "Tension in rungs added per Goldstein point of hostility.", "Assumption; a -10 event adds two rungs, calibrated on the Sahel 2024 sequence (docs/model.md)"),
        new(ModelParameter.TensionDecay, "tension_decay", 0.04, 0, 1, "Share of tension lost per tick.", "Assumption; half-life of about 17 days"),
        new(ModelParameter.Hysteresis, "hysteresis", 0.7, 0, 1, "A rung is left downward only when tension falls below this share of it.", "Assumption; escalation is sticky (Kahn 1965)"),
        new(ModelParameter.MaxRungStep, "max_rung_step", 1, 1, 9, "Most rungs a dyad may move in one tick.", "Kahn 1965: escalation climbs a ladder rung by rung"),
        new(ModelParameter.Activity, "activity", 0.08, 0, 1, "Per-tick chance that an actor acts toward a given rival, before weighting by hostility.", "Assumption; gives tens of events a month per hostile dyad"),
        new(ModelParameter.ClashRung, "clash_rung", 7, 0, 9, "Rung from which hostile forces in one region fight.", "docs/model.md ladder: 7 = sustained clashes"),
        new(ModelParameter.Attrition, "attrition", 0.01, 0, 1, "Lanchester square-law coefficient: share of the enemy's strength each side loses per tick of battle.", "Lanchester 1916; daily rates of order 1% (Dupuy 1987)"),
        new(ModelParameter.AttritionNoise, "attrition_noise", 0.4, 0, 2, "Log-normal sigma of battle losses.", "Assumption"),
        new(ModelParameter.ControlThreshold, "control_threshold", 0.3, 0, 1, "A region changes hands when its controller's side falls below this share of a hostile side there.", "Assumption; a 3:1 attacker advantage rule of thumb"),
        new(ModelParameter.CivilianHarm, "civilian_harm", 0.35, 0, 1, "Probability that a strike harms civilians.", "ACLED Sahel 2024: a third of drone strikes reported civilian deaths; approximate"),
        new(ModelParameter.CivilianDeaths, "civilian_deaths", 8, 0, 1000, "Mean civilian deaths of a strike that harms civilians.", "ACLED Sahel 2024, approximate; Tinzaouatene 25 Aug 2024 strike: 21 reported"),
        new(ModelParameter.Displacement, "displacement", 0.02, 0, 1, "Share of a region's population displaced per tick of battle there.", "Assumption; UNHCR Sahel displacement figures give the order of magnitude"),
        new(ModelParameter.StrikeDamage, "strike_damage", 20, 0, 10000, "Strength destroyed by a strike per unit of the striker's power.", "Assumption"),
        new(ModelParameter.ThreatProximity, "threat_proximity", 0.7, 0, 1, "Weight of hostile strength near one's regions (against overall power) in perceived threat.", "Stopping power of distance (Boulding 1962; Mearsheimer 2001); assumption for the split"),
        new(ModelParameter.Deterrence, "deterrence", 0.15, 0, 2, "Cost of a kinetic act (rung 5+) per unit of the target's backed power over the actor's side power.", "Deterrence by retaliation (Schelling 1966; Huth 1988); calibrated so juntas rarely strike stronger states"),
        new(ModelParameter.RetreatRatio, "retreat_ratio", 0.5, 0, 1, "A side retreats from a region when its strength there is below this share of the hostile strength.", "Assumption; defenders hold at 1:3 (Mearsheimer 1989), so a 1:2 attacker pulls back"),
        new(ModelParameter.RetreatChance, "retreat_chance", 0.15, 0, 1, "Per-tick chance that an outmatched side retreats to an adjacent friendly region.", "Assumption; a column decides within about a week"),
        new(ModelParameter.AdvanceRatio, "advance_ratio", 3, 1, 10, "A side in a quiet region attacks an adjacent one when its strength there plus what moves in is at least this multiple of the hostile strength.", "The 3:1 rule for attackers (Mearsheimer 1989; Dupuy 1987)"),
        new(ModelParameter.AdvanceChance, "advance_chance", 0.1, 0, 1, "Per-tick chance that a side in a quiet region moves one hop to reinforce where it is outnumbered or to attack.", "Assumption; slower than a retreat (retreat_chance): a column is sent within one to two weeks"),
        new(ModelParameter.PmcResupply, "pmc_resupply", 0.02, 0, 1, "Per-tick share of a paid PMC force's losses replaced by its patron, times the patron's affinity to the PMC.", "Assumption; Wagner rotations in Mali reported at about a month (Marten 2019)"),
        new(ModelParameter.PmcThreat, "pmc_threat", 0.3, 0, 1, "Highest threat a state or junta that is a friend (affinity above 0.5) of a PMC's patron must feel to hire the PMC.", "Assumption; juntas hired Wagner amid insurgencies they were losing (Mali 2021, Burkina Faso 2023; Marten 2019)"),
        new(ModelParameter.PmcSigning, "pmc_signing", 0.02, 0, 1, "Per-tick chance that a PMC without a host signs with the most threatened friend of its patron.", "Assumption; the Mali-Wagner deal took months of talks (reported from Sept 2021, deployed Dec 2021)"),
        new(ModelParameter.PmcFee, "pmc_fee", 0.000017, 0, 0.01, "Share of the host's economy a contract signed during a run costs per tick.", "Reuters 2021: USD 10.8 m a month for Wagner in Mali, about 0.6% a year of Mali's GDP (USD 20.9 bn)"),
        new(ModelParameter.PmcDeployment, "pmc_deployment", 0.15, 0, 1, "Strength a contract signed during a run deploys, as a share of the host's starting strength.", "Wagner's 1,500-2,000 beside the Malian army's forces in the Sahel scenario (about 1:6)"),
        new(ModelParameter.JuntaLossWeight, "junta_loss_weight", 1.5, 0, 20, "Junta cohesion lost per share of its starting strength lost.", "Coups follow battlefield defeats (Powell 2012); assumption for the size"),
        new(ModelParameter.JuntaHarmWeight, "junta_harm_weight", 0.0005, 0, 0.1, "Junta cohesion lost per civilian killed by it or by forces working for it.", "Assumption; civilian harm erodes legitimacy (Lyall 2009 on backlash)"),
        new(ModelParameter.JuntaVictory, "junta_victory", 0.04, 0, 1, "Junta cohesion gained per region taken, and lost per region lost.", "Rally effects of victories (Mueller 1970); assumption for the size"),
        new(ModelParameter.CohesionRecovery, "cohesion_recovery", 0.005, 0, 1, "Per-tick pull of cohesion back toward its starting value.", "Assumption; half-life of about 4.5 months"),
        new(ModelParameter.InstabilityThreshold, "instability_threshold", 0.35, 0, 1, "Cohesion below which a junta faces instability events (coup attempts, mutinies).", "Assumption; Sahel juntas 2020-2022 saw counter-coups within two years (Powell and Thyne 2011 data)"),
        new(ModelParameter.InstabilityChance, "instability_chance", 0.05, 0, 1, "Per-tick chance of an instability event at zero cohesion; scaled by the shortfall below the threshold.", "Assumption"),
        new(ModelParameter.InstabilityCost, "instability_cost", 0.1, 0, 1, "Share of a junta's power lost to an instability event (units recalled to the capital, purges).", "Assumption; coup-proofing lowers effectiveness (Quinlivan 1999; Talmadge 2015)"),
        new(ModelParameter.CoupThreshold, "coup_threshold", 0.15, 0, 1, "Cohesion below which a junta may be overthrown by a coup; below instability_threshold, so mutinies come first.", "Assumption; coups follow unrest and defeats (Powell 2012), Mali 2020 and 2021, Burkina Faso twice in 2022"),
        new(ModelParameter.CoupChance, "coup_chance", 0.01, 0, 1, "Per-tick chance of a coup while a junta's cohesion is below coup_threshold.", "Assumption; about one in three over a month of collapse, so a coup usually follows weeks of crisis"),
        new(ModelParameter.CoupCohesion, "coup_cohesion", 0.5, 0, 1, "Cohesion of the faction a coup brings to power.", "Assumption; new juntas enjoy a short honeymoon (Burkina Faso, Sept 2022) but inherit the army's divisions"),
        new(ModelParameter.CoupReshuffle, "coup_reshuffle", 0.25, 0, 1, "New ruler's resolve is drawn uniformly within ± this of the junta's starting resolve (clamped to [0, 1]), its rationality within ± this share of its starting rationality.", "Assumption; a coup replaces the leader, not the army's outlook"),
        new(ModelParameter.CoupRealignment, "coup_realignment", 0.5, 0, 1, "Share of the way a coup moves the junta's affinity (and its baseline) toward the patrons of its contracted PMCs back to 0.", "Assumption; new rulers revisit their predecessor's foreign backers (Burkina Faso 2022 turned from France to Russia)"),
        new(ModelParameter.TreatyObligation, "treaty_obligation", 0.5, 0, 1, "Share of a use of force against an ally a defence-pact partner takes as aimed at itself (half for an entente, none for non-aggression).", "Alliance reliability about 0.5-0.75 (Leeds 2003)"),
        new(ModelParameter.ArmsRaceReaction, "arms_race_reaction", 0.002, 0, 0.1, "Richardson's k: per-tick growth of power per unit of threat-weighted rival power.", "Richardson 1960; assumption for the size"),
        new(ModelParameter.ArmsRaceFatigue, "arms_race_fatigue", 0.002, 0, 0.1, "Richardson's a: per-tick share of power that lapses (fatigue, upkeep).", "Richardson 1960; half-life of about a year"),
        new(ModelParameter.ArmsTransfer, "arms_transfer", 0.03, 0, 1, "Share of a client's power a patron adds by one arms delivery.", "Assumption; Turkish TB2 deliveries to Mali 2022-2024"),
        new(ModelParameter.Mediation, "mediation", 0.15, 0, 1, "Share of a dyad's tension one mediation removes.", "Assumption; mediation shortens crises (Beardsley 2011)"),
        new(ModelParameter.ClimbCost, "climb_cost", 0.3, 0, 5, "Utility cost per rung an action climbs above the dyad's current rung.", "Escalation thresholds are costly to cross (Kahn 1965; Fearon 1995 audience costs); assumption for the size"),
        new(ModelParameter.RationalityScale, "rationality_scale", 1, 0, 10, "Multiplies every actor's rationality (logit precision) for what-if runs.", "Quantal response equilibrium (McKelvey and Palfrey 1995); a lever, not an estimate"),
        new(ModelParameter.InitialTensionScale, "initial_tension_scale", 1, 0, 1, "Multiplies every dyad's starting tension and rung (rounded down) for what-if runs.", "A lever, not an estimate"),
    ];
}
