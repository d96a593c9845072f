namespace Sim.Ecs;

/// <summary>
/// Which entities a query visits: those with all of <c>WithAll</c>, at least one of
/// <c>WithAny</c> (when given) and none of <c>WithNone</c>. Built fluently, as in Arch:
/// <code>var moving = new QueryDescription().WithAll&lt;Position, Velocity&gt;().WithNone&lt;Frozen&gt;();</code>
/// </summary>
public readonly partial struct QueryDescription : IEquatable<QueryDescription>
{
    private QueryDescription(ComponentSet all, ComponentSet any, ComponentSet none)
    {
        All = all;
        Any = any;
        None = none;
    }

    internal ComponentSet All { get; }

    internal ComponentSet Any { get; }

    internal ComponentSet None { get; }

    internal bool Matches(in ComponentSet signature) =>
        signature.ContainsAll(All) && (Any.IsEmpty || signature.Intersects(Any)) && !signature.Intersects(None);

    internal QueryDescription WithAllIds(ComponentSet ids) => new(All.Union(ids), Any, None);

    private QueryDescription With(int list, ComponentSet ids) => list switch
    {
        0 => new QueryDescription(All.Union(ids), Any, None),
        1 => new QueryDescription(All, Any.Union(ids), None),
        _ => new QueryDescription(All, Any, None.Union(ids)),
    };

    /// <inheritdoc/>
    public bool Equals(QueryDescription other) => All.Equals(other.All) && Any.Equals(other.Any) && None.Equals(other.None);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is QueryDescription other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(All, Any, None);

    /// <summary>Equality of the three component sets.</summary>
    public static bool operator ==(QueryDescription left, QueryDescription right) => left.Equals(right);

    /// <summary>Inequality of any of the three component sets.</summary>
    public static bool operator !=(QueryDescription left, QueryDescription right) => !left.Equals(right);
}

/// <summary>
/// A query bound to a world: the archetypes that match its description, kept up to date as
/// the world creates archetypes (archetypes are never removed, so only new ones are checked).
/// </summary>
public sealed class Query
{
    private readonly World _world;
    private Archetype[] _tables = new Archetype[4];
    private int _tableCount;
    private int _archetypesSeen;

    internal Query(World world, QueryDescription description)
    {
        _world = world;
        Description = description;
    }

    /// <summary>The description this query was made from.</summary>
    public QueryDescription Description { get; }

    /// <summary>
    /// The matching tables, in archetype creation order. Iterate them to get column spans
    /// (<see cref="Archetype.GetSpan{T}"/>) for vectorised loops; do not change the world's
    /// structure while holding spans.
    /// </summary>
    public ReadOnlySpan<Archetype> Tables
    {
        get
        {
            Refresh();
            return new ReadOnlySpan<Archetype>(_tables, 0, _tableCount);
        }
    }

    /// <summary>Number of entities the query currently matches.</summary>
    public int Count()
    {
        var total = 0;
        foreach (var table in Tables)
        {
            total += table.Count;
        }

        return total;
    }

    private void Refresh()
    {
        var archetypes = _world.ArchetypeList;
        if (_archetypesSeen == archetypes.Count)
        {
            return;
        }

        for (var a = _archetypesSeen; a < archetypes.Count; a++)
        {
            var archetype = archetypes[a];
            if (Description.Matches(archetype.Signature))
            {
                if (_tableCount == _tables.Length)
                {
                    Array.Resize(ref _tables, _tables.Length * 2);
                }

                _tables[_tableCount++] = archetype;
            }
        }

        _archetypesSeen = archetypes.Count;
    }
}
