namespace Sim.Engine.Scenarios;

/// <summary>
/// The engine's own model parameters, each declared once: the member is the typed handle systems read the
/// parameter by (<c>ModelState.P</c>), and its <see cref="ParameterAttribute"/> gives its id, default, range,
/// meaning and source (the row of docs/model.md's parameter table). <see cref="ModelParameters.All"/> lists them in
/// member order, which is also the order a scenario's engine parameters follow.
/// </summary>
public enum ModelParameter
{
#pragma warning disable CS1591 // each member's documentation is its [Parameter] attribute's description
    [Parameter("affinity_rate", 0.05, 0, 1, "Affinity change of the target toward the actor per event of Goldstein ±10.", "Assumption; an event of Goldstein ±10 moves the target's affinity toward the actor by 0.05 (not yet calibrated to event data)")]
    AffinityRate,

    [Parameter("reciprocity", 0.5, 0, 1, "Share of the target's change the actor applies to itself.", "Reciprocity in event data (Goldstein and Freeman 1990)")]
    Reciprocity,

    [Parameter("observer_rate", 0.5, 0, 1, "Share observers apply, weighted by their affinity to the target.", "Heider structural balance, weak form (Cartwright and Harary 1956)")]
    ObserverRate,

    [Parameter("patron_blame", 0.6, 0, 1, "Share of blame for a PMC's or client's act laid on its patron (1 - deniability).", "Plausible deniability of PMCs (Marten 2019)")]
    PatronBlame,

    [Parameter("affinity_drift", 0.01, 0, 1, "Per-tick pull of affinity back toward its starting value.", "Mean reversion of dyadic relations; assumption")]
    AffinityDrift,

    [Parameter("tension_per_goldstein", 0.2, 0, 2, "Tension in rungs added per Goldstein point of hostility.", "Assumption; a -10 event adds two rungs (first chosen on the Sahel 2024 sequence, which therefore cannot validate it)")]
    TensionPerGoldstein,

    [Parameter("tension_decay", 0.04, 0, 1, "Share of tension lost per tick.", "Assumption; half-life of about 17 days")]
    TensionDecay,

    [Parameter("hysteresis", 0.7, 0, 1, "A rung is left downward only when tension falls below this share of it.", "Assumption; escalation is sticky (Kahn 1965)")]
    Hysteresis,

    [Parameter("max_rung_step", 1, 1, 9, "Most rungs a dyad may move in one tick.", "Kahn 1965: escalation climbs a ladder rung by rung")]
    MaxRungStep,

    [Parameter("activity", 0.08, 0, 1, "Per-tick chance that an actor acts toward a given rival, before weighting by hostility.", "Assumption; gives tens of events a month per hostile dyad")]
    Activity,

    [Parameter("clash_rung", 7, 0, 9, "Rung from which hostile forces in one region fight.", "docs/model.md ladder: 7 = sustained clashes")]
    ClashRung,

    [Parameter("battle_chance", 0.01, 0.0025, 0.14, "Per-tick chance that hostile forces sharing a region fight at clash_rung (sustained clashes), and that a dispersed irregular side fights at any rung; above clash_rung other sides fight every tick.",
        "Estimated: UCDP GED 2012-2019, Mali, Burkina Faso and Niger, state-based and non-state events with a death: share of days with an event per dyad, admin1 unit and year, among the 212 with any (mean 0.0097, median 0.0055, 90th percentile 0.022; the range runs from one day a year to the largest, 0.137)")]
    BattleChance,

    [Parameter("attrition", 0.01, 0, 1, "Lanchester square-law coefficient: share of the enemy's strength each side loses per tick of battle.", "Lanchester 1916; daily rates of order 1% (Dupuy 1987)")]
    Attrition,

    [Parameter("attrition_noise", 0.4, 0, 2, "Log-normal sigma of battle losses.", "Assumption")]
    AttritionNoise,

