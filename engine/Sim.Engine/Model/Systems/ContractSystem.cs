using Sim.Ecs;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 5: PMC contracts, from signing to their end (docs/model.md gives the equations).
/// <list type="bullet">
/// <item>Each tick a host pays its contractor; while paid, the patron replaces a share
/// <c>pmc_resupply * max(0, affinity(patron, PMC))</c> (the full share for a state-run successor, which is the
/// patron's own force) of the losses of the forces working for the host, toward their establishment.</item>
/// <item>A contract ends, the contractor's forces there leaving, when the host cannot pay (a <c>withdraw_pmc</c>
/// event); when the host has a reason, with chance <c>pmc_host_exit</c> a tick (an <c>expel_pmc</c> event): the
/// payment is above <c>pmc_cost_limit</c> of its economy (cost), the contracted forces miss more than
/// <c>pmc_failure_loss</c> of their establishment or the host lost <c>pmc_failure_regions</c> regions net since the
/// contract began (failure), or its affinity to the contractor is below 0 (politics); and when the patron has a
/// reason, with chance <c>pmc_patron_exit</c> a tick (<c>withdraw_pmc</c>): its affinity to the host, or to a PMC it
/// cannot take over, is below <c>pmc_patron_affinity</c> (policy), or the contract's losses reach
/// <c>pmc_breakpoint</c> of the contracted establishment (losses).</item>
/// <item>A state or junta patron whose affinity to its PMC is below <c>pmc_takeover_affinity</c> takes it over with
/// chance <c>pmc_takeover</c> a tick (a <c>take_over_pmc</c> event per contract): the PMC's forces working for hosts
/// the patron backs become the patron's and keep working for them on the same terms, and the patron takes on the
/// PMC's conflicts (rung and tension, where the PMC's are higher).</item>
/// <item>A PMC backed by its patron (affinity above 0) signs, with chance <c>pmc_signing</c> a tick, with the most
/// threatened state or junta it does not already serve that feels a threat of at least <c>pmc_threat</c>, is a friend of
/// the patron (affinity above 0.5), does not oppose the PMC (affinity 0 or more) and can pay <c>pmc_fee</c> of its
/// economy a tick: a <c>deploy_pmc</c> event (CAMEO 062), and a force of <c>pmc_deployment</c> times the host's
/// starting strength where the host faces the most hostile strength (else its capital). A PMC may serve several
/// hosts, one contract each.</item>
/// </list>
/// </summary>
public sealed class ContractSystem(ModelState state) : IModelSystem
{
    private static readonly ulong Purpose = RngKey.Purpose("contracts");

    // Own streams for endings and takeovers, keyed by contract and by PMC: a draw for one cause never moves another's.
    private static readonly ulong HostPurpose = RngKey.Purpose("contract host exits");
    private static readonly ulong PatronPurpose = RngKey.Purpose("contract patron exits");
    private static readonly ulong TakeoverPurpose = RngKey.Purpose("pmc takeovers");
    private readonly int _withdraw = state.Action(DefaultAction.WithdrawPmc);
    private readonly int _expel = state.Action(DefaultAction.ExpelPmc);
    private readonly int _deploy = state.Action(DefaultAction.DeployPmc);
    private readonly int _occupy = state.Action(DefaultAction.Occupy);
    private readonly double[] _hostile = new double[state.RegionCount];

    /// <inheritdoc/>
    public string Name => "contracts";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.Events | StateChanges.Contracts | StateChanges.Economy | StateChanges.Strength | StateChanges.Tension | StateChanges.Escalation | StateChanges.Power;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var resupply = state.P(ModelParameter.PmcResupply);
        var hostExit = state.P(ModelParameter.PmcHostExit);
        var patronExit = state.P(ModelParameter.PmcPatronExit);
        var contracts = state.Contracts;
        for (var c = 0; c < contracts.Length; c++)
        {
            ref var contract = ref contracts[c];
            if (!contract.Active)
            {
                continue;
            }

            ref var economy = ref state.CapabilityOf(contract.Host).Economy;
            if (economy < contract.Payment)
            {
                End(ref contract, byHost: false);
                continue;
            }

            var (strength, establishment) = Deployed(contract);
            if (hostExit > 0 && HostHasReason(contract, economy, strength, establishment) && simulation.Random(HostPurpose, c).Chance(hostExit))
            {
                End(ref contract, byHost: true);
                continue;
            }

            if (patronExit > 0 && PatronHasReason(contract, strength, establishment) && simulation.Random(PatronPurpose, c).Chance(patronExit))
            {
                End(ref contract, byHost: false);
                continue;
            }

            economy -= contract.Payment;
            contract.Paid += contract.Payment;
            var backing = Backing(contract);
            if (backing > 0 && resupply > 0)
            {
                contract.Replaced += Resupply(contract, resupply * backing);
            }
        }

