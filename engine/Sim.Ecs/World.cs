using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Ecs;

/// <summary>
/// Owns entities and their components, stored in archetype tables. Every simulation run owns
/// its own world; nothing is shared between worlds but the process-wide component numbering.
/// </summary>
/// <remarks>
/// Structural changes (create, destroy, add, remove) are refused while a query iterates this
/// world, because they would move rows under the iteration; record them in a
/// <see cref="CommandBuffer"/> and play it back afterwards.
/// </remarks>
public sealed partial class World
{
    private readonly List<Archetype> _archetypes = [];
    private readonly Dictionary<ComponentSet, Archetype> _archetypeBySignature = [];
    private readonly Dictionary<QueryDescription, Query> _queries = [];
    private EntityRecord[] _records = new EntityRecord[64];
    private int[] _freeIds = new int[16];
    private int _freeCount;
    private int _nextId;
    private int _iterating;

    /// <summary>Creates an empty world.</summary>
    public World() => EmptyArchetype = GetOrCreateArchetype(default);

    /// <summary>Number of live entities.</summary>
    public int Count { get; private set; }

    /// <summary>The archetype tables in creation order.</summary>
    public IReadOnlyList<Archetype> Archetypes => _archetypes;

    internal List<Archetype> ArchetypeList => _archetypes;

    private Archetype EmptyArchetype { get; }

    /// <summary>Creates an entity with no components.</summary>
    public Entity Create() => CreateIn(EmptyArchetype, out _);

    /// <summary>Whether <paramref name="entity"/> refers to a live entity (not destroyed, not stale).</summary>
    public bool IsAlive(Entity entity) =>
        (uint)entity.Id < (uint)_nextId && _records[entity.Id].Version == entity.Version && _records[entity.Id].Archetype is not null;

    /// <summary>Destroys a live entity; its handle and every copy of it become stale.</summary>
    public void Destroy(Entity entity)
    {
        ref var record = ref Record(entity);
        EnsureNotIterating();
        var moved = record.Archetype!.RemoveRow(record.Row);
        if (moved != Entity.Null)
        {
            _records[moved.Id].Row = record.Row;
        }

        record.Archetype = null;
        record.Version++;
        if (_freeCount == _freeIds.Length)
        {
            Array.Resize(ref _freeIds, _freeIds.Length * 2);
        }

        _freeIds[_freeCount++] = entity.Id;
        Count--;
    }

    /// <summary>Whether the entity has component <typeparamref name="T"/>.</summary>
    public bool Has<T>(Entity entity)
        where T : unmanaged => Record(entity).Archetype!.Signature.Contains(Component<T>.Id);