    [Parameter("defence_advantage", 1.5, 1, 3, "Multiplier of the fire of the side holding a region, and of its friends, in a battle there.", "Dupuy 1987 posture factors: hasty defence 1.3, prepared 1.5, fortified 1.6")]
    DefenceAdvantage,

    [Parameter("breakpoint", 0.2, 0.05, 1, "Share of its strength a force loses in battle, without respite, before it breaks: it then retreats and holds no ground.", "Helmbold 1971 (RAND R-772-PR): in 1,080 battles nine in ten winning defenders lost under 20% and most losing sides broke before losing 20-40%")]
    Breakpoint,

    [Parameter("rally_rate", 0.03, 0, 1, "Shock a force sheds each tick (1 is broken): a broken force is fresh again after 1 / rally_rate ticks.", "Assumption; units taken out of the line are reconstituted within about a month")]
    RallyRate,

    [Parameter("supply_range_km", 400, 10, 5000, "Distance from the nearest region its side or a friend holds over which a force's fire falls by a factor e.", "Assumption; motor transport sustains forces a few hundred km beyond their depots (van Creveld 1977)")]
    SupplyRangeKm,

    [Parameter("garrison", 0.3, 0, 1, "Share of its strength a side leaves behind when it goes on the offensive from a region it or a friend holds.", "Assumption")]
    Garrison,

    [Parameter("occupation_per_1000", 2, 0, 50, "Strength per 1,000 residents a side needs to take a region left undefended.", "Quinlivan 1995: about 2 per 1,000 for ordinary policing, 20 for stabilisation")]
    OccupationPer1000,

    [Parameter("civilian_harm", 0.35, 0, 1, "Probability that a strike harms civilians.", "ACLED Sahel 2024: a third of drone strikes reported civilian deaths; approximate")]
    CivilianHarm,

    [Parameter("civilian_deaths", 8, 0, 1000, "Mean civilian deaths of a strike that harms civilians.", "ACLED Sahel 2024, approximate; Tinzaouatene 25 Aug 2024 strike: 21 reported")]
    CivilianDeaths,

    [Parameter("displacement", 0.02, 0, 1, "Share of a region's population displaced per tick of battle there.", "Assumption; UNHCR Sahel displacement figures give the order of magnitude")]
    Displacement,

    [Parameter("strike_lethality", 3, 0, 1000, "Strength destroyed by each striking asset (aircraft, drone, gun) that gets through, before log-normal noise.", "Assumption; a TB2 drone carries four small guided bombs (MAM-L), and strikes reported in the Sahel mostly kill a handful")]
    StrikeLethality,

    [Parameter("strike_commitment", 0.1, 0, 1, "Share of an actor's assets of a weapon one strike commits (at least one).", "Assumption; drones fly alone or in pairs, an air force commits a small share of its aircraft to one target")]
    StrikeCommitment,

    [Parameter("threat_proximity", 0.7, 0, 1, "Weight of hostile strength near one's regions (against overall power) in perceived threat.", "Stopping power of distance (Boulding 1962; Mearsheimer 2001); assumption for the split")]
    ThreatProximity,

    [Parameter("deterrence", 0.15, 0, 2, "Cost of a kinetic act (rung 5+) per unit of the target's backed power over the actor's side power.", "Deterrence by retaliation (Schelling 1966; Huth 1988); assumption for the size, chosen so that juntas rarely strike stronger states")]
    Deterrence,

    [Parameter("retreat_ratio", 0.5, 0, 1, "A side retreats from a region when its strength there is below this share of the hostile strength.", "Assumption; defenders hold at 1:3 (Mearsheimer 1989), so a 1:2 attacker pulls back")]
    RetreatRatio,

    [Parameter("retreat_chance", 0.15, 0, 1, "Per-tick chance that an outmatched side retreats to an adjacent friendly region.", "Assumption; a column decides within about a week")]
    RetreatChance,

