using System.Globalization;

namespace Sim.Engine.Evidence;

/// <summary>One outcome of the ensemble with its observed value: a bool outcome (0/1) or a number.</summary>
/// <param name="Outcome">The outcome's id.</param>
/// <param name="IsBool">Whether it is a yes/no outcome.</param>
/// <param name="Runs">Its value in every run.</param>
/// <param name="Observed">What happened.</param>
/// <param name="BaseRate">For a bool outcome, the reference probability (a base rate from before the scored window); null: 0.5.</param>
public sealed record OutcomeObservation(string Outcome, bool IsBool, double[] Runs, double Observed, double? BaseRate = null);

/// <summary>Scores of one outcome.</summary>
public sealed record OutcomeScore
{
    /// <summary>The outcome's id.</summary>
    public required string Outcome { get; init; }
    /// <summary>Whether it is a yes/no outcome.</summary>
    public required bool IsBool { get; init; }
    /// <summary>What happened (1/0 for a bool outcome).</summary>
    public required double Observed { get; init; }
    /// <summary>The ensemble's probability (bool) or mean (number).</summary>
    public required double Forecast { get; init; }
    /// <summary>Brier score (bool outcomes; NaN otherwise).</summary>
    public double Brier { get; init; } = double.NaN;
    /// <summary>Log score of the ensemble probability smoothed as in <see cref="Scores.EnsembleProbability"/> (bool outcomes).</summary>
    public double Log { get; init; } = double.NaN;
    /// <summary>The reference probability (bool outcomes).</summary>
    public double Reference { get; init; } = double.NaN;
    /// <summary>The reference's Brier score.</summary>
    public double ReferenceBrier { get; init; } = double.NaN;
    /// <summary>The reference's log score.</summary>
    public double ReferenceLog { get; init; } = double.NaN;
    /// <summary>CRPS of the ensemble (numeric outcomes; for a bool outcome it equals the Brier score of the raw share).</summary>
    public required double Crps { get; init; }
    /// <summary>Whether the observed value lies in the ensemble's central 50% interval.</summary>
    public required bool In50 { get; init; }
    /// <summary>Whether it lies in the central 90% interval.</summary>
    public required bool In90 { get; init; }
}

/// <summary>Scores of one monthly series in one month of the scored window.</summary>
public sealed record SeriesScore
{
    /// <summary>The series (<c>fatalities.region.kidal</c>).</summary>
    public required string Series { get; init; }
    /// <summary>The month, <c>yyyy-MM</c>.</summary>
    public required string Month { get; init; }
    /// <summary>The observed value.</summary>
    public required double Observed { get; init; }
    /// <summary>The runs' mean.</summary>
    public required double Mean { get; init; }
    /// <summary>The runs' 5%, 25%, 50%, 75% and 95% quantiles.</summary>
    public required double[] Quantiles { get; init; }
    /// <summary>CRPS of the ensemble.</summary>
    public required double Crps { get; init; }
    /// <summary>CRPS of climatology (the training months' values as an ensemble).</summary>
    public required double CrpsClimatology { get; init; }
    /// <summary>CRPS (absolute error) of persistence (the last training month's value).</summary>
    public required double CrpsPersistence { get; init; }
    /// <summary>Whether the observed value is in the ensemble's central 50% interval.</summary>
    public required bool In50 { get; init; }
    /// <summary>Whether it is in the ensemble's central 90% interval.</summary>
    public required bool In90 { get; init; }
    /// <summary>Whether it is in climatology's central 50% interval.</summary>
    public required bool ClimatologyIn50 { get; init; }
    /// <summary>Whether it is in climatology's central 90% interval.</summary>
    public required bool ClimatologyIn90 { get; init; }
    /// <summary>The share of runs with a value above 0 (for <c>events.*</c> series: the probability of any event).</summary>
    public required double ProbabilityAny { get; init; }
}

