using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Ecs.Space;

/// <summary>
/// A periodic two-dimensional continuous space (flocking, movement with headings): each agent's
/// position and velocity, as continuous agents have in the usual frameworks, and a grid of
/// buckets so that a neighbour query reads the agents of a few buckets instead of all.
/// </summary>
/// <remarks>
/// Each bucket keeps its agents' records (handle, position, velocity) side by side in one array,
/// the latest arrival last. A query tests the records of the buckets in reach one after the
/// other, newest first, and copies each into a buffer of the space, moving the buffer's end on
/// only for a hit: whether a candidate is in reach is as hard to predict as a coin toss, so
/// a branch on it cost more than the copy. The caller then walks its hits as one contiguous run
/// of records carrying position, velocity and squared distance, with nothing looked up by id.
/// Distances are compared squared, so a query takes no square root. Since a query writes into
/// the space's buffer, a space is queried from one thread at a time.
/// </remarks>
public sealed class ContinuousSpace
{
    private readonly GridShape _buckets;
    private readonly double _bucketSide;
    private readonly Body[][] _bodies;
    private readonly int[] _counts;
    private int[] _bucketOf = [];
    private int[] _slotOf = [];
    private Nearby[] _found = new Nearby[64];
    private int[] _takenBy = new int[64]; // at a run's start in the buffer, the query that took it last
    private int _queries;
    private int _foundEnd;
    private int _population;

