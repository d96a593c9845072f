using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Sim.Engine;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Output;

/// <summary>A record as read from a store, its checksum checked and its series still compressed.</summary>
/// <param name="Run">The run's index in the ensemble.</param>
/// <param name="Outcomes">Each outcome's value (1/0 for a bool outcome).</param>
/// <param name="Payload">The record's payload as stored (run index, outcomes, compressed series).</param>
/// <param name="SeriesLength">How many values the series holds.</param>
public sealed record StoredRun(long Run, double[] Outcomes, byte[] Payload, int SeriesLength)
{
    /// <summary>
    /// Decompresses the series into <paramref name="series"/> (<see cref="SeriesLength"/> values), using
    /// <paramref name="planes"/> (at least 4 bytes a value) as scratch; false when the payload does not hold a whole series.
    /// </summary>
    public bool DecodeSeries(Span<float> series, byte[] planes) =>
        RunStore.DecodeSeries(Payload, Outcomes.Length, series[..SeriesLength], planes);
}

/// <summary>
/// The append-only file of finished runs (<c>runs.store</c>) that makes an ensemble resumable.
/// Each record is <c>[length u32][checksum 8 bytes][payload]</c>; the payload is the run index, the outcomes
/// and the deflated series. A crash can only tear the last record, and <see cref="Open"/> cuts a torn or
/// corrupt tail off, so a resumed ensemble redoes exactly the runs that were not stored whole.
/// </summary>
public sealed class RunStore : IDisposable
{
    private const int HeaderSize = 8 + 64;
    private static readonly byte[] Magic = "SIMRUNS2"u8.ToArray();
    private readonly FileStream _file;
    private readonly int _outcomes;
    private readonly int _seriesLength;
    private readonly MemoryStream _payload = new();
    private readonly byte[] _planes;

    private RunStore(FileStream file, int outcomes, int seriesLength)
    {
        _file = file;
        _outcomes = outcomes;
        _seriesLength = seriesLength;
        _planes = new byte[seriesLength * 4];
    }

    /// <summary>The file name inside an ensemble folder.</summary>
    public const string FileName = "runs.store";

