using System.Numerics;
using System.Runtime.CompilerServices;
using MathNet.Numerics.Distributions;

namespace Sim.Engine.Runs.Ensembles;

/// <summary>An estimate with a two-sided confidence interval.</summary>
/// <param name="Value">The point estimate.</param>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
public readonly record struct Interval(double Value, double Low, double High);

/// <summary>A difference between two ensembles with its interval and a test of "no difference".</summary>
/// <param name="Difference">B minus A, with its confidence interval.</param>
/// <param name="Statistic">The test statistic (z for proportions and for Mann-Whitney's normal approximation).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Test">Which test.</param>
public readonly record struct Comparison(Interval Difference, double Statistic, double PValue, string Test);

/// <summary>
/// The statistics ensembles report, each a textbook formula: Wilson score intervals for probabilities,
/// Student-t intervals for means, type-7 quantiles (linear interpolation, as numpy and R default to),
/// Newcombe's hybrid score interval and the pooled two-proportion z test for differences in probability,
/// Welch intervals and the Mann-Whitney U test (normal approximation with tie correction) for numbers; and, for
/// paired runs (common random numbers), Newcombe's paired interval with the exact McNemar test, and a paired t
/// interval with the Wilcoxon signed-rank test.
/// </summary>
public static class Statistics
{
    /// <summary>The normal quantile for a two-sided interval of <paramref name="confidence"/>.</summary>
    public static double Z(double confidence) => Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));

    /// <summary>Wilson score interval for <paramref name="successes"/> of <paramref name="n"/> (Wilson 1927).</summary>
    public static Interval Wilson(long successes, long n, double confidence = 0.95)
    {
        if (n == 0)
        {
            return new Interval(double.NaN, 0, 1);
        }

        var z = Z(confidence);
        var p = (double)successes / n;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n)));
        return new Interval(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>Mean with a Student-t confidence interval; NaN bounds for fewer than two values.</summary>
    public static Interval Mean(ReadOnlySpan<double> values, double confidence = 0.95)
    {
        var n = values.Length;
        if (n == 0)
        {
            return new Interval(double.NaN, double.NaN, double.NaN);
        }

        var mean = 0.0;
        foreach (var v in values)
        {
            mean += v;
        }

        mean /= n;
        if (n < 2)
        {
            return new Interval(mean, double.NaN, double.NaN);
        }

        var half = StudentT.InvCDF(0, 1, n - 1, 1 - ((1 - confidence) / 2)) * StandardDeviation(values, mean) / Math.Sqrt(n);
        return new Interval(mean, mean - half, mean + half);
    }

    /// <summary>Sample standard deviation (n - 1).</summary>
    public static double StandardDeviation(ReadOnlySpan<double> values, double mean)
    {
        if (values.Length < 2)
        {
            return double.NaN;
        }

        var ss = 0.0;
        foreach (var v in values)
        {
            ss += (v - mean) * (v - mean);
        }

        return Math.Sqrt(ss / (values.Length - 1));
    }

    /// <summary>
    /// The <paramref name="p"/>-quantile of ascending <paramref name="sorted"/> values, type 7 (Hyndman and Fan 1996),
    /// computed in double whatever the values' type (time series are stored as floats).
    /// </summary>
    public static double Quantile<T>(ReadOnlySpan<T> sorted, double p)
        where T : INumberBase<T>
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var (lo, hi, weight) = QuantileRanks(sorted.Length, p);
        return Interpolate(double.CreateChecked(sorted[lo]), double.CreateChecked(sorted[hi]), weight);
    }

    /// <summary>
    /// Where the type 7 <paramref name="p"/>-quantile of <paramref name="n"/> ascending values (n &gt; 0) lies: between
    /// the values at ranks <c>Lo</c> and <c>Hi</c>, <c>Weight</c> of the way from the first to the second.
    /// </summary>
    internal static (int Lo, int Hi, double Weight) QuantileRanks(int n, double p)
    {
        var h = (n - 1) * p;
        var lo = (int)Math.Floor(h);
        return (lo, Math.Min(lo + 1, n - 1), h - lo);
    }

    /// <summary>The type 7 interpolation between the two order statistics <see cref="QuantileRanks"/> names.</summary>
    internal static double Interpolate(double low, double high, double weight) => low + (weight * (high - low));

    /// <summary>
    /// Reorders <paramref name="values"/> just enough that <see cref="Quantile{T}(ReadOnlySpan{T}, double)"/> at each of
    /// <paramref name="levels"/> reads the same numbers a full sort would put there: NaNs first, as a sort puts them, then a
    /// selection of the two order statistics each level interpolates between. Cheaper than sorting when the ensemble
    /// summary needs a handful of quantiles per tick and series. Values that compare equal (0 and -0) may land in either
    /// order; type 7 interpolation gives the same result for both. When there is no NaN, the order statistics
    /// <paramref name="reach"/> ranks below and above each level's two are put in place too (bounds for the next
    /// tick's bands, <see cref="SeriesQuantiles"/>). Returns how many NaNs there are.
    /// </summary>
    public static int OrderForQuantiles(Span<float> values, ReadOnlySpan<double> levels, int reach = 0)
    {
        var nans = MoveNaNsFirst(values);
        if (values.Length - nans < 2)
        {
            return nans;
        }

        var n = values.Length;
        var bounds = nans == 0 && reach > 0;
        Span<int> ranks = stackalloc int[(bounds ? 4 : 2) * levels.Length];
        var taken = 0;
        for (var q = 0; q < levels.Length; q++)
        {
            var (lo, hi, _) = QuantileRanks(n, levels[q]);
            ranks[taken++] = lo;
            ranks[taken++] = hi;
            if (bounds)
            {
                ranks[taken++] = Math.Max(lo - reach, 0);
                ranks[taken++] = Math.Min(hi + reach, n - 1);
            }
        }

        ranks.Sort();
        Select(values, nans, n - 1, ranks);
        return nans;
    }

    /// <summary>Moves the NaNs of <paramref name="values"/> to its start, where a sort puts them; returns how many there are.</summary>
    private static int MoveNaNsFirst(Span<float> values)
    {
        var nans = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
            {
                (values[nans], values[i]) = (values[i], values[nans]);
                nans++;
            }
        }

        return nans;
    }

    /// <summary>
    /// Puts the order statistics at <paramref name="ranks"/> (ascending) in place within <c>values[from..to]</c>:
    /// quickselect with a three-way partition, since series often hold many equal values. Compiled optimized from its first
    /// call: an ensemble summary calls it for a moment tens of thousands of times while the charts' code is being compiled,
    /// which holds a method back from being recompiled optimized for as long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Select(Span<float> values, int from, int to, ReadOnlySpan<int> ranks)
    {
        while (ranks.Length > 0 && from < to)
        {
            var pivot = MedianOfThree(values[from], values[from + ((to - from) / 2)], values[to]);
            // values[from..less) < pivot, [less..i) == pivot, (greater..to] > pivot.
            int less = from, i = from, greater = to;
            while (i <= greater)
            {
                var v = values[i];
                if (v < pivot)
                {
                    (values[less], values[i]) = (values[i], values[less]);
                    less++;
                    i++;
                }
                else if (v > pivot)
                {
                    (values[greater], values[i]) = (values[i], values[greater]);
                    greater--;
                }
                else
                {
                    i++;
                }
            }

            // Ranks below the equal band are in the left part, ranks above it in the right part.
            var below = 0;
            while (below < ranks.Length && ranks[below] < less)
            {
                below++;
            }

            var above = below;
            while (above < ranks.Length && ranks[above] <= greater)
            {
                above++;
            }

            Select(values, from, less - 1, ranks[..below]);
            ranks = ranks[above..];
            from = greater + 1;
        }
    }

    private static float MedianOfThree(float a, float b, float c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));

    /// <summary>
    /// Runs needed for a probability's 95% interval to have half-width <paramref name="halfWidth"/> at the observed
    /// <paramref name="p"/> (normal approximation, p taken no closer to 0 or 1 than 0.05 so rare outcomes are not undersized).
    /// </summary>
    public static long RunsForProbability(double p, double halfWidth, double confidence = 0.95)
    {
        var q = Math.Clamp(double.IsNaN(p) ? 0.5 : p, 0.05, 0.95);
        var z = Z(confidence);
        return (long)Math.Ceiling(z * z * q * (1 - q) / (halfWidth * halfWidth));
    }

    /// <summary>Runs needed for a mean's 95% interval to have half-width <paramref name="halfWidth"/> given standard deviation <paramref name="sd"/>.</summary>
    public static long RunsForMean(double sd, double halfWidth, double confidence = 0.95)
    {
        if (double.IsNaN(sd) || halfWidth <= 0)
        {
            return 0;
        }

        var z = Z(confidence);
        return (long)Math.Ceiling(z * z * sd * sd / (halfWidth * halfWidth));
    }

    /// <summary>
    /// Difference in probability B - A: Newcombe's hybrid score interval (Newcombe 1998, method 10) and the pooled
    /// two-proportion z test.
    /// </summary>
    public static Comparison Proportions(long successesA, long nA, long successesB, long nB, double confidence = 0.95)
    {
        var a = Wilson(successesA, nA, confidence);
        var b = Wilson(successesB, nB, confidence);
        var d = b.Value - a.Value;
        var low = d - Math.Sqrt(Square(b.Value - b.Low) + Square(a.High - a.Value));
        var high = d + Math.Sqrt(Square(b.High - b.Value) + Square(a.Value - a.Low));
        var pooled = (double)(successesA + successesB) / (nA + nB);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / nA) + (1.0 / nB)));
        var z = se > 0 ? d / se : 0;
        var pValue = se > 0 ? 2 * (1 - Normal.CDF(0, 1, Math.Abs(z))) : 1;
        return new Comparison(new Interval(d, Math.Max(-1, low), Math.Min(1, high)), z, pValue, "two-proportion z");
    }

    /// <summary>
    /// Difference in means B - A with a Welch interval, tested with Mann-Whitney U (normal approximation with tie
    /// correction), which needs no assumption about the outcome's distribution.
    /// </summary>
    public static Comparison Numbers(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double confidence = 0.95)
    {
        var ma = Mean(a, confidence).Value;
        var mb = Mean(b, confidence).Value;
        var va = Square(StandardDeviation(a, ma)) / a.Length;
        var vb = Square(StandardDeviation(b, mb)) / b.Length;
        var se = Math.Sqrt(va + vb);
        var df = Square(va + vb) / ((Square(va) / (a.Length - 1)) + (Square(vb) / (b.Length - 1)));
        var d = mb - ma;
        var half = se > 0 && double.IsFinite(df) ? StudentT.InvCDF(0, 1, df, 1 - ((1 - confidence) / 2)) * se : 0;
        var (z, p) = MannWhitney(a, b);
        return new Comparison(new Interval(d, d - half, d + half), z, p, "Mann-Whitney U");
    }

    /// <summary>Mann-Whitney U test of A against B: z of U_B and the two-sided p-value.</summary>
    public static (double Z, double P) MannWhitney(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var n1 = a.Length;
        var n2 = b.Length;
        if (n1 == 0 || n2 == 0)
        {
            return (0, 1);
        }

        var all = new (double Value, bool FromB)[n1 + n2];
        for (var i = 0; i < n1; i++)
        {
            all[i] = (a[i], false);
        }

        for (var i = 0; i < n2; i++)
        {
            all[n1 + i] = (b[i], true);
        }

        Array.Sort(all, (x, y) => x.Value.CompareTo(y.Value));
        double rankSumB = 0;
        double tieTerm = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j + 1 < all.Length && all[j + 1].Value.Equals(all[i].Value))
            {
                j++;
            }

            var rank = (i + j + 2) / 2.0;
            for (var k = i; k <= j; k++)
            {
                if (all[k].FromB)
                {
                    rankSumB += rank;
                }
            }

            double t = j - i + 1;
            tieTerm += (t * t * t) - t;
            i = j + 1;
        }

        var u = rankSumB - (n2 * (n2 + 1) / 2.0);
        var n = (double)(n1 + n2);
        var mean = n1 * (double)n2 / 2;
        var variance = n1 * (double)n2 / 12 * ((n + 1) - (tieTerm / (n * (n - 1))));
        if (variance <= 0)
        {
            return (0, 1);
        }

        var z = (u - mean) / Math.Sqrt(variance);
        return (z, 2 * (1 - Normal.CDF(0, 1, Math.Abs(z))));
    }

    /// <summary>
    /// Difference in probability B - A over paired runs (run i of A and of B share their random numbers): Newcombe's
    /// hybrid score interval for paired proportions (Newcombe 1998b, method 10), which narrows with the correlation φ
    /// of the pairs, and the exact McNemar test (a two-sided binomial test of the discordant pairs). The statistic is
    /// McNemar's z, (B-only - A-only) / sqrt(B-only + A-only).
    /// </summary>
    public static Comparison PairedProportions(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, double confidence = 0.95)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException("paired samples must have the same, non-zero length");
        }

        long both = 0, onlyA = 0, onlyB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            both += a[i] && b[i] ? 1 : 0;
            onlyA += a[i] && !b[i] ? 1 : 0;
            onlyB += !a[i] && b[i] ? 1 : 0;
        }

        long n = a.Length;
        var neither = n - both - onlyA - onlyB;
        var wa = Wilson(both + onlyA, n, confidence);
        var wb = Wilson(both + onlyB, n, confidence);
        // φ: the correlation of A's and B's outcomes over the pairs (0 when a margin is empty).
        var margins = (double)(both + onlyA) * (onlyB + neither) * (both + onlyB) * (onlyA + neither);
        var phi = margins > 0 ? ((double)both * neither - ((double)onlyA * onlyB)) / Math.Sqrt(margins) : 0;
        var d = wb.Value - wa.Value;
        var (downB, upA) = (wb.Value - wb.Low, wa.High - wa.Value);
        var (upB, downA) = (wb.High - wb.Value, wa.Value - wa.Low);
        var low = d - Math.Sqrt(Math.Max(0, Square(downB) - (2 * phi * downB * upA) + Square(upA)));
        var high = d + Math.Sqrt(Math.Max(0, Square(upB) - (2 * phi * upB * downA) + Square(downA)));
        var discordant = onlyA + onlyB;
        var z = discordant > 0 ? (onlyB - onlyA) / Math.Sqrt(discordant) : 0;
        var p = discordant > 0 ? Math.Min(1, 2 * Binomial.CDF(0.5, (int)discordant, Math.Min(onlyA, onlyB))) : 1;
        return new Comparison(new Interval(d, Math.Max(-1, low), Math.Min(1, high)), z, p, "McNemar exact");
    }

    /// <summary>
    /// Mean difference B - A over paired runs with a paired t interval, tested with the Wilcoxon signed-rank test
    /// (normal approximation with tie correction; pairs with no difference are dropped, as Wilcoxon proposed).
    /// </summary>
    public static Comparison PairedNumbers(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double confidence = 0.95)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException("paired samples must have the same, non-zero length");
        }

        var differences = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            differences[i] = b[i] - a[i];
        }

        var mean = Mean(differences, confidence);
        var (z, p) = SignedRank(differences);
        return new Comparison(mean, z, p, "Wilcoxon signed-rank");
    }

    /// <summary>Wilcoxon signed-rank test that the differences are centred on 0: z of the positive rank sum and the two-sided p-value.</summary>
    public static (double Z, double P) SignedRank(ReadOnlySpan<double> differences)
    {
        var nonZero = new List<double>(differences.Length);
        foreach (var d in differences)
        {
            if (d != 0 && !double.IsNaN(d))
            {
                nonZero.Add(d);
            }
        }

        var n = nonZero.Count;
        if (n == 0)
        {
            return (0, 1);
        }

        var byMagnitude = nonZero.OrderBy(Math.Abs).ToArray();
        double positiveRanks = 0;
        double tieTerm = 0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && Math.Abs(byMagnitude[j + 1]) == Math.Abs(byMagnitude[i]))
            {
                j++;
            }

            var rank = (i + j + 2) / 2.0;
            for (var k = i; k <= j; k++)
            {
                positiveRanks += byMagnitude[k] > 0 ? rank : 0;
            }

            double t = j - i + 1;
            tieTerm += (t * t * t) - t;
            i = j + 1;
        }

        var expected = n * (n + 1) / 4.0;
        var variance = (n * (n + 1.0) * ((2.0 * n) + 1) / 24) - (tieTerm / 48);
        if (variance <= 0)
        {
            return (0, 1);
        }

        var z = (positiveRanks - expected) / Math.Sqrt(variance);
        return (z, 2 * (1 - Normal.CDF(0, 1, Math.Abs(z))));
    }

    private static double Square(double x) => x * x;
}
