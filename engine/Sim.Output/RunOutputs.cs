using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Sim.Engine.Runs;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Output;

/// <summary>
/// Writes a finished run's outputs into a folder: <c>events</c> and <c>timeseries</c> tables,
/// <c>outcomes.json</c> and <c>manifest.json</c>. Every file is written atomically and the
/// bytes depend only on the run's inputs, so equal inputs give equal files.
/// </summary>
public static class RunOutputs
{
    /// <summary>Writes every output of <paramref name="run"/> into <paramref name="folder"/> (created if needed); returns the files written.</summary>
    public static IReadOnlyList<string> Write(ScenarioRun run, string folder, TableFormat format, string engineVersion)
    {
        ArgumentNullException.ThrowIfNull(run);
        Directory.CreateDirectory(folder);
        var extension = format == TableFormat.Csv ? "csv" : "parquet";
        var events = Path.Combine(folder, $"events.{extension}");
        var series = Path.Combine(folder, $"timeseries.{extension}");
        WriteTable(events, format, EventColumns, rows => WriteEvents(run, rows));
        WriteTable(series, format, SeriesColumns(run), rows => WriteSeries(run, rows));
        var outcomes = Path.Combine(folder, "outcomes.json");
        AtomicFile.Write(outcomes, s => WriteOutcomes(run, s));
        var manifest = Path.Combine(folder, "manifest.json");
        AtomicFile.Write(manifest, s => WriteManifest(run, s, engineVersion, [events, series, outcomes]));
        return [events, series, outcomes, manifest];
    }

    /// <summary>The events table's columns: ids as text, the CAMEO code as text (leading zeros kept), dates as dates.</summary>
    internal static readonly (string Name, string SqlType)[] EventColumns =
    [
        ("tick", "INTEGER"), ("date", "DATE"), ("action", "VARCHAR"), ("actor", "VARCHAR"), ("target", "VARCHAR"), ("region", "VARCHAR"),
        ("cameo", "VARCHAR"), ("cameo_root", "INTEGER"), ("goldstein", "DOUBLE"), ("acled_type", "VARCHAR"), ("fatalities", "INTEGER"),
        ("civilian_fatalities", "INTEGER"), ("origin", "VARCHAR"),
    ];

    /// <summary>The events table: one row per event, with ids, the CAMEO code as text and the ACLED type.</summary>
    internal static void WriteEvents(ScenarioRun run, ITableRows rows, Action<ITableRows>? prefix = null)
    {
        var def = run.Definition;
        foreach (ref readonly var e in run.State.Events.All)
        {
            var action = def.Actions[e.Action];
            prefix?.Invoke(rows);
            rows.Int(e.Tick);
            rows.Date(def.DateOf(e.Tick));
            rows.Text(action.Id);
            rows.Text(def.Actor(e.Actor)?.Id);
            rows.Text(def.Actor(e.Target)?.Id);
            rows.Text(def.Region(e.Region)?.Id);
            rows.Code(action.Cameo);
            rows.Int(action.CameoRoot);
            rows.Number(e.Goldstein);
            rows.Text(action.Acled ?? "");
            rows.Int(e.Fatalities);
            rows.Int(e.CivilianFatalities);
            rows.Text(e.Origin.ToString().ToLowerInvariant());
            rows.EndRow();
        }
    }

    /// <summary>The time-series table's columns: tick and date, then each recorded series (actors as text).</summary>
    internal static (string Name, string SqlType)[] SeriesColumns(ScenarioRun run) =>
        [("tick", "INTEGER"), ("date", "DATE"), .. run.Recorder.Columns.Select(c => (c.Name, c.Kind.HoldsActors ? "VARCHAR" : "DOUBLE"))];

    /// <summary>The recorded time series: one row per tick, one column per series (a controller series holds actor ids).</summary>
    internal static void WriteSeries(ScenarioRun run, ITableRows rows, Action<ITableRows>? prefix = null)
    {
        var recorder = run.Recorder;
        var columns = recorder.Columns;
        for (var t = 0; t < recorder.Ticks; t++)
        {
            prefix?.Invoke(rows);
            rows.Int(t);
            rows.Date(run.Definition.DateOf(t));
            for (var c = 0; c < columns.Count; c++)
            {
                var value = recorder[t, c];
                if (columns[c].Kind.HoldsActors)
                {
                    rows.Text(value >= 0 ? run.Definition.Actors[(int)value].Id : null);
                }
                else
                {
                    rows.Number(value);
                }
            }

            rows.EndRow();
        }
    }

    private static void WriteOutcomes(ScenarioRun run, Stream stream)
    {
        var values = run.EvaluateOutcomes();
        using var json = new Utf8JsonWriter(stream, Manifest.JsonOptions);
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
        using var json = new Utf8JsonWriter(stream, Manifest.JsonOptions);
        json.WriteStartObject();
        Manifest.WriteIdentity(json, def.Name, def.Files.IsDefaultOrEmpty ? "" : Path.GetFileName(def.Files[0]), def.Hash, engineVersion, run.Seed);
        json.WriteNumber("ticks", run.Ticks);
        json.WriteString("start", def.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteNumber("days_per_tick", def.TickDays);
        Manifest.WriteStrings(json, "overrides", def.Overrides);
        Manifest.WriteParameters(json, [.. def.Parameters.Select(p => p.Id)], [.. def.Parameters.Select(p => p.Value)]);
        Manifest.WriteOutputs(json, files);
        json.WriteStartArray("sources");
        WriteSources(json, "actor", def.Actors.Select(a => (a.Id, (Engine.Scenarios.ScenarioItem)a)));
        WriteSources(json, "region", def.Regions.Select(r => (r.Id, (Engine.Scenarios.ScenarioItem)r)));
        WriteSources(json, "relation", def.Relations.Select(r => ($"{def.Actors[r.A.Index].Id}-{def.Actors[r.B.Index].Id}", (Engine.Scenarios.ScenarioItem)r)));
        WriteSources(json, "force", def.Forces.Select(f => ($"{def.Actors[f.Owner.Index].Id}@{def.Regions[f.Region.Index].Id}", (Engine.Scenarios.ScenarioItem)f)));
        WriteSources(json, "parameter", def.Parameters.Select(p => (p.Id, (Engine.Scenarios.ScenarioItem)p)));
        WriteSources(json, "rule", def.Rules.Select(r => (r.Id, (Engine.Scenarios.ScenarioItem)r)));
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Provenance of the scenario's values: one entry per item or field that cites a source.</summary>
    private static void WriteSources(Utf8JsonWriter json, string kind, IEnumerable<(string Id, Engine.Scenarios.ScenarioItem Item)> items)
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

    internal static void WriteTable(string path, TableFormat format, IReadOnlyList<(string Name, string SqlType)> columns, Action<ITableRows> write)
    {
        if (format == TableFormat.Csv)
        {
            AtomicFile.WriteText(path, w =>
            {
                w.WriteLine(string.Join(',', columns.Select(c => CsvRows.Quote(c.Name))));
                write(new CsvRows(w));
            });
            return;
        }

        TableFile.Write(path, format, [.. columns.Select(c => $"{TableFile.Quote(c.Name)} {c.SqlType}")], appender => write(new AppenderRows(appender)));
    }
}
