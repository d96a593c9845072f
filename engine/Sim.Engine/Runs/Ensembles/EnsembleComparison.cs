using System.Globalization;

namespace Sim.Engine.Runs.Ensembles;

/// <summary>One outcome compared between a baseline ensemble A and a variant B.</summary>
/// <param name="Outcome">Outcome id.</param>
/// <param name="IsBool">Probability (else a number).</param>
/// <param name="A">The baseline's estimate.</param>
/// <param name="B">The variant's estimate.</param>
/// <param name="Test">The difference B - A, its interval and the test of no difference.</param>
/// <param name="AdjustedP">The p-value after Holm's correction over all outcomes of this pair.</param>
public sealed record OutcomeComparison(string Outcome, bool IsBool, OutcomeSummary A, OutcomeSummary B, Comparison Test, double AdjustedP)
{
    /// <summary>Whether the test is significant at 5% after Holm's correction.</summary>
    public bool Significant => AdjustedP < 0.05;

    /// <summary>Whether the 95% interval of the difference excludes zero.</summary>
    public bool IntervalExcludesZero => Test.Difference.Low > 0 || Test.Difference.High < 0;

    /// <summary>
    /// Whether the outcome changed: the test is significant after Holm's correction and the interval of the
    /// difference excludes zero. The rank tests and the interval of the mean can disagree (a skewed or
    /// heavy-tailed difference shifts ranks without moving the mean clearly), and a verdict the printed interval
    /// contradicts misleads; such outcomes are reported as not changed, with <see cref="Verdict"/> saying why.
    /// </summary>
    public bool Changed => Significant && IntervalExcludesZero;

    /// <summary>The verdict in words: "yes", "no", or why the test and the interval disagree.</summary>
    public string Verdict => (Significant, IntervalExcludesZero) switch
    {
        (true, true) => "yes",
        (false, false) => "no",
        (true, false) => $"unclear: {Test.Test} significant, interval spans 0",
        (false, true) => $"unclear: interval excludes 0, {Test.Test} not significant after Holm",
    };
}

/// <summary>
/// Compares the outcomes two ensembles share. When A and B have the same master seed and the same runs, run i of
/// each drew the same random numbers (common random numbers), so the runs are compared in pairs: probabilities
/// with Newcombe's paired interval and the exact McNemar test, numbers with a paired t interval and the Wilcoxon
/// signed-rank test. Otherwise the runs are independent samples: probabilities with Newcombe's interval and the
/// pooled two-proportion z test, numbers with a Welch interval and the Mann-Whitney U test. P-values are corrected
/// for testing many outcomes at once with Holm's step-down method, so "changed" holds the family-wise error rate
/// at 5%.
/// </summary>
public static class EnsembleComparison
{
    /// <summary>Compares variant <paramref name="b"/> with baseline <paramref name="a"/> on every outcome both have.</summary>
    public static IReadOnlyList<OutcomeComparison> Compare(IOutcomeTable a, IOutcomeTable b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        foreach (var r in (IOutcomeTable[])[a, b])
        {
            if (r.PointCount != 1)
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"error: {r.Label} is a sweep of {r.PointCount} parameter points; compare ensembles of one point each (fix: run each variant as its own ensemble with its parameter values set)."));
            }
        }

        var sa = a.Summarize();
        var sb = b.Summarize();
        var paired = Paired(a, b);
        var rows = new List<(string Id, bool IsBool, OutcomeSummary A, OutcomeSummary B, Comparison Test)>();
        for (var oa = 0; oa < a.Outcomes.Count; oa++)
        {
            var id = a.Outcomes[oa];
            var ob = IndexOf(b.Outcomes, id);
            if (ob < 0 || a.OutcomeIsBool[oa] != b.OutcomeIsBool[ob])
            {
                continue;
            }

            var va = a.OutcomeValues(oa);
            var vb = b.OutcomeValues(ob);
            var isBool = a.OutcomeIsBool[oa];
            var test = (isBool, paired) switch
            {
                (true, true) => Statistics.PairedProportions(va.Select(v => v != 0).ToArray(), vb.Select(v => v != 0).ToArray()),
                (true, false) => Statistics.Proportions(va.LongCount(v => v != 0), va.Length, vb.LongCount(v => v != 0), vb.Length),
                (false, true) => Statistics.PairedNumbers(va, vb),
                (false, false) => Statistics.Numbers(va, vb),
            };
            rows.Add((id, isBool, sa[oa], sb[ob], test));
        }

        if (rows.Count == 0)
        {
            throw new InputException($"error: {a.Label} and {b.Label} share no outcome of the same kind; there is nothing to compare.");
        }

        var adjusted = Holm(rows.Select(r => r.Test.PValue).ToArray());
        return rows.Select((r, i) => new OutcomeComparison(r.Id, r.IsBool, r.A, r.B, r.Test, adjusted[i])).ToList();
    }

    /// <summary>
    /// Whether the runs of <paramref name="a"/> and <paramref name="b"/> are pairs: the same master seed and the same
    /// run indices, so run i of each used the seed <c>RunSeed(S, i)</c>.
    /// </summary>
    public static bool Paired(IOutcomeTable a, IOutcomeTable b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Seed == b.Seed && a.Runs.SequenceEqual(b.Runs);
    }

    /// <summary>Holm's step-down adjusted p-values (Holm 1979), in the input order.</summary>
    public static double[] Holm(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[p.Count];
        var running = 0.0;
        for (var k = 0; k < order.Length; k++)
        {
            running = Math.Max(running, Math.Min(1, (p.Count - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }

        return adjusted;
    }

    private static int IndexOf(IReadOnlyList<string> list, string id)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