    [Parameter("advance_ratio", 3, 1, 10, "A side in a quiet region attacks an adjacent one when its strength there plus what moves in is at least this multiple of the hostile strength.", "The 3:1 rule for attackers (Mearsheimer 1989; Dupuy 1987)")]
    AdvanceRatio,

    [Parameter("advance_chance", 0.1, 0, 1, "Per-tick chance that a side in a quiet region moves one hop to reinforce where it is outnumbered or to attack.", "Assumption; slower than a retreat (retreat_chance): a column is sent within one to two weeks")]
    AdvanceChance,

    [Parameter("pmc_resupply", 0.02, 0, 1, "Per-tick share of a paid PMC force's losses replaced by its patron, times the patron's affinity to the PMC.", "Assumption; Wagner rotations in Mali reported at about a month (Marten 2019)")]
    PmcResupply,

    [Parameter("pmc_threat", 0.3, 0, 1, "Highest threat a state or junta that is a friend (affinity above 0.5) of a PMC's patron must feel to hire the PMC.", "Assumption; juntas hired Wagner amid insurgencies they were losing (Mali 2021, Burkina Faso 2023; Marten 2019)")]
    PmcThreat,

    [Parameter("pmc_signing", 0.02, 0, 1, "Per-tick chance that a PMC signs with the most threatened friend of its patron it does not already serve.", "Assumption; the Mali-Wagner deal took months of talks (reported from Sept 2021, deployed Dec 2021)")]
    PmcSigning,

    [Parameter("pmc_fee", 0.000017, 0, 0.01, "Share of the host's economy a contract signed during a run costs per tick.", "Reuters 2021: USD 10.8 m a month for Wagner in Mali, about 0.6% a year of Mali's GDP (USD 20.9 bn)")]
    PmcFee,

    [Parameter("pmc_deployment", 0.15, 0, 1, "Strength a contract signed during a run deploys, as a share of the host's starting strength.", "Wagner's 1,500-2,000 beside the Malian army's forces in the Sahel scenario (about 1:6)")]
    PmcDeployment,

    [Parameter("pmc_cost_limit", 0.0001, 0, 1, "Payment per tick, as a share of the host's economy, above which the host may end the contract (cost).", "Assumption; about 3.6% of the economy a year, the size of a Sahel state's whole military budget (a few per cent of GDP)")]
    PmcCostLimit,

    [Parameter("pmc_failure_loss", 0.5, 0, 1, "Share of the contracted forces' establishment missing (after resupply) above which the host may end the contract (failure).", "Assumption; a force at half strength no longer does what it was hired for")]
    PmcFailureLoss,

    [Parameter("pmc_failure_regions", 3, 1, 1000, "Regions the host has lost, net of those its side took, since the contract began, from which it may end the contract (failure).", "Assumption; hosts judge a PMC by the ground it holds (Mozambique replaced Wagner with another contractor after the 2019 Cabo Delgado setbacks)")]
    PmcFailureRegions,

    [Parameter("pmc_host_exit", 0.05, 0, 1, "Per-tick chance that a host with a reason (cost, failure, or affinity to the contractor below 0) ends the contract.", "Assumption; a host takes weeks to expel a force it no longer wants")]
    PmcHostExit,

    [Parameter("pmc_patron_affinity", 0, -1, 1, "Patron's affinity toward the host (or toward its PMC, when the patron cannot take it over) below which it may withdraw the PMC (policy).", "Assumption; a patron keeps backing a host it does not oppose")]
    PmcPatronAffinity,

    [Parameter("pmc_breakpoint", 0.5, 0, 1, "Losses since the contract began (replaced or not), as a share of the contracted forces' establishment, at which the patron may withdraw the PMC.", "Assumption; battles stop at 10-30% losses (Helmbold's historical data); a patron judges a whole deployment over months")]
    PmcBreakpoint,

    [Parameter("pmc_patron_exit", 0.05, 0, 1, "Per-tick chance that a patron with a reason (policy or losses) withdraws its PMC from a host.", "Assumption; a withdrawal is decided within weeks")]
    PmcPatronExit,

