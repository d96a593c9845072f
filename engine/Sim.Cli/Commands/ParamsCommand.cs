using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Sim.Engine.Scenarios;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim params FILE [--set ...]</c>: every parameter a scenario runs with, its own and the engine's, with value,
/// range, meaning, source and what set the value, so nobody has to read YAML and C# to learn what can be tuned.
/// </summary>
internal static class ParamsCommand
{
    /// <summary>The formats <c>sim params</c> writes.</summary>
    internal static readonly string[] Formats = ["text", "csv", "json"];

    public static Command Create()
    {
        var file = CommonOptions.ScenarioFile();
        var set = CommonOptions.Set();
        var format = CommonOptions.Word("--format", "Output: text (an aligned table, the default), csv or json.", [.. Formats.Select(f => (f, f))], "text");
        var command = new Command("params", "List every parameter of a scenario, its own and the engine's: value, range, what set it, meaning and source.")
        {
            file, set, format,
        };
        command.SetAction(parse =>
        {
            var definition = CommonOptions.Load(parse.GetValue(file)!, parse.GetValue(set)).Definition;
            var rows = Rows(definition);
            var stdout = parse.InvocationConfiguration.Output;
            stdout.Write(parse.GetValue(format)!.Value switch
            {
                "csv" => Csv(rows),
                "json" => Json(definition.Name, rows),
                _ => Text(definition.Name, rows),
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One parameter as listed.</summary>
    /// <param name="Id">The id <c>--set</c> and expressions use.</param>
    /// <param name="Value">The value a run gets (overrides applied).</param>
    /// <param name="Min">Lowest allowed value (may be -infinity).</param>
    /// <param name="Max">Highest allowed value (may be +infinity).</param>
    /// <param name="Owner"><c>scenario</c> for the scenario's own parameters, <c>engine</c> for the engine's.</param>
    /// <param name="SetBy"><c>engine</c> (its default), <c>scenario</c> (the file) or <c>--set</c>.</param>
    /// <param name="FileValue">The value without overrides: the file's, or the engine default.</param>
    /// <param name="EngineDefault">The engine's default, for engine parameters.</param>
    /// <param name="Description">What it means.</param>
    /// <param name="Source">Where its value comes from.</param>
    internal sealed record Row(string Id, double Value, double Min, double Max, string Owner, string SetBy, double FileValue, double? EngineDefault, string Description, string Source);

    /// <summary>The rows of <paramref name="definition"/>'s parameters, in its order (the scenario's own first).</summary>
    internal static List<Row> Rows(ScenarioDefinition definition)
    {
        var engine = ModelParameters.All.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var overridden = definition.Overrides.Select(o => o.Split('=', 2)[0].Trim()).ToHashSet(StringComparer.Ordinal);
        var rows = new List<Row>();
        foreach (var p in definition.Parameters)
        {
            var info = engine.GetValueOrDefault(p.Id);
            var declared = p.Location.File is not null;
            var setBy = overridden.Contains(p.Id) ? "--set" : declared ? "scenario" : "engine";
            rows.Add(new Row(p.Id, p.Value, p.Min, p.Max, info is null ? "scenario" : "engine", setBy, p.FileValue, info?.Default,
                Clean(p.Description ?? info?.Description), Clean(p.Source)));
        }

        return rows;
    }

    private static string Clean(string? text) => string.Join(' ', (text ?? "").Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    private static string Number(double v) => v.ToString("G", CultureInfo.InvariantCulture);

    private static string Range(double min, double max) =>
        (double.IsNegativeInfinity(min), double.IsPositiveInfinity(max)) switch
        {
            (true, true) => "any",
            (true, false) => $"<= {Number(max)}",
            (false, true) => $">= {Number(min)}",
            _ => $"[{Number(min)}, {Number(max)}]",
        };

    /// <summary>What set the value, in words: where an override or a scenario's redeclaration replaced a default, the value it replaced.</summary>
    private static string SetByText(Row r) => r.SetBy switch
    {
        "--set" => $"--set (was {Number(r.FileValue)})",
        "scenario" when r.EngineDefault is { } d && !d.Equals(r.FileValue) => $"scenario (engine {Number(d)})",
        _ => r.SetBy,
    };

    /// <summary>Widest the meaning and source columns get before their text wraps onto more lines.</summary>
    internal const int TextColumnWidth = 60;

    /// <summary>An aligned table, one parameter a row, the long columns last and wrapped within their width.</summary>
    internal static string Text(string scenario, IReadOnlyList<Row> rows)
    {
        string[] header = ["PARAMETER", "VALUE", "RANGE", "SET BY", "MEANING", "SOURCE"];
        var cells = rows.Select(r => new[] { r.Id, Number(r.Value), Range(r.Min, r.Max), SetByText(r), r.Description, r.Source }).ToList();
        var widths = header.Select((h, i) => Math.Min(i >= 4 ? TextColumnWidth : int.MaxValue, Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length)))).ToArray();
        var w = new StringWriter(CultureInfo.InvariantCulture);
        var own = rows.Count(r => r.Owner == "scenario");
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario}: {rows.Count} parameters ({own} the scenario's own, {rows.Count - own} the engine's; {rows.Count(r => r.SetBy != "engine")} set by the scenario or --set)"));
        foreach (var row in cells.Prepend(header))
        {
            var wrapped = row.Select((text, i) => Wrap(text, widths[i])).ToArray();
            for (var line = 0; line < wrapped.Max(c => c.Count); line++)
            {
                var sb = new StringBuilder();
                for (var i = 0; i < row.Length; i++)
                {
                    sb.Append((line < wrapped[i].Count ? wrapped[i][line] : "").PadRight(widths[i] + 2));
                }

                w.WriteLine(sb.ToString().TrimEnd());
            }
        }

        return w.ToString();
    }

    /// <summary>Splits <paramref name="text"/> at spaces into lines of at most <paramref name="width"/> characters (a longer word gets a line of its own).</summary>
    internal static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                lines.Add(current.ToString());
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : "").Append(word);
        }

        lines.Add(current.ToString());
        return lines;
    }