    /// <summary>
    /// Opens (or creates) the store at <paramref name="path"/> for the ensemble with <paramref name="fingerprint"/>,
    /// returning it with the indices of the runs already stored whole. A torn tail is truncated.
    /// </summary>
    public static (RunStore Store, HashSet<long> Done) Open(string path, string fingerprint, int outcomes, int seriesLength)
    {
        FileStream file;
        try
        {
            // Exclusive: two processes appending to one store would interleave their records.
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new InputException($"error: {path} is in use ({e.Message}); is another 'sim mc' writing to this folder? (fix: wait for it, or use another --out)", e);
        }

        try
        {
            var header = Header(fingerprint);
            var done = new HashSet<long>();
            if (file.Length == 0)
            {
                file.Write(header);
                file.Flush(flushToDisk: true);
                return (new RunStore(file, outcomes, seriesLength), done);
            }

            var existing = new byte[HeaderSize];
            if (file.Length < HeaderSize || file.ReadAtLeast(existing, HeaderSize, false) < HeaderSize || !existing.AsSpan().SequenceEqual(header))
            {
                throw new InputException($"error: {path} belongs to another ensemble (or is damaged); it cannot be resumed (fix: use --force to start over, or another --out folder).");
            }

            var goodEnd = (long)HeaderSize;
            foreach (var (record, end) in ReadStoredRecords(file, HeaderSize, outcomes, seriesLength))
            {
                if (!done.Add(record.Run))
                {
                    throw new InputException($"error: {path} holds run {record.Run} twice; the store is damaged (fix: use --force to start over).");
                }

                goodEnd = end;
            }

            file.SetLength(goodEnd);
            file.Position = goodEnd;
            return (new RunStore(file, outcomes, seriesLength), done);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends one record and hands it to the operating system, so a killed process keeps it.</summary>
    public void Append(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Outcomes.Length != _outcomes || record.Series.Length != _seriesLength)
        {
            throw new ArgumentException("record shape does not match the store", nameof(record));
        }

        // One writer appends every record, so the payload and plane buffers are reused rather than allocated per run.
        var payload = _payload;
        payload.SetLength(0);
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(head, record.Run);
        payload.Write(head);
        payload.Write(MemoryMarshal.AsBytes(record.Outcomes.AsSpan()));
        var planes = _planes;
        Encode(MemoryMarshal.Cast<float, uint>(record.Series.AsSpan()), planes);
        using (var deflate = new DeflateStream(payload, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(planes);
        }

        WriteRecord(payload.GetBuffer().AsSpan(0, (int)payload.Length));
    }

    private void WriteRecord(ReadOnlySpan<byte> bytes)
    {
        Span<byte> prefix = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, (uint)bytes.Length);
        Checksum(bytes, prefix[4..]);
        _file.Write(prefix);
        _file.Write(bytes);
        _file.Flush(flushToDisk: false);
    }

    /// <summary>Forces everything appended so far to the disk (survives power loss, not just a killed process).</summary>
    public void Sync() => _file.Flush(flushToDisk: true);

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            _file.Flush(flushToDisk: true);
        }
        finally
        {
            // Close even when the flush fails (a full disk): a stream left open would write its stale buffer
            // over the store whenever it is finalized, after a resume has appended to the same file.
            _file.Dispose();
        }
    }

    /// <summary>
    /// Reads every whole record of the store at <paramref name="path"/>, in file order, with its checksum checked but its
    /// series still compressed: reading outcomes costs no decompression, and <see cref="StoredRun.DecodeSeries"/> may
    /// run on several threads.
    /// </summary>
    public static IEnumerable<StoredRun> ReadStored(string path, string fingerprint, int outcomes, int seriesLength)
    {
        using var file = OpenForReading(path, fingerprint);
        foreach (var (stored, _) in ReadStoredRecords(file, HeaderSize, outcomes, seriesLength))
        {
            yield return stored;
        }
    }

    /// <summary>Appends a record read from another store with the same shape (what merging shards does), as it is.</summary>
    public void Append(StoredRun stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Outcomes.Length != _outcomes || stored.SeriesLength != _seriesLength)
        {
            throw new ArgumentException("record shape does not match the store", nameof(stored));
        }

        WriteRecord(stored.Payload);
    }

    private static FileStream OpenForReading(string path, string fingerprint)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (IOException e) when (e is not FileNotFoundException && File.Exists(path))
        {
            // An ensemble lets go of its store between its last run and reading it back; a 'sim mc --force' into the same
            // folder may take it there, and then holds it as Open does.
            throw new InputException($"error: {path} is in use ({e.Message}); another 'sim mc' is writing to this folder and has taken it over (fix: wait for it, or use another --out)", e);
        }
        catch (FileNotFoundException e)
        {
            throw new InputException($"error: {path} is gone; another 'sim mc --force' replaced this folder's ensemble (fix: give each ensemble its own --out)", e);
        }

        var existing = new byte[HeaderSize];
        if (file.ReadAtLeast(existing, HeaderSize, false) < HeaderSize || !existing.AsSpan().SequenceEqual(Header(fingerprint)))
        {
            file.Dispose();
            throw new InputException($"error: {path} does not belong to the ensemble described beside it (its header does not match ensemble.json).");
        }

        return file;
    }

    private static IEnumerable<(StoredRun Stored, long End)> ReadStoredRecords(FileStream file, long start, int outcomes, int seriesLength)
    {
        file.Position = start;
        var prefix = new byte[12];
        var checksum = new byte[8];
        while (true)
        {
            if (file.ReadAtLeast(prefix, 12, false) < 12)
            {
                yield break;
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
            var minimum = 8 + (outcomes * 8);
            if (length < minimum || length > file.Length - file.Position)
            {
                yield break;
            }

            var bytes = new byte[length];
            if (file.ReadAtLeast(bytes, (int)length, false) < length)
            {
                yield break;
            }

            Checksum(bytes, checksum);
            if (!checksum.AsSpan().SequenceEqual(prefix.AsSpan(4, 8)))
            {
                yield break;
            }

            var run = BinaryPrimitives.ReadInt64LittleEndian(bytes);
            var values = MemoryMarshal.Cast<byte, double>(bytes.AsSpan(8, outcomes * 8)).ToArray();
            yield return (new StoredRun(run, values, bytes, seriesLength), file.Position);
        }
    }

    /// <summary>Inflates and decodes the series part of a payload; false when it does not hold a whole series.</summary>
    internal static bool DecodeSeries(byte[] payload, int outcomes, Span<float> series, byte[] planes)
    {
        var start = 8 + (outcomes * 8);
        using (var deflate = new DeflateStream(new MemoryStream(payload, start, payload.Length - start), CompressionMode.Decompress))
        {
            if (deflate.ReadAtLeast(planes, series.Length * 4, false) < series.Length * 4)
            {
                return false;
            }
        }

        Decode(planes.AsSpan(0, series.Length * 4), MemoryMarshal.Cast<float, uint>(series));
        return true;
    }

    /// <summary>
    /// Each value's bits XOR the previous value's, split into four byte planes (all lowest bytes, then the next ...).
    /// Series change slowly or not at all from tick to tick, so the XOR leaves mostly zero bits and the planes put the
    /// zeros together: deflate then stores a Sahel run in 40% fewer bytes (16.6 KB), and in 40% less time.
    /// </summary>
    private static void Encode(ReadOnlySpan<uint> values, Span<byte> planes)
    {
        var n = values.Length;
        var previous = 0u;
        for (var i = 0; i < n; i++)
        {
            var x = values[i] ^ previous;
            previous = values[i];
            planes[i] = (byte)x;
            planes[n + i] = (byte)(x >> 8);
            planes[(2 * n) + i] = (byte)(x >> 16);
            planes[(3 * n) + i] = (byte)(x >> 24);
        }
    }

    private static void Decode(ReadOnlySpan<byte> planes, Span<uint> values)
    {
        var n = values.Length;
        var previous = 0u;
        for (var i = 0; i < n; i++)
        {
            var x = planes[i] | ((uint)planes[n + i] << 8) | ((uint)planes[(2 * n) + i] << 16) | ((uint)planes[(3 * n) + i] << 24);
            previous ^= x;
            values[i] = previous;
        }
    }

    private static byte[] Header(string fingerprint)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        System.Text.Encoding.ASCII.GetBytes(fingerprint.AsSpan(0, Math.Min(64, fingerprint.Length)), header.AsSpan(8));
        return header;
    }

    private static void Checksum(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        hash[..8].CopyTo(destination);
    }
}
