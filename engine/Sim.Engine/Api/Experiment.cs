using Sim.Engine.Runs.Ensembles;

namespace Sim;

/// <summary>
/// Replicates of a scenario over parameter points, run in memory on every core (Mesa's <c>batch_run</c>,
/// Agents.jl's <c>paramscan</c>). Run i's seed comes from (<see cref="Seed"/>, i) alone, so the results are the
/// same for any thread count, and the same runs as <c>sim mc</c> with the same seed, runs and design.
/// </summary>
public sealed class Experiment
{
    private readonly List<ParameterDesign.Axis> _axes = [];
    private ParameterDesign.LatinHypercube? _sample;
    private ParameterDesign.Posterior? _posterior;
    private ParameterDesign.Listed? _listed;

    /// <summary>An experiment on <paramref name="scenario"/> (its overrides included), one point until told otherwise.</summary>
    public Experiment(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Scenario = scenario;
    }

    /// <summary>The scenario every run starts from.</summary>
    public Scenario Scenario { get; }

    /// <summary>Runs per parameter point.</summary>
    public int Replicates { get; set; } = 100;

    /// <summary>The master seed.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Ticks per run (default: the scenario's horizon).</summary>
    public int? Ticks { get; set; }

    /// <summary>Runs at once.</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>Check the model's invariants in every run (slower; same results).</summary>
    public bool Check { get; set; }

    /// <summary>Keep every run's recorded series (memory: series x ticks floats a run).</summary>
    public bool KeepSeries { get; set; }

    /// <summary>Adds a grid axis: <paramref name="parameter"/> takes each of <paramref name="values"/>; axes combine as a full grid, the last added varying fastest.</summary>
    public Experiment Sweep(string parameter, double[] values)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(values);
        _axes.Add(new ParameterDesign.Axis(parameter, [.. values]));
        return this;
    }

    /// <summary>Adds a grid axis of <paramref name="count"/> evenly spaced values from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Experiment Sweep(string parameter, double from, double to, int count)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        _axes.Add(ParameterDesign.Axis.Range(parameter, from, to, count));
        return this;
    }

    /// <summary>
    /// Runs at <paramref name="points"/> Latin-hypercube points over the declared ranges of <paramref name="parameters"/>
    /// (none named: the scenario's own parameters), drawn from the master seed.
    /// </summary>
    public Experiment LatinHypercube(int points, params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _sample = new ParameterDesign.LatinHypercube(points, [.. parameters]);
        return this;
    }

    /// <summary>
    /// Each run draws its values of the sample's parameters from <paramref name="posterior"/> by weight, from its own seed
    /// (<see cref="ExperimentRun.Parameters"/> records them), so the outcomes carry the posterior's parameter uncertainty.
    /// </summary>
    public Experiment FromPosterior(Engine.Runs.Calibration.PosteriorSample posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        _posterior = new ParameterDesign.Posterior(posterior);
        return this;
    }

    /// <summary>
    /// Runs at the given <paramref name="points"/> (each a value of every one of <paramref name="parameters"/>, inside its declared
    /// range), such as a sensitivity design; <paramref name="label"/> names the design in the plan.
    /// </summary>
    public Experiment At(IReadOnlyList<string> parameters, IReadOnlyList<double[]> points, string label = "listed")
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Any(p => p.Length != parameters.Count))
        {
            throw new ArgumentException($"every point needs {parameters.Count} values, one per parameter", nameof(points));
        }

        _listed = new ParameterDesign.Listed([.. parameters], points, label);
        return this;
    }

    /// <summary>The design the sweeps, sample, posterior or listed points describe.</summary>
    /// <exception cref="InvalidOperationException">More than one of a grid, a Latin hypercube and a posterior were asked for.</exception>
    public ParameterDesign Design => (_axes.Count, _sample) switch
    {
        _ when _listed is not null && (_posterior is not null || _axes.Count > 0 || _sample is not null) =>
            throw new InvalidOperationException("an experiment runs at listed points (At), or is a grid, a Latin hypercube or a posterior, not several"),
        _ when _listed is not null => _listed,
        _ when _posterior is not null && (_axes.Count > 0 || _sample is not null) =>
            throw new InvalidOperationException("an experiment draws from a posterior, or is a grid (Sweep) or a Latin hypercube, not several"),
        _ when _posterior is not null => _posterior,
        ( > 0, not null) => throw new InvalidOperationException("an experiment is a grid (Sweep) or a Latin hypercube, not both"),
        (_, { } sample) => sample,
        ( > 0, null) => new ParameterDesign.Grid([.. _axes]),
        _ => new ParameterDesign.OnePoint(),
    };

    /// <summary>The plan: points, seeds and run count.</summary>
    /// <exception cref="Engine.InputException">A count out of bounds, an unknown parameter or a value outside its range.</exception>
    public EnsemblePlan Plan() => EnsemblePlan.Create(Scenario.Definition, Scenario.Definition.Files.FirstOrDefault() ?? Scenario.Name, Seed,
        Replicates, Ticks ?? Scenario.Horizon, Scenario.Overrides, Design);

    /// <summary>Does every run and returns their outcomes (and series when <see cref="KeepSeries"/>), in run order.</summary>
    /// <param name="progress">Runs done so far, reported from the calling thread.</param>
    /// <param name="cancellation">Stops the experiment; the runs done are dropped.</param>
    /// <exception cref="OperationCanceledException">Cancelled before every run finished.</exception>
    public ExperimentResults Run(IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        var plan = Plan();
        if (plan.RunCount > int.MaxValue)
        {
            throw new InvalidOperationException($"{plan} are more than an experiment in memory holds; write them to an ensemble folder instead (Sim.Output.Ensemble, which stores each run as it finishes)");
        }

        var points = new Engine.Scenarios.ScenarioDefinition[plan.Points.Count];
        for (var p = 0; p < points.Length; p++)
        {
            points[p] = Scenario.Reload(plan.OverridesOf(p)).Definition;
        }

        var runner = new PlanRunner(plan, points, o => Scenario.Reload(o).Definition) { Check = Check };
        var records = new RunRecord[plan.RunCount];
        var all = new long[records.Length];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        var kept = runner.Run(all, Threads, r => records[r.Run] = KeepSeries ? r : r with { Series = [] }, 0, progress, cancellation);
        // A cancel that came after the last run finished drops nothing: the experiment is whole, so it is returned.
        if (kept < records.Length)
        {
            cancellation.ThrowIfCancellationRequested();
        }

        return new ExperimentResults(plan, points[0], runner.SeriesNames, records);
    }

    /// <summary>
    /// Compares <paramref name="variant"/> with <paramref name="baseline"/> on every outcome both have, as <c>sim compare</c>
    /// does: paired tests when they share seed and runs (common random numbers), Holm-corrected p-values.
    /// </summary>
    public static IReadOnlyList<OutcomeComparison> Compare(ExperimentResults baseline, ExperimentResults variant) =>
        EnsembleComparison.Compare(baseline, variant);
}
