using Sim.Ecs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>
/// The consequences of an actor's act, one code path whether the act was decided (<c>DecisionSystem</c>) or scripted
/// (a rule's or timeline entry's <c>event</c> effect): a strike destroys what it hits, an arms delivery adds power and
/// fighting strength, a mediation lowers tension, a sanction, a break of relations, an airspace closure, an expulsion
/// or a recognition imposes its regime (<see cref="Regimes"/>). Acts without consequences here are recorded as events only.
/// </summary>
public sealed class Acts
{
    private readonly ModelState _state;
    private readonly int _armClient;
    private readonly int _mediate;

    internal Acts(ModelState state)
    {
        _state = state;
        Strikes = new Strikes(state);
        _armClient = state.Action(DefaultAction.ArmClient);
        _mediate = state.Action(DefaultAction.Mediate);
    }

    /// <summary>Strikes, with their reach, air defence and damage.</summary>
    public Strikes Strikes { get; }

    /// <summary>
    /// Carries out catalog <paramref name="action"/> by <paramref name="actor"/> toward <paramref name="target"/> and records
    /// it. A strike with nothing within reach is not carried out and records nothing; nor is an act imposing a regime
    /// its actor already holds toward the target: both return false.
    /// </summary>
    public bool Perform(int action, int actor, int target, RegionId region, EventOrigin origin, ref Rng rng)
    {
        if (target >= 0 && Strikes.WeaponOf(action) is { } weapon)
        {
            return Strikes.Strike(actor, target, action, weapon, region, origin, ref rng);
        }

        if (target >= 0 && target != actor && _state.Regimes.Of(action) is { } regime && !_state.Regimes.Impose(actor, target, regime))
        {
            return false;
        }

        if (target >= 0 && action == _armClient)
        {
            ArmClient(target);
        }
        else if (target >= 0 && action == _mediate)
        {
            Mediate(target);
        }

        _state.Emit(action, origin, actor: new ActorId(actor), target: target >= 0 ? new ActorId(target) : ActorId.None, region: region);
        return true;
    }

    /// <summary>
    /// An arms delivery: the client's power grows by <c>arms_transfer</c> of its starting power, and its forces' strength
    /// by <c>arms_transfer</c> of their starting strength, shared among them by strength (what the ground war reads:
    /// arms that raised power alone never reached a battle).
    /// </summary>
    private void ArmClient(int client)
    {
        var share = _state.P(ModelParameter.ArmsTransfer);
        _state.CapabilityOf(client).Power += share * _state.InitialPower[client];
        var strength = _state.Strengths.Of(client, -1);
        if (strength <= 0 || share <= 0)
        {
            return;
        }

        var growth = 1 + (share * _state.InitialStrength[client] / strength);
        foreach (var table in _state.Forces.Tables)
        {
            foreach (ref var force in table.GetSpan<Force>())
            {
                force.Strength *= force.Owner == client ? growth : 1;
            }
        }

        _state.Strengths.Invalidate();
    }

    /// <summary>A mediation: the target's hottest dyad (its highest rung, the first such actor) loses <c>mediation</c> of its tension.</summary>
    private void Mediate(int party)
    {
        var n = _state.ActorCount;
        var other = -1;
        var highest = 0;
        for (var b = 0; b < n; b++)
        {
            if (b != party && _state.Escalation[party, b] > highest)
            {
                other = b;
                highest = _state.Escalation[party, b];
            }
        }

        if (other >= 0)
        {
            var keep = 1 - _state.P(ModelParameter.Mediation);
            _state.Tension[party, other] = _state.Tension[other, party] = _state.Tension[party, other] * keep;
        }
    }
}
