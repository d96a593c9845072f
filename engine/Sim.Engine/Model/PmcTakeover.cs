using Sim.Ecs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>
/// A patron taking its PMC over (a state-run successor), as the contract system does by chance and a rule's
/// <c>takeover</c> effect does at once: for each active contract of the PMC with a host the patron backs
/// (affinity at least <c>pmc_patron_affinity</c>), the PMC's forces working for that host become the patron's and keep
/// working for it, the patron now the contractor on the same terms; a <c>take_over_pmc</c> event (patron to host) each.
/// The patron also takes on the PMC's conflicts: its rung and tension with each other actor rise to the PMC's where
/// those are higher, since its own forces now fight where the PMC's fought (deniability ends with the takeover); and
/// the PMC's aircraft and artillery in the share of its strength taken over, with their reach where the patron had
/// none of that kind, and its air defence where the patron's is weaker: the successor flies what the PMC flew.
/// </summary>
internal static class PmcTakeover
{
    /// <summary>True when <paramref name="pmc"/> has a patron and an active contract it could take over.</summary>
    public static bool Possible(ModelState state, int pmc)
    {
        var patron = state.Patron[pmc];
        if (patron < 0)
        {
            return false;
        }

        var floor = state.P(ModelParameter.PmcPatronAffinity);
        foreach (ref readonly var contract in state.Contracts.AsSpan())
        {
            if (contract.Active && contract.Contractor == pmc && state.Affinity[patron, contract.Host] >= floor)
            {
                return true;
            }
        }

        return false;
    }

    private static void InheritConflicts(ModelState state, int pmc, int patron)
    {
        for (var k = 0; k < state.ActorCount; k++)
        {
            if (k == pmc || k == patron)
            {
                continue;
            }

            if (state.Escalation[pmc, k] > state.Escalation[patron, k])
            {
                state.SetEscalation(patron, k, state.Escalation[pmc, k]);
            }

            var tension = Math.Max(state.Tension[patron, k], state.Tension[pmc, k]);
            state.Tension[patron, k] = state.Tension[k, patron] = tension;
        }
    }

    /// <summary>Moves <paramref name="share"/> of the PMC's strike and artillery assets, and its air defence, to the patron (see the class summary).</summary>
    private static void TakeAssets(ref Capability pmc, ref Capability patron, double share)
    {
        // The PMC keeps (1 - share) of each, computed so, rather than as a difference, so it never dips below zero.
        share = Math.Clamp(share, 0, 1);
        if (pmc.StrikeAssets > 0)
        {
            patron.StrikeRangeKm = patron.StrikeAssets > 0 ? patron.StrikeRangeKm : pmc.StrikeRangeKm;
            patron.StrikeAssets += pmc.StrikeAssets * share;
            pmc.StrikeAssets *= 1 - share;
        }

        if (pmc.ArtilleryAssets > 0)
        {
            patron.ArtilleryRangeKm = patron.ArtilleryAssets > 0 ? patron.ArtilleryRangeKm : pmc.ArtilleryRangeKm;
            patron.ArtilleryAssets += pmc.ArtilleryAssets * share;
            pmc.ArtilleryAssets *= 1 - share;
        }

        if (pmc.AirDefence > patron.AirDefence)
        {
            (patron.AirDefence, patron.AirDefenceRangeKm) = (pmc.AirDefence, pmc.AirDefenceRangeKm);
        }
    }

    /// <summary>Takes <paramref name="pmc"/> over by its patron; events carry <paramref name="origin"/>. Returns the contracts taken over.</summary>
    public static int Apply(ModelState state, int pmc, EventOrigin origin)
    {
        var patron = state.Patron[pmc];
        if (patron < 0)
        {
            return 0;
        }

        var floor = state.P(ModelParameter.PmcPatronAffinity);
        var action = state.Action(DefaultAction.TakeOverPmc);
        var taken = 0;
        double moved = 0, total = 0;
        foreach (var table in state.Forces.Tables)
        {
            foreach (ref readonly var force in table.GetSpan<Force>())
            {
                total += force.Owner == pmc ? force.Strength : 0;
            }
        }

        var contracts = state.Contracts;
        for (var c = 0; c < contracts.Length; c++)
        {
            ref var contract = ref contracts[c];
            if (!contract.Active || contract.Contractor != pmc || state.Affinity[patron, contract.Host] < floor)
            {
                continue;
            }

            foreach (var table in state.Forces.Tables)
            {
                foreach (ref var force in table.GetSpan<Force>())
                {
                    if (force.Owner == pmc && force.Contract == contract.Host)
                    {
                        force.Owner = patron;
                        moved += force.Strength;
                    }
                }
            }

            contract.Contractor = patron;
            taken++;
            state.Emit(action, origin, actor: new ActorId(patron), target: new ActorId(contract.Host), region: RegionId.None);
        }

        if (taken > 0)
        {
            InheritConflicts(state, pmc, patron);
            TakeAssets(ref state.CapabilityOf(pmc), ref state.CapabilityOf(patron), total > 0 ? moved / total : 1);
        }

        state.Strengths.Invalidate();
        return taken;
    }
}
