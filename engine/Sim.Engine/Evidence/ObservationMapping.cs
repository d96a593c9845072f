using Sim.Engine.Scenarios;

namespace Sim.Engine.Evidence;

/// <summary>
/// Finds the scenario actor a side name stands for (<c>observed_as</c>) and the region an event's place belongs to
/// (<c>admin</c>, else the nearest region point within a distance).
/// </summary>
internal sealed class ObservationMapping
{
    /// <summary>Mean Earth radius (IUGG), km.</summary>
    public const double EarthRadiusKm = 6371.0088;

    private readonly Dictionary<string, int> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Prefix, int Actor)> _prefixes = [];
    private readonly Dictionary<string, int> _admin = new(StringComparer.OrdinalIgnoreCase);
    private readonly ScenarioDefinition _scenario;
    private readonly double _maxKm;

    public ObservationMapping(ScenarioDefinition scenario, double maxDistanceKm)
    {
        _scenario = scenario;
        _maxKm = maxDistanceKm;
        foreach (var actor in scenario.Actors)
        {
            foreach (var name in actor.ObservedAs)
            {
                if (name.EndsWith('*'))
                {
                    _prefixes.Add((name[..^1], actor.Index));
                }
                else
                {
                    _names[name] = actor.Index;
                }
            }
        }

        // Longest prefix first, so "Military Forces of Mali (2021-)*" wins over "Military Forces of Mali*".
        _prefixes.Sort((a, b) => a.Prefix.Length != b.Prefix.Length ? b.Prefix.Length.CompareTo(a.Prefix.Length) : string.CompareOrdinal(a.Prefix, b.Prefix));
        foreach (var region in scenario.Regions)
        {
            foreach (var name in region.Admin)
            {
                _admin[name] = region.Index;
            }
        }
    }

    /// <summary>The actor index <paramref name="name"/> (or, failing that, the UCDP id <paramref name="id"/>) stands for, or -1.</summary>
    public int Actor(string name, string? id = null)
    {
        name = name.Trim();
        if (name.Length > 0 && _names.TryGetValue(name, out var a))
        {
            return a;
        }

        if (id is not null && id.Trim() is { Length: > 0 } key && _names.TryGetValue(key, out a))
        {
            return a;
        }

        foreach (var (prefix, actor) in _prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return actor;
            }
        }

        return -1;
    }

    /// <summary>
    /// The region of an event: the one declaring its admin2 unit, else its admin1 unit (the finer unit first), else
    /// the nearest region point within the distance allowed when the place is known (<paramref name="precise"/>).
    /// </summary>
    public (int Region, double? Km, UnmappedReason? Why) Region(string admin1, string admin2, double? lat, double? lon, bool precise)
    {
        if (admin2.Trim() is { Length: > 0 } a2 && _admin.TryGetValue(a2, out var r))
        {
            return (r, null, null);
        }

        if (admin1.Trim() is { Length: > 0 } a1 && _admin.TryGetValue(a1, out r))
        {
            return (r, null, null);
        }

        if (!precise || lat is not { } la || lon is not { } lo || _scenario.Regions.Length == 0)
        {
            return (-1, null, UnmappedReason.RegionUnknown);
        }

        var best = -1;
        var bestKm = double.PositiveInfinity;
        foreach (var region in _scenario.Regions)
        {
            var km = Haversine(la, lo, region.Lat, region.Lon);
            if (km < bestKm)
            {
                best = region.Index;
                bestKm = km;
            }
        }

        return bestKm <= _maxKm ? (best, bestKm, null) : (-1, bestKm, UnmappedReason.RegionTooFar);
    }

    /// <summary>Great-circle distance in km between two points given in degrees (haversine formula).</summary>
    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double rad = Math.PI / 180;
        var dLat = (lat2 - lat1) * rad;
        var dLon = (lon2 - lon1) * rad;
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1 * rad) * Math.Cos(lat2 * rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
