using System.Numerics;
using System.Runtime.Intrinsics;

namespace Sim.Engine.Runs.Ensembles;

/// <summary>
/// The sum and the type 7 quantiles at fixed levels of one series' ticks in turn, each tick's values taken over the same
/// runs: the bits <see cref="Statistics.OrderForQuantiles"/> and <see cref="Statistics.Quantile{T}"/> give (those of a
/// full sort), for less work. A series moves little from one tick to the next, so each level's order statistics lie near
/// the last tick's: one pass over a tick's values sorts them into narrow bands of values around each level's last order
/// statistics and the gaps between the bands, counting each part, and only the parts holding the ranks wanted are selected
/// from: the small bands on most ticks, a gap when the series moved past a band. A tick holding NaN (which no band can
/// place, as it compares false with everything) is selected from in full, and the bands start again from the next tick
/// without. One instance serves one thread; <see cref="Reset"/> starts another series.
/// </summary>
internal sealed class SeriesQuantiles
{
    // Values below which a tick is always selected from in full: cheap already, and too few for bands to pay.
    private const int FewestTracked = 64;

    private readonly double[] _levels;

    // One region of `length` values per band and per gap around the bands; or a whole tick selected from in full.
    private readonly float[] _copies;

    // Per level, the values bounding its band: order statistics of the last tick a few ranks either side of the level's two.
    private readonly float[] _bandLow;
    private readonly float[] _bandHigh;

    // The number of values the bands were taken over; 0 when there are no bands to go by.
    private int _trackedLength;

    /// <summary>Quantiles at <paramref name="levels"/> of ticks of at most <paramref name="capacity"/> values.</summary>
    public SeriesQuantiles(int capacity, double[] levels)
    {
        _levels = levels;
        _copies = new float[(long)capacity * ((2 * levels.Length) + 1)];
        _bandLow = new float[levels.Length];
        _bandHigh = new float[levels.Length];
    }

    /// <summary>Forgets the bands: the next tick belongs to another series.</summary>
    public void Reset() => _trackedLength = 0;

    /// <summary>
    /// The sum of <paramref name="values"/> (in order, in double) and, into <paramref name="quantiles"/>, their quantile at
    /// each level.
    /// </summary>
    public double SumAndQuantiles(ReadOnlySpan<float> values, Span<double> quantiles)
    {
        if (_trackedLength == values.Length)
        {
            return FromBands(values, quantiles);
        }

        InFull(values, quantiles);
        var total = 0.0;
        foreach (var v in values)
        {
            total += v;
        }

        return total;
    }

    /// <summary>Ranks either side of a level's order statistics that its band reaches when taken.</summary>
    private static int Reach(int length) => 2 + (length / 32);

    /// <summary>
    /// The quantiles from one pass that sorts the values into the bands and the gaps between them, then selects only from
    /// the parts holding the ranks wanted: a band most ticks, a gap when the series moved past a band.
    /// </summary>
    private double FromBands(ReadOnlySpan<float> values, Span<double> quantiles)
    {
        var n = values.Length;
        var levels = _levels.Length;
        // Levels whose bands overlap share one band, so the bands are disjoint and ascending.
        Span<float> low = stackalloc float[levels];
        Span<float> high = stackalloc float[levels];
        var bands = 0;
        for (var q = 0; q < levels; q++)
        {
            if (bands > 0 && _bandLow[q] <= high[bands - 1])
            {
                high[bands - 1] = Math.Max(high[bands - 1], _bandHigh[q]);
            }
            else
            {
                low[bands] = _bandLow[q];
                high[bands] = _bandHigh[q];
                bands++;
            }
        }

        // A value's part is how many band bounds it passes: 2j + 1 inside band j, 2j below it (and above band j - 1).
        // The bounds are compared four at a time (lanes past the last band hold NaN, which no value passes), and part
        // p's values are copied to region p of the copies, without a branch on which.
        var chunks = (bands + 3) / 4;
        Span<Vector128<float>> lows = stackalloc Vector128<float>[chunks];
        Span<Vector128<float>> highs = stackalloc Vector128<float>[chunks];
        Span<float> lanes = stackalloc float[4];
        for (var k = 0; k < chunks; k++)
        {
            for (var lane = 0; lane < 4; lane++)
            {
                lanes[lane] = (4 * k) + lane < bands ? low[(4 * k) + lane] : float.NaN;
            }

            lows[k] = Vector128.Create<float>(lanes);
            for (var lane = 0; lane < 4; lane++)
            {
                lanes[lane] = (4 * k) + lane < bands ? high[(4 * k) + lane] : float.NaN;
            }

            highs[k] = Vector128.Create<float>(lanes);
        }

        var parts = (2 * bands) + 1;
        Span<int> filled = stackalloc int[parts];
        var copies = _copies.AsSpan(0, parts * n);
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
            var x = Vector128.Create(v);
            var part = 0;
            for (var k = 0; k < chunks; k++)
            {
                var passed = Vector128.GreaterThanOrEqual(x, lows[k]).ExtractMostSignificantBits()
                    | (Vector128.GreaterThan(x, highs[k]).ExtractMostSignificantBits() << 4);
                part += BitOperations.PopCount(passed);
            }

            copies[(part * n) + filled[part]++] = v;
        }

