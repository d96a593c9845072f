using Sim.Ecs;

namespace Sim.Engine.Runs.Calibration;

/// <summary>Why a calibration stopped.</summary>
public enum AbcStop
{
    /// <summary>It reached its generations.</summary>
    Generations,

    /// <summary>The next generation would have accepted fewer proposals than the least acceptance rate.</summary>
    Acceptance,

    /// <summary>The next generation would have passed the simulation budget.</summary>
    Budget,
}

/// <summary>A finished calibration: the last generation's weighted particles and the history of the generations.</summary>
/// <param name="Names">The calibrated parameters.</param>
/// <param name="State">The last finished generation (particles, weights, distances, summaries, scales).</param>
/// <param name="Stop">Why it stopped.</param>
/// <param name="Simulations">Simulations done, the abandoned generation's included.</param>
public sealed record AbcResult(IReadOnlyList<string> Names, AbcState State, AbcStop Stop, long Simulations)
{
    /// <summary>The generations, in order.</summary>
    public IReadOnlyList<AbcGeneration> Generations => State.Generations;

    /// <summary>The posterior sample: the last generation's particles with their weights.</summary>
    public PosteriorSample Posterior => new(Names, State.Particles, State.Weights);
}

/// <summary>
/// Approximate Bayesian computation by sequential Monte Carlo: population Monte Carlo ABC (Beaumont, Cornuet, Marin
/// and Robert 2009, Biometrika 96(4):983) with the tolerance of each generation set to a quantile of the previous
/// generation's distances (the adaptive schedule of Del Moral, Doucet and Jasra 2012, Statistics and Computing 22:1009).
/// </summary>
/// <remarks>
/// Generation 0 draws <see cref="AbcSettings.Particles"/> parameter vectors from the uniform priors and keeps them all;
/// its summaries fix the distance's scales. Generation t then proposes by picking a particle of generation t-1 by weight
/// and moving it with a Gaussian kernel whose covariance is twice the particles' weighted covariance (Beaumont et al.),
/// redrawing moves that leave the prior's support; a proposal is accepted when its distance is at most the tolerance,
/// and its weight is prior / (the weighted kernel mixture at it), the prior being constant inside the support.
/// Proposal k of generation t draws from the stream keyed by (seed, t, k) alone, and a generation keeps the first
/// accepted proposals in index order, so the result is the same for any thread count and after any resume.
/// </remarks>
public static class AbcSmc
{
    private static readonly ulong ProposalPurpose = RngKey.Purpose("abc.proposal");

    /// <summary>
    /// Runs a calibration, or continues it from <paramref name="resume"/>. <paramref name="finished"/> is called with the state
    /// after each generation (to checkpoint it); cancellation stops between batches of simulations.
    /// </summary>
    /// <exception cref="InputException">Bad settings or problem, or a state of another calibration.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the last state given to <paramref name="finished"/> resumes it.</exception>
    public static AbcResult Run(AbcProblem problem, AbcSettings settings, AbcState? resume = null, Action<AbcState>? finished = null,
        IProgress<AbcProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        problem.Validate();
        settings.Validate();
        var fingerprint = AbcState.FingerprintOf(problem, settings);
        if (resume is not null && resume.Fingerprint != fingerprint)
        {
            throw new InputException("error: the saved calibration state belongs to another calibration (priors, observed data, seed, particles or quantile differ), so it cannot be resumed with these settings.");
        }

        var names = problem.Priors.Select(p => p.Name).ToArray();
        var state = resume ?? First(problem, settings, fingerprint, progress, cancellation);
        if (resume is null)
        {
            finished?.Invoke(state);
        }

        long simulations = state.Simulations;
        while (true)
        {
            var last = state.Generations[^1];
            if (state.Generations.Count >= settings.MaxGenerations)
            {
                return new AbcResult(names, state, AbcStop.Generations, simulations);
            }

            if (last.Index > 0 && last.Acceptance < settings.MinAcceptance)
            {
                return new AbcResult(names, state, AbcStop.Acceptance, simulations);
            }

            var budgetLeft = settings.Budget - simulations;
            var acceptanceCap = (long)Math.Ceiling(settings.Particles / settings.MinAcceptance);
            var limit = Math.Min(budgetLeft, acceptanceCap);
            var (next, used) = Next(problem, settings, state, limit, simulations, progress, cancellation);
            simulations += used;
            if (next is null)
            {
                return new AbcResult(names, state, budgetLeft <= acceptanceCap ? AbcStop.Budget : AbcStop.Acceptance, simulations);
            }

            state = next;
            finished?.Invoke(state);
        }
    }

