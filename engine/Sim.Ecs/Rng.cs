using System.Runtime.CompilerServices;

namespace Sim.Ecs;

/// <summary>
/// A counter-based random stream: the n-th draw is a pure hash of (key, n), with no state
/// shared between streams. A stream's key is derived from what it is for, e.g.
/// (seed, purpose, tick, entity), so a draw never depends on how many draws other entities,
/// systems or threads made before it, nor on the order entities are visited.
/// </summary>
/// <remarks>
/// The output is SplitMix64 (Steele, Lea and Flood 2014): state = key + n * golden gamma,
/// finalised by Stafford's Mix13. Keys are derived with a different finaliser (Murmur3's
/// fmix64) so that neighbouring seeds, ticks or entities give unrelated keys.
/// </remarks>
public struct Rng
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private const double DoubleUnit = 1.0 / (1UL << 53);

    private readonly ulong _key;
    private ulong _counter;

    /// <summary>A stream with the given key, starting at draw 0.</summary>
    public Rng(ulong key)
    {
        _key = key;
        _counter = 0;
    }

    /// <summary>The stream for (seed, purpose, tick, entity): the usual way the engine keys its draws.</summary>
    public static Rng For(ulong seed, ulong purpose, long tick = 0, long entity = 0) =>
        new(RngKey.Derive(seed, purpose, (ulong)tick, (ulong)entity));

    /// <summary>This stream's key.</summary>
    public readonly ulong Key => _key;

    /// <summary>How many 64-bit draws the stream has made.</summary>
    public readonly ulong Position => _counter;

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => RngKey.Mix13(_key + (++_counter * Gamma));

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * DoubleUnit;

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), unbiased (Lemire 2019).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var b = (ulong)bound;
        var product = (UInt128)(NextUInt64() >> 32) * b;
        var low = (ulong)product & 0xFFFFFFFFUL;
        if (low < b)
        {
            var threshold = (0x1_0000_0000UL - b) % b;
            while (low < threshold)
            {
                product = (UInt128)(NextUInt64() >> 32) * b;
                low = (ulong)product & 0xFFFFFFFFUL;
            }
        }

        return (int)(ulong)(product >> 32);
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public int NextInt(int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(min, max);
        return (int)(min + (long)NextInt64Below((ulong)((long)max - min)));
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>A standard normal draw (Box-Muller; uses two uniforms).</summary>
    public double NextNormal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    internal ulong NextInt64Below(ulong bound)
    {
        // Rejection sampling on the top bits: exact and rarely loops.
        var mask = ulong.MaxValue >> System.Numerics.BitOperations.LeadingZeroCount(bound | 1);
        ulong value;
        do
        {
            value = NextUInt64() & mask;
        }
        while (value >= bound);
        return value;
    }
}

/// <summary>
/// The streams of one (seed, purpose, tick), one per entity: the same streams as <see cref="Rng.For"/>, with the
/// shared part of their keys derived once, so that each entity's stream costs two hash rounds instead of seven.
/// Systems that draw for many entities a tick take one of these at the start of the tick.
/// </summary>
public readonly struct RngStreams
{
    private readonly ulong _prefix;

    private RngStreams(ulong prefix) => _prefix = prefix;

    /// <summary>The streams for (seed, purpose, tick).</summary>
    public static RngStreams For(ulong seed, ulong purpose, long tick) => new(RngKey.Prefix(seed, purpose, (ulong)tick));

    /// <summary>The stream of <paramref name="entity"/>: equal to <c>Rng.For(seed, purpose, tick, entity)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Rng For(long entity) => new(RngKey.Combine(_prefix, (ulong)entity));
}

/// <summary>Derivation of stream keys from the things a draw is for.</summary>
public static class RngKey
{
    /// <summary>Combines a key with one more component (run, tick, entity, purpose ...).</summary>
    /// <remarks>Forced inline, as is <see cref="FMix64"/>: a stream per pair (<see cref="RngStreams.For(long)"/>) calls it hundreds
    /// of times a tick, and the JIT (without dynamic PGO, as the tool runs) left both as calls.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong key, ulong component) => FMix64(key ^ FMix64(component + 0x632BE59BD9B4E019UL));

    /// <summary>The key for (seed, purpose, a, b).</summary>
    public static ulong Derive(ulong seed, ulong purpose, ulong a = 0, ulong b = 0) => Combine(Prefix(seed, purpose, a), b);

    /// <summary>The part of <see cref="Derive"/>'s key that does not depend on b: <c>Derive(s, p, a, b) == Combine(Prefix(s, p, a), b)</c>.</summary>
    public static ulong Prefix(ulong seed, ulong purpose, ulong a) => Combine(Combine(FMix64(seed), purpose), a);

    /// <summary>
    /// A stable 64-bit id for a purpose name (FNV-1a), so a system can key its streams by a
    /// readable name without depending on registration order.
    /// </summary>
    public static ulong Purpose(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 0xCBF29CE484222325UL;
        foreach (var ch in name)
        {
            hash = (hash ^ ch) * 0x100000001B3UL;
        }

        return hash;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix13(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FMix64(ulong k)
    {
        k ^= k >> 33;
        k *= 0xFF51AFD7ED558CCDUL;
        k ^= k >> 33;
        k *= 0xC4CEB93FE53A9A63UL;
        return k ^ (k >> 33);
    }
}

/// <summary>
/// A <see cref="Random"/> that draws from an <see cref="Rng"/>, so libraries that take
/// a <see cref="Random"/> (MathNet.Numerics distributions) stay deterministic.
/// </summary>
public sealed class RngRandom : Random
{
    private Rng _stream;

    /// <summary>Wraps a stream; the adapter advances its own copy.</summary>
    public RngRandom(Rng stream)
        : base(0) => _stream = stream;

    /// <summary>Restarts the adapter on another stream, so one adapter can serve many keys without allocating.</summary>
    public void Reset(Rng stream) => _stream = stream;

    /// <inheritdoc/>
    /// <remarks>Below <see cref="int.MaxValue"/>, as <see cref="Random.Next()"/> promises; a plain 31-bit draw can equal it.</remarks>
    public override int Next() => _stream.NextInt(int.MaxValue);

    /// <inheritdoc/>
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : _stream.NextInt(maxValue);
    }

    /// <inheritdoc/>
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue == maxValue ? minValue : _stream.NextInt(minValue, maxValue);
    }

    /// <inheritdoc/>
    /// <remarks>Below <see cref="long.MaxValue"/>, as <see cref="Random.NextInt64()"/> promises.</remarks>
    public override long NextInt64() => (long)_stream.NextInt64Below(long.MaxValue);

    /// <inheritdoc/>
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue == maxValue ? minValue : minValue + (long)_stream.NextInt64Below((ulong)(maxValue - minValue));
    }

    /// <inheritdoc/>
    public override double NextDouble() => _stream.NextDouble();

    /// <inheritdoc/>
    public override float NextSingle() => (float)(_stream.NextUInt64() >> 40) * (1f / (1 << 24));

    /// <inheritdoc/>
    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(_stream.NextUInt64() >> 56);
        }
    }

    /// <inheritdoc/>
    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    /// <inheritdoc/>
    protected override double Sample() => _stream.NextDouble();
}
