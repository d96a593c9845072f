using System.Globalization;
using Sim.Ecs;
using Sim.Engine.Core;

namespace Sim.Engine.Model;

/// <summary>
/// The first broken invariant of a run: when (tick, and the system that had just run, or "start"),
/// what, and the entities involved (actor and region ids from the scenario).
/// </summary>
/// <param name="Tick">The tick during which the invariant broke (-1 for the starting state).</param>
/// <param name="After">The system that had just run, or <c>start</c>.</param>
/// <param name="Message">What is wrong, naming the entities involved.</param>
public sealed record InvariantViolation(int Tick, string After, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Tick < 0
        ? $"invariant broken in the starting state: {Message}"
        : string.Create(CultureInfo.InvariantCulture, $"invariant broken at tick {Tick}, after system '{After}': {Message}");
}

/// <summary>Thrown by a checked run (<see cref="ScenarioRun"/> with <see cref="RunOptions.Check"/>) at the first broken invariant.</summary>
public sealed class InvariantViolationException : Exception
{
    /// <summary>The violation found.</summary>
    public InvariantViolationException(InvariantViolation violation)
        : base(violation?.ToString())
    {
        Violation = violation!;
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking a violation.</summary>
    public InvariantViolationException()
        : this(new InvariantViolation(-1, "start", "unknown"))
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking a violation.</summary>
    public InvariantViolationException(string message)
        : this(new InvariantViolation(-1, "start", message))
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking a violation.</summary>
    public InvariantViolationException(string message, Exception inner)
        : base(message, inner)
    {
        Violation = new InvariantViolation(-1, "start", message);
    }

    /// <summary>What broke, where and when.</summary>
    public InvariantViolation Violation { get; }
}

/// <summary>
/// The model's invariants, checked on a run's state. It only reads the state, so a checked run
/// gives the same bytes as an unchecked one.
/// <list type="bullet">
/// <item>affinities (current and baseline) in [-1, 1];</item>
/// <item>escalation rungs, and the highest rung each dyad reached, in 0..9, symmetric, the highest never below the current;</item>
/// <item>no NaN or infinity anywhere: relations, threat, tension, capabilities, rated strengths, politics, regions, forces, contracts, parameters, fatality totals;</item>
/// <item>force strengths and establishments, region populations and displaced never negative; event fatalities never negative, civilians among them;</item>
/// <item>control only by existing actors (a region's controller is -1 or an actor index), forces owned by existing actors in existing regions;</item>
/// <item>a force works under contract only for the host of an active contract its owner is the contractor of; a contract is run by
/// its PMC or the PMC's patron (a takeover), and a PMC has at most one active contract with a host;</item>
/// <item>each system changes only what it declares (<see cref="IModelSystem.Changes"/>, <see cref="StateChanges"/>);</item>
/// <item>casualties conserved: across each system that declares <see cref="StateChanges.Casualties"/> (and not free
/// <see cref="StateChanges.Strength"/> changes), combatants reported killed equal the strength removed from forces and civilians
/// reported killed equal the population removed (beyond those displaced), up to the rounding of each event's count; a system that
/// declares neither leaves every actor's strength as it was;</item>
/// <item>strikes in reach: every strike an actor chose hit a region within its weapon's range of a region it held or had forces in;</item>
/// <item>conquest only by battle or abandonment: across a system that declares <see cref="StateChanges.Control"/> but not free
/// <see cref="StateChanges.Strength"/> changes (the fighting, not a scenario's effects), a region changes hands only when no unbroken
/// force of its old holder or the holder's friends is left there, and to a side with an unbroken force there;</item>
/// <item>diplomatic regimes: no act imposes a regime its actor already holds, and none holds without such an act (<see cref="RegimeCheck"/>);</item>
/// <item>forces march one hop a tick: across a system that declares <see cref="StateChanges.Marches"/> every force stays or moves to
/// an adjacent region; across any other, every force stays where it was.</item>
/// </list>
/// </summary>
public sealed class Invariants
{
    private readonly ModelState _state;
    private readonly double[] _strengthBefore;
    private readonly double[] _strengthAfter;
    private readonly double[] _civiliansBefore;
    private readonly int[] _controllerBefore;
    private readonly bool[] _presentBefore;
    private readonly Dictionary<Entity, int> _regionBefore = [];
    private readonly StateSnapshot _snapshot;
    private int _eventsBefore;

    /// <summary>A checker over <paramref name="state"/>.</summary>
    public Invariants(ModelState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _strengthBefore = new double[state.ActorCount];
        _strengthAfter = new double[state.ActorCount];
        _civiliansBefore = new double[state.RegionCount];
        _controllerBefore = new int[state.RegionCount];
        _presentBefore = new bool[state.RegionCount * state.ActorCount];
        _snapshot = new StateSnapshot(state);
    }

