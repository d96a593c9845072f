namespace Sim.Engine.Runs.Calibration;

/// <summary>The numerical pieces of ABC-SMC: distance scales, weighted moments, the Gaussian kernel's factor, quantiles.</summary>
public static class AbcMath
{
    /// <summary>
    /// Each summary's scale: its median absolute deviation over <paramref name="summaries"/> (particle-major, <paramref name="width"/>
    /// a row). The median absolute deviation is robust to the heavy tails of counts such as fatalities, where a standard
    /// deviation is dominated by a few extreme runs. A summary with no spread at the median (mostly one value) falls back
    /// to its mean absolute deviation, then to 1 when it never varies, so it cannot divide by zero.
    /// </summary>
    public static double[] Scales(double[] summaries, int width)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var rows = width == 0 ? 0 : summaries.Length / width;
        var scales = new double[width];
        var column = new List<double>(rows);
        for (var k = 0; k < width; k++)
        {
            column.Clear();
            for (var i = 0; i < rows; i++)
            {
                var v = summaries[(i * width) + k];
                if (double.IsFinite(v))
                {
                    column.Add(v);
                }
            }

            scales[k] = column.Count == 0 ? 1 : Spread(column);
        }

        return scales;
    }

    private static double Spread(List<double> values)
    {
        values.Sort();
        var median = Median(values);
        var deviations = new List<double>(values.Count);
        var sum = 0.0;
        foreach (var v in values)
        {
            deviations.Add(Math.Abs(v - median));
            sum += Math.Abs(v - median);
        }

        deviations.Sort();
        var mad = Median(deviations);
        if (mad > 0)
        {
            return mad;
        }

        var mean = sum / values.Count;
        return mean > 0 ? mean : 1;
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : 0.5 * (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]);

    /// <summary>Scaled Euclidean distance; infinite when a simulated summary is not finite (the draw can never be accepted).</summary>
    public static double Distance(ReadOnlySpan<double> simulated, ReadOnlySpan<double> observed, ReadOnlySpan<double> scales)
    {
        if (simulated.Length != observed.Length)
        {
            return double.PositiveInfinity;
        }

        var sum = 0.0;
        for (var k = 0; k < observed.Length; k++)
        {
            if (!double.IsFinite(observed[k]))
            {
                continue; // a statistic the data do not give (a gap) says nothing either way
            }

            var d = (simulated[k] - observed[k]) / scales[k];
            if (!double.IsFinite(d))
            {
                return double.PositiveInfinity;
            }

            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Kish's effective sample size of <paramref name="weights"/>: (sum w)^2 / sum w^2.</summary>
    public static double EffectiveSampleSize(ReadOnlySpan<double> weights)
    {
        double sum = 0, squares = 0;
        foreach (var w in weights)
        {
            sum += w;
            squares += w * w;
        }

        return squares > 0 ? sum * sum / squares : 0;
    }

    /// <summary>The smallest value whose cumulative weight reaches <paramref name="p"/> of the total (the weighted p-quantile).</summary>
    public static double WeightedQuantile(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, double p)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        // Stable on ties (index order), so the result never depends on the sort's internals.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var cumulative = 0.0;
        foreach (var i in order)
        {
            cumulative += weights[i];
            if (cumulative >= p * total)
            {
                return values[i];
            }
        }

        return values[order[^1]];
    }

    /// <summary>The weighted covariance of particle-major <paramref name="particles"/> (<paramref name="d"/> a row), weights summing to 1.</summary>
    public static double[] WeightedCovariance(double[] particles, double[] weights, int d)
    {
        ArgumentNullException.ThrowIfNull(particles);
        ArgumentNullException.ThrowIfNull(weights);
        var mean = new double[d];
        for (var i = 0; i < weights.Length; i++)
        {
            for (var a = 0; a < d; a++)
            {
                mean[a] += weights[i] * particles[(i * d) + a];
            }
        }

        var cov = new double[d * d];
        for (var i = 0; i < weights.Length; i++)
        {
            for (var a = 0; a < d; a++)
            {
                var da = particles[(i * d) + a] - mean[a];
                for (var b = 0; b <= a; b++)
                {
                    cov[(a * d) + b] += weights[i] * da * (particles[(i * d) + b] - mean[b]);
                }
            }
        }

        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < a; b++)
            {
                cov[(b * d) + a] = cov[(a * d) + b];
            }
        }

        return cov;
    }

    /// <summary>
    /// The lower Cholesky factor of <paramref name="cov"/> (row-major, <paramref name="d"/> x <paramref name="d"/>). When the
    /// matrix is not positive definite (particles collapsed onto a line, or one parameter on a single value) the
    /// correlations are dropped and each variance floored at <paramref name="floor"/>, so the kernel still moves.
    /// </summary>
    public static double[] Cholesky(double[] cov, int d, ReadOnlySpan<double> floor)
    {
        ArgumentNullException.ThrowIfNull(cov);
        var l = new double[d * d];
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var sum = cov[(a * d) + b];
                for (var k = 0; k < b; k++)
                {
                    sum -= l[(a * d) + k] * l[(b * d) + k];
                }

                if (a == b)
                {
                    if (!(sum > floor[a]))
                    {
                        return Diagonal(cov, d, floor);
                    }

                    l[(a * d) + a] = Math.Sqrt(sum);
                }
                else
                {
                    l[(a * d) + b] = sum / l[(b * d) + b];
                }
            }
        }

        return l;
    }

    private static double[] Diagonal(double[] cov, int d, ReadOnlySpan<double> floor)
    {
        var l = new double[d * d];
        for (var a = 0; a < d; a++)
        {
            l[(a * d) + a] = Math.Sqrt(Math.Max(cov[(a * d) + a], floor[a]));
        }

        return l;
    }

    /// <summary>
    /// |L^-1 x|^2: the squared Mahalanobis length of <paramref name="x"/> under the covariance L L^T, by forward
    /// substitution (no inverse formed). <paramref name="scratch"/> holds d values.
    /// </summary>
    public static double Mahalanobis(ReadOnlySpan<double> x, double[] l, int d, Span<double> scratch)
    {
        ArgumentNullException.ThrowIfNull(l);
        var sum = 0.0;
        for (var a = 0; a < d; a++)
        {
            var v = x[a];
            for (var k = 0; k < a; k++)
            {
                v -= l[(a * d) + k] * scratch[k];
            }

            scratch[a] = v / l[(a * d) + a];
            sum += scratch[a] * scratch[a];
        }

        return sum;
    }
}
