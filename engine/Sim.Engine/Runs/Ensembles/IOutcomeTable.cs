namespace Sim.Engine.Runs.Ensembles;

/// <summary>One outcome's statistics at one parameter point.</summary>
/// <param name="Outcome">Outcome id.</param>
/// <param name="IsBool">Whether it is a probability (else a number).</param>
/// <param name="Runs">Runs counted.</param>
/// <param name="Estimate">Probability with its Wilson interval, or mean with its t interval.</param>
/// <param name="StandardDeviation">Standard deviation across runs (numbers; for bools, of the 0/1 values).</param>
/// <param name="Median">Median across runs.</param>
/// <param name="P05">5% quantile.</param>
/// <param name="P95">95% quantile.</param>
public sealed record OutcomeSummary(string Outcome, bool IsBool, long Runs, Interval Estimate, double StandardDeviation, double Median, double P05, double P95);

/// <summary>
/// The outcomes of a set of runs of one plan, one row per run in run-index order: what statistics and comparisons
/// read, whether the runs sit in an ensemble folder (<c>EnsembleResults</c>, in the output layer) or in memory (<see cref="ExperimentResults"/>).
/// </summary>
public interface IOutcomeTable
{
    /// <summary>Names the runs in messages: the ensemble's folder, or "the experiment".</summary>
    string Label { get; }

    /// <summary>The master seed the runs' seeds derive from.</summary>
    ulong Seed { get; }

    /// <summary>Parameter points of the plan.</summary>
    int PointCount { get; }

    /// <summary>Run indices held, ascending.</summary>
    IReadOnlyList<long> Runs { get; }

    /// <summary>Outcome ids, in the scenario's order.</summary>
    IReadOnlyList<string> Outcomes { get; }

    /// <summary>Whether each outcome is true/false (else a number).</summary>
    IReadOnlyList<bool> OutcomeIsBool { get; }

    /// <summary>The values of one outcome over the runs of one point (all points when <paramref name="point"/> is -1), in run order.</summary>
    double[] OutcomeValues(int outcome, int point = -1);
}

/// <summary>Statistics of an <see cref="IOutcomeTable"/>.</summary>
public static class OutcomeTableExtensions
{
    /// <summary>Statistics of every outcome at <paramref name="point"/>: a Wilson interval for a probability, a t interval for a mean.</summary>
    public static IReadOnlyList<OutcomeSummary> Summarize(this IOutcomeTable table, int point = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        var list = new List<OutcomeSummary>();
        for (var o = 0; o < table.Outcomes.Count; o++)
        {
            var values = table.OutcomeValues(o, point);
            var isBool = table.OutcomeIsBool[o];
            var mean = Statistics.Mean(values);
            var estimate = isBool ? Statistics.Wilson(values.LongCount(v => v != 0), values.Length) : mean;
            var sorted = (double[])values.Clone();
            Array.Sort(sorted);
            list.Add(new OutcomeSummary(table.Outcomes[o], isBool, values.Length, estimate,
                Statistics.StandardDeviation(values, mean.Value), Statistics.Quantile(sorted, 0.5),
                Statistics.Quantile(sorted, 0.05), Statistics.Quantile(sorted, 0.95)));
        }

        return list;
    }
}
