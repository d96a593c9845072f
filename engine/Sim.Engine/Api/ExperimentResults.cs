using Sim.Engine.Runs.Ensembles;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;

namespace Sim;

/// <summary>One run of an experiment.</summary>
/// <param name="Run">The run's index in the plan.</param>
/// <param name="Point">Its parameter point.</param>
/// <param name="Replicate">Its replicate at that point.</param>
/// <param name="Seed">Its seed: <c>sim run --seed</c> with this value and the point's parameters replays it.</param>
/// <param name="Parameters">The varied parameters' values in this run (its point's, or those it drew from a posterior), in <see cref="ExperimentResults.Varied"/> order.</param>
/// <param name="Outcomes">Its outcomes, in <see cref="ExperimentResults.Outcomes"/> order (1/0 for true/false).</param>
public sealed record ExperimentRun(long Run, int Point, int Replicate, ulong Seed, IReadOnlyList<double> Parameters, IReadOnlyList<double> Outcomes);

/// <summary>The runs of an <see cref="Experiment"/>, in run order, with statistics per point.</summary>
public sealed class ExperimentResults : IOutcomeTable
{
    private readonly RunRecord[] _records;
    private readonly long[] _runIndices;

    internal ExperimentResults(EnsemblePlan plan, ScenarioDefinition scenario, IReadOnlyList<string> series, RunRecord[] records)
    {
        Plan = plan;
        _records = records;
        _runIndices = [.. records.Select(r => r.Run)];
        Series = series;
        Outcomes = [.. scenario.Outcomes.Select(o => o.Id)];
        OutcomeIsBool = [.. scenario.Outcomes.Select(o => o.Expr.Type == ExpressionType.Bool)];
        Runs = [.. records.Select(r => new ExperimentRun(r.Run, plan.PointOf(r.Run), (int)(r.Run % plan.RunsPerPoint), plan.SeedOf(r.Run),
            plan.ParametersOf(r.Run), r.Outcomes))];
    }

    /// <summary>The plan the runs followed.</summary>
    public EnsemblePlan Plan { get; }

    /// <summary>Every run, in run order.</summary>
    public IReadOnlyList<ExperimentRun> Runs { get; }

    /// <summary>The varied parameters.</summary>
    public IReadOnlyList<string> Varied => Plan.Varied;

    /// <summary>Each point's values of <see cref="Varied"/>.</summary>
    public IReadOnlyList<double[]> Points => Plan.Points;

    /// <summary>Outcome ids.</summary>
    public IReadOnlyList<string> Outcomes { get; }

    /// <summary>Whether each outcome is true/false (else a number).</summary>
    public IReadOnlyList<bool> OutcomeIsBool { get; }

    /// <summary>The names of the series each run recorded.</summary>
    public IReadOnlyList<string> Series { get; }

    string IOutcomeTable.Label => "the experiment";

    ulong IOutcomeTable.Seed => Plan.Seed;

    int IOutcomeTable.PointCount => Plan.Points.Count;

    IReadOnlyList<long> IOutcomeTable.Runs => _runIndices;

    /// <summary>The values of outcome <paramref name="outcome"/> over the runs of one point (every point when null), in run order.</summary>
    /// <exception cref="ArgumentException">No such outcome.</exception>
    public double[] Values(string outcome, int? point = null) => OutcomeValues(IndexOf(Outcomes, outcome, "outcome"), point ?? -1);

    /// <inheritdoc/>
    public double[] OutcomeValues(int outcome, int point = -1)
    {
        var values = new List<double>();
        foreach (var r in _records)
        {
            if (point < 0 || Plan.PointOf(r.Run) == point)
            {
                values.Add(r.Outcomes[outcome]);
            }
        }

        return [.. values];
    }

    /// <summary>Statistics of every outcome at <paramref name="point"/>: estimate with its 95% interval, spread and quantiles.</summary>
    public IReadOnlyList<OutcomeSummary> Summarize(int point = 0) => OutcomeTableExtensions.Summarize(this, point);

    /// <summary>Run <paramref name="run"/>'s series <paramref name="name"/>, one value per tick (needs <see cref="Experiment.KeepSeries"/>).</summary>
    /// <exception cref="InvalidOperationException">Series were not kept.</exception>
    public ReadOnlySpan<float> RunSeries(long run, string name)
    {
        var record = _records[run];
        if (record.Series.Length == 0 && Series.Count > 0 && Plan.Ticks > 0)
        {
            throw new InvalidOperationException("the experiment kept no series (set KeepSeries before Run)");
        }

        return record.Series.AsSpan(IndexOf(Series, name, "series") * Plan.Ticks, Plan.Ticks);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name, string what)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"no {what} '{name}' (known: {string.Join(", ", names)})", nameof(name));
    }
}