    /// <summary>The first broken state invariant (everything but conservation, which needs a before and an after), or null.</summary>
    public string? CheckState()
    {
        var s = _state;
        var n = s.ActorCount;
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (!InRange(s.Affinity[a, b], -1, 1))
                {
                    return $"affinity({Actor(a)}, {Actor(b)}) = {F(s.Affinity[a, b])} is outside [-1, 1]";
                }

                if (!InRange(s.BaselineAffinity[a, b], -1, 1))
                {
                    return $"baseline affinity({Actor(a)}, {Actor(b)}) = {F(s.BaselineAffinity[a, b])} is outside [-1, 1]";
                }

                int rung = s.Escalation[a, b], max = s.MaxEscalation[a, b];
                if (rung is < 0 or > 9 || max is < 0 or > 9)
                {
                    return $"escalation({Actor(a)}, {Actor(b)}) = {rung} (highest {max}) is outside 0..9";
                }

                if (rung != s.Escalation[b, a] || max < rung)
                {
                    return $"escalation({Actor(a)}, {Actor(b)}) = {rung} but escalation({Actor(b)}, {Actor(a)}) = {s.Escalation[b, a]} and the highest reached is {max}";
                }

                if (!double.IsFinite(s.Tension[a, b]) || !InRange(s.Threat[a, b], 0, 1))
                {
                    return $"tension({Actor(a)}, {Actor(b)}) = {F(s.Tension[a, b])}, threat = {F(s.Threat[a, b])}: tension must be finite, threat in [0, 1]";
                }
            }

            ref readonly var cap = ref s.CapabilityOf(a);
            ref readonly var pol = ref s.PoliticsOf(a);
            if (!(cap.Power >= 0) || !double.IsFinite(cap.Power) || !double.IsFinite(cap.Economy))
            {
                return $"{Actor(a)} has power {F(cap.Power)} and economy {F(cap.Economy)}: power must be finite and not negative, economy finite";
            }

            // Assets are counts: a strike commits at most what is left, and each intercepted asset is one less.
            if (!InRange(cap.StrikeAssets, 0, double.MaxValue) || !InRange(cap.ArtilleryAssets, 0, double.MaxValue) || !InRange(cap.AirDefence, 0, 1))
            {
                return $"{Actor(a)} has {F(cap.StrikeAssets)} aircraft, {F(cap.ArtilleryAssets)} guns and air defence {F(cap.AirDefence)}: assets must not be negative, air defence in [0, 1]";
            }

            if (!(s.RatedStrength[a] >= 0) || !double.IsFinite(s.RatedStrength[a]))
            {
                return $"{Actor(a)} has its power rated by a strength of {F(s.RatedStrength[a])}: it must be finite and not negative";
            }

            if (!double.IsFinite(pol.Cohesion) || !double.IsFinite(pol.Resolve) || !double.IsFinite(pol.Rationality))
            {
                return $"{Actor(a)} has cohesion {F(pol.Cohesion)}, resolve {F(pol.Resolve)}, rationality {F(pol.Rationality)}: all must be finite";
            }

            if (pol.Faction < 0)
            {
                return $"{Actor(a)} has ruling faction {pol.Faction}: coups only raise it from 0";
            }
        }

        for (var r = 0; r < s.RegionCount; r++)
        {
            ref readonly var region = ref s.RegionOf(r);
            if (!(region.Population >= 0) || !double.IsFinite(region.Population) || !(region.Displaced >= 0) || !double.IsFinite(region.Displaced))
            {
                return $"region {Region(r)} has population {F(region.Population)} and displaced {F(region.Displaced)}: both must be finite and not negative";
            }

            if (region.Controller < -1 || region.Controller >= n)
            {
                return $"region {Region(r)} is controlled by actor index {region.Controller}, which does not exist";
            }

            if (!(s.RegionFatalities[r] >= 0) || !double.IsFinite(s.RegionFatalities[r]) || !(s.RegionCivilianFatalities[r] >= 0) || !double.IsFinite(s.RegionCivilianFatalities[r]))
            {
                return $"region {Region(r)} has {F(s.RegionFatalities[r])} fatalities, {F(s.RegionCivilianFatalities[r])} civilian: both must be finite and not negative";
            }
        }

