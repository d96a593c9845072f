namespace Sim.Engine.Runs.Calibration;

/// <summary>One summary statistic in a posterior predictive check: the observed value against the simulated spread.</summary>
/// <param name="Name">The statistic.</param>
/// <param name="Observed">Its observed value (NaN where the data do not give it).</param>
/// <param name="P05">5% quantile across posterior predictive runs.</param>
/// <param name="P25">25% quantile.</param>
/// <param name="P50">Median.</param>
/// <param name="P75">75% quantile.</param>
/// <param name="P95">95% quantile.</param>
public sealed record PredictiveRow(string Name, double Observed, double P05, double P25, double P50, double P75, double P95)
{
    /// <summary>Whether the observed value lies inside the central 50% band.</summary>
    public bool In50 => Observed >= P25 && Observed <= P75;

    /// <summary>Whether it lies inside the central 90% band.</summary>
    public bool In90 => Observed >= P05 && Observed <= P95;
}

/// <summary>
/// Posterior predictive checks (Gelman, Meng and Stern 1996): runs whose parameters are drawn from the posterior give
/// a predictive distribution of every summary statistic; a calibrated model puts the observed values inside its
/// 50% and 90% bands about that often.
/// </summary>
public static class PredictiveCheck
{
    /// <summary>
    /// The check of <paramref name="observed"/> against <paramref name="simulated"/> (run-major, one row of
    /// <paramref name="names"/>.Count statistics per run); quantiles are type 7 of Hyndman and Fan over the finite values.
    /// </summary>
    public static IReadOnlyList<PredictiveRow> Compute(IReadOnlyList<string> names, double[] observed, double[] simulated)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(simulated);
        var m = names.Count;
        var runs = m == 0 ? 0 : simulated.Length / m;
        var rows = new PredictiveRow[m];
        var column = new List<double>(runs);
        for (var k = 0; k < m; k++)
        {
            column.Clear();
            for (var r = 0; r < runs; r++)
            {
                var v = simulated[(r * m) + k];
                if (double.IsFinite(v))
                {
                    column.Add(v);
                }
            }

            column.Sort();
            var sorted = column.ToArray();
            rows[k] = sorted.Length == 0
                ? new PredictiveRow(names[k], observed[k], double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
                : new PredictiveRow(names[k], observed[k], Ensembles.Statistics.Quantile<double>(sorted, 0.05), Ensembles.Statistics.Quantile<double>(sorted, 0.25),
                    Ensembles.Statistics.Quantile<double>(sorted, 0.5), Ensembles.Statistics.Quantile<double>(sorted, 0.75), Ensembles.Statistics.Quantile<double>(sorted, 0.95));
        }

        return rows;
    }

    /// <summary>The share of statistics with an observed value that fall inside the 50% and the 90% bands.</summary>
    public static (double In50, double In90, int Counted) Coverage(IReadOnlyList<PredictiveRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int counted = 0, in50 = 0, in90 = 0;
        foreach (var row in rows)
        {
            if (double.IsFinite(row.Observed) && double.IsFinite(row.P50))
            {
                counted++;
                in50 += row.In50 ? 1 : 0;
                in90 += row.In90 ? 1 : 0;
            }
        }

        return counted == 0 ? (double.NaN, double.NaN, 0) : ((double)in50 / counted, (double)in90 / counted, counted);
    }
}