/// <summary>Scores of a group of series (<c>fatalities.region</c>: every region's monthly deaths) over the window, with skill against the baselines.</summary>
public sealed record GroupScore
{
    /// <summary>
    /// The group: <c>events.total</c>, <c>fatalities.region</c>, ...; <c>any_event</c> (Brier scores of P(at least one
    /// event) over every events series); <c>outcomes</c> (Brier scores of the yes/no outcomes, the reference
    /// probabilities in <see cref="Climatology"/>, each outcome a resampling unit).
    /// </summary>
    public required string Group { get; init; }
    /// <summary>Month x series items scored.</summary>
    public required int Items { get; init; }
    /// <summary>The model's mean score (CRPS, or Brier for <c>any_event</c>).</summary>
    public required double Score { get; init; }
    /// <summary>Climatology's mean score.</summary>
    public required double Climatology { get; init; }
    /// <summary>Persistence's mean score.</summary>
    public required double Persistence { get; init; }
    /// <summary>Skill against climatology, 1 - S/S_clim, with its 95% bootstrap interval (months resampled).</summary>
    public required (double Value, double Low, double High) SkillClimatology { get; init; }
    /// <summary>Skill against persistence, with its 95% bootstrap interval.</summary>
    public required (double Value, double Low, double High) SkillPersistence { get; init; }
    /// <summary>Share of items inside the ensemble's 50% interval (nominal 0.5); NaN for <c>any_event</c>.</summary>
    public required double Coverage50 { get; init; }
    /// <summary>Share inside the 90% interval (nominal 0.9).</summary>
    public required double Coverage90 { get; init; }
    /// <summary>Climatology's 50% coverage.</summary>
    public required double ClimatologyCoverage50 { get; init; }
    /// <summary>Climatology's 90% coverage.</summary>
    public required double ClimatologyCoverage90 { get; init; }
}

/// <summary>One bin of a reliability diagram: forecasts of a probability band and how often the event happened.</summary>
/// <param name="Low">Lower edge of the band.</param>
/// <param name="High">Upper edge.</param>
/// <param name="Count">Forecasts in the band.</param>
/// <param name="MeanForecast">Their mean probability (NaN when none).</param>
/// <param name="ObservedFrequency">The share that happened (NaN when none).</param>
public sealed record ReliabilityBin(double Low, double High, int Count, double MeanForecast, double ObservedFrequency);

/// <summary>Everything <c>sim score</c> reports.</summary>
public sealed record ScoreCard
{
    /// <summary>The scored window.</summary>
    public required SummaryWindow Window { get; init; }
    /// <summary>The training window the baselines come from (before <see cref="Window"/>).</summary>
    public required SummaryWindow Training { get; init; }
    /// <summary>Runs in the ensemble.</summary>
    public required int Runs { get; init; }
    /// <summary>Outcome scores.</summary>
    public required IReadOnlyList<OutcomeScore> Outcomes { get; init; }
    /// <summary>Per series and month.</summary>
    public required IReadOnlyList<SeriesScore> Series { get; init; }
    /// <summary>Per group, with skill.</summary>
    public required IReadOnlyList<GroupScore> Groups { get; init; }
    /// <summary>Reliability of the probabilities of any event per series and month, and of bool outcomes, in ten bands.</summary>
    public required IReadOnlyList<ReliabilityBin> Reliability { get; init; }
}

/// <summary>Builds a <see cref="ScoreCard"/>: an ensemble's summary statistics and outcomes against observations and baselines.</summary>
public static class Scoring
{
    /// <summary>Central interval levels scored for coverage.</summary>
    public static readonly double[] Levels = [0.5, 0.9];