    /// <summary>A reference to the entity's <typeparamref name="T"/>, valid until the next structural change.</summary>
    /// <exception cref="InvalidOperationException">The entity is not alive or lacks the component.</exception>
    public ref T Get<T>(Entity entity)
        where T : unmanaged
    {
        ref var record = ref Record(entity);
        var archetype = record.Archetype!;
        var column = archetype.ColumnIndex(Component<T>.Id);
        if (column < 0)
        {
            ThrowMissing(entity, typeof(T));
        }

        // The row is below the table's count by the record's invariant, so no bounds check is needed.
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Unsafe.As<T[]>(archetype.Column(column))), record.Row);
    }

    /// <summary>
    /// The table holding <paramref name="entity"/> and its <paramref name="row"/> there, valid while the table's
    /// <see cref="Archetype.Layout"/> holds.
    /// </summary>
    /// <exception cref="InvalidOperationException">The entity is not alive.</exception>
    public Archetype TableOf(Entity entity, out int row)
    {
        ref var record = ref Record(entity);
        row = record.Row;
        return record.Archetype!;
    }

    /// <summary>Reads the entity's <typeparamref name="T"/> if it has one.</summary>
    public bool TryGet<T>(Entity entity, out T value)
        where T : unmanaged
    {
        ref var record = ref Record(entity);
        var archetype = record.Archetype!;
        if (archetype.ColumnIndex(Component<T>.Id) < 0)
        {
            value = default;
            return false;
        }

        value = archetype.GetArray<T>()[record.Row];
        return true;
    }

    /// <summary>Overwrites the entity's existing <typeparamref name="T"/>.</summary>
    public void Set<T>(Entity entity, in T value)
        where T : unmanaged => Get<T>(entity) = value;

    /// <summary>Adds component <typeparamref name="T"/> (or overwrites it if present), moving the entity to its new archetype.</summary>
    public void Add<T>(Entity entity, in T value = default)
        where T : unmanaged
    {
        ref var record = ref Record(entity);
        var id = Component<T>.Id;
        if (!record.Archetype!.Signature.Contains(id))
        {
            EnsureNotIterating();
            MoveTo(entity, ref record, AddTarget(record.Archetype, id));
        }

        record.Archetype!.GetArray<T>()[record.Row] = value;
    }

    /// <summary>Removes component <typeparamref name="T"/>; does nothing if the entity lacks it.</summary>
    public void Remove<T>(Entity entity)
        where T : unmanaged => RemoveComponent(entity, Component<T>.Id);

    /// <summary>The cached query for a description; cheap to call every tick.</summary>
    public Query GetQuery(in QueryDescription description)
    {
        if (!_queries.TryGetValue(description, out var query))
        {
            query = new Query(this, description);
            _queries.Add(description, query);
        }

        return query;
    }

    /// <summary>Number of live entities matching a description.</summary>
    public int CountEntities(in QueryDescription description) => GetQuery(description).Count();

    internal void AddComponent(Entity entity, int componentId, ReadOnlySpan<byte> value)
    {
        ref var record = ref Record(entity);
        if (!record.Archetype!.Signature.Contains(componentId))
        {
            EnsureNotIterating();
            MoveTo(entity, ref record, AddTarget(record.Archetype, componentId));
        }

        WriteComponent(ref record, componentId, value);
    }

    internal void SetComponent(Entity entity, int componentId, ReadOnlySpan<byte> value)
    {
        ref var record = ref Record(entity);
        if (!record.Archetype!.Signature.Contains(componentId))
        {
            throw new InvalidOperationException($"{entity} has no {ComponentRegistry.Ops(componentId).Type.Name} component.");
        }

        WriteComponent(ref record, componentId, value);
    }

    internal void RemoveComponent(Entity entity, int componentId)
    {
        ref var record = ref Record(entity);
        var source = record.Archetype!;
        if (!source.Signature.Contains(componentId))
        {
            return;
        }

        EnsureNotIterating();
        if (!source.RemoveEdges.TryGetValue(componentId, out var target))
        {
            var signature = source.Signature;
            signature.Remove(componentId);
            target = GetOrCreateArchetype(signature);
            source.RemoveEdges[componentId] = target;
        }

        MoveTo(entity, ref record, target);
    }

    /// <summary>Creates an entity in the archetype with exactly <paramref name="signature"/>.</summary>
    internal Entity CreateWith(in ComponentSet signature, out Archetype archetype, out int row)
    {
        archetype = GetOrCreateArchetype(signature);
        var entity = CreateIn(archetype, out row);
        return entity;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EnterIteration() => _iterating++;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ExitIteration() => _iterating--;

    private static void WriteComponent(ref EntityRecord record, int componentId, ReadOnlySpan<byte> value)
    {
        var archetype = record.Archetype!;
        var column = archetype.ColumnIndex(componentId);
        archetype.Ops(column).Write(archetype.Column(column), record.Row, value);
    }

    private Entity CreateIn(Archetype archetype, out int row)
    {
        EnsureNotIterating();
        int id;
        if (_freeCount > 0)
        {
            id = _freeIds[--_freeCount];
        }
        else
        {
            id = _nextId++;
            if (id == _records.Length)
            {
                Array.Resize(ref _records, _records.Length * 2);
            }

            _records[id].Version = 1;
        }

        ref var record = ref _records[id];
        var entity = new Entity(id, record.Version);
        row = archetype.AddRow(entity);
        record.Archetype = archetype;
        record.Row = row;
        Count++;
        return entity;
    }

    private Archetype AddTarget(Archetype source, int componentId)
    {
        if (!source.AddEdges.TryGetValue(componentId, out var target))
        {
            var signature = source.Signature;
            signature.Add(componentId);
            target = GetOrCreateArchetype(signature);
            source.AddEdges[componentId] = target;
        }

        return target;
    }

    private void MoveTo(Entity entity, ref EntityRecord record, Archetype target)
    {
        var source = record.Archetype!;
        var newRow = target.AddRow(entity);
        source.CopySharedTo(record.Row, target, newRow);
        var moved = source.RemoveRow(record.Row);
        if (moved != Entity.Null)
        {
            _records[moved.Id].Row = record.Row;
        }

        record.Archetype = target;
        record.Row = newRow;
    }

    private Archetype GetOrCreateArchetype(ComponentSet signature)
    {
        if (!_archetypeBySignature.TryGetValue(signature, out var archetype))
        {
            archetype = new Archetype(signature, _archetypes.Count);
            _archetypes.Add(archetype);
            _archetypeBySignature.Add(signature, archetype);
        }

        return archetype;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref EntityRecord Record(Entity entity)
    {
        var records = _records;
        if ((uint)entity.Id >= (uint)records.Length)
        {
            ThrowNotAlive(entity);
        }

        ref var record = ref records[entity.Id];
        if (record.Version != entity.Version || record.Archetype is null)
        {
            ThrowNotAlive(entity);
        }

        return ref record;
    }

    private void EnsureNotIterating()
    {
        if (_iterating > 0)
        {
            throw new InvalidOperationException(
                "Structural change (create, destroy, add or remove) during a query; record it in a CommandBuffer and play it back after the query.");
        }
    }

    private static void ThrowMissing(Entity entity, Type type) =>
        throw new InvalidOperationException($"{entity} has no {type.Name} component.");

    private static void ThrowNotAlive(Entity entity) =>
        throw new InvalidOperationException($"{entity} is not alive: it was destroyed, or the handle is stale or from another world.");

    private struct EntityRecord
    {
        public Archetype? Archetype;
        public int Row;
        public int Version;
    }
}
