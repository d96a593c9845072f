using System.Runtime.CompilerServices;
using Sim.Engine.Core;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model.Systems;

/// <summary>
/// Step 7: every new event moves affinities by its Goldstein score: the target's toward the
/// actor, the actor's toward the target (reciprocity), the observers' toward the actor in
/// proportion to their own tie to the target (structural balance, weak form), the same toward
/// the actor's patron when the actor is a PMC or a patron's armed client, in proportion to
/// <c>patron_blame</c> times the patron's known tie to it (its affinity to the client; the rest is
/// deniability), and, for a use of force, the target's treaty partners as if they were its target
/// (by <see cref="ModelQueries.Obligation"/>). A claimant sours toward whoever holds a region it claims, by
/// <c>claim_grievance</c> a tick per region. Then every affinity drifts back toward its starting value.
/// </summary>
public sealed class RelationSystem(ModelState state) : IModelSystem
{
    private int _cursor;

    /// <inheritdoc/>
    public string Name => "relations";

    /// <inheritdoc/>
    public StateChanges Changes => StateChanges.Affinity;

    /// <inheritdoc/>
    public void Update(Simulation simulation)
    {
        var rate = state.P(ModelParameter.AffinityRate);
        var reciprocity = state.P(ModelParameter.Reciprocity);
        var observerRate = state.P(ModelParameter.ObserverRate);
        var blame = state.P(ModelParameter.PatronBlame);
        var n = state.ActorCount;
        var affinity = state.Affinity;

        for (; _cursor < state.Events.Count; _cursor++)
        {
            ref readonly var e = ref state.Events[_cursor];
            if (e.Target.IsNone || e.Target == e.Actor)
            {
                continue;
            }

            var (actor, target) = (e.Actor.Index, e.Target.Index);

            var delta = rate * e.Goldstein / 10;
            var patron = BlamedPatron(actor);
            var patronBlame = patron >= 0 ? blame * Math.Max(0, affinity[patron, actor]) : 0;
            Move(ref affinity[target, actor], delta);
            Move(ref affinity[actor, target], delta * reciprocity);
            if (patron >= 0 && patron != target)
            {
                Move(ref affinity[target, patron], delta * patronBlame);
            }

            var force = e.Goldstein <= ModelQueries.UseOfForce;
            var affinities = affinity.AsSpan();
            for (var o = 0; o < n; o++)
            {
                if (o == actor || o == target || state.KindOf(o) == ActorKind.Organization)
                {
                    continue;
                }

                var tie = affinities[(o * n) + target];
                var bound = force ? state.Queries.Obligation(o, target) : 0;
                if (bound > 0)
                {
                    Move(ref affinities[(o * n) + actor], delta * bound);
                }

                if (Math.Abs(tie) < 0.05)
                {
                    continue;
                }

                Move(ref affinities[(o * n) + actor], delta * observerRate * tie);
                if (patron >= 0 && patron != o)
                {
                    Move(ref affinities[(o * n) + patron], delta * observerRate * tie * patronBlame);
                }
            }
        }

        Claims();
        var drift = state.P(ModelParameter.AffinityDrift);
        var now = affinity.AsSpan();
        var baseline = state.BaselineAffinity.AsSpan();

        // A vector of affinities at a time: the same operations on each element as the scalar loop, so the same values.
        var width = System.Numerics.Vector<double>.Count;
        var drifts = new System.Numerics.Vector<double>(drift);
        var i = 0;
        for (; i <= now.Length - width; i += width)
        {
            var current = new System.Numerics.Vector<double>(now[i..]);
            (current + (drifts * (new System.Numerics.Vector<double>(baseline[i..]) - current))).CopyTo(now[i..]);
        }

        for (; i < now.Length; i++)
        {
            now[i] += drift * (baseline[i] - now[i]);
        }
    }

    /// <summary>Moves an affinity by <paramref name="delta"/>, damped near the bound it moves toward, so it stays in [-1, 1].</summary>
    /// <remarks>Forced inline: the drift moves every pair every tick, and the JIT kept it a call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Move(ref double affinity, double delta)
    {
        affinity += delta * (delta > 0 ? 1 - affinity : 1 + affinity);
        affinity = Math.Clamp(affinity, -1, 1);
    }

    /// <summary>Each claimant's affinity toward the holder of each region it claims falls by <c>claim_grievance</c>.</summary>
    private void Claims()
    {
        var grievance = state.P(ModelParameter.ClaimGrievance);
        foreach (var actor in state.Definition.Actors)
        {
            foreach (var region in actor.Claims)
            {
                var holder = state.RegionOf(region).Controller;
                if (holder >= 0 && holder != actor.Index)
                {
                    Move(ref state.Affinity[actor.Index, holder], -grievance);
                }
            }
        }
    }

    private int BlamedPatron(int actor)
    {
        var kind = state.KindOf(actor);
        return kind is ActorKind.Pmc or ActorKind.ArmedGroup ? state.Patron[actor] : -1;
    }
}