        for (var p = 0; p < state.ActorCount; p++)
        {
            if (state.KindOf(p) == ActorKind.Pmc)
            {
                TryTakeOver(simulation, p);
                TrySign(simulation, p);
            }
        }
    }

    /// <summary>The patron that stands behind a contract: the PMC's patron, or the contractor itself once it took the PMC over.</summary>
    private int PatronOf(in PmcContract contract) => contract.Contractor == contract.Pmc ? state.Patron[contract.Pmc] : contract.Contractor;

    /// <summary>How strongly the patron resupplies: its affinity to the PMC, or fully for its own state-run successor.</summary>
    private double Backing(in PmcContract contract)
    {
        if (contract.Contractor != contract.Pmc)
        {
            return 1;
        }

        var patron = state.Patron[contract.Pmc];
        return patron >= 0 ? Math.Max(0, state.Affinity[patron, contract.Pmc]) : 0;
    }

    /// <summary>Cost, failure or politics (see the class summary).</summary>
    private bool HostHasReason(in PmcContract contract, double economy, double strength, double establishment)
    {
        var host = contract.Host;
        if (contract.Payment > state.P(ModelParameter.PmcCostLimit) * economy
            || (establishment > 0 && strength < (1 - state.P(ModelParameter.PmcFailureLoss)) * establishment)
            || state.Affinity[host, contract.Contractor] < 0)
        {
            return true;
        }

        // Net regions lost since the contract began: those taken from the host minus those its side took.
        var within = state.Tick - contract.Start + 1;
        var lost = state.Queries.EventCount(_occupy, -1, host, -1, within) - state.Queries.EventCount(_occupy, host, -1, -1, within);
        return lost >= state.P(ModelParameter.PmcFailureRegions);
    }

    /// <summary>Policy or losses (see the class summary).</summary>
    private bool PatronHasReason(in PmcContract contract, double strength, double establishment)
    {
        var patron = PatronOf(contract);
        if (patron < 0)
        {
            return false;
        }

        var floor = state.P(ModelParameter.PmcPatronAffinity);
        if (state.Affinity[patron, contract.Host] < floor
            || (contract.Contractor != patron && state.Affinity[patron, contract.Contractor] < floor && !CanTakeOver(patron)))
        {
            return true;
        }

        // Losses the contract has cost: what is still missing plus what the patron already replaced.
        var losses = establishment - strength + contract.Replaced;
        return establishment > 0 && losses >= state.P(ModelParameter.PmcBreakpoint) * establishment;
    }

    /// <summary>Only a state or a junta runs its own forces abroad, and so can take a PMC over.</summary>
    private bool CanTakeOver(int patron) => state.KindOf(patron) is ActorKind.State or ActorKind.Junta;

    /// <summary>A state or junta patron that has turned against its PMC takes it over, with chance <c>pmc_takeover</c> (see <see cref="PmcTakeover"/>).</summary>
    private void TryTakeOver(Simulation simulation, int pmc)
    {
        var patron = state.Patron[pmc];
        var chance = state.P(ModelParameter.PmcTakeover);
        if (patron >= 0 && chance > 0 && CanTakeOver(patron) && state.Affinity[patron, pmc] < state.P(ModelParameter.PmcTakeoverAffinity)
            && PmcTakeover.Possible(state, pmc) && simulation.Random(TakeoverPurpose, pmc).Chance(chance))
        {
            PmcTakeover.Apply(state, pmc, EventOrigin.Decision);
        }
    }

    /// <summary>Signs a contract for PMC <paramref name="pmc"/> when it is backed and a threatened friend of its patron it does not serve yet can pay (see the class summary).</summary>
    private void TrySign(Simulation simulation, int pmc)
    {
        var patron = state.Patron[pmc];
        var chance = state.P(ModelParameter.PmcSigning);
        if (patron < 0 || chance <= 0 || state.Affinity[patron, pmc] <= 0)
        {
            return;
        }

        var threshold = state.P(ModelParameter.PmcThreat);
        var host = -1;
        var hostThreat = 0.0;
        for (var h = 0; h < state.ActorCount; h++)
        {
            if (h == patron || state.KindOf(h) is not (ActorKind.State or ActorKind.Junta)
                || state.Affinity[h, patron] <= 0.5 || state.Affinity[h, pmc] < 0 || state.InitialStrength[h] <= 0
                || state.Queries.Serves(pmc, h))
            {
                continue;
            }

            var threat = 0.0;
            for (var j = 0; j < state.ActorCount; j++)
            {
                threat = Math.Max(threat, state.Threat[h, j]);
            }

            if (threat >= threshold && threat > hostThreat && state.CapabilityOf(h).Economy > 0)
            {
                host = h;
                hostThreat = threat;
            }
        }

        if (host < 0 || !simulation.Random(Purpose, pmc).Chance(chance))
        {
            return;
        }

        var region = Front(host);
        var slot = FreeSlot(pmc, host);
        if (region < 0 || slot < 0)
        {
            return;
        }

        var payment = state.P(ModelParameter.PmcFee) * state.CapabilityOf(host).Economy;
        state.Contracts[slot] = new PmcContract
        {
            Pmc = pmc,
            Contractor = pmc,
            Host = host,
            Payment = payment,
            Paid = state.Contracts[slot].Paid,
            Start = state.Tick,
            Active = true,
        };
        var strength = state.P(ModelParameter.PmcDeployment) * state.InitialStrength[host];
        state.World.Create(new Force { Owner = pmc, Region = region, Strength = strength, Contract = host, Establishment = strength });
        state.RateStrength(pmc, strength);
        state.Strengths.Invalidate();
        state.Emit(_deploy, EventOrigin.Decision, actor: new ActorId(pmc), target: new ActorId(host), region: new RegionId(region));
    }

    /// <summary>The slot of an ended contract between the two (signed again), else an unused slot; -1 when none is left.</summary>
    private int FreeSlot(int pmc, int host)
    {
        var free = -1;
        for (var c = 0; c < state.Contracts.Length; c++)
        {
            ref readonly var contract = ref state.Contracts[c];
            if (!contract.Active && contract.Pmc == pmc && contract.Host == host)
            {
                return c;
            }

            free = free < 0 && contract.Pmc < 0 ? c : free;
        }

        return free;
    }

    /// <summary>The region where <paramref name="host"/>'s side faces the most strength of sides it is at rung 5 or more with, among those it holds or stands in; else its capital; else -1.</summary>
    private int Front(int host)
    {
        Array.Clear(_hostile);
        foreach (var table in state.Forces.Tables)
        {
            foreach (ref readonly var force in table.GetSpan<Force>())
            {
                if (force.Side != host && state.Escalation[host, force.Side] >= 5)
                {
                    _hostile[force.Region] += force.Strength;
                }
            }
        }

        var best = -1;
        var most = 0.0;
        for (var r = 0; r < state.RegionCount; r++)
        {
            if (_hostile[r] > most && (state.RegionOf(r).Controller == host || state.Strengths.Of(host, r) > 0))
            {
                best = r;
                most = _hostile[r];
            }
        }

        return best >= 0 ? best : state.Definition.Actors[host].Capital.Index;
    }

    /// <summary>Strength and establishment of the contractor's forces working for the host.</summary>
    private (double Strength, double Establishment) Deployed(in PmcContract contract)
    {
        double strength = 0, establishment = 0;
        foreach (var table in state.Forces.Tables)
        {
            foreach (ref readonly var force in table.GetSpan<Force>())
            {
                if (force.Owner == contract.Contractor && force.Contract == contract.Host)
                {
                    strength += force.Strength;
                    establishment += force.Establishment;
                }
            }
        }

        return (strength, establishment);
    }

    /// <summary>Replaces a share of each contracted force's missing strength; returns the strength added.</summary>
    private double Resupply(in PmcContract contract, double share)
    {
        var added = 0.0;
        foreach (var table in state.Forces.Tables)
        {
            foreach (ref var force in table.GetSpan<Force>())
            {
                if (force.Owner == contract.Contractor && force.Contract == contract.Host && force.Strength < force.Establishment)
                {
                    var more = share * (force.Establishment - force.Strength);
                    force.Strength += more;
                    added += more;
                }
            }
        }

        state.Strengths.Invalidate();
        return added;
    }

    /// <summary>Ends a contract: the contractor's forces working for the host leave; the host expels them or the contractor withdraws.</summary>
    private void End(ref PmcContract contract, bool byHost)
    {
        contract.Active = false;
        foreach (var table in state.Forces.Tables)
        {
            foreach (ref var force in table.GetSpan<Force>())
            {
                if (force.Owner == contract.Contractor && force.Contract == contract.Host)
                {
                    force.Strength = 0;
                    force.Establishment = 0;
                    force.Contract = -1;
                }
            }
        }

        state.Strengths.Invalidate();
        var (actor, target) = byHost ? (contract.Host, contract.Contractor) : (contract.Contractor, contract.Host);
        state.Emit(byHost ? _expel : _withdraw, EventOrigin.Decision, actor: new ActorId(actor), target: new ActorId(target), region: RegionId.None);
    }
}
