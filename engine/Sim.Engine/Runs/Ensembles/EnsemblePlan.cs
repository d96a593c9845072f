using System.Globalization;
using Sim.Ecs;
using Sim.Engine.Runs.Calibration;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Runs.Ensembles;

/// <summary>
/// What an ensemble is: a scenario, a master seed, a list of parameter points and a number of
/// replicates per point. Run <c>i</c> belongs to point <c>i / RunsPerPoint</c> and its seed is derived
/// from (master seed, i) alone, so any thread count, completion order or split into shards gives
/// the same runs.
/// </summary>
public sealed class EnsemblePlan
{
    private static readonly ulong SeedPurpose = RngKey.Purpose("ensemble.run-seed");
    private static readonly ulong SamplePurpose = RngKey.Purpose("ensemble.lhs");

    private EnsemblePlan(string scenarioFile, string scenarioHash, string scenarioName, ulong seed, int runsPerPoint, int ticks,
        IReadOnlyList<string> overrides, IReadOnlyList<string> varied, IReadOnlyList<double[]> points, string design)
    {
        ScenarioFile = scenarioFile;
        ScenarioHash = scenarioHash;
        ScenarioName = scenarioName;
        Seed = seed;
        RunsPerPoint = runsPerPoint;
        Ticks = ticks;
        Overrides = overrides;
        Varied = varied;
        Points = points;
        Design = design;
    }

    /// <summary>The scenario file's name (no folder: the same ensemble may be run from different places).</summary>
    public string ScenarioFile { get; }

    /// <summary>Hash of the scenario's canonical content, overrides excluded.</summary>
    public string ScenarioHash { get; }

    /// <summary>The scenario's name.</summary>
    public string ScenarioName { get; }

    /// <summary>The master seed.</summary>
    public ulong Seed { get; }

    /// <summary>Replicates per parameter point.</summary>
    public int RunsPerPoint { get; }

    /// <summary>Ticks per run.</summary>
    public int Ticks { get; }

    /// <summary>The <c>--set</c> overrides every run shares.</summary>
    public IReadOnlyList<string> Overrides { get; }

    /// <summary>Names of the parameters the points vary (empty: one point).</summary>
    public IReadOnlyList<string> Varied { get; }

    /// <summary>Each point's values of <see cref="Varied"/>.</summary>
    public IReadOnlyList<double[]> Points { get; }

    /// <summary>How the points were made: <c>single</c>, <c>grid</c>, <c>lhs:K</c> or <c>posterior:K</c>.</summary>
    public string Design { get; }

    /// <summary>The sample each run draws its values of <see cref="Varied"/> from (a posterior design), else null.</summary>
    public PosteriorSample? Posterior { get; private init; }

    /// <summary>Total runs: points times replicates.</summary>
    public long RunCount => (long)Points.Count * RunsPerPoint;

    /// <summary>The parameter point of run <paramref name="run"/>.</summary>
    public int PointOf(long run) => (int)(run / RunsPerPoint);

    /// <summary>The seed of run <paramref name="run"/>: a function of the master seed and the run index alone.</summary>
    public ulong SeedOf(long run) => RunSeed(Seed, run);

    /// <summary>The seed of run <paramref name="run"/> of an ensemble with master seed <paramref name="masterSeed"/>.</summary>
    public static ulong RunSeed(ulong masterSeed, long run) => new Rng(RngKey.Derive(masterSeed, SeedPurpose, (ulong)run)).NextUInt64();

    /// <summary>The <c>--set</c> overrides of a point: the shared ones, then the point's values.</summary>
    public IReadOnlyList<string> OverridesOf(int point) => WithValues(Points[point]);

    /// <summary>
    /// Run <paramref name="run"/>'s values of <see cref="Varied"/>: its point's, or with a posterior design the particle
    /// drawn from the run's seed (so the run replays from its seed and these values).
    /// </summary>
    public double[] ParametersOf(long run) => Posterior is { } sample ? sample.Particle(sample.Draw(SeedOf(run))).ToArray() : Points[PointOf(run)];

    /// <summary>The <c>--set</c> overrides of run <paramref name="run"/>: the shared ones, then its values of <see cref="Varied"/>.</summary>
    public IReadOnlyList<string> OverridesOfRun(long run) => WithValues(ParametersOf(run));

    private List<string> WithValues(double[] values)
    {
        var list = new List<string>(Overrides);
        for (var v = 0; v < Varied.Count; v++)
        {
            list.Add(string.Create(CultureInfo.InvariantCulture, $"{Varied[v]}={values[v]:R}"));
        }

        return list;
    }

