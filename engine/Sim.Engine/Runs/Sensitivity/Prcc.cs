using MathNet.Numerics.LinearAlgebra;

namespace Sim.Engine.Runs.Sensitivity;

/// <summary>
/// Partial rank correlation coefficients (Marino, Hogue, Ray and Kirschner 2008, J. Theor. Biol. 254:178-196) of an
/// outcome with each of k parameters over n runs of a sampled design (a Latin hypercube): the correlation of the
/// outcome's ranks with a parameter's ranks once the other parameters' ranks are regressed out of both. Monotone
/// effects of any shape count; the sign says the direction. Computed from the inverse P of the rank correlation matrix
/// of (parameters, outcome): PRCC_j = -P[j,y] / sqrt(P[j,j] P[y,y]).
/// </summary>
public static class Prcc
{
    /// <summary>
    /// The PRCC of <paramref name="outcome"/> with each column of <paramref name="parameters"/> (n rows, k columns); NaN for a
    /// parameter or an outcome that does not vary, or when the parameters are collinear.
    /// </summary>
    public static double[] Compute(double[][] parameters, double[] outcome)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(outcome);
        var n = outcome.Length;
        var k = parameters.Length;
        var result = new double[k];
        Array.Fill(result, double.NaN);
        if (n < k + 3)
        {
            return result;
        }

        var columns = new double[]?[k + 1];
        for (var j = 0; j < k; j++)
        {
            if (parameters[j].Length != n)
            {
                throw new ArgumentException($"parameter column {j} has {parameters[j].Length} values for {n} outcomes", nameof(parameters));
            }

            columns[j] = Standardized(Ranks(parameters[j]));
        }

        columns[k] = Standardized(Ranks(outcome));
        if (columns.Any(c => c is null))
        {
            return result;
        }

        var r = Matrix<double>.Build.Dense(k + 1, k + 1, (a, b) => Dot(columns[a]!, columns[b]!) / n);
        if (r.Determinant() is var det && !(Math.Abs(det) > 1e-12))
        {
            return result;
        }

        var p = r.Inverse();
        for (var j = 0; j < k; j++)
        {
            result[j] = Math.Clamp(-p[j, k] / Math.Sqrt(p[j, j] * p[k, k]), -1, 1);
        }

        return result;
    }

    /// <summary>
    /// A <paramref name="level"/> interval for a PRCC <paramref name="value"/> from <paramref name="n"/> runs and
    /// <paramref name="k"/> parameters: Fisher's z, with n - 3 - (k - 1) degrees of freedom for the k - 1 parameters
    /// partialled out.
    /// </summary>
    public static (double Low, double High) Interval(double value, int n, int k, double level = 0.95)
    {
        var dof = n - 3 - (k - 1);
        if (!double.IsFinite(value) || dof < 1)
        {
            return (double.NaN, double.NaN);
        }

        var z = Math.Atanh(Math.Clamp(value, -0.999999, 0.999999));
        var half = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (level / 2)) / Math.Sqrt(dof);
        return (Math.Tanh(z - half), Math.Tanh(z + half));
    }

    /// <summary>Ranks 1..n, ties sharing their mean rank.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ThenBy(i => i).ToArray();
        var ranks = new double[values.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]].Equals(values[order[i]]))
            {
                j++;
            }

            for (var t = i; t <= j; t++)
            {
                ranks[order[t]] = ((i + j) / 2.0) + 1;
            }

            i = j + 1;
        }

        return ranks;
    }

    /// <summary>Centred and scaled to unit variance; null when the values do not vary.</summary>
    private static double[]? Standardized(double[] values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return sd > 0 ? [.. values.Select(v => (v - mean) / sd)] : null;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
