using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>Identifies an actor entity: its index in the scenario's actor list and its kind.</summary>
public struct Actor
{
    /// <summary>Index in the scenario's actor list (and in every relation matrix).</summary>
    public int Index;

    /// <summary>What kind of actor this is.</summary>
    public ActorKind Kind;
}

/// <summary>An actor's material means.</summary>
public struct Capability
{
    /// <summary>Military power, relative units (the scenario's scale).</summary>
    public double Power;

    /// <summary>Economic weight, relative units.</summary>
    public double Economy;

    /// <summary>Aircraft and armed drones left to strike with; each one brought down is lost.</summary>
    public double StrikeAssets;

    /// <summary>Their reach from a region the actor holds or stands in, km.</summary>
    public double StrikeRangeKm;

    /// <summary>Artillery pieces (guns, rocket launchers) to shell with.</summary>
    public double ArtilleryAssets;

    /// <summary>Their reach from a region the actor holds or stands in, km.</summary>
    public double ArtilleryRangeKm;

    /// <summary>Chance that its air defence brings down each striking asset over a region it covers, in [0, 1].</summary>
    public double AirDefence;

    /// <summary>The air defence's cover from a region the actor holds or stands in, km.</summary>
    public double AirDefenceRangeKm;
}

/// <summary>An actor's internal politics and decision style.</summary>
public struct Politics
{
    /// <summary>Cohesion or legitimacy in [0, 1]; for juntas, their hold on power.</summary>
    public double Cohesion;

    /// <summary>Willingness to bear costs, in [0, 1].</summary>
    public double Resolve;

    /// <summary>Logit precision of choices: 0 picks at random, large values pick the best action.</summary>
    public double Rationality;

    /// <summary>Ruling faction: 0 for the one in power at the start, raised by one at each coup.</summary>
    public int Faction;
}

/// <summary>A region of the map.</summary>
public struct Region
{
    /// <summary>Index in the scenario's region list.</summary>
    public int Index;

    /// <summary>Actor index of the controller, or -1 for none.</summary>
    public int Controller;

    /// <summary>Actor index of the state the region belongs to, or -1.</summary>
    public int Country;

    /// <summary>Civilians living in the region.</summary>
    public double Population;

    /// <summary>Civilians displaced from the region so far.</summary>
    public double Displaced;
}

/// <summary>An armed force: a strength in one region, owned by an actor, perhaps working for another.</summary>
public struct Force
{
    /// <summary>Actor index of the owner.</summary>
    public int Owner;

    /// <summary>Region index where the force stands.</summary>
    public int Region;

    /// <summary>Fighting strength (personnel-equivalents).</summary>
    public double Strength;

    /// <summary>Actor index of the actor the force works for under contract, or -1.</summary>
    public int Contract;

    /// <summary>Strength the force was raised with; a patron resupplies a contracted PMC force toward it.</summary>
    public double Establishment;

    /// <summary>
    /// Shock in [0, 1]: 0 fresh, 1 broken. Battle losses raise it (by the share of strength lost over
    /// <c>breakpoint</c>), every tick lowers it by <c>rally_rate</c>; a broken force retreats and holds no ground.
    /// The forces of one side in one region share it: they fight as one.
    /// </summary>
    public double Shock;

    /// <summary>The actor on whose side the force fights: its contractor if any, else its owner.</summary>
    public readonly int Side => Contract >= 0 ? Contract : Owner;
}

/// <summary>
/// A PMC's contract with a host: the host pays each tick, the contractor's forces fight on the host's side, the
/// PMC's patron backs it. The contractor is the PMC until its patron takes it over (a state-run successor), then the
/// patron, whose forces keep working for the host on the same terms.
/// </summary>
public struct PmcContract
{
    /// <summary>Actor index of the PMC the contract was signed with; it rates the forces' power even after a takeover.</summary>
    public int Pmc;

    /// <summary>Actor index of the contractor: the actor that owns the forces and is paid (the PMC, or its patron after a takeover).</summary>
    public int Contractor;

    /// <summary>Actor index of the paying host.</summary>
    public int Host;

    /// <summary>Payment per tick, in economy units.</summary>
    public double Payment;

    /// <summary>Total paid so far.</summary>
    public double Paid;

    /// <summary>Strength the patron has replaced so far (its resupply): with what is still missing, the losses the contract has cost.</summary>
    public double Replaced;

    /// <summary>Tick the contract was signed (0 for the scenario's own contracts).</summary>
    public int Start;

    /// <summary>False once the contract has ended (the PMC withdrew or was expelled).</summary>
    public bool Active;
}
