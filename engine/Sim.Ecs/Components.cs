using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Ecs;

/// <summary>
/// Process-wide numbering of component types. The number only picks a bit in an archetype's
/// signature and never reaches simulation results, so first-use order does not affect
/// determinism.
/// </summary>
internal static class ComponentRegistry
{
    /// <summary>Signatures are 256-bit sets; more component types than this is a design smell.</summary>
    public const int MaxComponents = 256;

    private static readonly Lock Gate = new();
    private static ColumnOps[] _ops = new ColumnOps[16];
    private static int _count;

    public static int Register(ColumnOps ops)
    {
        lock (Gate)
        {
            if (_count == MaxComponents)
            {
                throw new InvalidOperationException($"More than {MaxComponents} component types are registered.");
            }

            if (_count == _ops.Length)
            {
                Array.Resize(ref _ops, _ops.Length * 2);
            }

            _ops[_count] = ops;
            return _count++;
        }
    }

    public static ColumnOps Ops(int id) => Volatile.Read(ref _ops)[id];
}

/// <summary>The id of component type <typeparamref name="T"/>, assigned on first use.</summary>
internal static class Component<T>
    where T : unmanaged
{
    public static readonly int Id = ComponentRegistry.Register(new ColumnOps<T>());
}

/// <summary>Untyped operations on a component column, for structural moves and command playback.</summary>
internal abstract class ColumnOps
{
    public abstract int Size { get; }

    public abstract Type Type { get; }

    public abstract Array Allocate(int capacity);

    public abstract Array Grow(Array column, int capacity);

    public abstract void Copy(Array source, int sourceRow, Array destination, int destinationRow);

    public abstract void Write(Array column, int row, ReadOnlySpan<byte> value);
}

internal sealed class ColumnOps<T> : ColumnOps
    where T : unmanaged
{
    public override int Size => Unsafe.SizeOf<T>();

    public override Type Type => typeof(T);

    public override Array Allocate(int capacity) => new T[capacity];

    public override Array Grow(Array column, int capacity)
    {
        var array = Unsafe.As<T[]>(column);
        Array.Resize(ref array, capacity);
        return array;
    }

    public override void Copy(Array source, int sourceRow, Array destination, int destinationRow) =>
        Unsafe.As<T[]>(destination)[destinationRow] = Unsafe.As<T[]>(source)[sourceRow];

    public override void Write(Array column, int row, ReadOnlySpan<byte> value) =>
        Unsafe.As<T[]>(column)[row] = MemoryMarshal.Read<T>(value);
}

/// <summary>A set of component ids as a fixed 256-bit mask: cheap to compare, hash and test.</summary>
internal struct ComponentSet : IEquatable<ComponentSet>
{
    private ulong _b0, _b1, _b2, _b3;

    public readonly bool IsEmpty => (_b0 | _b1 | _b2 | _b3) == 0;

    public readonly int Count =>
        BitOperations.PopCount(_b0) + BitOperations.PopCount(_b1) + BitOperations.PopCount(_b2) + BitOperations.PopCount(_b3);

    public void Add(int id) => Word(id) |= 1UL << (id & 63);

    public void Remove(int id) => Word(id) &= ~(1UL << (id & 63));

    public readonly bool Contains(int id) => (ReadWord(id) & (1UL << (id & 63))) != 0;

    public readonly bool ContainsAll(in ComponentSet other) =>
        (_b0 & other._b0) == other._b0 && (_b1 & other._b1) == other._b1 &&
        (_b2 & other._b2) == other._b2 && (_b3 & other._b3) == other._b3;

    public readonly bool Intersects(in ComponentSet other) =>
        ((_b0 & other._b0) | (_b1 & other._b1) | (_b2 & other._b2) | (_b3 & other._b3)) != 0;

    public readonly ComponentSet Union(in ComponentSet other)
    {
        var result = this;
        result._b0 |= other._b0;
        result._b1 |= other._b1;
        result._b2 |= other._b2;
        result._b3 |= other._b3;
        return result;
    }

    /// <summary>The ids in ascending order.</summary>
    public readonly int[] ToArray()
    {
        var ids = new int[Count];
        var n = 0;
        for (var id = 0; id < ComponentRegistry.MaxComponents; id++)
        {
            if (Contains(id))
            {
                ids[n++] = id;
            }
        }

        return ids;
    }

    public readonly bool Equals(ComponentSet other) =>
        _b0 == other._b0 && _b1 == other._b1 && _b2 == other._b2 && _b3 == other._b3;

    public override readonly bool Equals(object? obj) => obj is ComponentSet other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(_b0, _b1, _b2, _b3);

    [UnscopedRef]
    private ref ulong Word(int id)
    {
        switch (id >> 6)
        {
            case 0: return ref _b0;
            case 1: return ref _b1;
            case 2: return ref _b2;
            default: return ref _b3;
        }
    }

    private readonly ulong ReadWord(int id) => (id >> 6) switch { 0 => _b0, 1 => _b1, 2 => _b2, _ => _b3 };
}
