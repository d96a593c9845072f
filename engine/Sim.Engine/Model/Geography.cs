using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>Great-circle distances between the scenario's region points, for strike reach, air defence cover and supply.</summary>
public sealed class Geography
{
    /// <summary>Mean Earth radius (IUGG), km.</summary>
    private const double EarthRadiusKm = 6371.0088;

    private readonly double[] _lat;
    private readonly double[] _lon;
    private readonly double[] _cosLat;

    // Each pair's distance, worked out the first time it is asked (NaN until then), for scenarios of up to TabledRegions
    // regions: strike reach and supply ask for the same distances every tick, each a haversine of three libm calls.
    // Larger (generated) scenarios compute each distance when asked, as the table would grow with the square of their regions.
    private const int TabledRegions = 256;
    private readonly int _regions;
    private readonly double[]? _distances;

    /// <summary>Reads each region's point from <paramref name="definition"/>.</summary>
    public Geography(ScenarioDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var n = definition.Regions.Length;
        _lat = new double[n];
        _lon = new double[n];
        _cosLat = new double[n];
        foreach (var r in definition.Regions)
        {
            _lat[r.Index] = r.Lat * Math.PI / 180;
            _lon[r.Index] = r.Lon * Math.PI / 180;
            _cosLat[r.Index] = Math.Cos(_lat[r.Index]);
        }

        _regions = n;
        if (n <= TabledRegions)
        {
            _distances = new double[n * n];
            Array.Fill(_distances, double.NaN);
        }
    }

    /// <summary>Great-circle distance between the points of regions <paramref name="a"/> and <paramref name="b"/>, km (haversine).</summary>
    public double DistanceKm(int a, int b)
    {
        if (_distances is not { } tabled)
        {
            return Haversine(a, b);
        }

        ref var distance = ref tabled[(a * _regions) + b];
        if (double.IsNaN(distance))
        {
            distance = Haversine(a, b);
        }

        return distance;
    }

    private double Haversine(int a, int b)
    {
        if (a == b)
        {
            return 0;
        }

        var sinLat = Math.Sin((_lat[b] - _lat[a]) / 2);
        var sinLon = Math.Sin((_lon[b] - _lon[a]) / 2);
        var h = (sinLat * sinLat) + (_cosLat[a] * _cosLat[b] * sinLon * sinLon);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
