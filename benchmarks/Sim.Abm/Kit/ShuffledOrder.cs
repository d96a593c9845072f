using Sim.Ecs;

namespace Sim.Abm.Kit;

/// <summary>
/// The "random activation" schedule of agent-based models: the entities a query matches, in a
/// fresh random order each call. The buffer is reused, so a step allocates nothing once it has grown.
/// </summary>
public sealed class ShuffledOrder
{
    private Entity[] _items = new Entity[64];

    /// <summary>The matching entities, shuffled with <paramref name="rng"/>; valid until the next call.</summary>
    public ReadOnlySpan<Entity> Shuffle(World world, in QueryDescription query, ref Rng rng)
    {
        ArgumentNullException.ThrowIfNull(world);
        var tables = world.GetQuery(query).Tables;
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
}
