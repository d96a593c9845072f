namespace Sim.Ecs.Space;

/// <summary>
/// The "random activation" schedule of agent-based models: every entity a query matches, visited in
/// a fresh order drawn from an <see cref="Rng"/> each step. The order buffer is reused, so a step
/// allocates nothing once it has grown.
/// </summary>
/// <remarks>
/// The entities are gathered table by table in the world's order, then shuffled (Fisher-Yates), so
/// the order is a pure function of the world's state and the stream: the same seed gives the same order.
/// </remarks>
public sealed class ShuffledActivation
{
    private readonly QueryDescription _query;
    private readonly Action<Entity>? _act;
    private Entity[] _items = new Entity[64];

    /// <summary>A schedule of the entities matching <paramref name="query"/>.</summary>
    /// <param name="query">Which entities are agents of this schedule.</param>
    /// <param name="act">What <see cref="Activate"/> does for each agent; a model passes its step method once, so a step creates no delegate.</param>
    public ShuffledActivation(QueryDescription query, Action<Entity>? act = null)
    {
        _query = query;
        _act = act;
    }

    /// <summary>The matching entities, shuffled with <paramref name="rng"/>; valid until the next call.</summary>
    public ReadOnlySpan<Entity> Shuffle(World world, ref Rng rng)
    {
        ArgumentNullException.ThrowIfNull(world);
        var tables = world.GetQuery(_query).Tables;
        var count = 0;
        foreach (var table in tables)
        {
            count += table.Count;
        }

        if (count > _items.Length)
        {
            _items = new Entity[Math.Max(count, _items.Length * 2)];
        }

        var n = 0;
        foreach (var table in tables)
        {
            table.Entities.CopyTo(_items.AsSpan(n));
            n += table.Count;
        }

        var order = _items.AsSpan(0, count);
        rng.Shuffle(order);
        return order;
    }

    /// <summary>
    /// Shuffles, then calls the step given at construction for each agent in that order. An agent that an earlier
    /// one destroyed during the pass is skipped; agents created during the pass wait for the next one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The schedule was made without a step.</exception>
    public void Activate(World world, ref Rng rng)
    {
        var act = _act ?? throw new InvalidOperationException("This schedule has no step; use Shuffle.");
        foreach (var agent in Shuffle(world, ref rng))
        {
            if (world.IsAlive(agent))
            {
                act(agent);
            }
        }
    }
}
