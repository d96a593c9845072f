using System.Runtime.CompilerServices;

namespace Sim.Ecs.Space;

/// <summary>
/// A periodic two-dimensional continuous space (flocking, movement with headings): each agent's
/// position and velocity, as continuous agents have in the usual frameworks, and a grid of
/// buckets so that a neighbour query reads the agents of a few buckets instead of all.
/// </summary>
/// <remarks>
/// Positions and velocities are kept here in arrays indexed by entity id, not in the world: a
/// neighbour query reads every candidate's position, and reading it from contiguous arrays
/// instead of through a world lookup is most of what such a query costs. Distances are compared
/// squared, so a query takes no square root.
/// </remarks>
public sealed class ContinuousSpace
{
    private readonly GridShape _buckets;
    private readonly CellIndex _members;
    private readonly double _bucketSide;
    private double[] _x = [];
    private double[] _y = [];
    private double[] _vx = [];
    private double[] _vy = [];
    private int[] _bucket = [];

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
        _members = new CellIndex(_buckets.Cells);
        _bucketSide = Math.Min(width / _buckets.Width, height / _buckets.Height);
    }

    /// <summary>Extent along x.</summary>
    public double Width { get; }

    /// <summary>Extent along y.</summary>
    public double Height { get; }

    /// <summary>Puts an entity into the space; its position is wrapped into the space.</summary>
    public void Add(Entity entity, double x, double y, double vx = 0, double vy = 0)
    {
        var id = entity.Id;
        if (id >= _x.Length)
        {
            var size = Math.Max(id + 1, _x.Length * 2);
            Array.Resize(ref _x, size);
            Array.Resize(ref _y, size);
            Array.Resize(ref _vx, size);
            Array.Resize(ref _vy, size);
            Array.Resize(ref _bucket, size);
        }

        (_x[id], _y[id], _vx[id], _vy[id]) = (Wrap(x, Width), Wrap(y, Height), vx, vy);
        _bucket[id] = BucketOf(_x[id], _y[id]);
        _members.Add(entity, _bucket[id]);
    }

    /// <summary>Takes an entity out of the space.</summary>
    public void Remove(Entity entity) => _members.Remove(entity, _bucket[entity.Id]);

    /// <summary>Moves an entity to a new position, wrapped into the space.</summary>
    public void Move(Entity entity, double x, double y)
    {
        var id = entity.Id;
        (_x[id], _y[id]) = (Wrap(x, Width), Wrap(y, Height));
        var bucket = BucketOf(_x[id], _y[id]);
        _members.Move(entity, _bucket[id], bucket);
        _bucket[id] = bucket;
    }

    /// <summary>An entity's position.</summary>
    public (double X, double Y) Position(Entity entity) => (_x[entity.Id], _y[entity.Id]);

    /// <summary>An entity's velocity.</summary>
    public (double X, double Y) Velocity(Entity entity) => (_vx[entity.Id], _vy[entity.Id]);

    /// <summary>Sets an entity's velocity; the space does not move it by itself.</summary>
    public void SetVelocity(Entity entity, double vx, double vy) => (_vx[entity.Id], _vy[entity.Id]) = (vx, vy);

    /// <summary>The entities within <paramref name="radius"/> of a point (distance on the torus), bucket by bucket; allocates nothing.</summary>
    public NearbyAgents Near(double x, double y, double radius) => new(this, x, y, radius, exclude: -1);

    /// <summary>The other entities within <paramref name="radius"/> of <paramref name="entity"/>, as <see cref="Near"/>.</summary>
    public NearbyAgents Neighbours(Entity entity, double radius) =>
        new(this, _x[entity.Id], _y[entity.Id], radius, exclude: entity.Id);

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

    internal GridShape Buckets => _buckets;

    internal CellIndex Members => _members;

    internal double[] X => _x;

    internal double[] Y => _y;

    /// <summary>The bucket column a radius reaches beyond the point's own bucket, rounded up.</summary>
    internal int Reach(double radius) => (int)Math.Ceiling(radius / _bucketSide);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal GridPosition BucketPosition(double x, double y) =>
        new(Math.Min(_buckets.Width - 1, (int)(x * _buckets.Width / Width)), Math.Min(_buckets.Height - 1, (int)(y * _buckets.Height / Height)));

    private int BucketOf(double x, double y) => _buckets.Cell(BucketPosition(x, y));
}