    /// <summary>Quantile levels reported per series and month.</summary>
    public static readonly double[] QuantileLevels = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>
    /// Scores the runs' monthly series over <paramref name="window"/> against <paramref name="observed"/>, with
    /// baselines from <paramref name="training"/> alone (climatology: its months' values; persistence: its last
    /// month's), and the outcomes against their observed values.
    /// </summary>
    /// <param name="observed">Observed events, mapped onto the ensemble's scenario (all dates: the training months are read from them too).</param>
    /// <param name="runs">Each run's summary statistics over <paramref name="window"/>, from <see cref="SummaryLayout.Simulated"/>.</param>
    /// <param name="window">The scored months.</param>
    /// <param name="training">The months before <paramref name="window"/> the baselines are built from.</param>
    /// <param name="outcomes">Outcomes with an observed value.</param>
    /// <param name="seed">Seed of the bootstrap.</param>
    /// <param name="resamples">Bootstrap resamples.</param>
    /// <exception cref="InputException">The training window does not end before the scored window, or the data do not cover a window.</exception>
    public static ScoreCard Score(Observations observed, IReadOnlyList<SummaryVector> runs, SummaryWindow window, SummaryWindow training,
        IReadOnlyList<OutcomeObservation> outcomes, ulong seed = 1, int resamples = 2000)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (runs.Count == 0)
        {
            throw new ArgumentException("at least one run is needed", nameof(runs));
        }

        CheckWindows(observed.Report, window, training);
        var layout = runs[0].Layout;
        if (layout.Window != window)
        {
            throw new ArgumentException($"the runs' statistics cover {layout.Window}, not the scored window {window}", nameof(runs));
        }

        var obs = new SummaryLayout(observed.Scenario.Definition, window).Observed(observed);
        var train = new SummaryLayout(observed.Scenario.Definition, training).Observed(observed);
        if (obs.Layout.SeriesCount != layout.SeriesCount)
        {
            throw new ArgumentException("the runs' statistics belong to another scenario than the observations", nameof(runs));
        }

        var months = window.Months;
        var series = new List<SeriesScore>();
        var column = new double[runs.Count];
        var climate = new double[training.Months];
        var forecasts = new List<(double P, bool Happened)>();
        var groups = new Dictionary<string, GroupTally>(StringComparer.Ordinal);
        var anyEvent = new GroupTally(months);
        for (var s = 0; s < layout.SeriesCount; s++)
        {
            var name = layout.MonthlySeries[s];
            var offset = layout.SeriesOffset(s);
            var trainOffset = train.Layout.SeriesOffset(s);
            Array.Copy(train.Values, trainOffset, climate, 0, training.Months);
            Array.Sort(climate);
            var persistence = train.Values[trainOffset + training.Months - 1];
            var climateAny = Share(climate);
            var group = GroupOf(name);
            if (!groups.TryGetValue(group, out var tally))
            {
                groups[group] = tally = new GroupTally(months);
            }

            for (var m = 0; m < months; m++)
            {
                for (var r = 0; r < runs.Count; r++)
                {
                    column[r] = runs[r].Values[offset + m];
                }

                Array.Sort(column);
                var y = obs.Values[offset + m];
                var quantiles = new double[QuantileLevels.Length];
                for (var q = 0; q < quantiles.Length; q++)
                {
                    quantiles[q] = Runs.Ensembles.Statistics.Quantile<double>(column, QuantileLevels[q]);
                }

                var score = new SeriesScore
                {
                    Series = name,
                    Month = window.MonthName(m),
                    Observed = y,
                    Mean = Mean(column),
                    Quantiles = quantiles,
                    Crps = Scores.CrpsSorted(column, y),
                    CrpsClimatology = Scores.CrpsSorted(climate, y),
                    CrpsPersistence = Math.Abs(persistence - y),
                    In50 = Scores.Covered(column, y, 0.5),
                    In90 = Scores.Covered(column, y, 0.9),
                    ClimatologyIn50 = Scores.Covered(climate, y, 0.5),
                    ClimatologyIn90 = Scores.Covered(climate, y, 0.9),
                    ProbabilityAny = Share(column),
                };
                series.Add(score);
                tally.Add(m, score.Crps, score.CrpsClimatology, score.CrpsPersistence, score.In50, score.In90, score.ClimatologyIn50, score.ClimatologyIn90);
                if (name.StartsWith("events.", StringComparison.Ordinal))
                {
                    var happened = y > 0;
                    forecasts.Add((score.ProbabilityAny, happened));
                    anyEvent.Add(m, Scores.Brier(score.ProbabilityAny, happened), Scores.Brier(climateAny, happened),
                        Scores.Brier(persistence > 0 ? 1 : 0, happened), false, false, false, false);
                }
            }
        }

