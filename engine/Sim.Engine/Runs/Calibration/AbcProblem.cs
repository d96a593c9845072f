using System.Globalization;

namespace Sim.Engine.Runs.Calibration;

/// <summary>A parameter's prior: uniform over its declared range [<paramref name="Min"/>, <paramref name="Max"/>].</summary>
/// <param name="Name">The parameter's id.</param>
/// <param name="Min">Lowest value.</param>
/// <param name="Max">Highest value (greater than <paramref name="Min"/>).</param>
public readonly record struct PriorRange(string Name, double Min, double Max);

/// <summary>
/// What approximate Bayesian computation calibrates: uniform priors, the observed summary statistics and a simulator
/// that maps a parameter vector and a seed to simulated summaries (the same statistics, in the same order).
/// </summary>
/// <param name="Priors">One uniform prior per calibrated parameter, in the order the simulator reads them.</param>
/// <param name="Observed">The observed summaries.</param>
/// <param name="Simulate">A pure function of (parameters, seed), safe to call from several threads at once.</param>
public sealed record AbcProblem(IReadOnlyList<PriorRange> Priors, double[] Observed, Func<double[], ulong, double[]> Simulate)
{
    /// <summary>Checks the priors and the observed vector.</summary>
    /// <exception cref="InputException">No prior, a repeated name, an empty or non-finite range, or no finite observed value.</exception>
    public void Validate()
    {
        if (Priors.Count == 0)
        {
            throw new InputException("error: calibration needs at least one parameter to vary.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in Priors)
        {
            if (!seen.Add(p.Name))
            {
                throw new InputException($"error: '{p.Name}' is given twice among the parameters to calibrate.");
            }

            if (!double.IsFinite(p.Min) || !double.IsFinite(p.Max) || p.Max <= p.Min)
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"error: '{p.Name}' has the range [{p.Min}, {p.Max}], which is not a prior (fix: declare a finite range with min < max)."));
            }
        }

        if (Observed.Length == 0 || !Observed.Any(double.IsFinite))
        {
            throw new InputException("error: the observed summaries are empty or not finite; there is nothing to calibrate against.");
        }
    }

    /// <summary>Whether <paramref name="theta"/> lies inside every prior's range.</summary>
    public bool InSupport(ReadOnlySpan<double> theta)
    {
        for (var j = 0; j < theta.Length; j++)
        {
            if (!(theta[j] >= Priors[j].Min && theta[j] <= Priors[j].Max))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>How an ABC-SMC calibration runs and when it stops.</summary>
public sealed record AbcSettings
{
    /// <summary>Accepted particles per generation.</summary>
    public int Particles { get; init; } = 500;

    /// <summary>Generations at most, the first (a sample of the prior) included.</summary>
    public int MaxGenerations { get; init; } = 10;

    /// <summary>Each generation's tolerance is this weighted quantile of the previous generation's distances (Del Moral et al. 2012).</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>A generation that would accept fewer than this share of its proposals is abandoned, and the calibration stops.</summary>
    public double MinAcceptance { get; init; } = 0.01;

    /// <summary>Simulations at most, over all generations; a generation that would pass it is abandoned.</summary>
    public long Budget { get; init; } = long.MaxValue;

    /// <summary>The master seed: every proposal's draws come from (seed, generation, proposal index).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Simulations at once; the result is the same for any value.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="InputException">A count or share out of bounds.</exception>
    public void Validate()
    {
        if (Particles is < 2 or > 1_000_000)
        {
            throw new InputException($"error: the particles per generation must be from 2 to 1000000, got {Particles}.");
        }

        if (MaxGenerations < 1)
        {
            throw new InputException($"error: the generations must be at least 1, got {MaxGenerations}.");
        }

        if (!(Alpha > 0 && Alpha < 1))
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"error: the tolerance quantile must be between 0 and 1, got {Alpha}."));
        }

        if (!(MinAcceptance > 0 && MinAcceptance <= 1))
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"error: the least acceptance rate must be in (0, 1], got {MinAcceptance}."));
        }

        if (Budget < Particles)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"error: a budget of {Budget} simulations cannot fill even the first generation of {Particles} particles (fix: a budget of at least {Particles})."));
        }

        if (Threads < 1)
        {
            throw new InputException($"error: the threads must be at least 1, got {Threads}.");
        }
    }
}

/// <summary>One generation of an ABC-SMC calibration.</summary>
/// <param name="Index">0 for the prior sample, then 1, 2, ...</param>
/// <param name="Tolerance">The largest distance accepted (infinite for generation 0, which accepts every draw).</param>
/// <param name="Simulations">Simulations the generation needed: proposals up to and including its last accepted one.</param>
/// <param name="Accepted">Particles accepted.</param>
/// <param name="Ess">Effective sample size of its weights, (sum w)^2 / sum w^2 (Kish).</param>
public sealed record AbcGeneration(int Index, double Tolerance, long Simulations, int Accepted, double Ess)
{
    /// <summary>Accepted particles per simulation.</summary>
    public double Acceptance => Simulations == 0 ? 0 : (double)Accepted / Simulations;
}

/// <summary>Progress of a calibration: the generation under way and its proposals so far.</summary>
/// <param name="Generation">The generation being filled.</param>
/// <param name="Tolerance">Its tolerance.</param>
/// <param name="Accepted">Particles accepted so far in it.</param>
/// <param name="Simulations">Simulations so far, over all generations.</param>
public readonly record struct AbcProgress(int Generation, double Tolerance, int Accepted, long Simulations);
