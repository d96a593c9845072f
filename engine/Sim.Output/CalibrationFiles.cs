using System.Globalization;
using System.Text.Json;
using Sim.Engine;
using Sim.Engine.Runs.Calibration;

namespace Sim.Output;

/// <summary>What a calibration is, for its manifest: the scenario, the data and window, the settings and the statistics' names.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="ScenarioFile">Its file.</param>
/// <param name="Observed">The observed-data file.</param>
/// <param name="Window">The summary window, FROM:TO.</param>
/// <param name="MaxDistanceKm">How far an event whose admin units no region declares may lie from the region it is mapped to.</param>
/// <param name="Settings">The ABC settings.</param>
/// <param name="PredictiveRuns">Posterior predictive runs.</param>
/// <param name="Statistics">The statistic groups fitted (<c>--stats</c>); empty for all.</param>
public sealed record CalibrationInfo(Scenario Scenario, string ScenarioFile, string Observed, string Window, double MaxDistanceKm, AbcSettings Settings, int PredictiveRuns, IReadOnlyList<string> Statistics);

/// <summary>
/// The files of a calibration folder: the checkpoint (<c>calibration.state</c>, rewritten atomically after every
/// generation, so a killed calibration resumes from its last finished generation), the posterior sample, the table of
/// generations, the posterior predictive check and the manifest.
/// </summary>
public static class CalibrationFiles
{
    /// <summary>The checkpoint's file name.</summary>
    public const string StateFile = "calibration.state";

    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "calibration.json";

    /// <summary>Writes the checkpoint atomically: a reader (or a crash) sees the previous generation's or this one's, never half.</summary>
    public static void WriteState(string folder, AbcState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        AtomicFile.Write(Path.Combine(folder, StateFile), state.Write);
    }

    /// <summary>The checkpoint in <paramref name="folder"/>, or null when there is none.</summary>
    /// <exception cref="InputException">The file is damaged.</exception>
    public static AbcState? ReadState(string folder)
    {
        var path = Path.Combine(folder, StateFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return AbcState.Read(stream);
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"error: {path}: {e.Message} (fix: delete it and start the calibration again, or restore the file).", e);
        }
    }

    /// <summary>Writes the posterior, the generations and the predictive check as tables; returns their paths.</summary>
    public static IReadOnlyList<string> WriteTables(string folder, TableFormat format, AbcResult result, IReadOnlyList<PredictiveRow> predictive)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(predictive);
        var extension = format == TableFormat.Csv ? "csv" : "parquet";
        var posterior = Path.Combine(folder, $"posterior.{extension}");
        PosteriorFile.Write(posterior, format, result.Posterior, result.State.Distances);
        var generations = Path.Combine(folder, $"generations.{extension}");
        TableFile.Write(generations, format, ["generation INTEGER", "tolerance DOUBLE", "simulations BIGINT", "accepted INTEGER", "acceptance DOUBLE", "ess DOUBLE"], appender =>
        {
            foreach (var g in result.Generations)
            {
                appender.CreateRow().AppendValue(g.Index).AppendValue(g.Tolerance).AppendValue(g.Simulations).AppendValue(g.Accepted)
                    .AppendValue(g.Acceptance).AppendValue(g.Ess).EndRow();
            }
        });
        var check = Path.Combine(folder, $"predictive.{extension}");
        TableFile.Write(check, format, ["statistic VARCHAR", "observed DOUBLE", "p05 DOUBLE", "p25 DOUBLE", "p50 DOUBLE", "p75 DOUBLE", "p95 DOUBLE", "in50 BOOLEAN", "in90 BOOLEAN"], appender =>
        {
            foreach (var r in predictive)
            {
                appender.CreateRow().AppendValue(r.Name).AppendValue(r.Observed).AppendValue(r.P05).AppendValue(r.P25).AppendValue(r.P50)
                    .AppendValue(r.P75).AppendValue(r.P95).AppendValue(r.In50).AppendValue(r.In90).EndRow();
            }
        });
        return [posterior, generations, check];
    }

    /// <summary>Writes <c>calibration.json</c>: what was calibrated, how, why it stopped, the posterior's summaries and the check's coverage.</summary>
    public static string WriteManifest(string folder, CalibrationInfo info, AbcResult result, IReadOnlyList<PredictiveRow> predictive, IEnumerable<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(result);
        var path = Path.Combine(folder, ManifestFile);
        var scenario = info.Scenario;
        var settings = info.Settings;
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, Manifest.JsonOptions);
            json.WriteStartObject();
            Manifest.WriteIdentity(json, scenario.Name, Path.GetFileName(info.ScenarioFile), scenario.Definition.Hash, EngineInfo.Version, settings.Seed);
            Manifest.WriteStrings(json, "overrides", scenario.Overrides);
            json.WriteString("observed", Path.GetFileName(info.Observed));
            json.WriteString("window", info.Window);
            json.WriteNumber("max_distance_km", info.MaxDistanceKm);
            Manifest.WriteStrings(json, "statistics", info.Statistics);
            json.WriteString("method", "ABC-SMC (Beaumont et al. 2009), tolerance quantile schedule (Del Moral et al. 2012)");
            json.WriteNumber("particles", settings.Particles);
            json.WriteNumber("max_generations", settings.MaxGenerations);
            json.WriteNumber("alpha", settings.Alpha);
            json.WriteNumber("min_acceptance", settings.MinAcceptance);
            if (settings.Budget != long.MaxValue)
            {
                json.WriteNumber("budget", settings.Budget);
            }

            json.WriteString("stop", result.Stop.ToString().ToLowerInvariant());
            json.WriteNumber("simulations", result.Simulations);
            json.WriteNumber("generations", result.Generations.Count);
            json.WriteNumber("statistics", result.State.Scales.Length);
            var posterior = result.Posterior;
            var mean = posterior.Mean();
            var sd = posterior.StandardDeviation();
            json.WriteStartObject("posterior");
            for (var j = 0; j < posterior.Names.Count; j++)
            {
                json.WriteStartObject(posterior.Names[j]);
                var prior = scenario.Definition.Parameters[scenario.Definition.ParameterIndex(posterior.Names[j])];
                json.WriteStartArray("prior");
                json.WriteNumberValue(prior.Min);
                json.WriteNumberValue(prior.Max);
                json.WriteEndArray();
                json.WriteNumber("mean", mean[j]);
                json.WriteNumber("sd", sd[j]);
                json.WriteNumber("p05", posterior.Quantile(j, 0.05));
                json.WriteNumber("p50", posterior.Quantile(j, 0.5));
                json.WriteNumber("p95", posterior.Quantile(j, 0.95));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            var (in50, in90, counted) = PredictiveCheck.Coverage(predictive);
            json.WriteStartObject("predictive_check");
            json.WriteNumber("runs", info.PredictiveRuns);
            json.WriteNumber("statistics", counted);
            WriteFinite(json, "in50", in50);
            WriteFinite(json, "in90", in90);
            json.WriteEndObject();
            Manifest.WriteOutputs(json, folder, outputs);
            json.WriteEndObject();
        });
        return path;
    }

    private static void WriteFinite(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>A tolerance for text: "inf" for generation 0.</summary>
    public static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "inf" : value.ToString("0.####", CultureInfo.InvariantCulture);
}