        var groupScores = new List<GroupScore>();
        var stream = 0L;
        foreach (var (group, tally) in groups)
        {
            groupScores.Add(tally.Score(group, seed, stream, resamples, coverage: true));
            stream += 2;
        }

        groupScores.Add(anyEvent.Score("any_event", seed, stream, resamples, coverage: false));
        var outcomeScores = new List<OutcomeScore>();
        foreach (var o in outcomes)
        {
            var sorted = (double[])o.Runs.Clone();
            Array.Sort(sorted);
            var crps = Scores.CrpsSorted(sorted, o.Observed);
            var in50 = Scores.Covered(sorted, o.Observed, 0.5);
            var in90 = Scores.Covered(sorted, o.Observed, 0.9);
            if (!o.IsBool)
            {
                outcomeScores.Add(new OutcomeScore { Outcome = o.Outcome, IsBool = false, Observed = o.Observed, Forecast = Mean(sorted), Crps = crps, In50 = in50, In90 = in90 });
                continue;
            }

            var happened = o.Observed > 0.5;
            var k = 0;
            foreach (var v in sorted)
            {
                k += v > 0.5 ? 1 : 0;
            }

            var p = sorted.Length == 0 ? double.NaN : (double)k / sorted.Length;
            var reference = o.BaseRate ?? 0.5;
            forecasts.Add((p, happened));
            outcomeScores.Add(new OutcomeScore
            {
                Outcome = o.Outcome,
                IsBool = true,
                Observed = happened ? 1 : 0,
                Forecast = p,
                Brier = Scores.Brier(p, happened),
                Log = Scores.Log(Scores.EnsembleProbability(k, sorted.Length), happened),
                Reference = reference,
                ReferenceBrier = Scores.Brier(reference, happened),
                ReferenceLog = Scores.Log(reference, happened),
                Crps = crps,
                In50 = in50,
                In90 = in90,
            });
        }

        // Yes/no outcomes together: the Brier score against the reference probabilities, each outcome resampled whole.
        var bools = 0;
        foreach (var o in outcomeScores)
        {
            bools += o.IsBool ? 1 : 0;
        }

        if (bools > 0)
        {
            var outcomeTally = new GroupTally(bools);
            var i = 0;
            foreach (var o in outcomeScores)
            {
                if (o.IsBool)
                {
                    outcomeTally.Add(i++, o.Brier, o.ReferenceBrier, 0, false, false, false, false);
                }
            }

            groupScores.Add(outcomeTally.Score("outcomes", seed, stream + 2, resamples, coverage: false) with { Persistence = double.NaN });
        }

