using Sim.Ecs;

namespace Sim.Engine.Runs.Sensitivity;

/// <summary>
/// Morris's elementary-effects screening of k factors on the unit cube: r trajectories of k + 1 points on a grid of p levels.
/// Each trajectory starts at a random grid point and moves one factor at a time, in a random order, by
/// Δ = p / (2 (p - 1)) (up when it can, else down), so each factor gets one elementary effect
/// (f(x + Δe_i) - f(x)) / Δ a trajectory. Rows are laid out trajectory by trajectory: r (k + 1) evaluations.
/// </summary>
public sealed class MorrisDesign
{
    private static readonly ulong Purpose = RngKey.Purpose("sensitivity.morris");
    private readonly int[][] _order;
    private readonly double[][] _step;

    /// <summary>A design of <paramref name="trajectories"/> trajectories over <paramref name="factors"/> factors on <paramref name="levels"/> levels (even), drawn from <paramref name="seed"/>.</summary>
    public MorrisDesign(int trajectories, int factors, ulong seed, int levels = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trajectories, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(factors, 1);
        if (levels < 2 || levels % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "the levels must be an even number of at least 2");
        }

        (Trajectories, Factors, Levels) = (trajectories, factors, levels);
        Delta = levels / (2.0 * (levels - 1));
        var rows = new List<double[]>(trajectories * (factors + 1));
        _order = new int[trajectories][];
        _step = new double[trajectories][];
        for (var t = 0; t < trajectories; t++)
        {
            var rng = new Rng(RngKey.Derive(seed, Purpose, (ulong)t));
            var x = new double[factors];
            for (var i = 0; i < factors; i++)
            {
                x[i] = rng.NextInt(levels) / (double)(levels - 1);
            }

            var order = Enumerable.Range(0, factors).ToArray();
            rng.Shuffle(order.AsSpan());
            _order[t] = order;
            _step[t] = new double[factors];
            rows.Add((double[])x.Clone());
            foreach (var i in order)
            {
                var step = x[i] + Delta <= 1 + 1e-12 ? Delta : -Delta;
                x[i] = Math.Clamp(x[i] + step, 0, 1);
                _step[t][i] = step;
                rows.Add((double[])x.Clone());
            }
        }

        Rows = rows;
    }

    /// <summary>Trajectories r.</summary>
    public int Trajectories { get; }

    /// <summary>Factors k.</summary>
    public int Factors { get; }

    /// <summary>Grid levels p.</summary>
    public int Levels { get; }

    /// <summary>The step Δ, as a share of each factor's range.</summary>
    public double Delta { get; }

    /// <summary>Every point to evaluate, on the unit cube, trajectory by trajectory.</summary>
    public IReadOnlyList<double[]> Rows { get; }

    /// <summary>
    /// Each factor's elementary effects (per unit of its range) summarized: μ* (mean absolute effect, with a bootstrap
    /// interval over the trajectories), μ (mean effect) and σ (standard deviation of the effects).
    /// </summary>
    public IReadOnlyList<MorrisIndex> Analyze(IReadOnlyList<double> values, int resamples, double level, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Rows.Count)
        {
            throw new ArgumentException($"expected {Rows.Count} values, got {values.Count}", nameof(values));
        }

        var effects = new double[Factors][];
        for (var i = 0; i < Factors; i++)
        {
            effects[i] = new double[Trajectories];
        }

        for (var t = 0; t < Trajectories; t++)
        {
            var start = t * (Factors + 1);
            for (var s = 0; s < Factors; s++)
            {
                var i = _order[t][s];
                effects[i][t] = (values[start + s + 1] - values[start + s]) / _step[t][i];
            }
        }

        var result = new MorrisIndex[Factors];
        var boot = new double[resamples];
        for (var i = 0; i < Factors; i++)
        {
            var e = effects[i];
            var mean = e.Average();
            var sd = Math.Sqrt(e.Sum(v => (v - mean) * (v - mean)) / (e.Length - 1));
            for (var r = 0; r < resamples; r++)
            {
                var rng = new Rng(RngKey.Derive(seed, Purpose, 1UL << 40, (ulong)r));
                double sum = 0;
                for (var t = 0; t < e.Length; t++)
                {
                    sum += Math.Abs(e[rng.NextInt(e.Length)]);
                }

                boot[r] = sum / e.Length;
            }

            var (low, high) = SobolDesign.Percentiles(boot, level);
            result[i] = new MorrisIndex(new Interval(e.Average(Math.Abs), low, high), mean, sd);
        }

        return result;
    }
}

/// <summary>One factor's Morris statistics, per unit of its range.</summary>
/// <param name="MuStar">μ*: the mean absolute elementary effect (overall influence), with its bootstrap interval.</param>
/// <param name="Mu">μ: the mean elementary effect (its sign says the direction when effects agree).</param>
/// <param name="Sigma">σ: the effects' standard deviation (non-linearity or interaction).</param>
public sealed record MorrisIndex(Interval MuStar, double Mu, double Sigma);
