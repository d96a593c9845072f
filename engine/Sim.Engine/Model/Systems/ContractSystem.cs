using Sim.Ecs;
using Sim.Engine.Runs;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 5: PMC contracts. Each tick a host pays its PMC; while paid, the PMC's patron replaces a
/// share <c>pmc_resupply * max(0, affinity(patron, PMC))</c> of the losses of the forces working
/// for the host (toward their establishment). A contract ends, with a <c>withdraw_pmc</c> event
/// and the PMC's forces leaving the host, when the host can no longer pay (economy below the
/// payment) or no longer wants the PMC (affinity to it below 0).
/// </summary>
public sealed class ContractSystem(ModelState state) : ISystem
{
    private static readonly QueryDescription ForcesQuery = new QueryDescription().WithAll<Force>();
    private readonly int _withdraw = state.Definition.ActionIndex("withdraw_pmc");

    /// <inheritdoc/>
    public string Name => "contracts";

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

        state.ForcesChanged();
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

        state.ForcesChanged();
        if (_withdraw >= 0)
        {
            var action = state.Definition.Actions[_withdraw];
            state.Emit(new SimEvent(state.Tick, _withdraw, contract.Pmc, contract.Host, -1, action.Goldstein, 0, 0, EventOrigin.Decision));
        }
    }
}
