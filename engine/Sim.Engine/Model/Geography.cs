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
    }

    /// <summary>Great-circle distance between the points of regions <paramref name="a"/> and <paramref name="b"/>, km (haversine).</summary>
    public double DistanceKm(int a, int b)
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