        foreach (var table in s.Forces.Tables)
        {
            var entities = table.Entities;
            var forces = table.GetSpan<Force>();
            for (var i = 0; i < forces.Length; i++)
            {
                ref readonly var f = ref forces[i];
                if (f.Owner < 0 || f.Owner >= n || f.Region < 0 || f.Region >= s.RegionCount || f.Contract < -1 || f.Contract >= n)
                {
                    return $"force {entities[i]} has owner {f.Owner}, region {f.Region}, contract {f.Contract}: one of them does not exist";
                }

                if (!(f.Strength >= 0) || !double.IsFinite(f.Strength) || !(f.Establishment >= 0) || !double.IsFinite(f.Establishment))
                {
                    return $"force {entities[i]} of {Actor(f.Owner)} in {Region(f.Region)} has strength {F(f.Strength)} and establishment {F(f.Establishment)}: both must be finite and not negative";
                }

                if (!InRange(f.Shock, 0, 1))
                {
                    return $"force {entities[i]} of {Actor(f.Owner)} in {Region(f.Region)} has shock {F(f.Shock)}: it must be in [0, 1]";
                }

                if (f.Contract >= 0 && !HasContract(f.Owner, f.Contract))
                {
                    return $"a force of {Actor(f.Owner)} in {Region(f.Region)} works for {Actor(f.Contract)}, but {Actor(f.Owner)} has no active contract with it";
                }
            }
        }

        var contracts = s.Contracts.AsSpan();
        for (var i = 0; i < contracts.Length; i++)
        {
            ref readonly var c = ref contracts[i];
            if (!double.IsFinite(c.Paid) || !double.IsFinite(c.Payment) || !(c.Replaced >= 0) || !double.IsFinite(c.Replaced))
            {
                return $"the contract of {Actor(c.Pmc)} with {Actor(c.Host)} has payment {F(c.Payment)}, paid {F(c.Paid)} and replaced {F(c.Replaced)}: all must be finite, replaced not negative";
            }

            if (c.Pmc >= 0 && c.Contractor != c.Pmc && c.Contractor != s.Patron[c.Pmc])
            {
                return $"the contract of {Actor(c.Pmc)} with {Actor(c.Host)} is run by {Actor(c.Contractor)}, neither the PMC nor its patron";
            }

            for (var j = i + 1; c.Active && j < contracts.Length; j++)
            {
                if (contracts[j].Active && contracts[j].Pmc == c.Pmc && contracts[j].Host == c.Host)
                {
                    return $"{Actor(c.Pmc)} has two active contracts with {Actor(c.Host)}";
                }
            }
        }

        for (var p = 0; p < s.Parameters.Length; p++)
        {
            if (!double.IsFinite(s.Parameters[p]))
            {
                return $"parameter {s.Definition.Parameters[p].Id} = {F(s.Parameters[p])} is not finite";
            }
        }

        if (!(s.TotalFatalities >= s.TotalCivilianFatalities) || !(s.TotalCivilianFatalities >= 0) || !double.IsFinite(s.TotalFatalities))
        {
            return $"total fatalities {F(s.TotalFatalities)}, civilian {F(s.TotalCivilianFatalities)}: must be finite, civilians not negative and among the total";
        }

        var events = s.Events.All;
        for (var i = _eventsBefore; i < events.Length; i++)
        {
            ref readonly var e = ref events[i];
            if (e.CivilianFatalities < 0 || e.Fatalities < e.CivilianFatalities)
            {
                return $"event {s.Definition.Actions[e.Action].Id} by {Actor(e.Actor.Index)} has {e.Fatalities} fatalities of which {e.CivilianFatalities} civilian: counts must not be negative, civilians among the total";
            }
        }