    /// <summary>RFC 4180 CSV with a header; every text field quoted, numbers invariant, unbounded ends empty.</summary>
    internal static string Csv(IReadOnlyList<Row> rows)
    {
        static string Q(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        static string N(double v) => double.IsFinite(v) ? Number(v) : "";
        var w = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        w.WriteLine("id,value,min,max,owner,set_by,file_value,engine_default,description,source");
        foreach (var r in rows)
        {
            w.WriteLine(string.Join(',', Q(r.Id), N(r.Value), N(r.Min), N(r.Max), Q(r.Owner), Q(r.SetBy), N(r.FileValue),
                r.EngineDefault is { } d ? N(d) : "", Q(r.Description), Q(r.Source)));
        }

        return w.ToString();
    }

    /// <summary>A JSON object: the scenario's name and its parameters in order; unbounded ends are null.</summary>
    internal static string Json(string scenario, IReadOnlyList<Row> rows)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            static void Num(Utf8JsonWriter j, string name, double? v)
            {
                if (v is { } x && double.IsFinite(x))
                {
                    j.WriteNumber(name, x);
                }
                else
                {
                    j.WriteNull(name);
                }
            }

            json.WriteStartObject();
            json.WriteString("scenario", scenario);
            json.WriteStartArray("parameters");
            foreach (var r in rows)
            {
                json.WriteStartObject();
                json.WriteString("id", r.Id);
                Num(json, "value", r.Value);
                Num(json, "min", r.Min);
                Num(json, "max", r.Max);
                json.WriteString("owner", r.Owner);
                json.WriteString("set_by", r.SetBy);
                Num(json, "file_value", r.FileValue);
                Num(json, "engine_default", r.EngineDefault);
                json.WriteString("description", r.Description);
                json.WriteString("source", r.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