        return new ScoreCard
        {
            Window = window,
            Training = training,
            Runs = runs.Count,
            Outcomes = outcomeScores,
            Series = series,
            Groups = groupScores,
            Reliability = Reliability(forecasts, 10),
        };
    }

    /// <summary>The reliability diagram's bins: <paramref name="bins"/> equal bands of [0, 1], the last closed.</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<(double P, bool Happened)> forecasts, int bins)
    {
        ArgumentNullException.ThrowIfNull(forecasts);
        var count = new int[bins];
        var sum = new double[bins];
        var hits = new int[bins];
        foreach (var (p, happened) in forecasts)
        {
            if (double.IsNaN(p))
            {
                continue;
            }

            var b = Math.Clamp((int)(p * bins), 0, bins - 1);
            count[b]++;
            sum[b] += p;
            hits[b] += happened ? 1 : 0;
        }

        var result = new ReliabilityBin[bins];
        for (var b = 0; b < bins; b++)
        {
            result[b] = new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, count[b],
                count[b] > 0 ? sum[b] / count[b] : double.NaN, count[b] > 0 ? (double)hits[b] / count[b] : double.NaN);
        }

        return result;
    }

    /// <summary>
    /// The rule of evidence: baselines come only from months before the scored window, and both windows must lie
    /// inside the dates the data cover (a month after the data's last row would look like a month of peace).
    /// </summary>
    public static void CheckWindows(MappingReport report, SummaryWindow window, SummaryWindow training)
    {
        ArgumentNullException.ThrowIfNull(report);
        window.Validate();
        training.Validate();
        if (training.End >= window.Start)
        {
            throw new InputException($"error: the training window {training} does not end before the scored window {window} starts: baselines may use only what was known before it (fix: a --training that ends by {window.Start.AddDays(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture)}).");
        }

        if (report.FirstDate is not { } first || report.LastDate is not { } last)
        {
            throw new InputException($"error: {report.File} holds no events, so it covers no window.");
        }

        if (training.Start < new DateOnly(first.Year, first.Month, 1) || window.End > new DateOnly(last.Year, last.Month, 1).AddMonths(1).AddDays(-1))
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"error: {report.File} covers {first:yyyy-MM-dd} to {last:yyyy-MM-dd}, but the training and scored windows span {training.Start:yyyy-MM} to {window.End:yyyy-MM}: months outside the data would count as months without events (fix: windows inside the data)."));
        }
    }

    private static string GroupOf(string series)
    {
        // events.region.kidal -> events.region; events.total -> events.total.
        var first = series.IndexOf('.', StringComparison.Ordinal);
        var second = series.IndexOf('.', first + 1);
        return second < 0 ? series : series[..second];
    }

    private static double Mean(double[] values)
    {
        var s = 0.0;
        foreach (var v in values)
        {
            s += v;
        }

        return values.Length == 0 ? double.NaN : s / values.Length;
    }

    private static double Share(double[] values)
    {
        var k = 0;
        foreach (var v in values)
        {
            k += v > 0 ? 1 : 0;
        }

        return values.Length == 0 ? double.NaN : (double)k / values.Length;
    }

    /// <summary>Scores of one group summed per month, so the bootstrap can resample months.</summary>
    private sealed class GroupTally(int months)
    {
        private readonly double[] _model = new double[months];
        private readonly double[] _climate = new double[months];
        private readonly double[] _persist = new double[months];
        private readonly int[] _covered = new int[4];
        private int _items;

        public void Add(int month, double model, double climate, double persist, bool in50, bool in90, bool climateIn50, bool climateIn90)
        {
            _model[month] += model;
            _climate[month] += climate;
            _persist[month] += persist;
            _covered[0] += in50 ? 1 : 0;
            _covered[1] += in90 ? 1 : 0;
            _covered[2] += climateIn50 ? 1 : 0;
            _covered[3] += climateIn90 ? 1 : 0;
            _items++;
        }

        public GroupScore Score(string group, ulong seed, long stream, int resamples, bool coverage)
        {
            var (m, c, p) = (Sum(_model), Sum(_climate), Sum(_persist));
            // A baseline that scored perfectly everywhere leaves no skill to estimate.
            var climate = c > 0 ? Scores.BootstrapSkill(_model, _climate, resamples, seed, stream) : (Low: double.NaN, High: double.NaN);
            var persist = p > 0 ? Scores.BootstrapSkill(_model, _persist, resamples, seed, stream + 1) : (Low: double.NaN, High: double.NaN);
            double Share(int i) => coverage && _items > 0 ? (double)_covered[i] / _items : double.NaN;
            return new GroupScore
            {
                Group = group,
                Items = _items,
                Score = _items > 0 ? m / _items : double.NaN,
                Climatology = _items > 0 ? c / _items : double.NaN,
                Persistence = _items > 0 ? p / _items : double.NaN,
                SkillClimatology = (c > 0 ? Scores.Skill(m, c) : double.NaN, climate.Low, climate.High),
                SkillPersistence = (p > 0 ? Scores.Skill(m, p) : double.NaN, persist.Low, persist.High),
                Coverage50 = Share(0),
                Coverage90 = Share(1),
                ClimatologyCoverage50 = Share(2),
                ClimatologyCoverage90 = Share(3),
            };
        }

        private static double Sum(double[] values)
        {
            var s = 0.0;
            foreach (var v in values)
            {
                s += v;
            }

            return s;
        }
    }
}