    /// <summary>A space of <paramref name="width"/> by <paramref name="height"/>, wrapping at its edges.</summary>
    /// <param name="width">Extent along x, positive.</param>
    /// <param name="height">Extent along y, positive.</param>
    /// <param name="bucketSide">
    /// The least side of a bucket. Queries are fastest when it is about their radius; the space is cut into
    /// as many buckets as fit, at least one a side.
    /// </param>
    public ContinuousSpace(double width, double height, double bucketSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketSide);
        Width = width;
        Height = height;
        _buckets = new GridShape(Math.Max(1, (int)(width / bucketSide)), Math.Max(1, (int)(height / bucketSide)), periodic: true);
        _bodies = new Body[_buckets.Cells][];
        Array.Fill(_bodies, []);
        _counts = new int[_buckets.Cells];
        _bucketSide = Math.Min(width / _buckets.Width, height / _buckets.Height);
    }

    /// <summary>Extent along x.</summary>
    public double Width { get; }

    /// <summary>Extent along y.</summary>
    public double Height { get; }

    /// <summary>Puts an entity into the space; its position is wrapped into the space. It must not be in the space yet.</summary>
    public void Add(Entity entity, double x, double y, double vx = 0, double vy = 0)
    {
        var id = entity.Id;
        if (id >= _bucketOf.Length)
        {
            var size = Math.Max(id + 1, _bucketOf.Length * 2);
            Array.Resize(ref _bucketOf, size);
            Array.Resize(ref _slotOf, size);
        }

        (x, y) = (Wrap(x, Width), Wrap(y, Height));
        Append(BucketOf(x, y), new Body(entity, x, y, vx, vy));
        _population++;
    }

    /// <summary>Takes an entity out of the space.</summary>
    public void Remove(Entity entity)
    {
        RemoveAt(_bucketOf[entity.Id], _slotOf[entity.Id]);
        _population--;
    }

    /// <summary>Moves an entity to a new position, wrapped into the space.</summary>
    public void Move(Entity entity, double x, double y)
    {
        var id = entity.Id;
        (x, y) = (Wrap(x, Width), Wrap(y, Height));
        var bucket = BucketOf(x, y);
        ref var body = ref BodyOf(id);
        if (bucket == _bucketOf[id])
        {
            (body.X, body.Y) = (x, y);
            return;
        }

        // Into another bucket: it arrives last there, as a newly added agent would.
        var moved = body with { X = x, Y = y };
        RemoveAt(_bucketOf[id], _slotOf[id]);
        Append(bucket, moved);
    }

    /// <summary>An entity's position.</summary>
    public (double X, double Y) Position(Entity entity)
    {
        ref readonly var body = ref BodyOf(entity.Id);
        return (body.X, body.Y);
    }

    /// <summary>An entity's velocity.</summary>
    public (double X, double Y) Velocity(Entity entity)
    {
        ref readonly var body = ref BodyOf(entity.Id);
        return (body.VelocityX, body.VelocityY);
    }

    /// <summary>Sets an entity's velocity; the space does not move it by itself.</summary>
    public void SetVelocity(Entity entity, double vx, double vy)
    {
        ref var body = ref BodyOf(entity.Id);
        (body.VelocityX, body.VelocityY) = (vx, vy);
    }

    /// <summary>
    /// The entities within <paramref name="radius"/> of a point (distance on the torus), bucket by bucket, the
    /// latest arrival in a bucket first; allocates nothing once the space's buffer has grown. The query is
    /// taken when it is made: moving agents while walking it changes none of its records.
    /// </summary>
    public NearbyAgents Near(double x, double y, double radius) => Gather(Wrap(x, Width), Wrap(y, Height), radius, exclude: -1);

    /// <summary>The other entities within <paramref name="radius"/> of <paramref name="entity"/>, as <see cref="Near"/>.</summary>
    public NearbyAgents Neighbours(Entity entity, double radius)
    {
        ref readonly var body = ref BodyOf(entity.Id);
        return Gather(body.X, body.Y, radius, exclude: entity.Id);
    }

    /// <summary>A coordinate brought into [0, <paramref name="extent"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Wrap(double v, double extent) => v >= 0 && v < extent ? v : WrapOutside(v, extent);

    private static double WrapOutside(double v, double extent)
    {
        // A floating-point remainder costs tens of cycles, so only coordinates outside the space pay it.
        v %= extent;
        v = v < 0 ? v + extent : v;
        return v < extent ? v : 0; // -1e-17 + extent rounds to extent
    }

    /// <summary>Whether a query's run still holds its records: a later query has not started where it starts.</summary>
    internal bool Holds(Nearby[] found, int start, int query) => found != _found || _takenBy[start] == query;

    /// <summary>Hands a query's run of the buffer back; runs are handed back last taken first, as nested loops end.</summary>
    internal void Release(Nearby[] found, int start, int end)
    {
        if (found == _found && _foundEnd == end)
        {
            _foundEnd = start;
        }
    }

    /// <summary>
    /// Copies the records within reach of a point already in the space to the end of the buffer, bucket by
    /// bucket, newest first in each.
    /// </summary>
    /// <remarks>
    /// Every candidate is copied and the end of the run moves on only for a hit: whether a candidate is in
    /// reach is as hard to predict as a coin toss, so a branch on it cost more than the copy.
    /// </remarks>
    private NearbyAgents Gather(double x, double y, double radius, int exclude)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var start = _foundEnd;
        if (_found.Length - start <= _population)
        {
            // Room for every agent, so a bucket is copied without checks. The queries still being walked (nested
            // loops) or never handed back keep the array they were given; new ones start over in a fresh array,
            // so a query that is never handed back costs room, never another query's records. Twice the agents
            // holds a query inside another; a third level of nesting allocates.
            _found = new Nearby[Math.Max(64, 2 * _population)];
            _takenBy = new int[_found.Length];
            start = 0;
        }

        _takenBy[start] = ++_queries;
        _foundEnd = Collect(x, y, radius, exclude, start);
        return new NearbyAgents(this, _found, start, _foundEnd, _queries);
    }

    /// <summary>Copies the hits after <paramref name="start"/> in the buffer, which has room for every agent; returns the end of the run.</summary>
    /// <remarks>
    /// A method of its own that calls nothing: the JIT keeps a value that lives across a call on the stack for
    /// its whole life, which put the query point and radius there, read from memory for every candidate.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Collect(double x, double y, double radius, int exclude, int start)
    {
        var radiusSquared = radius * radius;
        var reach = Reach(radius);
        var centre = BucketPosition(x, y);
        var end = start;
        _buckets.Range(centre.Y, reach, _buckets.Height, out var firstDy, out var lastDy);
        for (var dy = firstDy; dy <= lastDy; dy++)
        {
            _buckets.Row(centre, dy, reach, out var from, out var to, out var from2, out var to2);
            for (var bucket = from; bucket < to; bucket++)
            {
                end = GatherFrom(bucket, end, x, y, radiusSquared, exclude);
            }

            for (var bucket = from2; bucket < to2; bucket++)
            {
                end = GatherFrom(bucket, end, x, y, radiusSquared, exclude);
            }
        }

        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int GatherFrom(int bucket, int end, double x, double y, double radiusSquared, int exclude)
    {
        var count = _counts[bucket];
        if (count == 0)
        {
            return end; // most buckets of a sparse space, without touching their arrays
        }

        // The bucket holds count records and the buffer room for all agents from end (see Gather), so both are
        // read and written unchecked.
        ref var bodies = ref MemoryMarshal.GetArrayDataReference(_bodies[bucket]);
        ref var found = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_found), end);
        double width = Width, height = Height;
        var n = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            ref readonly var body = ref Unsafe.Add(ref bodies, i);
            double dx = Math.Abs(body.X - x), dy = Math.Abs(body.Y - y);
            dx = double.MinNative(dx, width - dx); // both sides finite and not negative, so MinNative is Min
            dy = double.MinNative(dy, height - dy);
            var distanceSquared = (dx * dx) + (dy * dy);
            ref var hit = ref Unsafe.Add(ref found, n);
            hit.Body = body; // written in place: built aside and copied, the record went through the stack
            hit.DistanceSquaredField = distanceSquared;
            n += Unsafe.BitCast<bool, byte>((distanceSquared <= radiusSquared) & (body.Entity.Id != exclude));
        }

        return end + n;
    }

    /// <summary>The bucket column a radius reaches beyond the point's own bucket, rounded up.</summary>
    internal int Reach(double radius) => (int)Math.Ceiling(radius / _bucketSide);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal GridPosition BucketPosition(double x, double y) =>
        new(Math.Min(_buckets.Width - 1, (int)(x * _buckets.Width / Width)), Math.Min(_buckets.Height - 1, (int)(y * _buckets.Height / Height)));

    private int BucketOf(double x, double y) => _buckets.Cell(BucketPosition(x, y));

    private ref Body BodyOf(int id) => ref _bodies[_bucketOf[id]][_slotOf[id]];

    private void Append(int bucket, in Body body)
    {
        var count = _counts[bucket];
        ref var bodies = ref _bodies[bucket];
        if (count == bodies.Length)
        {
            Array.Resize(ref bodies, Math.Max(4, count * 2));
        }

        bodies[count] = body;
        _counts[bucket] = count + 1;
        _bucketOf[body.Entity.Id] = bucket;
        _slotOf[body.Entity.Id] = count;
    }

    /// <summary>Takes a record out of its bucket, the later arrivals closing the gap so the bucket keeps its order.</summary>
    private void RemoveAt(int bucket, int slot)
    {
        var bodies = _bodies[bucket];
        var count = --_counts[bucket];
        for (var s = slot; s < count; s++)
        {
            bodies[s] = bodies[s + 1];
            _slotOf[bodies[s].Entity.Id] = s;
        }
    }
}

