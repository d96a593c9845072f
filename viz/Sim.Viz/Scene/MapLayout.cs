using Sim.Engine.Scenarios;
using Sim.Viz.Geo;

namespace Sim.Viz.Scene;

/// <summary>
/// Everything about a scenario's map that does not change during a run: country outlines,
/// each region's cell, where each actor is drawn, and the area to show. Built once per
/// scenario; coordinates are degrees (lon, lat).
/// </summary>
public sealed class MapLayout
{

    /// <summary>Lays out <paramref name="definition"/> on <paramref name="countries"/>.</summary>
    public MapLayout(ScenarioDefinition definition, CountryMap countries)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(countries);
        Definition = definition;
        Countries = countries;
        var regions = definition.Regions;
        if (regions.Length == 0)
        {
            (West, South, East, North) = (-10, -10, 10, 10);
        }
        else
        {
            (West, East) = WithMargin(regions.Min(r => r.Lon), regions.Max(r => r.Lon));
            (South, North) = WithMargin(regions.Min(r => r.Lat), regions.Max(r => r.Lat));
        }

        LonScale = Math.Cos((South + North) / 2 * Math.PI / 180);
        RegionCells = BuildCells();
        ActorAnchors = [.. definition.Actors.Select(a => AnchorOf(a.Index))];
        OffMapActors = [.. definition.Actors.Where(a => ActorAnchors[a.Index] < 0).Select(a => a.Index)];
        CountryLabels = BuildCountryLabels();
        SeriesPairs = definition.Record.Pairs.Length > 0
            ? [.. definition.Record.Pairs.Take(6)]
            : [.. definition.Relations.OrderByDescending(r => r.Escalation).Take(4).Select(r => (r.A.Index, r.B.Index))];
    }

    /// <summary>The scenario.</summary>
    public ScenarioDefinition Definition { get; }

    /// <summary>Country outlines.</summary>
    public CountryMap Countries { get; }

    /// <summary>Western edge of the area to show, degrees.</summary>
    public double West { get; }

    /// <summary>Eastern edge, degrees.</summary>
    public double East { get; }

    /// <summary>Southern edge, degrees.</summary>
    public double South { get; }

    /// <summary>Northern edge, degrees.</summary>
    public double North { get; }

    /// <summary>Width of a degree of longitude relative to one of latitude at the area's middle (equirectangular map).</summary>
    public double LonScale { get; }

    /// <summary>Each region's cell: the part of its country nearer to it than to any other region there (flattened lon, lat ring; may be empty).</summary>
    public IReadOnlyList<float[]> RegionCells { get; }

    /// <summary>The region each actor is drawn at (its capital, else where its largest starting force stands), or -1 for actors drawn off the map.</summary>
    public IReadOnlyList<int> ActorAnchors { get; }

    /// <summary>Actors with no place on the map, drawn in a row along its top edge.</summary>
    public IReadOnlyList<int> OffMapActors { get; }

    /// <summary>Country names and where to write them.</summary>
    public IReadOnlyList<(string Name, double Lon, double Lat)> CountryLabels { get; }

    /// <summary>Actor pairs whose escalation the time-series strip shows: the scenario's recorded pairs, else its most escalated starting dyads.</summary>
    public IReadOnlyList<(int A, int B)> SeriesPairs { get; }

    /// <summary>Room around the regions for their labels and cells: 15% of the span, between half a degree and three.</summary>
    private static (double Low, double High) WithMargin(double low, double high)
    {
        var margin = Math.Clamp((high - low) * 0.15, 0.5, 3);
        return (low - margin, high + margin);
    }

    private int AnchorOf(int actor)
    {
        var a = Definition.Actors[actor];
        if (!a.Capital.IsNone)
        {
            return a.Capital.Index;
        }

        var best = -1;
        var strength = 0.0;
        foreach (var f in Definition.Forces)
        {
            if (f.Owner.Index == actor && f.Strength > strength)
            {
                (best, strength) = (f.Region.Index, f.Strength);
            }
        }

        return best;
    }

    private float[][] BuildCells()
    {
        var regions = Definition.Regions;
        var rings = Countries.Countries.SelectMany(c => c.Rings).ToList();
        var cells = new float[regions.Length][];

        // Each region belongs to the ring that contains it (the nearest ring for a coastal point
        // the 1:50m outline leaves at sea); with no map, the whole area is one container.
        var container = new int[regions.Length];
        for (var r = 0; r < regions.Length; r++)
        {
            container[r] = ContainerOf(rings, regions[r].Lon, regions[r].Lat);
        }

        float[] box = [(float)West, (float)South, (float)East, (float)South, (float)East, (float)North, (float)West, (float)North];
        for (var r = 0; r < regions.Length; r++)
        {
            var cell = container[r] >= 0 ? rings[container[r]] : box;
            var p = regions[r];
            for (var s = 0; s < regions.Length && cell.Length >= 6; s++)
            {
                if (s == r || container[s] != container[r])
                {
                    continue;
                }

                // Points nearer p than q, in a plane where a degree of longitude is LonScale wide.
                var q = regions[s];
                double px = p.Lon * LonScale, qx = q.Lon * LonScale;
                var a = (qx - px) * LonScale;
                var b = q.Lat - p.Lat;
                var c = ((qx * qx) + (q.Lat * q.Lat) - (px * px) - (p.Lat * p.Lat)) / 2;
                if (Math.Abs(a) + Math.Abs(b) > 1e-9)
                {
                    cell = Polygons.ClipHalfPlane(cell, a, b, c);
                }
            }

            cells[r] = cell.Length >= 6 ? cell : [];
        }

        return cells;
    }

    private static int ContainerOf(List<float[]> rings, double lon, double lat)
    {
        for (var i = 0; i < rings.Count; i++)
        {
            if (Polygons.Contains(rings[i], lon, lat))
            {
                return i;
            }
        }

        var nearest = -1;
        var best = 0.5 * 0.5; // a coastal point further than half a degree from land stays unattached
        for (var i = 0; i < rings.Count; i++)
        {
            var ring = rings[i];
            for (var k = 0; k < ring.Length; k += 2)
            {
                var d = ((ring[k] - lon) * (ring[k] - lon)) + ((ring[k + 1] - lat) * (ring[k + 1] - lat));
                if (d < best)
                {
                    (best, nearest) = (d, i);
                }
            }
        }

        return nearest;
    }

    private List<(string, double, double)> BuildCountryLabels()
    {
        var labels = new List<(string, double, double)>();
        foreach (var c in Countries.Countries)
        {
            var largest = c.Rings.MaxBy(r => Math.Abs(Polygons.Area(r)));
            if (largest is null)
            {
                continue;
            }

            var (x, y) = Polygons.Centroid(largest);
            if (x > West && x < East && y > South && y < North)
            {
                labels.Add((c.Name, x, y));
            }
        }

        return labels;
    }
}
