using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Runs;

/// <summary>File formats for tables.</summary>
public enum TableFormat
{
    /// <summary>Comma-separated values with a header row (RFC 4180 quoting).</summary>
    Csv,

    /// <summary>Apache Parquet, written through DuckDB.</summary>
    Parquet,
}

/// <summary>
/// Writes a finished run's outputs into a folder: <c>events</c> and <c>timeseries</c> tables,
/// <c>outcomes.json</c> and <c>manifest.json</c>. Every file is written atomically and the
/// bytes depend only on the run's inputs, so equal inputs give equal files.
/// </summary>
public static class RunOutputs
{
    /// <summary>JSON layout of every file the engine writes: indented, LF line ends, readable non-ASCII.</summary>
    internal static readonly JsonWriterOptions JsonOptions = new() { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes every output of <paramref name="run"/> into <paramref name="folder"/> (created if needed); returns the files written.</summary>
    public static IReadOnlyList<string> Write(ScenarioRun run, string folder, TableFormat format, string engineVersion)
    {
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(folder);
        var extension = format == TableFormat.Csv ? "csv" : "parquet";
        var events = Path.Combine(folder, $"events.{extension}");
        var series = Path.Combine(folder, $"timeseries.{extension}");
        WriteTable(events, format, w => WriteEvents(run, w));
        WriteTable(series, format, w => WriteSeries(run, w));
        var outcomes = Path.Combine(folder, "outcomes.json");
        AtomicFile.Write(outcomes, s => WriteOutcomes(run, s));
        var manifest = Path.Combine(folder, "manifest.json");
        AtomicFile.Write(manifest, s => WriteManifest(run, s, engineVersion, [events, series, outcomes]));
        return [events, series, outcomes, manifest];
    }

    /// <summary>The events table as CSV.</summary>
    public static void WriteEvents(ScenarioRun run, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(w);
        var def = run.Definition;
        w.WriteLine("tick,date,action,actor,target,region,cameo,cameo_root,goldstein,acled_type,fatalities,civilian_fatalities,origin");
        foreach (ref readonly var e in run.State.Events.All)
        {
            var action = def.Actions[e.Action];
            w.Write(e.Tick.ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(Date(run, e.Tick));
            w.Write(',');
            w.Write(Csv(action.Id));
            w.Write(',');
            w.Write(e.Actor >= 0 ? Csv(def.Actors[e.Actor].Id) : "");
            w.Write(',');
            w.Write(e.Target >= 0 ? Csv(def.Actors[e.Target].Id) : "");
            w.Write(',');
            w.Write(e.Region >= 0 ? Csv(def.Regions[e.Region].Id) : "");
            w.Write(',');
            w.Write(Csv(action.Cameo));
            w.Write(',');
            w.Write(action.CameoRoot.ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(Number(e.Goldstein));
            w.Write(',');
            w.Write(Csv(action.Acled ?? ""));
            w.Write(',');
            w.Write(e.Fatalities.ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(e.CivilianFatalities.ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.WriteLine(e.Origin.ToString().ToLowerInvariant());
        }
    }

    /// <summary>The recorded time series as CSV: one row per tick, one column per series.</summary>
    public static void WriteSeries(ScenarioRun run, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(w);
        var recorder = run.Recorder;
        var columns = recorder.Columns;
        w.Write("tick,date");
        foreach (var c in columns)
        {
            w.Write(',');
            w.Write(Csv(c.Name));
        }

        w.WriteLine();
        for (var t = 0; t < recorder.Ticks; t++)
        {
            w.Write(t.ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(Date(run, t));
            for (var c = 0; c < columns.Count; c++)
            {
                w.Write(',');
                var value = recorder[t, c];
                w.Write(columns[c].Kind == Recorder.ColumnKind.Controller
                    ? (value >= 0 ? Csv(run.Definition.Actors[(int)value].Id) : "")
                    : Number(value));
            }

            w.WriteLine();
        }
    }

    private static void WriteOutcomes(ScenarioRun run, Stream stream)
    {
        var values = run.EvaluateOutcomes();
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        for (var o = 0; o < values.Length; o++)
        {
            var outcome = run.Definition.Outcomes[o];
            if (outcome.Expr.Type == ExpressionType.Bool)
            {
                json.WriteBoolean(outcome.Id, values[o] != 0);
            }
            else
            {
                json.WriteNumber(outcome.Id, values[o]);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteManifest(ScenarioRun run, Stream stream, string engineVersion, string[] files)
    {
        var def = run.Definition;
        using var json = new Utf8JsonWriter(stream, JsonOptions);
        json.WriteStartObject();
        json.WriteString("scenario", def.Name);
        json.WriteString("scenario_file", def.Files.IsDefaultOrEmpty ? "" : Path.GetFileName(def.Files[0]));
        json.WriteString("scenario_hash", def.Hash);
        json.WriteString("engine_version", engineVersion);
        json.WriteNumber("seed", run.Seed);
        json.WriteNumber("ticks", run.Ticks);
        json.WriteString("start", def.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteNumber("days_per_tick", def.TickDays);
        json.WriteStartArray("overrides");
        foreach (var o in def.Overrides)
        {
            json.WriteStringValue(o);
        }

        json.WriteEndArray();
        json.WriteStartObject("parameters");
        foreach (var p in def.Parameters)
        {
            json.WriteNumber(p.Id, p.Value);
        }

        json.WriteEndObject();
        json.WriteStartArray("outputs");
        foreach (var f in files)
        {
            json.WriteStringValue(Path.GetFileName(f));
        }

        json.WriteEndArray();
        json.WriteStartArray("sources");
        WriteSources(json, "actor", def.Actors.Select(a => (a.Id, (Scenarios.ScenarioItem)a)));
        WriteSources(json, "region", def.Regions.Select(r => (r.Id, (Scenarios.ScenarioItem)r)));
        WriteSources(json, "relation", def.Relations.Select(r => ($"{def.Actors[r.A].Id}-{def.Actors[r.B].Id}", (Scenarios.ScenarioItem)r)));
        WriteSources(json, "force", def.Forces.Select(f => ($"{def.Actors[f.Owner].Id}@{def.Regions[f.Region].Id}", (Scenarios.ScenarioItem)f)));
        WriteSources(json, "parameter", def.Parameters.Select(p => (p.Id, (Scenarios.ScenarioItem)p)));
        WriteSources(json, "rule", def.Rules.Select(r => (r.Id, (Scenarios.ScenarioItem)r)));
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Provenance of the scenario's values: one entry per item or field that cites a source.</summary>
    private static void WriteSources(Utf8JsonWriter json, string kind, IEnumerable<(string Id, Scenarios.ScenarioItem Item)> items)
    {
        foreach (var (id, item) in items)
        {
            if (item.Source is not null)
            {
                WriteSource(json, kind, id, null, item.Source);
            }

            foreach (var (field, source) in item.FieldSources.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                WriteSource(json, kind, id, field, source);
            }
        }
    }

    private static void WriteSource(Utf8JsonWriter json, string kind, string id, string? field, string source)
    {
        json.WriteStartObject();
        json.WriteString("kind", kind);
        json.WriteString("id", id);
        if (field is not null)
        {
            json.WriteString("field", field);
        }

        json.WriteString("source", source);
        json.WriteEndObject();
    }

    private static void WriteTable(string path, TableFormat format, Action<TextWriter> writeCsv)
    {
        if (format == TableFormat.Csv)
        {
            AtomicFile.WriteText(path, writeCsv);
            return;
        }

        // Parquet: write the CSV beside it, let DuckDB convert it with one thread (stable bytes), then rename into place.
        var csv = AtomicFile.TempName(path) + ".csv";
        var temp = AtomicFile.TempName(path);
        try
        {
            using (var writer = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
            {
                writeCsv(writer);
            }

            using (var connection = new DuckDBConnection("DataSource=:memory:"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SET threads = 1";
                command.ExecuteNonQuery();
                command.CommandText =
                    $"COPY (SELECT * FROM read_csv('{Sql(csv)}', header = true, all_varchar = false, sample_size = -1)) TO '{Sql(temp)}' (FORMAT parquet)";
                command.ExecuteNonQuery();
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(csv);
            File.Delete(temp);
        }
    }

    private static string Sql(string path) => path.Replace("'", "''", StringComparison.Ordinal);

    private static string Date(ScenarioRun run, int tick) =>
        run.Definition.DateOf(tick).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Shortest text that reads back as the same double.</summary>
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
