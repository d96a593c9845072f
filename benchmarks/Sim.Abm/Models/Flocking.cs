using Sim.Abm.Kit;
using Sim.Ecs;

namespace Sim.Abm.Models;

/// <summary>Flocking birds in a periodic continuous space, as declared by the ABM frameworks comparison.</summary>
public sealed class Flocking
{
    private static readonly QueryDescription Birds = new QueryDescription().WithAll<Bird, Heading, Flight>();
    private readonly CellIndex _birdsAt; // buckets at least a visual distance wide: neighbours are in the 3x3 around
    private readonly ShuffledOrder _order = new();
    private readonly int _buckets;
    private Rng _rng;

    /// <summary>Birds at uniform random positions with uniform random unit headings.</summary>
    public Flocking(FlockingParameters parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        _rng = Rng.For(seed, RngKey.Purpose("flocking"));
        _buckets = Math.Max(3, (int)(parameters.Extent / parameters.VisualDistance));
        _birdsAt = new CellIndex(_buckets * _buckets);
        for (var b = 0; b < parameters.Birds; b++)
        {
            var angle = _rng.NextDouble() * 2 * Math.PI;
            var bird = new Bird { X = _rng.NextDouble() * parameters.Extent, Y = _rng.NextDouble() * parameters.Extent };
            Add(bird, new Heading { X = Math.Cos(angle), Y = Math.Sin(angle) });
        }
    }

    /// <summary>The birds.</summary>
    public World World { get; } = new();

    /// <summary>The model properties.</summary>
    public FlockingParameters Parameters { get; }

    /// <summary>Activates every bird once, in a fresh random order.</summary>
    public void Step()
    {
        foreach (var bird in _order.Shuffle(World, Birds, ref _rng))
        {
            Fly(bird);
        }
    }

    /// <summary>Cohere, separate and match with the birds in sight, then move one speed along the new heading.</summary>
    internal void Fly(Entity entity)
    {
        ref readonly var p = ref World.Get<Flight>(entity);
        ref var me = ref World.Get<Bird>(entity);
        ref var vel = ref World.Get<Heading>(entity);
        double cohereX = 0, cohereY = 0, separateX = 0, separateY = 0, matchX = 0, matchY = 0;
        var n = 0;
        var bx = (int)(me.X * _buckets / Parameters.Extent);
        var by = (int)(me.Y * _buckets / Parameters.Extent);
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                var bucket = (((by + dy + _buckets) % _buckets) * _buckets) + ((bx + dx + _buckets) % _buckets);
                foreach (var other in _birdsAt.In(bucket))
                {
                    var them = World.Get<Bird>(other);
                    var distance = PeriodicDistance(me, them);
                    if (other == entity || distance > p.VisualDistance)
                    {
                        continue;
                    }

                    n++;
                    double headingX = them.X - me.X, headingY = them.Y - me.Y; // as the declaration's code: not wrapped
                    cohereX += headingX;
                    cohereY += headingY;
                    if (distance < p.Separation)
                    {
                        separateX -= headingX;
                        separateY -= headingY;
                    }

                    ref var theirs = ref World.Get<Heading>(other);
                    matchX += theirs.X;
                    matchY += theirs.Y;
                }
            }
        }

        n = Math.Max(n, 1);
        var vx = (vel.X + (cohereX / n * p.Cohere) + (separateX / n * p.Separate) + (matchX / n * p.Match)) / 2;
        var vy = (vel.Y + (cohereY / n * p.Cohere) + (separateY / n * p.Separate) + (matchY / n * p.Match)) / 2;
        var norm = Math.Sqrt((vx * vx) + (vy * vy));
        vel = new Heading { X = vx / norm, Y = vy / norm };
        var from = Bucket(me);
        me.X = Wrap(me.X + (vel.X * p.Speed));
        me.Y = Wrap(me.Y + (vel.Y * p.Speed));
        _birdsAt.Move(entity, from, Bucket(me));
    }

    /// <summary>Adds a bird with the model's traits.</summary>
    internal Entity Add(Bird at, Heading heading)
    {
        var entity = World.Create(at, heading, Parameters.Traits);
        _birdsAt.Add(entity, Bucket(at));
        return entity;
    }

    private int Bucket(Bird at) =>
        ((int)(at.Y * _buckets / Parameters.Extent) * _buckets) + (int)(at.X * _buckets / Parameters.Extent);

    private double Wrap(double v)
    {
        v %= Parameters.Extent;
        v = v < 0 ? v + Parameters.Extent : v;
        return v < Parameters.Extent ? v : 0; // -1e-17 + extent rounds to extent
    }

    private double PeriodicDistance(Bird a, Bird b)
    {
        double dx = Math.Abs(a.X - b.X), dy = Math.Abs(a.Y - b.Y);
        dx = Math.Min(dx, Parameters.Extent - dx);
        dy = Math.Min(dy, Parameters.Extent - dy);
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}

/// <summary>A bird's position.</summary>
public struct Bird
{
    /// <summary>Coordinates in [0, extent).</summary>
    public double X, Y;
}

/// <summary>A bird's unit velocity.</summary>
public struct Heading
{
    /// <summary>Components; X*X + Y*Y = 1.</summary>
    public double X, Y;
}

/// <summary>A bird's flight traits: speed, minimum separation, sight, and the weights of its three urges.</summary>
public record struct Flight(double Speed, double Separation, double VisualDistance, double Cohere, double Separate, double Match);

/// <summary>Space side, flock size, sight (for every bird), steps.</summary>
public sealed record FlockingParameters(double Extent, int Birds, double VisualDistance, int Steps = 100)
{
    /// <summary>The traits every bird starts with: speed 1, separation 1, cohere 0.03, separate 0.015, match 0.05.</summary>
    public Flight Traits => new(1.0, 1.0, VisualDistance, 0.03, 0.015, 0.05);

    /// <summary>100x100, 200 birds, visual distance 5.</summary>
    public static FlockingParameters Small { get; } = new(100, 200, 5);

    /// <summary>150x150, 400 birds, visual distance 15.</summary>
    public static FlockingParameters Large { get; } = new(150, 400, 15);
}
