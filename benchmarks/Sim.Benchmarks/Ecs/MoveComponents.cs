using System.Runtime.InteropServices;
using Sim.Ecs;

namespace Sim.Benchmarks.Ecs;

/// <summary>A 2-D position; two floats so a span of positions can be reinterpreted as floats.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Position
{
    public float X;
    public float Y;
}

/// <summary>A 2-D velocity, laid out like <see cref="Position"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct Velocity
{
    public float X;
    public float Y;
}

/// <summary>The per-entity update as a struct callback the JIT can inline.</summary>
internal struct Move : IForEach<Position, Velocity>
{
    public float Dt;

    public void Update(ref Position position, ref Velocity velocity)
    {
        position.X += velocity.X * Dt;
        position.Y += velocity.Y * Dt;
    }
}

/// <summary>The same update for parallel queries, which hand each block its own command buffer.</summary>
internal struct ParallelMove : IParallelForEach<Position, Velocity>
{
    public float Dt;

    public readonly void Update(Entity entity, ref Position position, ref Velocity velocity, CommandBuffer commands)
    {
        position.X += velocity.X * Dt;
        position.Y += velocity.Y * Dt;
    }
}

/// <summary>Shared set-up: the same starting values for the hand-written arrays and the world.</summary>
internal static class MoveData
{
    public const float Dt = 0.1f;

    public static readonly QueryDescription Moving = new QueryDescription().WithAll<Position, Velocity>();

    public static float StartX(int i) => i * 0.5f;

    public static float StartY(int i) => -i * 0.25f;

    public static float SpeedX(int i) => (i % 7) - 3;

    public static float SpeedY(int i) => (i % 5) - 2;

    public static World CreateWorld(int count)
    {
        var world = new World();
        for (var i = 0; i < count; i++)
        {
            world.Create(
                new Position { X = StartX(i), Y = StartY(i) },
                new Velocity { X = SpeedX(i), Y = SpeedY(i) });
        }

        return world;
    }

    public static (float[] X, float[] Y, float[] Vx, float[] Vy) CreateArrays(int count)
    {
        var x = new float[count];
        var y = new float[count];
        var vx = new float[count];
        var vy = new float[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = StartX(i);
            y[i] = StartY(i);
            vx[i] = SpeedX(i);
            vy[i] = SpeedY(i);
        }

        return (x, y, vx, vy);
    }
}
