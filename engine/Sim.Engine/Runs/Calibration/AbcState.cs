using System.Security.Cryptography;
using System.Text;

namespace Sim.Engine.Runs.Calibration;

/// <summary>
/// Everything a calibration needs to continue after its last finished generation: the distance scales, the
/// generations so far and the last generation's particles. The next generation depends on nothing else (its
/// proposals' draws are keyed by seed, generation and index), so a calibration resumed from this state gives
/// the same particles, weights and tables as one never interrupted.
/// </summary>
public sealed class AbcState
{
    private const string Magic = "SIM-ABC-STATE";
    private const int Version = 1;

    /// <summary>A state after a finished generation.</summary>
    public AbcState(string fingerprint, double[] scales, IReadOnlyList<AbcGeneration> generations, int dimensions,
        double[] particles, double[] weights, double[] distances, double[] summaries)
    {
        ArgumentNullException.ThrowIfNull(generations);
        Fingerprint = fingerprint;
        Scales = scales;
        Generations = generations;
        Dimensions = dimensions;
        Particles = particles;
        Weights = weights;
        Distances = distances;
        Summaries = summaries;
    }

    /// <summary>Hash of what the calibration is (priors, observed summaries, seed, particles, quantile): a state resumes only the same calibration.</summary>
    public string Fingerprint { get; }

    /// <summary>Each summary's scale in the distance.</summary>
    public double[] Scales { get; }

    /// <summary>The finished generations, in order.</summary>
    public IReadOnlyList<AbcGeneration> Generations { get; }

    /// <summary>Parameters per particle.</summary>
    public int Dimensions { get; }

    /// <summary>The last generation's particles, particle-major (particle i's parameters at i * Dimensions).</summary>
    public double[] Particles { get; }

    /// <summary>Their normalised weights.</summary>
    public double[] Weights { get; }

    /// <summary>Their distances to the observed summaries.</summary>
    public double[] Distances { get; }

    /// <summary>Their simulated summaries, particle-major.</summary>
    public double[] Summaries { get; }

    /// <summary>Particles in the last generation.</summary>
    public int Count => Weights.Length;

    /// <summary>Simulations over all finished generations.</summary>
    public long Simulations => Generations.Sum(g => g.Simulations);

    /// <summary>The fingerprint of a calibration: what must match for a state to continue it (not the stopping rules or threads).</summary>
    public static string FingerprintOf(AbcProblem problem, AbcSettings settings)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(settings);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(settings.Seed);
            w.Write(settings.Particles);
            w.Write(settings.Alpha);
            w.Write(problem.Priors.Count);
            foreach (var p in problem.Priors)
            {
                w.Write(p.Name);
                w.Write(p.Min);
                w.Write(p.Max);
            }

            WriteArray(w, problem.Observed);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Writes the state, followed by a SHA-256 of its bytes so that a damaged or edited file is refused.</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(Fingerprint);
            WriteArray(w, Scales);
            w.Write(Generations.Count);
            foreach (var g in Generations)
            {
                w.Write(g.Index);
                w.Write(g.Tolerance);
                w.Write(g.Simulations);
                w.Write(g.Accepted);
                w.Write(g.Ess);
            }

            w.Write(Dimensions);
            WriteArray(w, Particles);
            WriteArray(w, Weights);
            WriteArray(w, Distances);
            WriteArray(w, Summaries);
        }

        var bytes = buffer.ToArray();
        stream.Write(bytes);
        stream.Write(SHA256.HashData(bytes));
    }

    /// <summary>Reads a state written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole, undamaged state of this version.</exception>
    public static AbcState Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var all = copy.ToArray();
        if (all.Length < 32 || !SHA256.HashData(all.AsSpan(0, all.Length - 32)).AsSpan().SequenceEqual(all.AsSpan(all.Length - 32)))
        {
            throw new InvalidDataException("the calibration state is truncated or damaged (its checksum does not match)");
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(all, 0, all.Length - 32), Encoding.UTF8);
            if (r.ReadString() != Magic || r.ReadInt32() != Version)
            {
                throw new InvalidDataException("not a calibration state of this version");
            }

            var fingerprint = r.ReadString();
            var scales = ReadArray(r);
            var generations = new AbcGeneration[r.ReadInt32()];
            for (var i = 0; i < generations.Length; i++)
            {
                generations[i] = new AbcGeneration(r.ReadInt32(), r.ReadDouble(), r.ReadInt64(), r.ReadInt32(), r.ReadDouble());
            }

            var dimensions = r.ReadInt32();
            return new AbcState(fingerprint, scales, generations, dimensions, ReadArray(r), ReadArray(r), ReadArray(r), ReadArray(r));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the calibration state ends early", e);
        }
    }

    private static void WriteArray(BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static double[] ReadArray(BinaryReader r)
    {
        var length = r.ReadInt32();
        if (length < 0 || length > (r.BaseStream.Length - r.BaseStream.Position) / sizeof(double))
        {
            throw new InvalidDataException("the calibration state holds an array longer than the file");
        }

        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = r.ReadDouble();
        }

        return values;
    }
}