/// <summary>An agent's record in its bucket: where it is, its velocity, and its handle.</summary>
internal record struct Body(Entity Entity, double X, double Y, double VelocityX, double VelocityY);

/// <summary>One agent a neighbour query found: its handle, position and velocity, and its squared distance (on the torus) to the query point.</summary>
/// <remarks>Read-only outside the space, which writes the fields in place while it gathers a query.</remarks>
public struct Nearby
{
    internal Body Body;
    internal double DistanceSquaredField;

    /// <summary>The agent.</summary>
    public readonly Entity Entity => Body.Entity;

    /// <summary>Its x, as stored (not moved next to the query point).</summary>
    public readonly double X => Body.X;

    /// <summary>Its y, as stored.</summary>
    public readonly double Y => Body.Y;

    /// <summary>Its velocity along x.</summary>
    public readonly double VelocityX => Body.VelocityX;

    /// <summary>Its velocity along y.</summary>
    public readonly double VelocityY => Body.VelocityY;

    /// <summary>Its squared distance to the query point, the shorter way round.</summary>
    public readonly double DistanceSquared => DistanceSquaredField;
}

/// <summary>
/// The agents a query found, for <c>foreach (ref readonly var near in ...)</c>: a run of records in the space's
/// buffer, which <c>foreach</c> hands back when done (<see cref="Dispose"/>). A query walked otherwise should be
/// disposed; one that is not only takes room in the buffer until the space starts a new one.
/// </summary>
public struct NearbyAgents : IDisposable
{
    private readonly ContinuousSpace _space;
    private readonly Nearby[] _found;
    private readonly int _start;
    private readonly int _end;
    private readonly int _query;
    private int _index;

    internal NearbyAgents(ContinuousSpace space, Nearby[] found, int start, int end, int query)
    {
        (_space, _found, _start, _end, _query) = (space, found, start, end, query);
        _index = start - 1;
    }

    /// <summary>How many agents the query found.</summary>
    public readonly int Count => _end - _start;

    /// <summary>The agent found.</summary>
    public readonly ref readonly Nearby Current => ref _found[_index];

    /// <summary>This enumerator, so a query can be walked with <c>foreach</c>; again too, until a later query takes its run.</summary>
    /// <exception cref="InvalidOperationException">The query was handed back and a later one has taken its run of the buffer.</exception>
    public readonly NearbyAgents GetEnumerator()
    {
        if (_space is not null && !_space.Holds(_found, _start, _query))
        {
            throw new InvalidOperationException("This query was walked (or disposed) and a later query has taken its records: query again.");
        }

        return this;
    }

    /// <summary>Advances to the next agent found.</summary>
    public bool MoveNext() => ++_index < _end;

    /// <summary>Gives the query's run of the buffer back to the space; <c>foreach</c> calls it.</summary>
    public readonly void Dispose() => _space?.Release(_found, _start, _end);
}
