using System.Text.Json;

namespace Sim.Viz.Geo;

/// <summary>One country's outline: closed rings of (lon, lat) pairs, flattened.</summary>
public sealed record Country(string Id, string Name, IReadOnlyList<float[]> Rings);

/// <summary>
/// Country outlines for a scenario's area, read from the derived <c>maps/countries.json</c>
/// next to the scenario file (Natural Earth via npm world-atlas; see the scenario's README).
/// </summary>
public sealed class CountryMap
{
    /// <summary>The file name looked for in a scenario's <c>maps/</c> folder.</summary>
    public const string FileName = "countries.json";

    /// <summary>A map of the given countries.</summary>
    public CountryMap(IReadOnlyList<Country> countries, string source)
    {
        Countries = countries;
        Source = source;
    }

    /// <summary>A map with no countries, for scenarios that ship none.</summary>
    public static CountryMap Empty { get; } = new([], "");

    /// <summary>The countries, each with its rings.</summary>
    public IReadOnlyList<Country> Countries { get; }

    /// <summary>Where the data came from, as written in the file.</summary>
    public string Source { get; }

    /// <summary>The map in <c>maps/countries.json</c> beside <paramref name="scenarioFile"/>, or <see cref="Empty"/> when there is none.</summary>
    public static CountryMap ForScenario(string scenarioFile)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(scenarioFile)) ?? ".";
        var path = Path.Combine(dir, "maps", FileName);
        return File.Exists(path) ? Load(path) : Empty;
    }

    /// <summary>Reads a countries file; throws <see cref="InvalidDataException"/> naming the file when it is malformed.</summary>
    public static CountryMap Load(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var countries = new List<Country>();
            foreach (var c in root.GetProperty("countries").EnumerateArray())
            {
                var rings = new List<float[]>();
                foreach (var r in c.GetProperty("rings").EnumerateArray())
                {
                    var ring = new float[r.GetArrayLength()];
                    var i = 0;
                    foreach (var v in r.EnumerateArray())
                    {
                        ring[i++] = v.GetSingle();
                    }

                    if (ring.Length >= 6 && ring.Length % 2 == 0)
                    {
                        rings.Add(ring);
                    }
                }

                countries.Add(new Country(c.GetProperty("id").GetString() ?? "", c.GetProperty("name").GetString() ?? "", rings));
            }

            var source = root.TryGetProperty("source", out var s) ? s.GetString() ?? "" : "";
            return new CountryMap(countries, source);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a countries file ({e.Message}); re-derive it with maps/derive-map.mjs", e);
        }
    }
}
