using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Sim.Ecs;

namespace Sim.Benchmarks.Ecs;

/// <summary>
/// Position += Velocity * dt with <see cref="Vector{T}"/>: ECS column spans, reinterpreted
/// as floats, against a hand-written struct-of-arrays vector loop. X and Y get the same
/// operation, so the interleaved (X, Y) columns can be updated float-wise.
/// </summary>
[MemoryDiagnoser]
public class EcsMoveSimdBenchmarks
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
    }

    [Benchmark(Baseline = true, Description = "SoA arrays, Vector<float>")]
    public void ArraysSimd()
    {
        Axpy(_x, _vx, MoveData.Dt);
        Axpy(_y, _vy, MoveData.Dt);
    }

    [Benchmark(Description = "ECS table spans, Vector<float>")]
    public void EcsTableSpansSimd()
    {
        foreach (var table in _world.GetQuery(in MoveData.Moving).Tables)
        {
            var positions = MemoryMarshal.Cast<Position, float>(table.GetSpan<Position>());
            var velocities = MemoryMarshal.Cast<Velocity, float>(table.GetSpan<Velocity>());
            Axpy(positions, velocities, MoveData.Dt);
        }
    }

    /// <summary>target[i] += source[i] * dt, a vector at a time, then a scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy(Span<float> target, ReadOnlySpan<float> source, float dt)
    {
        if (source.Length < target.Length)
        {
            throw new ArgumentException("Source is shorter than target.", nameof(source));
        }

        ref var t = ref MemoryMarshal.GetReference(target);
        ref var s = ref MemoryMarshal.GetReference(source);
        var scale = new Vector<float>(dt);
        var n = (nuint)target.Length;
        var width = (nuint)Vector<float>.Count;
        nuint i = 0;
        for (; i + width <= n; i += width)
        {
            var value = Vector.LoadUnsafe(ref t, i) + (Vector.LoadUnsafe(ref s, i) * scale);
            value.StoreUnsafe(ref t, i);
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref t, i) += Unsafe.Add(ref s, i) * dt;
        }
    }
}
