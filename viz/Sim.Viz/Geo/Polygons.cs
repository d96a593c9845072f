namespace Sim.Viz.Geo;

/// <summary>Small polygon helpers on flattened (x, y) rings.</summary>
public static class Polygons
{
    /// <summary>True when (x, y) lies inside the ring (even-odd rule).</summary>
    public static bool Contains(ReadOnlySpan<float> ring, double x, double y)
    {
        var inside = false;
        var n = ring.Length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            double xi = ring[2 * i], yi = ring[(2 * i) + 1], xj = ring[2 * j], yj = ring[(2 * j) + 1];
            if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Signed area (shoelace), positive for counter-clockwise rings.</summary>
    public static double Area(ReadOnlySpan<float> ring)
    {
        var sum = 0.0;
        var n = ring.Length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            sum += ((double)ring[2 * j] * ring[(2 * i) + 1]) - ((double)ring[2 * i] * ring[(2 * j) + 1]);
        }

        return sum / 2;
    }

    /// <summary>The area-weighted centroid of a ring (its vertex mean when the ring is degenerate).</summary>
    public static (double X, double Y) Centroid(ReadOnlySpan<float> ring)
    {
        double cx = 0, cy = 0, a = 0;
        var n = ring.Length / 2;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            var cross = ((double)ring[2 * j] * ring[(2 * i) + 1]) - ((double)ring[2 * i] * ring[(2 * j) + 1]);
            a += cross;
            cx += (ring[2 * j] + ring[2 * i]) * cross;
            cy += (ring[(2 * j) + 1] + ring[(2 * i) + 1]) * cross;
        }

        if (Math.Abs(a) < 1e-12)
        {
            for (var i = 0; i < n; i++)
            {
                cx += ring[2 * i];
                cy += ring[(2 * i) + 1];
            }

            return (cx / n, cy / n);
        }

        return (cx / (3 * a), cy / (3 * a));
    }

    /// <summary>
    /// Keeps the part of <paramref name="ring"/> on the side of the half-plane
    /// a*x + b*y &lt;= c (Sutherland-Hodgman: exact for a convex clip region such as a half-plane).
    /// </summary>
    public static float[] ClipHalfPlane(ReadOnlySpan<float> ring, double a, double b, double c)
    {
        var output = new List<float>(ring.Length + 4);
        var n = ring.Length / 2;
        for (var i = 0; i < n; i++)
        {
            var j = (i + n - 1) % n;
            double px = ring[2 * j], py = ring[(2 * j) + 1], qx = ring[2 * i], qy = ring[(2 * i) + 1];
            var dp = (a * px) + (b * py) - c;
            var dq = (a * qx) + (b * qy) - c;
            if (dq <= 0)
            {
                if (dp > 0)
                {
                    AddCut(output, px, py, qx, qy, dp, dq);
                }

                output.Add((float)qx);
                output.Add((float)qy);
            }
            else if (dp <= 0)
            {
                AddCut(output, px, py, qx, qy, dp, dq);
            }
        }

        return [.. output];
    }

    private static void AddCut(List<float> output, double px, double py, double qx, double qy, double dp, double dq)
    {
        var t = dp / (dp - dq);
        output.Add((float)(px + ((qx - px) * t)));
        output.Add((float)(py + ((qy - py) * t)));
    }
}
