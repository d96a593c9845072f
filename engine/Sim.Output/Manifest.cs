using System.Text.Json;

namespace Sim.Output;

/// <summary>
/// The parts every <c>manifest.json</c> shares, a run's and an ensemble's: what was run (scenario, its hash, the engine,
/// the seed), the overrides and parameter values, and the files written.
/// </summary>
internal static class Manifest
{
    /// <summary>JSON layout of every file the engine writes: indented, LF line ends, readable non-ASCII.</summary>
    public static readonly JsonWriterOptions JsonOptions = new() { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the identity fields, in the order readers expect them first.</summary>
    public static void WriteIdentity(Utf8JsonWriter json, string scenario, string scenarioFile, string scenarioHash, string engineVersion, ulong seed)
    {
        json.WriteString("scenario", scenario);
        json.WriteString("scenario_file", scenarioFile);
        json.WriteString("scenario_hash", scenarioHash);
        json.WriteString("engine_version", engineVersion);
        json.WriteNumber("seed", seed);
    }

    /// <summary>Writes a named list of strings (overrides, varied parameters).</summary>
    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            json.WriteStringValue(v);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes every parameter's value, by id.</summary>
    public static void WriteParameters(Utf8JsonWriter json, IReadOnlyList<string> ids, IReadOnlyList<double> values)
    {
        json.WriteStartObject("parameters");
        for (var p = 0; p < ids.Count; p++)
        {
            json.WriteNumber(ids[p], values[p]);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes the names (without folders) of the files written beside the manifest.</summary>
    public static void WriteOutputs(Utf8JsonWriter json, IEnumerable<string> files) =>
        WriteStrings(json, "outputs", files.Select(Path.GetFileName)!);

    /// <summary>Writes the paths of the files written in <paramref name="folder"/>, relative to it with '/' (plots/x.png).</summary>
    public static void WriteOutputs(Utf8JsonWriter json, string folder, IEnumerable<string> files) =>
        WriteStrings(json, "outputs", files.Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/')));

    /// <summary>
    /// The outputs the manifest <paramref name="manifest"/> lists, as written by <see cref="WriteOutputs(Utf8JsonWriter, string, IEnumerable{string})"/>;
    /// empty when there is no manifest or it cannot be read.
    /// </summary>
    public static IReadOnlyList<string> ReadOutputs(string manifest)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(manifest));
            return doc.RootElement.TryGetProperty("outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Array
                ? [.. outputs.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!)]
                : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }
}
