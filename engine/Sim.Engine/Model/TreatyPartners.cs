using Sim.Ecs;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>
/// Derived from the treaties (which only a scenario effect changes, rarely), so built once and rebuilt when one
/// changes: for each actor, the actors with a defence pact or an entente toward it. A use of force visits only them
/// instead of every actor.
/// </summary>
public sealed class TreatyPartners
{
    private readonly int[] _start;
    private readonly List<int> _list = [];
    private int[] _partners = [];

    /// <summary>Lists the partners of every actor in <paramref name="treaties"/>.</summary>
    internal TreatyPartners(DenseRelation<Treaty> treaties)
    {
        _start = new int[treaties.Size + 1];
        Rebuild(treaties);
    }

    /// <summary>Lists the partners again after <paramref name="treaties"/> changed.</summary>
    internal void Rebuild(DenseRelation<Treaty> treaties)
    {
        var n = treaties.Size;
        _list.Clear();
        for (var ally = 0; ally < n; ally++)
        {
            _start[ally] = _list.Count;
            for (var k = 0; k < n; k++)
            {
                if (treaties[k, ally] is Treaty.DefensePact or Treaty.Entente)
                {
                    _list.Add(k);
                }
            }
        }

        _start[n] = _list.Count;
        _partners = [.. _list];
    }

    /// <summary>
    /// The actors with a defence pact or an entente toward <paramref name="ally"/> (ascending): the only ones
    /// <see cref="ModelQueries.Obligation"/> binds.
    /// </summary>
    public ReadOnlySpan<int> Of(int ally) => _partners.AsSpan(_start[ally], _start[ally + 1] - _start[ally]);
}