        if (double.IsNaN(sum))
        {
            // A NaN (or both infinities) among the values: NaN went to the lowest part without being ordered there.
            InFull(values, quantiles);
            return sum;
        }

        // The rank of each part's least value among all the tick's values.
        Span<int> start = stackalloc int[parts];
        for (var p = 1; p < parts; p++)
        {
            start[p] = start[p - 1] + filled[p - 1];
        }

        // The ranks wanted: each level's two order statistics and, as bounds of its next band, the ranks a few further
        // out within the same parts (any values would do as bounds; order statistics of parts selected from anyway cost nothing).
        var reach = Reach(n);
        Span<int> wanted = stackalloc int[4 * levels];
        for (var q = 0; q < levels; q++)
        {
            var (lo, hi, _) = Statistics.QuantileRanks(n, _levels[q]);
            wanted[4 * q] = Math.Max(lo - reach, start[PartOf(start, filled, lo)]);
            wanted[(4 * q) + 1] = lo;
            wanted[(4 * q) + 2] = hi;
            var above = PartOf(start, filled, hi);
            wanted[(4 * q) + 3] = Math.Min(hi + reach, start[above] + filled[above] - 1);
        }

        Span<int> ascending = stackalloc int[wanted.Length];
        wanted.CopyTo(ascending);
        ascending.Sort();
        Span<int> inPart = stackalloc int[wanted.Length];
        var next = 0;
        for (var p = 0; p < parts && next < ascending.Length; p++)
        {
            var taken = 0;
            while (next < ascending.Length && ascending[next] < start[p] + filled[p])
            {
                inPart[taken++] = ascending[next++] - start[p];
            }

            // A band whose bounds are equal holds one value: nothing to order.
            var single = (p & 1) == 1 && low[p >> 1] == high[p >> 1];
            if (taken > 0 && !single)
            {
                Statistics.Select(copies.Slice(p * n, filled[p]), 0, filled[p] - 1, inPart[..taken]);
            }
        }

        for (var q = 0; q < levels; q++)
        {
            var (_, _, weight) = Statistics.QuantileRanks(n, _levels[q]);
            quantiles[q] = Statistics.Interpolate(At(copies, n, start, filled, wanted[(4 * q) + 1]), At(copies, n, start, filled, wanted[(4 * q) + 2]), weight);
            _bandLow[q] = At(copies, n, start, filled, wanted[4 * q]);
            _bandHigh[q] = At(copies, n, start, filled, wanted[(4 * q) + 3]);
        }

        return sum;
    }

    /// <summary>The part holding a rank.</summary>
    private static int PartOf(ReadOnlySpan<int> start, ReadOnlySpan<int> filled, int rank)
    {
        var p = 0;
        while (rank >= start[p] + filled[p])
        {
            p++;
        }

        return p;
    }

    /// <summary>The value at a rank, in the region of the part holding it (once that part has been selected from).</summary>
    private static float At(ReadOnlySpan<float> copies, int length, ReadOnlySpan<int> start, ReadOnlySpan<int> filled, int rank)
    {
        var p = PartOf(start, filled, rank);
        return copies[(p * length) + rank - start[p]];
    }

    /// <summary>The quantiles by selecting from a copy of every value; the bands start again from this tick unless it holds NaN.</summary>
    private void InFull(ReadOnlySpan<float> values, Span<double> quantiles)
    {
        var n = values.Length;
        var ordered = _copies.AsSpan(0, n);
        values.CopyTo(ordered);
        var reach = Reach(n);
        // NaN sorts first but compares false with everything, so bands cannot count it: such ticks are always done in full.
        var nans = Statistics.OrderForQuantiles(ordered, _levels, n >= FewestTracked ? reach : 0);
        var track = nans == 0 && n >= FewestTracked;
        for (var q = 0; q < _levels.Length; q++)
        {
            quantiles[q] = Statistics.Quantile<float>(ordered, _levels[q]);
            if (track)
            {
                var (lo, hi, _) = Statistics.QuantileRanks(n, _levels[q]);
                _bandLow[q] = ordered[Math.Max(lo - reach, 0)];
                _bandHigh[q] = ordered[Math.Min(hi + reach, n - 1)];
            }
        }

        _trackedLength = track ? n : 0;
    }
}
