using System.Runtime.InteropServices;
using Sim.Engine.Core;
using Sim.Engine.Model;

namespace Sim.Engine.Runs;

/// <summary>
/// Records the series a scenario asks for after every tick into one preallocated array per column,
/// so recording allocates nothing while the run goes. Per-column arrays stay off the large object
/// heap, whose allocations (one per run, in an ensemble) would make every collection a full one.
/// </summary>
public sealed class Recorder : ITickObserver
{
    private readonly ModelState _state;
    private readonly List<Column> _columns = [];
    private readonly double[][] _values;

    /// <summary>A recorder for the series in the scenario's <c>record:</c> section, plus run-wide totals.</summary>
    public Recorder(ModelState state, int expectedTicks)
        : this(state, expectedTicks, null)
    {
    }

    /// <summary>A recorder as above, recording into <paramref name="reuse"/>'s arrays (a finished run's) when they have the shape needed.</summary>
    internal Recorder(ModelState state, int expectedTicks, Recorder? reuse)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        var def = state.Definition;
        string Actor(int a) => def.Actors[a].Id;
        foreach (var (a, b) in def.Record.Pairs)
        {
            foreach (var kind in RecordedSeries.All)
            {
                if (kind.Scope is SeriesScope.DirectedPair or SeriesScope.Pair)
                {
                    _columns.Add(new Column($"{kind.Name}.{Actor(a)}.{Actor(b)}", kind, a, b));
                }

                if (kind.Scope is SeriesScope.DirectedPair)
                {
                    _columns.Add(new Column($"{kind.Name}.{Actor(b)}.{Actor(a)}", kind, b, a));
                }
            }
        }

        void AddEach(SeriesScope scope, int id, string suffix)
        {
            foreach (var kind in RecordedSeries.All)
            {
                if (kind.Scope == scope)
                {
                    _columns.Add(new Column(kind.Name + suffix, kind, id, 0));
                }
            }
        }

        foreach (var a in def.Record.Actors)
        {
            AddEach(SeriesScope.Actor, a, $".{Actor(a)}");
        }

        foreach (var r in def.Record.Regions)
        {
            AddEach(SeriesScope.Region, r, $".{def.Regions[r].Id}");
        }

        AddEach(SeriesScope.Run, 0, "");
        // Every value read is written first (Series reads the ticks recorded), so arrays of a finished run serve as they are.
        if (reuse is not null && reuse._values.Length == _columns.Count && reuse._values[0].Length >= expectedTicks)
        {
            _values = reuse._values;
            return;
        }

        _values = new double[_columns.Count][];
        for (var c = 0; c < _values.Length; c++)
        {
            _values[c] = new double[Math.Max(1, expectedTicks)];
        }
    }

    /// <summary>The recorded columns, in output order.</summary>
    public IReadOnlyList<Column> Columns => _columns;

    /// <summary>Number of ticks recorded.</summary>
    public int Ticks { get; private set; }

    /// <summary>The value of a column at a recorded tick.</summary>
    public double this[int tick, int column] => _values[column][tick];

    /// <summary>A column's recorded values, by tick.</summary>
    public ReadOnlySpan<double> Series(int column) => _values[column].AsSpan(0, Ticks);

    /// <inheritdoc/>
    public void OnTick(Simulation simulation)
    {
        var width = _columns.Count;
        if (Ticks == _values[0].Length)
        {
            for (var c = 0; c < width; c++)
            {
                Array.Resize(ref _values[c], Ticks * 2);
            }
        }

        var columns = CollectionsMarshal.AsSpan(_columns);
        for (var c = 0; c < width; c++)
        {
            ref readonly var col = ref columns[c];
            _values[c][Ticks] = col.Kind.Read(_state, col.A, col.B);
        }

        Ticks++;
    }

    /// <summary>One recorded series.</summary>
    public readonly record struct Column(string Name, RecordedSeries Kind, int A, int B);
}