/// <summary>One agent a neighbour query found: its handle, its position, and its squared distance (on the torus) to the query point.</summary>
/// <param name="Entity">The agent.</param>
/// <param name="X">Its x, as stored (not moved next to the query point).</param>
/// <param name="Y">Its y, as stored.</param>
/// <param name="DistanceSquared">Its squared distance to the query point, the shorter way round.</param>
public readonly record struct Nearby(Entity Entity, double X, double Y, double DistanceSquared);

/// <summary>The agents near a point, for <c>foreach</c>: a struct walking the buckets in reach and each bucket's list.</summary>
public struct NearbyAgents
{
    private readonly ContinuousSpace _space;
    private readonly double _x;
    private readonly double _y;
    private readonly double _radiusSquared;
    private readonly int _exclude;
    private readonly int _reach;
    private readonly GridPosition _centre;
    private readonly int _lastDy;
    private int _dy;
    private int _bucket;
    private int _to;
    private int _from2;
    private int _to2;
    private int _id;
    private double _distanceSquared;

    internal NearbyAgents(ContinuousSpace space, double x, double y, double radius, int exclude)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        _space = space;
        (_x, _y) = (ContinuousSpace.Wrap(x, space.Width), ContinuousSpace.Wrap(y, space.Height));
        _radiusSquared = radius * radius;
        _exclude = exclude;
        _reach = space.Reach(radius);
        _centre = space.BucketPosition(_x, _y);
        space.Buckets.Range(_centre.Y, _reach, space.Buckets.Height, out _dy, out _lastDy);
        _dy--;
        _bucket = _to = _from2 = _to2 = 0;
        _id = -1;
        _distanceSquared = 0;
    }

    /// <summary>The agent found.</summary>
    public readonly Nearby Current
    {
        get
        {
            var id = _id;
            return new(_space.Members.EntityOf(id), _space.X[id], _space.Y[id], _distanceSquared);
        }
    }

    /// <summary>This enumerator, so a query can be walked with <c>foreach</c>.</summary>
    public readonly NearbyAgents GetEnumerator() => this;

    /// <summary>Advances to the next agent within the radius.</summary>
    public bool MoveNext()
    {
        var members = _space.Members;
        double[] xs = _space.X, ys = _space.Y;
        double width = _space.Width, height = _space.Height;
        var id = _id >= 0 ? members.Next(_id) : -1;
        while (true)
        {
            while (id >= 0)
            {
                // The shorter way round on each axis.
                double dx = Math.Abs(xs[id] - _x), dy = Math.Abs(ys[id] - _y);
                dx = Math.Min(dx, width - dx);
                dy = Math.Min(dy, height - dy);
                var d2 = (dx * dx) + (dy * dy);
                if (d2 <= _radiusSquared && id != _exclude)
                {
                    (_id, _distanceSquared) = (id, d2);
                    return true;
                }

                id = members.Next(id);
            }

            if (!NextBucket())
            {
                _id = -1;
                return false;
            }

            id = members.Head(_bucket);
        }
    }

    private bool NextBucket()
    {
        if (++_bucket < _to)
        {
            return true;
        }

        if (_from2 < _to2)
        {
            (_bucket, _to, _from2) = (_from2, _to2, _to2);
            return true;
        }

        if (_dy >= _lastDy)
        {
            return false;
        }

        _dy++;
        _space.Buckets.Row(_centre, _dy, _reach, out _bucket, out _to, out _from2, out _to2);
        return true;
    }
}