    /// <summary>Builds a plan of <paramref name="runsPerPoint"/> replicates at each point of <paramref name="design"/>.</summary>
    /// <exception cref="InputException">A count out of bounds, an unknown parameter or a value outside its declared range.</exception>
    public static EnsemblePlan Create(ScenarioDefinition scenario, string scenarioFile, ulong seed, int runsPerPoint, int ticks,
        IReadOnlyList<string> overrides, ParameterDesign design)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(design);
        if (runsPerPoint < 1)
        {
            throw new InputException($"error: the runs per parameter point must be at least 1, got {runsPerPoint}.");
        }

        if (ticks < 0)
        {
            throw new InputException($"error: the ticks per run must be 0 or more, got {ticks}.");
        }

        var file = Path.GetFileName(scenarioFile);
        switch (design)
        {
            case ParameterDesign.LatinHypercube lhs:
                {
                    var (names, points) = LatinHypercube(scenario, seed, lhs);
                    return new EnsemblePlan(file, scenario.Hash, scenario.Name, seed, runsPerPoint, ticks, overrides, names, points, $"lhs:{points.Count}");
                }

            case ParameterDesign.Posterior posterior:
                {
                    var (names, mean) = CheckPosterior(scenario, posterior.Sample);
                    return new EnsemblePlan(file, scenario.Hash, scenario.Name, seed, runsPerPoint, ticks, overrides, names, [mean], $"posterior:{posterior.Sample.Count}")
                    {
                        Posterior = posterior.Sample,
                    };
                }

            case ParameterDesign.Listed listed:
                {
                    var names = new List<string>();
                    foreach (var name in listed.Vary)
                    {
                        if (names.Contains(name))
                        {
                            throw new InputException($"error: '{name}' is given twice among the parameters to vary.");
                        }

                        names.Add(name);
                    }

                    if (listed.Values.Count is < 1 or > 10_000_000)
                    {
                        throw new InputException($"error: a design needs from 1 to 10000000 points, got {listed.Values.Count}.");
                    }

                    for (var v = 0; v < names.Count; v++)
                    {
                        CheckRange(FindParameter(scenario, names[v]), [.. listed.Values.Select(p => p[v])]);
                    }

                    return new EnsemblePlan(file, scenario.Hash, scenario.Name, seed, runsPerPoint, ticks, overrides, names, listed.Values, listed.Label);
                }

            case ParameterDesign.Grid grid when grid.Axes.Count > 0:
                {
                    var (names, points) = Grid(scenario, grid);
                    return new EnsemblePlan(file, scenario.Hash, scenario.Name, seed, runsPerPoint, ticks, overrides, names, points, "grid");
                }

            default:
                return new EnsemblePlan(file, scenario.Hash, scenario.Name, seed, runsPerPoint, ticks, overrides, [], [[]], "single");
        }
    }

    private static (List<string>, List<double[]>) Grid(ScenarioDefinition scenario, ParameterDesign.Grid grid)
    {
        var names = new List<string>();
        var axes = new List<double[]>();
        foreach (var (name, values) in grid.Axes)
        {
            var parameter = FindParameter(scenario, name);
            if (names.Contains(name))
            {
                throw new InputException($"error: '{name}' is swept twice (fix: give each parameter one axis).");
            }

            if (values.Length == 0)
            {
                throw new InputException($"error: the sweep of '{name}' has no values.");
            }

            CheckRange(parameter, values);
            names.Add(name);
            axes.Add([.. values]);
        }

        long total = 1;
        foreach (var axis in axes)
        {
            total *= axis.Length;
            if (total > 1_000_000)
            {
                throw new InputException("error: the sweep grid has more than 1,000,000 points (fix: fewer values per axis, or a Latin hypercube).");
            }
        }

        // Row-major: the last axis varies fastest, like nested loops written in the order given.
        var points = new List<double[]>((int)total);
        var index = new int[axes.Count];
        for (var p = 0; p < total; p++)
        {
            var point = new double[axes.Count];
            for (var a = 0; a < axes.Count; a++)
            {
                point[a] = axes[a][index[a]];
            }

            points.Add(point);
            for (var a = axes.Count - 1; a >= 0 && ++index[a] == axes[a].Length; a--)
            {
                index[a] = 0;
            }
        }

        return (names, points);
    }

    /// <summary>
    /// Checks that the sample's parameters are the scenario's and its particles inside their declared ranges; the point's
    /// values are the sample's weighted means, which only describe it (each run takes its own particle).
    /// </summary>
    private static (List<string>, double[]) CheckPosterior(ScenarioDefinition scenario, PosteriorSample sample)
    {
        var names = new List<string>();
        for (var j = 0; j < sample.Names.Count; j++)
        {
            var parameter = FindParameter(scenario, sample.Names[j]);
            for (var i = 0; i < sample.Count; i++)
            {
                var v = sample.Particle(i)[j];
                if (v < parameter.Min || v > parameter.Max)
                {
                    throw new InputException(string.Create(CultureInfo.InvariantCulture,
                        $"error: particle {i} of the posterior has {parameter.Id} = {v}, outside its declared range [{parameter.Min}, {parameter.Max}] (fix: a posterior calibrated on this scenario)."));
                }
            }

            names.Add(parameter.Id);
        }

        return (names, sample.Mean());
    }

    private static void CheckRange(ParameterDefinition parameter, double[] values)
    {
        var (low, high) = (values.Min(), values.Max());
        if (!values.All(double.IsFinite) || low < parameter.Min || high > parameter.Max)
        {
            var what = low == high ? $"{low}" : $"{low} to {high}";
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"error: {what} is outside {parameter.Id}'s range [{parameter.Min}, {parameter.Max}] (fix: sweep inside the declared range)."));
        }
    }

    private static (List<string>, List<double[]>) LatinHypercube(ScenarioDefinition scenario, ulong seed, ParameterDesign.LatinHypercube design)
    {
        var (k, vary) = (design.Points, design.Vary);
        if (k is < 1 or > 1_000_000)
        {
            throw new InputException($"error: a Latin hypercube needs from 1 to 1000000 points, got {k}.");
        }

        var parameters = new List<ParameterDefinition>();
        if (vary.Count > 0)
        {
            foreach (var name in vary)
            {
                var p = FindParameter(scenario, name);
                if (parameters.Contains(p))
                {
                    throw new InputException($"error: '{name}' is given twice among the parameters to vary.");
                }

                parameters.Add(p);
            }
        }
        else
        {
            // The scenario's own parameters: every one that is not an engine model parameter.
            var engine = ModelParameters.All.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var p in scenario.Parameters)
            {
                if (!engine.Contains(p.Id))
                {
                    parameters.Add(p);
                }
            }

            if (parameters.Count == 0)
            {
                throw new InputException("error: the scenario declares no parameters of its own to sample (fix: name the parameters to vary).");
            }
        }

        // One stratum per point in each dimension; strata are permuted independently per dimension and the
        // value is drawn uniformly inside its stratum. The stream is keyed by the master seed, so the design is too.
        var points = new List<double[]>(k);
        for (var i = 0; i < k; i++)
        {
            points.Add(new double[parameters.Count]);
        }

        var strata = new int[k];
        for (var d = 0; d < parameters.Count; d++)
        {
            var rng = new Rng(RngKey.Derive(seed, SamplePurpose, (ulong)d));
            for (var i = 0; i < k; i++)
            {
                strata[i] = i;
            }

            rng.Shuffle(strata.AsSpan());
            var p = parameters[d];
            for (var i = 0; i < k; i++)
            {
                var u = (strata[i] + rng.NextDouble()) / k;
                points[i][d] = p.Min + (u * (p.Max - p.Min));
            }
        }

        return (parameters.ConvertAll(p => p.Id), points);
    }

    private static ParameterDefinition FindParameter(ScenarioDefinition scenario, string name)
    {
        var index = scenario.ParameterIndex(name);
        if (index >= 0)
        {
            return scenario.Parameters[index];
        }

        var known = string.Join(", ", scenario.Parameters.Select(p => p.Id));
        throw new InputException($"error: the scenario has no parameter '{name}' (known: {known}).");
    }

    /// <summary>A short text for logs: "N runs (P points x R replicates)".</summary>
    public override string ToString() => Posterior is { } sample
        ? string.Create(CultureInfo.InvariantCulture, $"{RunCount} runs, each with its parameters drawn from a posterior of {sample.Count} particles")
        : Points.Count == 1
        ? string.Create(CultureInfo.InvariantCulture, $"{RunCount} runs")
        : string.Create(CultureInfo.InvariantCulture, $"{RunCount} runs ({Points.Count} points x {RunsPerPoint} replicates, {Design})");
}
