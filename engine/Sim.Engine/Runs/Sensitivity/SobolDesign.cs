using Sim.Ecs;

namespace Sim.Engine.Runs.Sensitivity;

/// <summary>
/// Saltelli's design for Sobol indices of k factors on the unit cube: two independent base samples A and B of N rows, and
/// for each factor i the matrix AB_i, A with column i taken from B. Rows are laid out block by block: A, B, AB_1 ... AB_k,
/// so a model is evaluated N (k + 2) times. A and B are seeded pseudo-random uniform draws (not a quasi-random sequence):
/// the estimators' error falls as 1/sqrt(N), and the bootstrap intervals measure it honestly.
/// </summary>
public sealed class SobolDesign
{
    private static readonly ulong Purpose = RngKey.Purpose("sensitivity.sobol");

    /// <summary>A design of <paramref name="samples"/> base rows for <paramref name="factors"/> factors, drawn from <paramref name="seed"/>.</summary>
    public SobolDesign(int samples, int factors, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(factors, 1);
        Samples = samples;
        Factors = factors;
        var a = new double[samples][];
        var b = new double[samples][];
        for (var j = 0; j < samples; j++)
        {
            // One stream per row and matrix: row j is the same for any N, so a larger design extends a smaller one.
            var ra = new Rng(RngKey.Derive(seed, Purpose, (ulong)j, 0));
            var rb = new Rng(RngKey.Derive(seed, Purpose, (ulong)j, 1));
            a[j] = new double[factors];
            b[j] = new double[factors];
            for (var i = 0; i < factors; i++)
            {
                a[j][i] = ra.NextDouble();
                b[j][i] = rb.NextDouble();
            }
        }

        var rows = new double[samples * (factors + 2)][];
        for (var j = 0; j < samples; j++)
        {
            rows[j] = a[j];
            rows[samples + j] = b[j];
            for (var i = 0; i < factors; i++)
            {
                var row = (double[])a[j].Clone();
                row[i] = b[j][i];
                rows[((2 + i) * samples) + j] = row;
            }
        }

        Rows = rows;
    }

    /// <summary>Base rows N.</summary>
    public int Samples { get; }

    /// <summary>Factors k.</summary>
    public int Factors { get; }

    /// <summary>Every point to evaluate, on the unit cube: A, then B, then AB_1 ... AB_k, N rows each.</summary>
    public IReadOnlyList<double[]> Rows { get; }

    /// <summary>
    /// First-order and total indices of each factor from the model's values at <see cref="Rows"/> (same order), by Jansen's
    /// estimators: S_i = (V - mean((f(B) - f(AB_i))^2) / 2) / V and ST_i = mean((f(A) - f(AB_i))^2) / 2 / V, V the variance
    /// of f over A and B together; intervals are percentiles of <paramref name="resamples"/> bootstrap resamples of the N rows.
    /// </summary>
    public IReadOnlyList<SobolIndex> Analyze(IReadOnlyList<double> values, int resamples, double level, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Rows.Count)
        {
            throw new ArgumentException($"expected {Rows.Count} values, got {values.Count}", nameof(values));
        }

        var n = Samples;
        var all = Enumerable.Range(0, n).ToArray();
        var point = Estimate(values, all);
        var boots = new (double S, double T)[Factors][];
        for (var i = 0; i < Factors; i++)
        {
            boots[i] = new (double, double)[resamples];
        }

        var rows = new int[n];
        for (var r = 0; r < resamples; r++)
        {
            var rng = new Rng(RngKey.Derive(seed, Purpose, 1UL << 40, (ulong)r));
            for (var j = 0; j < n; j++)
            {
                rows[j] = rng.NextInt(n);
            }

            var e = Estimate(values, rows);
            for (var i = 0; i < Factors; i++)
            {
                boots[i][r] = e[i];
            }
        }

        var result = new SobolIndex[Factors];
        for (var i = 0; i < Factors; i++)
        {
            var (sLow, sHigh) = Percentiles([.. boots[i].Select(b => b.S)], level);
            var (tLow, tHigh) = Percentiles([.. boots[i].Select(b => b.T)], level);
            result[i] = new SobolIndex(new Interval(point[i].S, sLow, sHigh), new Interval(point[i].T, tLow, tHigh));
        }

        return result;
    }

    private (double S, double T)[] Estimate(IReadOnlyList<double> f, int[] rows)
    {
        var n = Samples;
        double sum = 0, sumSq = 0;
        foreach (var j in rows)
        {
            foreach (var v in (ReadOnlySpan<double>)[f[j], f[n + j]])
            {
                sum += v;
                sumSq += v * v;
            }
        }

        var count = 2.0 * rows.Length;
        var mean = sum / count;
        var variance = Math.Max(0, (sumSq / count) - (mean * mean));
        var result = new (double, double)[Factors];
        for (var i = 0; i < Factors; i++)
        {
            double first = 0, total = 0;
            var offset = (2 + i) * n;
            foreach (var j in rows)
            {
                var ab = f[offset + j];
                first += (f[n + j] - ab) * (f[n + j] - ab);
                total += (f[j] - ab) * (f[j] - ab);
            }

            first /= 2.0 * rows.Length;
            total /= 2.0 * rows.Length;
            result[i] = variance > 0 ? ((variance - first) / variance, total / variance) : (double.NaN, double.NaN);
        }

        return result;
    }

    /// <summary>The central <paramref name="level"/> interval of <paramref name="values"/> (NaNs dropped).</summary>
    internal static (double Low, double High) Percentiles(double[] values, double level)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        Array.Sort(finite);
        var tail = (1 - level) / 2;
        return (Quantile(finite, tail), Quantile(finite, 1 - tail));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}

/// <summary>An estimate with its interval.</summary>
/// <param name="Value">The point estimate.</param>
/// <param name="Low">The interval's lower end.</param>
/// <param name="High">Its upper end.</param>
public readonly record struct Interval(double Value, double Low, double High);

/// <summary>One factor's Sobol indices.</summary>
/// <param name="First">First-order index S_i: the share of the variance explained by the factor alone.</param>
/// <param name="Total">Total index ST_i: the share it explains with all its interactions.</param>
public sealed record SobolIndex(Interval First, Interval Total);
