using Sim.Ecs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>
/// Derived from the treaties a scenario sets (no system changes them during a run), so built once: for each
/// actor, the actors with a defence pact or an entente toward it. A use of force visits only them instead of
/// every actor.
/// </summary>
public sealed class TreatyPartners
{
    private readonly int[] _start;
    private readonly int[] _partners;

    /// <summary>Lists the partners of every actor in <paramref name="treaties"/>.</summary>
    internal TreatyPartners(DenseRelation<Treaty> treaties)
    {
        var n = treaties.Size;
        _start = new int[n + 1];
        var partners = new List<int>();
        for (var ally = 0; ally < n; ally++)
        {
            _start[ally] = partners.Count;
            for (var k = 0; k < n; k++)
            {
                if (treaties[k, ally] is Treaty.DefensePact or Treaty.Entente)
                {
                    partners.Add(k);
                }
            }
        }

        _start[n] = partners.Count;
        _partners = [.. partners];
    }

    /// <summary>
    /// The actors with a defence pact or an entente toward <paramref name="ally"/> (ascending): the only ones
    /// <see cref="ModelQueries.Obligation"/> binds.
    /// </summary>
    public ReadOnlySpan<int> Of(int ally) => _partners.AsSpan(_start[ally], _start[ally + 1] - _start[ally]);
}