    private static AbcState First(AbcProblem problem, AbcSettings settings, string fingerprint, IProgress<AbcProgress>? progress, CancellationToken cancellation)
    {
        var n = settings.Particles;
        var d = problem.Priors.Count;
        var m = problem.Observed.Length;
        var particles = new double[n * d];
        var summaries = new double[n * m];
        progress?.Report(new AbcProgress(0, double.PositiveInfinity, 0, 0));
        For(n, settings, k =>
        {
            var rng = new Rng(RngKey.Derive(settings.Seed, ProposalPurpose, 0, (ulong)k));
            var theta = new double[d];
            for (var j = 0; j < d; j++)
            {
                var prior = problem.Priors[j];
                theta[j] = prior.Min + (rng.NextDouble() * (prior.Max - prior.Min));
            }

            var s = Simulate(problem, theta, rng.NextUInt64(), m);
            theta.CopyTo(particles, k * d);
            s.CopyTo(summaries, k * m);
        }, cancellation);
        cancellation.ThrowIfCancellationRequested();
        var scales = AbcMath.Scales(summaries, m);
        var distances = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            distances[i] = AbcMath.Distance(summaries.AsSpan(i * m, m), problem.Observed, scales);
            weights[i] = 1.0 / n;
        }

        progress?.Report(new AbcProgress(0, double.PositiveInfinity, n, n));
        var generation = new AbcGeneration(0, double.PositiveInfinity, n, n, n);
        return new AbcState(fingerprint, scales, [generation], d, particles, weights, distances, summaries);
    }

    /// <summary>Fills the next generation within <paramref name="limit"/> simulations; null (with the simulations spent) when it cannot.</summary>
    private static (AbcState? Next, long Used) Next(AbcProblem problem, AbcSettings settings, AbcState previous, long limit, long before,
        IProgress<AbcProgress>? progress, CancellationToken cancellation)
    {
        var n = settings.Particles;
        var d = previous.Dimensions;
        var m = problem.Observed.Length;
        var t = previous.Generations.Count;
        var tolerance = AbcMath.WeightedQuantile(previous.Distances, previous.Weights, settings.Alpha);
        var kernel = Kernel(problem, previous);
        var cumulative = new double[previous.Count];
        var total = 0.0;
        for (var i = 0; i < cumulative.Length; i++)
        {
            total += previous.Weights[i];
            cumulative[i] = total;
        }

        var particles = new double[n * d];
        var summaries = new double[n * m];
        var distances = new double[n];
        var accepted = 0;
        long attempted = 0;
        var rate = Math.Max(previous.Generations[^1].Acceptance * 0.5, settings.MinAcceptance);
        progress?.Report(new AbcProgress(t, tolerance, 0, before));
        while (accepted < n && attempted < limit)
        {
            cancellation.ThrowIfCancellationRequested();
            // The batch size only decides how much work may be wasted past the n-th acceptance, never which proposals count.
            var wanted = (long)Math.Ceiling((n - accepted) / rate);
            var batch = (int)Math.Min(Math.Min(Math.Max(wanted, settings.Threads * 4L), Math.Max(4L * n, 1024)), limit - attempted);
            var thetas = new double[batch * d];
            var sims = new double[batch * m];
            var dist = new double[batch];
            var start = attempted;
            For(batch, settings, b =>
            {
                var rng = new Rng(RngKey.Derive(settings.Seed, ProposalPurpose, (ulong)t, (ulong)(start + b)));
                var theta = thetas.AsSpan(b * d, d);
                Propose(problem, previous, cumulative, kernel, ref rng, theta);
                var s = Simulate(problem, theta.ToArray(), rng.NextUInt64(), m);
                s.CopyTo(sims, b * m);
                dist[b] = AbcMath.Distance(s, problem.Observed, previous.Scales);
            }, cancellation);
            cancellation.ThrowIfCancellationRequested();
            for (var b = 0; b < batch && accepted < n; b++)
            {
                attempted++;
                if (dist[b] <= tolerance)
                {
                    Array.Copy(thetas, b * d, particles, accepted * d, d);
                    Array.Copy(sims, b * m, summaries, accepted * m, m);
                    distances[accepted] = dist[b];
                    accepted++;
                }
            }

            progress?.Report(new AbcProgress(t, tolerance, accepted, before + attempted));
        }

        if (accepted < n)
        {
            return (null, attempted);
        }

        var weights = Weights(previous, particles, kernel, settings, cancellation);
        var generation = new AbcGeneration(t, tolerance, attempted, n, AbcMath.EffectiveSampleSize(weights));
        return (new AbcState(previous.Fingerprint, previous.Scales, [.. previous.Generations, generation], d, particles, weights, distances, summaries), attempted);
    }

    private static double[] Simulate(AbcProblem problem, double[] theta, ulong seed, int m)
    {
        var s = problem.Simulate(theta, seed);
        if (s is null || s.Length != m)
        {
            throw new InvalidOperationException($"the simulator returned {s?.Length ?? 0} summaries where the observed data have {m}");
        }

        return s;
    }

    /// <summary>The kernel's Cholesky factor: twice the weighted covariance, each variance floored at a millionth of its prior's width squared.</summary>
    private static double[] Kernel(AbcProblem problem, AbcState previous)
    {
        var d = previous.Dimensions;
        var cov = AbcMath.WeightedCovariance(previous.Particles, previous.Weights, d);
        for (var i = 0; i < cov.Length; i++)
        {
            cov[i] *= 2;
        }

        var floor = new double[d];
        for (var j = 0; j < d; j++)
        {
            var width = problem.Priors[j].Max - problem.Priors[j].Min;
            floor[j] = 1e-12 * width * width;
        }

        return AbcMath.Cholesky(cov, d, floor);
    }

    private static void Propose(AbcProblem problem, AbcState previous, double[] cumulative, double[] l, ref Rng rng, Span<double> theta)
    {
        var d = previous.Dimensions;
        Span<double> z = stackalloc double[d];
        // Moves outside the support have prior density 0: redraw them (parent and move), which keeps the proposal
        // the kernel mixture restricted to the support; its normalising constant cancels in the weights.
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var parent = Pick(cumulative, rng.NextDouble() * cumulative[^1]);
            for (var a = 0; a < d; a++)
            {
                z[a] = rng.NextNormal();
            }

            for (var a = 0; a < d; a++)
            {
                var move = 0.0;
                for (var k = 0; k <= a; k++)
                {
                    move += l[(a * d) + k] * z[k];
                }

                theta[a] = previous.Particles[(parent * d) + a] + move;
            }

            if (problem.InSupport(theta))
            {
                return;
            }
        }

        throw new InvalidOperationException("10000 kernel moves in a row left the prior's support; the particles sit where the prior has no mass");
    }

    /// <summary>The first index whose cumulative weight exceeds <paramref name="u"/> (binary search).</summary>
    public static int Pick(double[] cumulative, double u)
    {
        ArgumentNullException.ThrowIfNull(cumulative);
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>w_i proportional to 1 / sum_j w_j K(theta_i | theta_j), in logs so that far particles do not underflow to a zero sum.</summary>
    private static double[] Weights(AbcState previous, double[] particles, double[] l, AbcSettings settings, CancellationToken cancellation)
    {
        var d = previous.Dimensions;
        var n = particles.Length / d;
        var logWeights = new double[n];
        Parallel.For(0, n, Options(settings, cancellation), () => (new double[d], new double[d], new double[previous.Count]), (i, _, scratch) =>
        {
            var (diff, solve, terms) = scratch;
            var max = double.NegativeInfinity;
            for (var j = 0; j < previous.Count; j++)
            {
                for (var a = 0; a < d; a++)
                {
                    diff[a] = particles[(i * d) + a] - previous.Particles[(j * d) + a];
                }

                terms[j] = Math.Log(previous.Weights[j]) - (0.5 * AbcMath.Mahalanobis(diff, l, d, solve));
                max = Math.Max(max, terms[j]);
            }

            var sum = 0.0;
            for (var j = 0; j < previous.Count; j++)
            {
                sum += Math.Exp(terms[j] - max);
            }

            // A particle no kernel reaches (impossible in exact arithmetic: its parent's kernel made it) gets no weight.
            logWeights[i] = double.IsFinite(max) ? -(max + Math.Log(sum)) : double.NegativeInfinity;
            return scratch;
        }, _ => { });
        cancellation.ThrowIfCancellationRequested();
        var top = logWeights.Max();
        var weights = new double[n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            weights[i] = Math.Exp(logWeights[i] - top);
            total += weights[i];
        }

        for (var i = 0; i < n; i++)
        {
            weights[i] /= total;
        }

        return weights;
    }

    /// <summary>Parallel.For that rethrows a single failure as itself rather than wrapped, so callers see the simulator's own error.</summary>
    private static void For(int count, AbcSettings settings, Action<int> body, CancellationToken cancellation)
    {
        try
        {
            Parallel.For(0, count, Options(settings, cancellation), body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    private static ParallelOptions Options(AbcSettings settings, CancellationToken cancellation) =>
        new() { MaxDegreeOfParallelism = settings.Threads, CancellationToken = cancellation };
}
