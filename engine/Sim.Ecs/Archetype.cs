using System.Runtime.CompilerServices;

namespace Sim.Ecs;

/// <summary>
/// A table of all entities that have exactly one set of component types: one contiguous
/// array per component (struct of arrays) plus the entity handle of each row. Rows are kept
/// dense by moving the last row into a removed one.
/// </summary>
/// <remarks>
/// One array per column rather than fixed-size chunks: a query then walks each column in a
/// single run, which is what lets the JIT and <see cref="System.Numerics.Vector{T}"/> loops
/// reach the speed of hand-written arrays.
/// </remarks>
public sealed class Archetype
{
    private const int InitialCapacity = 16;

    private readonly int[] _columnOf;
    private readonly Array[] _columns;
    private readonly ColumnOps[] _ops;
    private Entity[] _entities;

    internal Archetype(ComponentSet signature, int index)
    {
        Signature = signature;
        Index = index;
        ComponentIds = signature.ToArray();
        var maxId = ComponentIds.Length == 0 ? -1 : ComponentIds[^1];
        _columnOf = new int[maxId + 1];
        Array.Fill(_columnOf, -1);
        _columns = new Array[ComponentIds.Length];
        _ops = new ColumnOps[ComponentIds.Length];
        for (var c = 0; c < ComponentIds.Length; c++)
        {
            _columnOf[ComponentIds[c]] = c;
            _ops[c] = ComponentRegistry.Ops(ComponentIds[c]);
            _columns[c] = _ops[c].Allocate(InitialCapacity);
        }

        _entities = new Entity[InitialCapacity];
    }

    /// <summary>Number of rows (entities) in the table.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Changes whenever a row of this table may have moved or its column arrays been replaced: a row removed (the last
    /// row moves into it: an entity destroyed or moved to another table) or the table grown. While it holds, a row
    /// (<see cref="World.TableOf"/>) and a column array (<see cref="GetColumn{T}"/>) read from this table stay valid, so a
    /// caller that reads a few entities' components very often can keep them and check this one number instead of
    /// looking each entity up.
    /// </summary>
    public int Layout { get; private set; }

    /// <summary>Position of this archetype in its world's creation order.</summary>
    public int Index { get; }

    /// <summary>The entity handle of each row.</summary>
    public ReadOnlySpan<Entity> Entities => new(_entities, 0, Count);

    /// <summary>The component types of this table, for diagnostics.</summary>
    public IEnumerable<Type> ComponentTypes => _ops.Select(o => o.Type);

    internal ComponentSet Signature { get; }

    internal int[] ComponentIds { get; }

    internal Dictionary<int, Archetype> AddEdges { get; } = [];

    internal Dictionary<int, Archetype> RemoveEdges { get; } = [];

    /// <summary>Whether rows of this table have component <typeparamref name="T"/>.</summary>
    public bool Has<T>()
        where T : unmanaged => Signature.Contains(Component<T>.Id);

    /// <summary>The rows' values of component <typeparamref name="T"/>, for loops over a whole column.</summary>
    /// <exception cref="InvalidOperationException">The table has no such column.</exception>
    public Span<T> GetSpan<T>()
        where T : unmanaged => new(GetArray<T>(), 0, Count);

    /// <summary>
    /// The backing array of column <typeparamref name="T"/>, valid up to <see cref="Count"/> and while <see cref="Layout"/>
    /// holds (growing the table replaces it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The table has no such column.</exception>
    public T[] GetColumn<T>()
        where T : unmanaged => GetArray<T>();

    /// <summary>The backing array of a column; valid up to <see cref="Count"/>, replaced when the table grows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T[] GetArray<T>()
        where T : unmanaged
    {
        var column = ColumnIndex(Component<T>.Id);
        if (column < 0)
        {
            ThrowMissing(typeof(T));
        }

        return Unsafe.As<T[]>(_columns[column]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int ColumnIndex(int componentId) =>
        (uint)componentId < (uint)_columnOf.Length ? _columnOf[componentId] : -1;

    internal Array Column(int column) => _columns[column];

    internal ColumnOps Ops(int column) => _ops[column];

    internal int AddRow(Entity entity)
    {
        if (Count == _entities.Length)
        {
            var capacity = _entities.Length * 2;
            Layout++;
            Array.Resize(ref _entities, capacity);
            for (var c = 0; c < _columns.Length; c++)
            {
                _columns[c] = _ops[c].Grow(_columns[c], capacity);
            }
        }

        _entities[Count] = entity;
        return Count++;
    }

    /// <summary>Removes a row by moving the last row into it; returns the moved entity, or <see cref="Entity.Null"/>.</summary>
    internal Entity RemoveRow(int row)
    {
        var last = Count - 1;
        var moved = Entity.Null;
        Layout++;
        if (row != last)
        {
            moved = _entities[last];
            _entities[row] = moved;
            for (var c = 0; c < _columns.Length; c++)
            {
                _ops[c].Copy(_columns[c], last, _columns[c], row);
            }
        }

        _entities[last] = Entity.Null;
        Count = last;
        return moved;
    }

    /// <summary>Copies the components both tables share from one row of this table to a row of <paramref name="destination"/>.</summary>
    internal void CopySharedTo(int row, Archetype destination, int destinationRow)
    {
        for (var c = 0; c < _columns.Length; c++)
        {
            var target = destination.ColumnIndex(ComponentIds[c]);
            if (target >= 0)
            {
                _ops[c].Copy(_columns[c], row, destination._columns[target], destinationRow);
            }
        }
    }

    private static void ThrowMissing(Type type) =>
        throw new InvalidOperationException($"This archetype has no {type.Name} column; add it to the query's WithAll.");
}
