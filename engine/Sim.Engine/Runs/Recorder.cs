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
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        var def = state.Definition;
        string Actor(int a) => def.Actors[a].Id;
        foreach (var (a, b) in def.Record.Pairs)
        {
            _columns.Add(new Column($"affinity.{Actor(a)}.{Actor(b)}", ColumnKind.Affinity, a, b));
            _columns.Add(new Column($"affinity.{Actor(b)}.{Actor(a)}", ColumnKind.Affinity, b, a));
            _columns.Add(new Column($"escalation.{Actor(a)}.{Actor(b)}", ColumnKind.Escalation, a, b));
            _columns.Add(new Column($"mid.{Actor(a)}.{Actor(b)}", ColumnKind.MidHostility, a, b));
        }

        foreach (var a in def.Record.Actors)
        {
            _columns.Add(new Column($"power.{Actor(a)}", ColumnKind.Power, a, 0));
            _columns.Add(new Column($"strength.{Actor(a)}", ColumnKind.Strength, a, 0));
            _columns.Add(new Column($"cohesion.{Actor(a)}", ColumnKind.Cohesion, a, 0));
        }

        foreach (var r in def.Record.Regions)
        {
            _columns.Add(new Column($"controller.{def.Regions[r].Id}", ColumnKind.Controller, r, 0));
        }

        _columns.Add(new Column("fatalities", ColumnKind.Fatalities, 0, 0));
        _columns.Add(new Column("civilian_fatalities", ColumnKind.CivilianFatalities, 0, 0));
        _columns.Add(new Column("events", ColumnKind.Events, 0, 0));
        _values = new double[_columns.Count][];
        for (var c = 0; c < _values.Length; c++)
        {
            _values[c] = new double[Math.Max(1, expectedTicks)];
        }
    }

    /// <summary>How a column's value is read from the state.</summary>
    public enum ColumnKind
    {
        /// <summary>Affinity of A toward B.</summary>
        Affinity,

        /// <summary>Escalation rung of the dyad.</summary>
        Escalation,

        /// <summary>The dyad's Militarized Interstate Dispute hostility level (1-5), from its rung.</summary>
        MidHostility,

        /// <summary>An actor's power.</summary>
        Power,

        /// <summary>An actor's total force strength.</summary>
        Strength,

        /// <summary>An actor's cohesion.</summary>
        Cohesion,

        /// <summary>A region's controller (actor index, -1 for none).</summary>
        Controller,

        /// <summary>Fatalities so far.</summary>
        Fatalities,

        /// <summary>Civilian fatalities so far.</summary>
        CivilianFatalities,

        /// <summary>Events so far.</summary>
        Events,
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

        var n = _state.ActorCount;
        var affinities = _state.Affinity.AsSpan();
        var rungs = _state.Escalation.AsSpan();
        var columns = CollectionsMarshal.AsSpan(_columns);
        for (var c = 0; c < width; c++)
        {
            ref readonly var col = ref columns[c];
            _values[c][Ticks] = col.Kind switch
            {
                ColumnKind.Affinity => affinities[(col.A * n) + col.B],
                ColumnKind.Escalation => rungs[(col.A * n) + col.B],
                ColumnKind.MidHostility => MidHostility.Of(rungs[(col.A * n) + col.B]),
                ColumnKind.Power => _state.Power(col.A),
                ColumnKind.Strength => _state.Strengths.Of(col.A, -1),
                ColumnKind.Cohesion => _state.PoliticsOf(col.A).Cohesion,
                ColumnKind.Controller => _state.RegionOf(col.A).Controller,
                ColumnKind.Fatalities => _state.TotalFatalities,
                ColumnKind.CivilianFatalities => _state.TotalCivilianFatalities,
                _ => _state.Events.Count,
            };
        }

        Ticks++;
    }

    /// <summary>One recorded series.</summary>
    public readonly record struct Column(string Name, ColumnKind Kind, int A, int B);
}
