using BenchmarkDotNet.Attributes;
using Sim.Ecs;

namespace Sim.Benchmarks.Ecs;

/// <summary>
/// Position += Velocity * dt, one entity at a time: the ECS query paths against a
/// hand-written struct-of-arrays loop over plain float arrays.
/// </summary>
[MemoryDiagnoser]
public class EcsMoveScalarBenchmarks
{
    private float[] _x = [];
    private float[] _y = [];
    private float[] _vx = [];
    private float[] _vy = [];
    private World _world = null!;

    [Params(10_000, 100_000, 1_000_000, 10_000_000)]
    public int Entities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_x, _y, _vx, _vy) = MoveData.CreateArrays(Entities);
        _world = MoveData.CreateWorld(Entities);
        _world.MaxThreads = 2;
    }

    [Benchmark(Baseline = true, Description = "SoA arrays, scalar")]
    public void ArraysScalar()
    {
        // Spans of one length let the JIT drop the bounds checks, as a careful hand-written loop would.
        var x = _x.AsSpan();
        var y = _y.AsSpan(0, x.Length);
        var vx = _vx.AsSpan(0, x.Length);
        var vy = _vy.AsSpan(0, x.Length);
        for (var i = 0; i < x.Length; i++)
        {
            x[i] += vx[i] * MoveData.Dt;
            y[i] += vy[i] * MoveData.Dt;
        }
    }

    [Benchmark(Description = "ECS InlineQuery (struct IForEach)")]
    public void EcsInlineQuery()
    {
        var move = new Move { Dt = MoveData.Dt };
        _world.InlineQuery<Move, Position, Velocity>(in MoveData.Moving, ref move);
    }

    [Benchmark(Description = "ECS ParallelQuery (2 threads)")]
    public void EcsParallelQuery() =>
        _world.ParallelQuery<ParallelMove, Position, Velocity>(in MoveData.Moving, new ParallelMove { Dt = MoveData.Dt });

    [Benchmark(Description = "ECS Query (lambda)")]
    public void EcsLambdaQuery() =>
        _world.Query(in MoveData.Moving, static (ref Position p, ref Velocity v) =>
        {
            p.X += v.X * MoveData.Dt;
            p.Y += v.Y * MoveData.Dt;
        });
}
