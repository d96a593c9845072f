namespace Sim.Ecs.Space;

/// <summary>
/// Which entities are in each cell of a space, for spaces where a cell holds many agents:
/// one doubly linked list per cell, threaded through arrays indexed by entity id, so adding,
/// removing and moving an entity are O(1) and allocate nothing once the arrays have grown.
/// </summary>
public sealed class CellIndex
{
    private const int None = -1;
    private readonly int[] _head;
    private int[] _next = [];
    private int[] _prev = [];
    private Entity[] _entity = [];

    /// <summary>An index over <paramref name="cells"/> empty cells.</summary>
    public CellIndex(int cells)
    {
        _head = new int[cells];
        Array.Fill(_head, None);
    }

    /// <summary>Puts a live entity into a cell; it must not be in any cell yet.</summary>
    public void Add(Entity entity, int cell)
    {
        var id = entity.Id;
        if (id >= _next.Length)
        {
            var size = Math.Max(id + 1, _next.Length * 2);
            Array.Resize(ref _next, size);
            Array.Resize(ref _prev, size);
            Array.Resize(ref _entity, size);
        }

        _entity[id] = entity;
        _prev[id] = None;
        _next[id] = _head[cell];
        if (_head[cell] != None)
        {
            _prev[_head[cell]] = id;
        }

        _head[cell] = id;
    }

    /// <summary>Takes an entity out of the cell it was added to.</summary>
    public void Remove(Entity entity, int cell)
    {
        var id = entity.Id;
        var next = _next[id];
        var prev = _prev[id];
        if (prev == None)
        {
            _head[cell] = next;
        }
        else
        {
            _next[prev] = next;
        }

        if (next != None)
        {
            _prev[next] = prev;
        }
    }

    /// <summary>Moves an entity from one cell to another.</summary>
    public void Move(Entity entity, int from, int to)
    {
        if (from != to)
        {
            Remove(entity, from);
            Add(entity, to);
        }
    }

    /// <summary>The entities in a cell, most recently added first.</summary>
    public Enumerator In(int cell) => new(this, _head[cell]);

    /// <summary>The entity added to a cell most recently, or <see cref="Entity.Null"/> if the cell is empty.</summary>
    public Entity First(int cell) => _head[cell] == None ? Entity.Null : _entity[_head[cell]];

    /// <summary>The id of the first entity in a cell's list, or -1; for walks that read arrays indexed by id.</summary>
    internal int Head(int cell) => _head[cell];

    /// <summary>The id after <paramref name="id"/> in its cell's list, or -1.</summary>
    internal int Next(int id) => _next[id];

    /// <summary>The handle of the entity with this id.</summary>
    internal Entity EntityOf(int id) => _entity[id];

    /// <summary>Walks one cell's list; changing that cell while walking it is not supported.</summary>
    public struct Enumerator
    {
        private readonly CellIndex _index;
        private int _next;
        private int _current;

        internal Enumerator(CellIndex index, int head)
        {
            _index = index;
            _next = head;
            _current = None;
        }

        /// <summary>The entity at the current position.</summary>
        public readonly Entity Current => _index._entity[_current];

        /// <summary>This enumerator, so a cell can be walked with <c>foreach</c>.</summary>
        public readonly Enumerator GetEnumerator() => this;

        /// <summary>Advances to the next entity in the cell.</summary>
        public bool MoveNext()
        {
            if (_next == None)
            {
                return false;
            }

            _current = _next;
            _next = _index._next[_current];
            return true;
        }
    }
}
