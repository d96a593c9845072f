using Sim.Ecs;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 5: PMC contracts. Each tick a host pays its PMC; while paid, the PMC's patron replaces a
/// share <c>pmc_resupply * max(0, affinity(patron, PMC))</c> of the losses of the forces working
/// for the host (toward their establishment). A contract ends, with a <c>withdraw_pmc</c> event
/// and the PMC's forces leaving the host, when the host can no longer pay (economy below the
/// payment) or no longer wants the PMC (affinity to it below 0).
/// Then a PMC without a host and backed by its patron (affinity above 0) signs, with chance <c>pmc_signing</c> a
/// tick, with the most threatened state or junta that feels a threat of at least <c>pmc_threat</c>, is a friend of
/// the patron (affinity above 0.5), does not oppose the PMC (affinity 0 or more) and can pay <c>pmc_fee</c> of its
/// economy a tick: a <c>deploy_pmc</c> event (CAMEO 062), and a force of <c>pmc_deployment</c> times the host's
/// starting strength where the host faces the most hostile strength (else its capital). A PMC works for one host at a time.
/// </summary>
public sealed class ContractSystem(ModelState state) : IModelSystem
{
    private static readonly ulong Purpose = RngKey.Purpose("contracts");
    private static readonly QueryDescription ForcesQuery = new QueryDescription().WithAll<Force>();
    private readonly int _withdraw = state.Action(DefaultAction.WithdrawPmc);
    private readonly int _deploy = state.Action(DefaultAction.DeployPmc);
    private readonly double[] _hostile = new double[state.RegionCount];

    /// <inheritdoc/>
    public string Name => "contracts";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.Events | StateChanges.Contracts | StateChanges.Economy | StateChanges.Strength;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var resupply = state.P(ModelParameter.PmcResupply);
        var contracts = state.Contracts;
        for (var c = 0; c < contracts.Length; c++)
        {
            ref var contract = ref contracts[c];
            if (!contract.Active)
            {
                continue;
            }

            ref var economy = ref state.CapabilityOf(contract.Host).Economy;
            if (economy < contract.Payment || state.Affinity[contract.Host, contract.Pmc] < 0)
            {
                End(ref contract);
                continue;
            }

            economy -= contract.Payment;
            contract.Paid += contract.Payment;
            var patron = state.Patron[contract.Pmc];
            var backing = patron >= 0 ? Math.Max(0, state.Affinity[patron, contract.Pmc]) : 0;
            if (backing > 0 && resupply > 0)
            {
                Resupply(contract.Pmc, contract.Host, resupply * backing);
            }
        }

        for (var p = 0; p < state.ActorCount; p++)
        {
            if (state.KindOf(p) == ActorKind.Pmc)
            {
                TrySign(simulation, p);
            }
        }
    }

    /// <summary>Signs a contract for PMC <paramref name="pmc"/> when it is free, backed, and a threatened friend of its patron can pay (see the class summary).</summary>
    private void TrySign(Simulation simulation, int pmc)
    {
        var patron = state.Patron[pmc];
        var chance = state.P(ModelParameter.PmcSigning);
        if (patron < 0 || chance <= 0 || state.Affinity[patron, pmc] <= 0 || state.Queries.HostOf(pmc) >= 0)
        {
            return;
        }

        var fee = state.P(ModelParameter.PmcFee);
        var threshold = state.P(ModelParameter.PmcThreat);
        var host = -1;
        var hostThreat = 0.0;
        for (var h = 0; h < state.ActorCount; h++)
        {
            if (h == patron || state.KindOf(h) is not (ActorKind.State or ActorKind.Junta)
                || state.Affinity[h, patron] <= 0.5 || state.Affinity[h, pmc] < 0 || state.InitialStrength[h] <= 0)
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

        var payment = fee * state.CapabilityOf(host).Economy;
        state.Contracts[slot] = new PmcContract { Pmc = pmc, Host = host, Payment = payment, Paid = state.Contracts[slot].Paid, Active = true };
        var strength = state.P(ModelParameter.PmcDeployment) * state.InitialStrength[host];
        state.World.Create(new Force { Owner = pmc, Region = region, Strength = strength, Contract = host, Establishment = strength });
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
        var n = state.ActorCount;
        Array.Clear(_hostile);
        foreach (var table in state.World.GetQuery(ForcesQuery).Tables)
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

    private void Resupply(int pmc, int host, double share)
    {
        foreach (var table in state.World.GetQuery(ForcesQuery).Tables)
        {
            foreach (ref var force in table.GetSpan<Force>())
            {
                if (force.Owner == pmc && force.Contract == host && force.Strength < force.Establishment)
                {
                    force.Strength += share * (force.Establishment - force.Strength);
                }
            }
        }

        state.Strengths.Invalidate();
    }

    private void End(ref PmcContract contract)
    {
        contract.Active = false;
        foreach (var table in state.World.GetQuery(ForcesQuery).Tables)
        {
            foreach (ref var force in table.GetSpan<Force>())
            {
                if (force.Owner == contract.Pmc && force.Contract == contract.Host)
                {
                    force.Strength = 0;
                    force.Establishment = 0;
                    force.Contract = -1;
                }
            }
        }

        state.Strengths.Invalidate();
        state.Emit(_withdraw, EventOrigin.Decision, actor: new ActorId(contract.Pmc), target: new ActorId(contract.Host), region: RegionId.None);
    }
}
