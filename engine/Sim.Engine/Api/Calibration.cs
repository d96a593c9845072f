using System.Globalization;
using Sim.Engine;
using Sim.Engine.Runs.Calibration;
using Sim.Engine.Runs.Ensembles;

namespace Sim;

/// <summary>
/// Calibrates a scenario's parameters to observed summary statistics by approximate Bayesian computation
/// (<see cref="AbcSmc"/>): the priors are the parameters' declared ranges, each simulation is a run of the scenario at
/// the proposed values, and <c>summarize</c> turns a finished run into the same statistics, in the same order, as the
/// observed ones. What <c>sim calibrate</c> runs.
/// </summary>
public sealed class Calibration
{
    private static readonly ulong PredictivePurpose = Ecs.RngKey.Purpose("calibration.predictive");
    private readonly Func<ScenarioRun, double[]> _summarize;

    /// <summary>A calibration of <paramref name="vary"/> on <paramref name="scenario"/> (its overrides fixed) against <paramref name="observed"/>.</summary>
    /// <exception cref="InputException">An unknown parameter, one named twice, or one without a finite declared range.</exception>
    public Calibration(Scenario scenario, IReadOnlyList<string> vary, IReadOnlyList<string> names, double[] observed, Func<ScenarioRun, double[]> summarize)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(vary);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(summarize);
        if (names.Count != observed.Length)
        {
            throw new ArgumentException($"{names.Count} statistic names for {observed.Length} observed values", nameof(names));
        }

        Scenario = scenario;
        SummaryNames = names;
        Observed = observed;
        _summarize = summarize;
        var priors = new List<PriorRange>();
        foreach (var name in vary)
        {
            var index = scenario.Definition.ParameterIndex(name);
            if (index < 0)
            {
                throw new InputException($"error: the scenario has no parameter '{name}' (known: {string.Join(", ", scenario.Definition.Parameters.Select(p => p.Id))}).");
            }

            var p = scenario.Definition.Parameters[index];
            priors.Add(new PriorRange(p.Id, p.Min, p.Max));
        }

        Priors = priors;
        Problem().Validate();
    }

    /// <summary>The scenario every run starts from.</summary>
    public Scenario Scenario { get; }

    /// <summary>The uniform priors: each varied parameter's declared range.</summary>
    public IReadOnlyList<PriorRange> Priors { get; }

    /// <summary>The statistics' names.</summary>
    public IReadOnlyList<string> SummaryNames { get; }

    /// <summary>The observed statistics.</summary>
    public double[] Observed { get; }

    /// <summary>Ticks per run (default: the scenario's horizon).</summary>
    public int? Ticks { get; set; }

    /// <summary>Particles, generations, stopping rules, seed and threads.</summary>
    public AbcSettings Settings { get; set; } = new();

    /// <summary>The problem <see cref="AbcSmc"/> solves: priors, observed statistics and the simulator.</summary>
    public AbcProblem Problem() => new(Priors, Observed, Simulate);

    /// <summary>Calibrates, or continues from <paramref name="resume"/>; <paramref name="checkpoint"/> receives the state after each generation.</summary>
    /// <exception cref="InputException">Bad settings, or a state of another calibration.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the last checkpoint resumes it.</exception>
    public AbcResult Run(AbcState? resume = null, Action<AbcState>? checkpoint = null, IProgress<AbcProgress>? progress = null, CancellationToken cancellation = default) =>
        AbcSmc.Run(Problem(), Settings, resume, checkpoint, progress, cancellation);

    /// <summary>A run at parameter values <paramref name="theta"/> (in <see cref="Priors"/> order) with <paramref name="seed"/>, finished.</summary>
    public ScenarioRun RunAt(double[] theta, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(theta);
        var overrides = new List<string>(Scenario.Overrides);
        for (var j = 0; j < theta.Length; j++)
        {
            overrides.Add(string.Create(CultureInfo.InvariantCulture, $"{Priors[j].Name}={theta[j]:R}"));
        }

        var run = new ScenarioRun(Scenario.Reload(overrides).Definition, seed, Ticks ?? Scenario.Horizon);
        run.Run();
        return run;
    }

    /// <summary>The statistics of a run at <paramref name="theta"/> with <paramref name="seed"/>.</summary>
    public double[] Simulate(double[] theta, ulong seed) => _summarize(RunAt(theta, seed));

    /// <summary>
    /// Posterior predictive statistics: <paramref name="runs"/> runs, run i drawing its parameters from <paramref name="posterior"/>
    /// and its seed from (<see cref="AbcSettings.Seed"/>, i) as an ensemble does; one row of statistics per run, run-major.
    /// </summary>
    public double[] Predictive(PosteriorSample posterior, int runs, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var m = Observed.Length;
        var rows = new double[runs * m];
        var seed = Ecs.RngKey.Derive(Settings.Seed, PredictivePurpose);
        try
        {
            Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = Settings.Threads, CancellationToken = cancellation }, r =>
            {
                var runSeed = EnsemblePlan.RunSeed(seed, r);
                var s = Simulate(posterior.Particle(posterior.Draw(runSeed)).ToArray(), runSeed);
                s.AsSpan(0, Math.Min(m, s.Length)).CopyTo(rows.AsSpan(r * m, m));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // The run's own error (a model invariant, a bad override), as a single run would throw it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        return rows;
    }
}
