using Sim.Ecs;
using Sim.Ecs.Space;

namespace Sim.Abm.Models;

/// <summary>Flocking birds in a periodic continuous space, as declared by the ABM frameworks comparison.</summary>
public sealed class Flocking
{
    private readonly ShuffledActivation _order;
    private Rng _rng;

    /// <summary>Birds at uniform random positions with uniform random unit headings.</summary>
    public Flocking(FlockingParameters parameters, ulong seed)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _rng = Rng.For(seed, RngKey.Purpose("flocking"));
        _order = new(new QueryDescription().WithAll<Flight>(), Fly);
        Space = new ContinuousSpace(parameters.Extent, parameters.Extent, parameters.VisualDistance);
        for (var b = 0; b < parameters.Birds; b++)
        {
            var angle = _rng.NextDouble() * 2 * Math.PI;
            double x = _rng.NextDouble() * parameters.Extent, y = _rng.NextDouble() * parameters.Extent;
            Add(x, y, Math.Cos(angle), Math.Sin(angle));
        }
    }

    /// <summary>The birds, each with its flight traits.</summary>
    public World World { get; } = new();

    /// <summary>The model properties.</summary>
    public FlockingParameters Parameters { get; }

    /// <summary>Where each bird is and its unit heading (its velocity in the space).</summary>
    public ContinuousSpace Space { get; }

    /// <summary>Activates every bird once, in a fresh random order.</summary>
    public void Step() => _order.Activate(World, ref _rng);

    /// <summary>Cohere, separate and match with the birds in sight, then move one speed along the new heading.</summary>
    internal void Fly(Entity entity)
    {
        ref readonly var p = ref World.Get<Flight>(entity);
        var (x, y) = Space.Position(entity);
        double cohereX = 0, cohereY = 0, separateX = 0, separateY = 0, matchX = 0, matchY = 0;
        var n = 0;
        foreach (ref readonly var other in Space.Neighbours(entity, p.VisualDistance))
        {
            n++;
            double headingX = other.X - x, headingY = other.Y - y; // as the declaration's code: not wrapped
            cohereX += headingX;
            cohereY += headingY;
            if (other.DistanceSquared < p.Separation * p.Separation)
            {
                separateX -= headingX;
                separateY -= headingY;
            }

            matchX += other.VelocityX;
            matchY += other.VelocityY;
        }

        n = Math.Max(n, 1);
        var (hx, hy) = Space.Velocity(entity);
        var vx = (hx + (cohereX / n * p.Cohere) + (separateX / n * p.Separate) + (matchX / n * p.Match)) / 2;
        var vy = (hy + (cohereY / n * p.Cohere) + (separateY / n * p.Separate) + (matchY / n * p.Match)) / 2;
        var norm = Math.Sqrt((vx * vx) + (vy * vy));
        Space.SetVelocity(entity, vx / norm, vy / norm);
        Space.Move(entity, x + (vx / norm * p.Speed), y + (vy / norm * p.Speed));
    }

    /// <summary>Adds a bird with the model's traits at a position, heading along a unit vector.</summary>
    internal Entity Add(double x, double y, double headingX, double headingY)
    {
        var entity = World.Create(Parameters.Traits);
        Space.Add(entity, x, y, headingX, headingY);
        return entity;
    }
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
