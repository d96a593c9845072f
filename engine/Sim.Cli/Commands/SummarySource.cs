namespace Sim.Cli.Commands;

/// <summary>Observed summary statistics: names, values, the last day the window covers, and how the data mapped onto the scenario.</summary>
/// <param name="Names">The statistics' names.</param>
/// <param name="Values">Their observed values (NaN where the data do not give one).</param>
/// <param name="End">The last day of the window: runs last at least until then.</param>
/// <param name="Report">A few lines on how the observed rows mapped onto the scenario (what was counted, what was not).</param>
internal sealed record ObservedSummaries(IReadOnlyList<string> Names, double[] Values, DateOnly End, string Report);

/// <summary>
/// Where <c>sim calibrate</c> gets its summary statistics: the observed ones from a data file, and the same statistics
/// of a finished run. The two must come from one code path so that data and runs are measured alike; the engine's
/// evidence room (observations and summary statistics) provides it.
/// </summary>
internal interface ISummarySource
{
    /// <summary>Reads <paramref name="file"/>, maps its events onto <paramref name="scenario"/> and computes their statistics over <paramref name="window"/> (the <c>--window</c> text).</summary>
    /// <exception cref="Engine.InputException">The file, its rows or the window are bad; the message says where.</exception>
    ObservedSummaries Observe(string file, Scenario scenario, string window);

    /// <summary>The function giving a finished run's statistics: the same names, in the same order, as <see cref="Observe"/>.</summary>
    Func<ScenarioRun, double[]> Simulated(Scenario scenario, string window);
}

/// <summary>The summary statistics <c>sim calibrate</c> uses in this build.</summary>
internal static class SummarySources
{
    /// <summary>
    /// None yet: the engine's evidence room (<c>Observations.Load</c>, <c>SummaryStatistics.Observed</c> and
    /// <c>Simulated</c>) is built on its own branch. Once it is in, this is an adapter of a few lines over it.
    /// </summary>
    public static ISummarySource? Default => null;
}