    [Parameter("pmc_takeover_affinity", 0, -1, 1, "Affinity of a state or junta patron toward its PMC below which it may take the PMC over: its forces become the patron's and keep working for the hosts it backs on the same terms.", "Assumption; Russia folded Wagner's African operations into its defence ministry's Africa Corps after the June 2023 mutiny")]
    PmcTakeoverAffinity,

    [Parameter("pmc_takeover", 0.01, 0, 1, "Per-tick chance that a patron whose affinity to its PMC is below pmc_takeover_affinity takes it over.", "Assumption; the Africa Corps succession took months (late 2023 to 2024)")]
    PmcTakeover,

    [Parameter("junta_loss_weight", 1.5, 0, 20, "Junta cohesion lost per share of its starting strength lost.", "Coups follow battlefield defeats (Powell 2012); assumption for the size")]
    JuntaLossWeight,

    [Parameter("junta_harm_weight", 0.0005, 0, 0.1, "Junta cohesion lost per civilian killed by it or by forces working for it.", "Assumption; civilian harm erodes legitimacy (Lyall 2009 on backlash)")]
    JuntaHarmWeight,

    [Parameter("junta_victory", 0.04, 0, 1, "Junta cohesion gained per region taken, and lost per region lost.", "Rally effects of victories (Mueller 1970); assumption for the size")]
    JuntaVictory,

    [Parameter("cohesion_recovery", 0.005, 0, 1, "Per-tick pull of cohesion back toward its starting value.", "Assumption; half-life of about 4.5 months")]
    CohesionRecovery,

    [Parameter("instability_threshold", 0.35, 0, 1, "Cohesion below which a junta faces instability events (coup attempts, mutinies).", "Assumption; Sahel juntas 2020-2022 saw counter-coups within two years (Powell and Thyne 2011 data)")]
    InstabilityThreshold,

    [Parameter("instability_chance", 0.05, 0, 1, "Per-tick chance of an instability event at zero cohesion; scaled by the shortfall below the threshold.", "Assumption")]
    InstabilityChance,

    [Parameter("instability_cost", 0.1, 0, 1, "Share of a junta's power lost to an instability event (units recalled to the capital, purges).", "Assumption; coup-proofing lowers effectiveness (Quinlivan 1999; Talmadge 2015)")]
    InstabilityCost,

    [Parameter("coup_threshold", 0.15, 0, 1, "Cohesion below which a junta may be overthrown by a coup; below instability_threshold, so mutinies come first.", "Assumption; coups follow unrest and defeats (Powell 2012), Mali 2020 and 2021, Burkina Faso twice in 2022")]
    CoupThreshold,

    [Parameter("coup_chance", 0.01, 0, 1, "Per-tick chance of a coup while a junta's cohesion is below coup_threshold.", "Assumption; about one in three over a month of collapse, so a coup usually follows weeks of crisis")]
    CoupChance,

    [Parameter("coup_cohesion", 0.5, 0, 1, "Cohesion of the faction a coup brings to power.", "Assumption; new juntas enjoy a short honeymoon (Burkina Faso, Sept 2022) but inherit the army's divisions")]
    CoupCohesion,

    [Parameter("coup_reshuffle", 0.25, 0, 1, "New ruler's resolve is drawn uniformly within ± this of the junta's starting resolve (clamped to [0, 1]), its rationality within ± this share of its starting rationality.", "Assumption; a coup replaces the leader, not the army's outlook")]
    CoupReshuffle,

    [Parameter("coup_realignment", 0.5, 0, 1, "Share of the way a coup moves the junta's affinity (and its baseline) toward the patrons of its contracted PMCs back to 0.", "Assumption; new rulers revisit their predecessor's foreign backers (Burkina Faso 2022 turned from France to Russia)")]
    CoupRealignment,