        return null;
    }

    /// <summary>Remembers what conservation and the declared changes compare against; call before a system runs.</summary>
    public void Before()
    {
        _snapshot.Take();
        _eventsBefore = _state.Events.Count;
        SumStrengths(_strengthBefore);
        for (var r = 0; r < _state.RegionCount; r++)
        {
            ref readonly var region = ref _state.RegionOf(r);
            _civiliansBefore[r] = region.Population + region.Displaced;
            _controllerBefore[r] = region.Controller;
        }

        _regionBefore.Clear();
        Array.Clear(_presentBefore);
        foreach (var table in _state.Forces.Tables)
        {
            var forces = table.GetSpan<Force>();
            var entities = table.Entities;
            for (var i = 0; i < forces.Length; i++)
            {
                _regionBefore[entities[i]] = forces[i].Region;
                _presentBefore[(forces[i].Region * _state.ActorCount) + forces[i].Owner] |= forces[i].Strength > 0;
            }
        }
    }

    /// <summary>
    /// After a system that declared <paramref name="declared"/>: the first of the state it changed without declaring it,
    /// of casualties not conserved, or of forces moved further than it may move them; or null.
    /// </summary>
    public string? CheckChanges(StateChanges declared)
    {
        if (_snapshot.Undeclared(declared) is { } undeclared)
        {
            return undeclared;
        }

        var strengthAtWill = (declared & StateChanges.Strength) != 0;
        var kills = (declared & StateChanges.Casualties) != 0;
        var problem = strengthAtWill ? null : kills ? CheckConservation() : CheckStrengthsKept();
        problem ??= strengthAtWill || (declared & StateChanges.Control) == 0 ? null : CheckConquests();
        problem ??= CheckStrikesInReach();
        problem ??= RegimeCheck.Check(_state, _snapshot.RegimesBefore, _eventsBefore, Actor);
        return problem ?? ((declared & StateChanges.Marches) != 0 ? CheckMarches() : CheckForcesStayed());
    }

    /// <summary>After a system that moves forces: each force that existed before stayed in its region or moved to an adjacent one.</summary>
    public string? CheckMarches() => CheckMoves(hop: true);

    /// <summary>After a system that moves no force: each force that existed before is where it was.</summary>
    public string? CheckForcesStayed() => CheckMoves(hop: false);

    /// <summary>After the fighting: each region that changed hands was beaten or left by its holder's side, and taken by a side standing in it.</summary>
    private string? CheckConquests()
    {
        for (var r = 0; r < _state.RegionCount; r++)
        {
            var (before, after) = (_controllerBefore[r], _state.RegionOf(r).Controller);
            if (before == after)
            {
                continue;
            }

            var taken = false;
            foreach (var table in _state.Forces.Tables)
            {
                foreach (ref readonly var f in table.GetSpan<Force>())
                {
                    if (f.Region != r || f.Strength <= 0 || f.Shock >= 1)
                    {
                        continue;
                    }

                    if (before >= 0 && (f.Side == before || _state.Queries.Friends(f.Side, before)))
                    {
                        return $"region {Region(r)} passed from {Actor(before)} to {Actor(after)} while an unbroken force of {Actor(f.Side)} held it";
                    }

                    taken |= f.Side == after;
                }
            }

            if (!taken)
            {
                return $"region {Region(r)} passed from {(before >= 0 ? Actor(before) : "no one")} to {Actor(after)}, which has no unbroken force there";
            }
        }

        return null;
    }

    /// <summary>
    /// Every strike an actor chose since <see cref="Before"/> hit a region within its weapon's range of a base: a region it
    /// held or had forces in before (a scenario's scripted strikes go where the scenario says).
    /// </summary>
    public string? CheckStrikesInReach()
    {
        var events = _state.Events.All;
        var strikes = _state.Acts.Strikes;
        for (var i = _eventsBefore; i < events.Length; i++)
        {
            ref readonly var e = ref events[i];
            if (e.Origin is EventOrigin.Rule or EventOrigin.Timeline || e.Region.IsNone || strikes.WeaponOf(e.Action) is not { } weapon)
            {
                continue;
            }

            var (striker, at) = (e.Actor.Index, e.Region.Index);
            var nearest = double.PositiveInfinity;
            for (var r = 0; r < _state.RegionCount; r++)
            {
                var isBase = _controllerBefore[r] == striker || _presentBefore[(r * _state.ActorCount) + striker];
                nearest = isBase ? Math.Min(nearest, _state.Geography.DistanceKm(r, at)) : nearest;
            }

            var range = strikes.Range(striker, weapon);
            if (!(nearest <= range))
            {
                return $"{Actor(striker)}'s {_state.Definition.Actions[e.Action].Id} hit {Region(at)}, {F(nearest)} km from its nearest base, beyond its range of {F(range)} km";
            }
        }

        return null;
    }

    private string? CheckStrengthsKept()
    {
        SumStrengths(_strengthAfter);
        for (var a = 0; a < _state.ActorCount; a++)
        {
            if (!_strengthAfter[a].Equals(_strengthBefore[a]))
            {
                return $"the strength of {Actor(a)} went from {F(_strengthBefore[a])} to {F(_strengthAfter[a])}, but the system declares no change of strength";
            }
        }

        return null;
    }

    private string? CheckMoves(bool hop)
    {
        foreach (var table in _state.Forces.Tables)
        {
            var forces = table.GetSpan<Force>();
            var entities = table.Entities;
            for (var i = 0; i < forces.Length; i++)
            {
                ref readonly var f = ref forces[i];
                if (_regionBefore.TryGetValue(entities[i], out var from) && from != f.Region
                    && (!hop || (uint)from >= (uint)_state.RegionCount || !_state.Definition.Regions[from].Adjacent.Contains(f.Region)))
                {
                    return hop
                        ? $"a force of {Actor(f.Owner)} moved from {Region(from)} to {Region(f.Region)}, which is not adjacent, in one tick"
                        : $"a force of {Actor(f.Owner)} moved from {Region(from)} to {Region(f.Region)}, but the system declares no marches";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// After a system ran: combatants and civilians killed by the model's own events (fighting and decisions; scenario
    /// events report history and remove no one) must equal what left the forces and the population.
    /// </summary>
    public string? CheckConservation()
    {
        var s = _state;
        double killed = 0, civilians = 0, tolerance = 0;
        var events = s.Events.All;
        for (var i = _eventsBefore; i < events.Length; i++)
        {
            ref readonly var e = ref events[i];
            if (e.Origin is EventOrigin.Fighting or EventOrigin.Decision)
            {
                killed += e.Fatalities - e.CivilianFatalities;
                civilians += e.CivilianFatalities;
                tolerance += 0.5; // each event's count is rounded to a whole person
            }
        }

        SumStrengths(_strengthAfter);
        double removed = 0, scale = 0;
        for (var a = 0; a < s.ActorCount; a++)
        {
            removed += _strengthBefore[a] - _strengthAfter[a];
            scale += _strengthBefore[a];
        }

        double civiliansRemoved = 0, population = 0;
        for (var r = 0; r < s.RegionCount; r++)
        {
            ref readonly var region = ref s.RegionOf(r);
            civiliansRemoved += _civiliansBefore[r] - (region.Population + region.Displaced);
            population += _civiliansBefore[r];
        }

        // Floating sums over many forces carry rounding proportional to their size.
        if (Math.Abs(killed - removed) > tolerance + (1e-9 * scale) + 1e-6)
        {
            return $"{F(killed)} combatants reported killed but {F(removed)} strength removed from forces{Involved()}";
        }

        if (Math.Abs(civilians - civiliansRemoved) > (1e-9 * population) + 1e-6)
        {
            return $"{F(civilians)} civilians reported killed but {F(civiliansRemoved)} people removed from regions{Involved()}";
        }

        return null;
    }

    private string Involved()
    {
        var parts = new List<string>();
        var events = _state.Events.All;
        for (var i = _eventsBefore; i < events.Length && parts.Count < 8; i++)
        {
            ref readonly var e = ref events[i];
            if (e.Fatalities > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{_state.Definition.Actions[e.Action].Id} {Actor(e.Actor.Index)} -> {(e.Target.IsNone ? "-" : Actor(e.Target.Index))} in {(e.Region.IsNone ? "-" : Region(e.Region.Index))}: {e.Fatalities} killed, {e.CivilianFatalities} civilians"));
            }
        }

        return parts.Count == 0 ? " (no event reported fatalities)" : $" (events: {string.Join("; ", parts)})";
    }

    private void SumStrengths(double[] into)
    {
        Array.Clear(into);
        foreach (var table in _state.Forces.Tables)
        {
            foreach (ref readonly var f in table.GetSpan<Force>())
            {
                if ((uint)f.Owner < (uint)into.Length)
                {
                    into[f.Owner] += f.Strength;
                }
            }
        }
    }

    private bool HasContract(int contractor, int host)
    {
        foreach (ref readonly var c in _state.Contracts.AsSpan())
        {
            if (c.Active && c.Contractor == contractor && c.Host == host)
            {
                return true;
            }
        }

        return false;
    }

    private static bool InRange(double v, double lo, double hi) => v >= lo && v <= hi;

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private string Actor(int a) => (uint)a < (uint)_state.ActorCount ? _state.Definition.Actors[a].Id : string.Create(CultureInfo.InvariantCulture, $"#{a}");

    private string Region(int r) => (uint)r < (uint)_state.RegionCount ? _state.Definition.Regions[r].Id : string.Create(CultureInfo.InvariantCulture, $"#{r}");
}

/// <summary>
/// Runs a system, then the invariants, holding the system to the changes it declares; throws
/// <see cref="InvariantViolationException"/> at the first one broken.
/// </summary>
internal sealed class CheckedSystem(IModelSystem inner, Invariants invariants) : IModelSystem
{
    public string Name => inner.Name;

    public StateChanges Changes => inner.Changes;

    public void Update(Simulation simulation)
    {
        invariants.Before();
        inner.Update(simulation);
        if ((invariants.CheckState() ?? invariants.CheckChanges(inner.Changes)) is { } message)
        {
            throw new InvariantViolationException(new InvariantViolation(simulation.Clock.Tick, inner.Name, message));
        }
    }
}
