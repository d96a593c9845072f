using Sim.Ecs;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Engine.Evidence;

/// <summary>
/// Proper scores of probabilistic forecasts against what happened. Every score is negatively oriented (lower is
/// better) except <see cref="Log"/>, which is the log of the probability given to what happened (higher is better).
/// </summary>
public static class Scores
{
    /// <summary>Brier score of probability <paramref name="p"/> for an event that did (or did not) happen: (p - o)², in [0, 1].</summary>
    public static double Brier(double p, bool happened)
    {
        var o = happened ? 1.0 : 0.0;
        return (p - o) * (p - o);
    }

    /// <summary>Log score: ln p when the event happened, ln(1 - p) when not. -∞ when the forecast ruled out what happened.</summary>
    public static double Log(double p, bool happened) => Math.Log(happened ? p : 1 - p);

    /// <summary>
    /// The probability an ensemble of <paramref name="runs"/> runs gives an event seen in <paramref name="k"/> of
    /// them, for the log score: (k + ½) / (n + 1), the Krichevsky-Trofimov estimate. The raw share k/n would give
    /// -∞ to any event none of a finite ensemble produced, which says more about the ensemble's size than its skill.
    /// </summary>
    public static double EnsembleProbability(int k, int runs) => (k + 0.5) / (runs + 1.0);

    /// <summary>
    /// Continuous ranked probability score of the ensemble's empirical distribution against <paramref name="observed"/>:
    /// mean |x_i - y| - ½ mean |x_i - x_j| (Gneiting and Raftery 2007, eq. 21), in the units of the quantity. For a
    /// single member it is the absolute error. Sorts a copy; O(n log n).
    /// </summary>
    public static double Crps(ReadOnlySpan<double> ensemble, double observed)
    {
        var n = ensemble.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        var sorted = ensemble.ToArray();
        Array.Sort(sorted);
        return CrpsSorted(sorted, observed);
    }

    /// <summary><see cref="Crps"/> of an ensemble already sorted ascending.</summary>
    public static double CrpsSorted(ReadOnlySpan<double> sorted, double observed)
    {
        var n = sorted.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        var error = 0.0;
        var spread = 0.0;
        for (var i = 0; i < n; i++)
        {
            error += Math.Abs(sorted[i] - observed);
            // Σ_i Σ_j |x_i - x_j| = 2 Σ_i (2i - n + 1) x_(i) for 0-based ranks of sorted values.
            spread += ((2.0 * i) - n + 1) * sorted[i];
        }

        return (error / n) - (spread / ((double)n * n));
    }

    /// <summary>Whether <paramref name="observed"/> lies in the ensemble's central interval of probability <paramref name="level"/> (type 7 quantiles).</summary>
    public static bool Covered(ReadOnlySpan<double> sorted, double observed, double level)
    {
        var (low, high) = Interval(sorted, level);
        return observed >= low && observed <= high;
    }

    /// <summary>The central interval of probability <paramref name="level"/> of sorted values: quantiles (1 - level)/2 and (1 + level)/2.</summary>
    public static (double Low, double High) Interval(ReadOnlySpan<double> sorted, double level) =>
        (Statistics.Quantile(sorted, (1 - level) / 2), Statistics.Quantile(sorted, (1 + level) / 2));

    /// <summary>Skill score 1 - S / S_ref of mean scores (negatively oriented): 1 perfect, 0 no better than the reference, negative worse.</summary>
    public static double Skill(double score, double reference) => 1 - (score / reference);

    /// <summary>
    /// A percentile bootstrap interval for the skill 1 - ΣS / ΣS_ref, resampling whole groups (months) with replacement
    /// so that scores of the same month stay together. Deterministic for <paramref name="seed"/>.
    /// </summary>
    /// <param name="model">Per group, the sum of the model's scores.</param>
    /// <param name="reference">Per group, the sum of the reference's scores.</param>
    /// <param name="resamples">Bootstrap resamples.</param>
    /// <param name="seed">Seed of the resampling stream.</param>
    /// <param name="stream">Which stream of that seed (one per quantity scored, so each has its own draws).</param>
    /// <param name="level">Interval probability (0.95).</param>
    public static (double Low, double High) BootstrapSkill(ReadOnlySpan<double> model, ReadOnlySpan<double> reference, int resamples, ulong seed, long stream = 0, double level = 0.95)
    {
        var groups = model.Length;
        if (groups == 0 || reference.Length != groups || resamples < 1)
        {
            return (double.NaN, double.NaN);
        }

        var rng = Rng.For(seed, BootstrapPurpose, stream);
        var skills = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            var s = 0.0;
            var r = 0.0;
            for (var i = 0; i < groups; i++)
            {
                var g = rng.NextInt(groups);
                s += model[g];
                r += reference[g];
            }

            // A resample whose reference scored perfectly has no skill to speak of: count it as no skill.
            skills[b] = r > 0 ? 1 - (s / r) : 0;
        }

        Array.Sort(skills);
        return (Statistics.Quantile<double>(skills, (1 - level) / 2), Statistics.Quantile<double>(skills, (1 + level) / 2));
    }

    /// <summary>The purpose key of bootstrap draws, apart from every stream a run uses.</summary>
    private const ulong BootstrapPurpose = 0xB0075_7A9;
}
