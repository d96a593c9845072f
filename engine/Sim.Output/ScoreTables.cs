using Sim.Engine.Evidence;

namespace Sim.Output;

/// <summary>The tables <c>sim score</c> writes: per series and month, per group, per outcome, reliability bins and the mapping of the observed rows.</summary>
public static class ScoreTables
{
    /// <summary>Writes every table of <paramref name="card"/> into <paramref name="folder"/>; returns the paths.</summary>
    public static IReadOnlyList<string> Write(string folder, TableFormat format, ScoreCard card, MappingReport mapping)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(mapping);
        var ext = format == TableFormat.Csv ? ".csv" : ".parquet";
        var series = Path.Combine(folder, "scores_series" + ext);
        TableFile.Write(series, format,
            ["series VARCHAR", "month VARCHAR", "observed DOUBLE", "mean DOUBLE", "p05 DOUBLE", "p25 DOUBLE", "p50 DOUBLE", "p75 DOUBLE", "p95 DOUBLE",
             "crps DOUBLE", "crps_climatology DOUBLE", "crps_persistence DOUBLE", "in50 BOOLEAN", "in90 BOOLEAN", "climatology_in50 BOOLEAN",
             "climatology_in90 BOOLEAN", "p_any DOUBLE"],
            appender =>
            {
                foreach (var s in card.Series)
                {
                    var row = appender.CreateRow().AppendValue(s.Series).AppendValue(s.Month).AppendValue(s.Observed).AppendValue(s.Mean);
                    foreach (var q in s.Quantiles)
                    {
                        row.AppendValue(q);
                    }

                    row.AppendValue(s.Crps).AppendValue(s.CrpsClimatology).AppendValue(s.CrpsPersistence).AppendValue(s.In50).AppendValue(s.In90)
                        .AppendValue(s.ClimatologyIn50).AppendValue(s.ClimatologyIn90).AppendValue(s.ProbabilityAny).EndRow();
                }
            });
        var groups = Path.Combine(folder, "scores_groups" + ext);
        TableFile.Write(groups, format,
            ["\"group\" VARCHAR", "items INTEGER", "score DOUBLE", "climatology DOUBLE", "persistence DOUBLE", "skill_climatology DOUBLE",
             "skill_climatology_low DOUBLE", "skill_climatology_high DOUBLE", "skill_persistence DOUBLE", "skill_persistence_low DOUBLE",
             "skill_persistence_high DOUBLE", "coverage50 DOUBLE", "coverage90 DOUBLE", "climatology_coverage50 DOUBLE", "climatology_coverage90 DOUBLE"],
            appender =>
            {
                foreach (var g in card.Groups)
                {
                    appender.CreateRow().AppendValue(g.Group).AppendValue(g.Items).AppendValue(g.Score).AppendValue(g.Climatology).AppendValue(g.Persistence)
                        .AppendValue(g.SkillClimatology.Value).AppendValue(g.SkillClimatology.Low).AppendValue(g.SkillClimatology.High)
                        .AppendValue(g.SkillPersistence.Value).AppendValue(g.SkillPersistence.Low).AppendValue(g.SkillPersistence.High)
                        .AppendValue(g.Coverage50).AppendValue(g.Coverage90).AppendValue(g.ClimatologyCoverage50).AppendValue(g.ClimatologyCoverage90).EndRow();
                }
            });
        var outcomes = Path.Combine(folder, "scores_outcomes" + ext);
        TableFile.Write(outcomes, format,
            ["outcome VARCHAR", "is_bool BOOLEAN", "observed DOUBLE", "forecast DOUBLE", "brier DOUBLE", "log DOUBLE", "reference DOUBLE",
             "reference_brier DOUBLE", "reference_log DOUBLE", "crps DOUBLE", "in50 BOOLEAN", "in90 BOOLEAN"],
            appender =>
            {
                foreach (var o in card.Outcomes)
                {
                    appender.CreateRow().AppendValue(o.Outcome).AppendValue(o.IsBool).AppendValue(o.Observed).AppendValue(o.Forecast).AppendValue(o.Brier)
                        .AppendValue(o.Log).AppendValue(o.Reference).AppendValue(o.ReferenceBrier).AppendValue(o.ReferenceLog).AppendValue(o.Crps)
                        .AppendValue(o.In50).AppendValue(o.In90).EndRow();
                }
            });
        var reliability = Path.Combine(folder, "reliability" + ext);
        TableFile.Write(reliability, format,
            ["low DOUBLE", "high DOUBLE", "forecasts INTEGER", "mean_forecast DOUBLE", "observed_frequency DOUBLE"],
            appender =>
            {
                foreach (var b in card.Reliability)
                {
                    appender.CreateRow().AppendValue(b.Low).AppendValue(b.High).AppendValue(b.Count).AppendValue(b.MeanForecast).AppendValue(b.ObservedFrequency).EndRow();
                }
            });
        var map = Path.Combine(folder, "mapping" + ext);
        TableFile.Write(map, format, ["status VARCHAR", "rows INTEGER"], appender =>
        {
            appender.CreateRow().AppendValue("mapped_by_admin").AppendValue(mapping.MappedByAdmin).EndRow();
            appender.CreateRow().AppendValue("mapped_by_distance").AppendValue(mapping.MappedByDistance).EndRow();
            foreach (var (reason, count) in mapping.Unmapped)
            {
                appender.CreateRow().AppendValue(MappingReport.ReasonText(reason)).AppendValue(count).EndRow();
            }
        });
        return [series, groups, outcomes, reliability, map];
    }
}