    [Parameter("treaty_obligation", 0.5, 0, 1, "Share of a use of force against an ally a defence-pact partner takes as aimed at itself (half for an entente, none for non-aggression).", "Alliance reliability about 0.5-0.75 (Leeds 2003)")]
    TreatyObligation,

    [Parameter("arms_race_reaction", 0.002, 0, 0.1, "Richardson's k: per-tick growth of power per unit of threat-weighted rival power.", "Richardson 1960; assumption for the size")]
    ArmsRaceReaction,

    [Parameter("arms_race_fatigue", 0.002, 0, 0.1, "Richardson's a: per-tick share of power that lapses (fatigue, upkeep).", "Richardson 1960; half-life of about a year")]
    ArmsRaceFatigue,

    [Parameter("arms_transfer", 0.03, 0, 1, "Share of a client's power, and of its forces' starting strength, a patron adds by one arms delivery.", "Assumption; Turkish TB2 deliveries to Mali 2022-2024")]
    ArmsTransfer,

    [Parameter("mediation", 0.15, 0, 1, "Share of a dyad's tension one mediation removes.", "Assumption; mediation shortens crises (Beardsley 2011)")]
    Mediation,

    [Parameter("regime_lapse", 180, 1, 3650, "Ticks a diplomatic regime (sanctions, reduced or broken relations, closed airspace, expelled mission) holds before it lapses unless lifted earlier; it may then be imposed anew.", "Assumption; sanctions regimes are reviewed and renewed every 6 to 12 months (EU restrictive measures; ECOWAS held its January 2022 sanctions on Mali for six months)")]
    RegimeLapse,

    [Parameter("claim_grievance", 0.0005, 0, 0.1, "Per-tick fall of a claimant's affinity toward the holder of each region it claims (bounded move).", "Territorial claims drive interstate hostility (Vasquez 1993; Hensel 2001); assumption for the size: about -0.05 per region against affinity_drift")]
    ClaimGrievance,

    [Parameter("climb_cost", 0.3, 0, 5, "Utility cost per rung an action climbs above the dyad's current rung.", "Escalation thresholds are costly to cross (Kahn 1965; Fearon 1995 audience costs); assumption for the size")]
    ClimbCost,

    [Parameter("rationality_scale", 1, 0, 10, "Multiplies every actor's rationality (logit precision) for what-if runs.", "Quantal response equilibrium (McKelvey and Palfrey 1995); a lever, not an estimate")]
    RationalityScale,

    [Parameter("initial_tension_scale", 1, 0, 1, "Multiplies every dyad's starting tension and rung (rounded down) for what-if runs.", "A lever, not an estimate")]
    InitialTensionScale,
#pragma warning restore CS1591
}

/// <summary>Declares an engine parameter on its <see cref="ModelParameter"/> member.</summary>
[AttributeUsage(AttributeTargets.Field)]
internal sealed class ParameterAttribute(string id, double defaultValue, double min, double max, string description, string source) : Attribute
{
    /// <summary>The id scenarios, <c>--set</c> and sweeps name it by.</summary>
    public string Id { get; } = id;

    /// <summary>Its value unless a scenario or an override changes it.</summary>
    public double DefaultValue { get; } = defaultValue;

    /// <summary>Lowest allowed value.</summary>
    public double Min { get; } = min;

    /// <summary>Highest allowed value.</summary>
    public double Max { get; } = max;

    /// <summary>What it means.</summary>
    public string Description { get; } = description;

    /// <summary>Where its default comes from.</summary>
    public string Source { get; } = source;
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
    /// <summary>Every engine parameter, in <see cref="ModelParameter"/> order (so <c>All[(int)p]</c> is <c>p</c>'s).</summary>
    public static readonly IReadOnlyList<ModelParameterInfo> All = Declarations.Read<ModelParameter, ParameterAttribute, ModelParameterInfo>(
        (key, p) => new(key, p.Id, p.DefaultValue, p.Min, p.Max, p.Description, p.Source), info => info.Id);
}
