using System.Globalization;
using Sim.Ecs;

namespace Sim.Engine.Runs.Calibration;

/// <summary>
/// A weighted sample of parameter vectors (a calibration's posterior): <see cref="Names"/>, one row of values per
/// particle and a weight each. <see cref="Draw"/> picks a particle from a seed alone, so a run that takes its
/// parameters from the sample replays from its seed.
/// </summary>
public sealed class PosteriorSample
{
    private static readonly ulong DrawPurpose = RngKey.Purpose("posterior.draw");
    private readonly double[] _cumulative;

    /// <summary>A sample of <paramref name="values"/> (particle-major, <paramref name="names"/>.Count a row) with <paramref name="weights"/>.</summary>
    /// <exception cref="InputException">No parameter or particle, a repeated name, a value that is not finite, or weights that are negative, not finite or all zero.</exception>
    public PosteriorSample(IReadOnlyList<string> names, double[] values, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(weights);
        if (names.Count == 0 || weights.Length == 0 || values.Length != names.Count * weights.Length)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"error: a posterior sample needs at least one parameter and one particle, with a value of each parameter for each particle (got {names.Count} parameters, {weights.Length} weights, {values.Length} values)."));
        }

        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new InputException("error: the posterior sample names a parameter twice.");
        }

        Names = [.. names];
        Values = values;
        Weights = weights;
        _cumulative = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (!(weights[i] >= 0) || !double.IsFinite(weights[i]))
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture, $"error: particle {i} of the posterior sample has the weight {weights[i]}; weights must be finite and not negative."));
            }

            for (var j = 0; j < names.Count; j++)
            {
                if (!double.IsFinite(values[(i * names.Count) + j]))
                {
                    throw new InputException(string.Create(CultureInfo.InvariantCulture, $"error: particle {i} of the posterior sample has no finite value of '{names[j]}'."));
                }
            }

            total += weights[i];
            _cumulative[i] = total;
        }

        if (!(total > 0))
        {
            throw new InputException("error: every weight of the posterior sample is zero.");
        }
    }

    /// <summary>The parameters, in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The values, particle-major.</summary>
    public double[] Values { get; }

    /// <summary>The weights (not necessarily normalised).</summary>
    public double[] Weights { get; }

    /// <summary>Particles in the sample.</summary>
    public int Count => Weights.Length;

    /// <summary>Particle <paramref name="particle"/>'s values.</summary>
    public ReadOnlySpan<double> Particle(int particle) => Values.AsSpan(particle * Names.Count, Names.Count);

    /// <summary>
    /// The sample of <paramref name="names"/> alone, same particles and weights: their joint marginal. What a scenario
    /// takes from another scenario's calibration when it shares only some of its parameters.
    /// </summary>
    /// <exception cref="InputException">A name the sample does not hold, or one named twice.</exception>
    public PosteriorSample Select(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var columns = new int[names.Count];
        for (var j = 0; j < names.Count; j++)
        {
            columns[j] = Array.IndexOf([.. Names], names[j]);
            if (columns[j] < 0)
            {
                throw new InputException($"error: the posterior sample has no parameter '{names[j]}' (it has: {string.Join(", ", Names)}).");
            }
        }

        var values = new double[Count * names.Count];
        for (var i = 0; i < Count; i++)
        {
            for (var j = 0; j < names.Count; j++)
            {
                values[(i * names.Count) + j] = Values[(i * Names.Count) + columns[j]];
            }
        }

        return new PosteriorSample(names, values, (double[])Weights.Clone());
    }

    /// <summary>The particle a run with seed <paramref name="seed"/> takes: drawn with probability proportional to its weight, from the seed alone.</summary>
    public int Draw(ulong seed)
    {
        var rng = new Rng(RngKey.Derive(seed, DrawPurpose));
        return AbcSmc.Pick(_cumulative, rng.NextDouble() * _cumulative[^1]);
    }

    /// <summary>The weighted mean of each parameter.</summary>
    public double[] Mean()
    {
        var d = Names.Count;
        var mean = new double[d];
        for (var i = 0; i < Count; i++)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += Weights[i] * Values[(i * d) + j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= _cumulative[^1];
        }

        return mean;
    }

    /// <summary>The weighted standard deviation of each parameter.</summary>
    public double[] StandardDeviation()
    {
        var d = Names.Count;
        var mean = Mean();
        var sd = new double[d];
        for (var i = 0; i < Count; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var x = Values[(i * d) + j] - mean[j];
                sd[j] += Weights[i] * x * x;
            }
        }

        for (var j = 0; j < d; j++)
        {
            sd[j] = Math.Sqrt(sd[j] / _cumulative[^1]);
        }

        return sd;
    }

    /// <summary>The weighted <paramref name="p"/>-quantile of parameter <paramref name="parameter"/>.</summary>
    public double Quantile(int parameter, double p)
    {
        var column = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            column[i] = Values[(i * Names.Count) + parameter];
        }

        return AbcMath.WeightedQuantile(column, Weights, p);
    }
}
