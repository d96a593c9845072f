using Sim.Engine.Runs.Ensembles;

namespace Sim.Output;

/// <summary>
/// Every run of an ensemble done in this process, as it finished: its outcomes, and its series laid out as the
/// time-series summary reads them (<c>[(series * ticks + tick) * runs + row]</c>, rows in run order). Such an ensemble's
/// results and summary are then made from memory, without reading, checking and inflating its store again: for 2,000
/// Sahel runs that was about a third of the CPU after the runs (some 180 ms). The store stays the record; a resumed,
/// merged or larger ensemble is read from it (see <see cref="Ensemble.TakeRunsInMemory"/>).
/// </summary>
public sealed class RunsInMemory : IDisposable
{
    private readonly Shard _shard;
    private readonly int _rows;
    private readonly int _cells;
    private readonly int _outcomeCount;
    private readonly double[] _outcomes;

    // Finished runs not yet copied in: copying a batch at a time writes neighbouring rows together (see EnsembleTables).
    private readonly float[][] _batch = new float[EnsembleTables.DecodeBatch][];
    private readonly int[] _batchRows = new int[EnsembleTables.DecodeBatch];
    private int _batched;
    private int _added;

    /// <summary>Room for every run of <paramref name="shard"/> of an ensemble of <paramref name="runs"/> runs, each with <paramref name="outcomes"/> outcomes and <paramref name="seriesLength"/> series values.</summary>
    internal RunsInMemory(Shard shard, long runs, int outcomes, int seriesLength)
    {
        _shard = shard;
        _rows = checked((int)shard.RunsOf(runs));
        _cells = seriesLength;
        _outcomeCount = outcomes;
        _outcomes = new double[checked(_rows * outcomes)];
        Buffer = new LargeBuffer(checked(_rows * seriesLength));
    }

    /// <summary>The series, every run's copied in once <see cref="Complete"/>.</summary>
    internal LargeBuffer Buffer { get; }

    /// <summary>Whether every run of the shard is in.</summary>
    internal bool Complete => _added == _rows;

    /// <summary>The shard's runs, ascending, and their outcomes in the same order, handed over (<see cref="Complete"/> runs only).</summary>
    internal (long[] Runs, double[] Outcomes) Results()
    {
        var runs = new long[_rows];
        for (var row = 0; row < runs.Length; row++)
        {
            runs[row] = RunAt(row);
        }

        return (runs, _outcomes);
    }

    /// <summary>Whether every run of the shard is in, and <paramref name="runs"/> (ascending) are exactly those runs.</summary>
    internal bool Holds(IReadOnlyList<long> runs)
    {
        if (!Complete || runs.Count != _rows)
        {
            return false;
        }

        for (var row = 0; row < runs.Count; row++)
        {
            if (runs[row] != RunAt(row))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Copies in a finished run of the shard (each run once; called from one thread).</summary>
    internal void Add(RunRecord record)
    {
        var row = (int)((record.Run - _shard.Index) / _shard.Count);
        record.Outcomes.CopyTo(_outcomes, row * _outcomeCount);
        _batch[_batched] = record.Series;
        _batchRows[_batched++] = row;
        _added++;
        if (_batched == _batch.Length || Complete)
        {
            Flush();
        }
    }

    /// <summary>The run in row <paramref name="row"/>: the shard's runs, ascending.</summary>
    private long RunAt(int row) => _shard.Index + ((long)row * _shard.Count);

    private void Flush()
    {
        EnsembleTables.CopyBatch(_batch, _batchRows, _batched, Buffer, _rows, 0, 0, _cells);
        Array.Clear(_batch, 0, _batched); // the runs' arrays are not held past their copy
        _batched = 0;
    }

    /// <summary>Returns the memory.</summary>
    public void Dispose() => Buffer.Dispose();
}
