using System.Globalization;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Evidence;

/// <summary>Named summary statistics of a set of events over a window; the names are the same for observed and simulated events.</summary>
public sealed class SummaryVector
{
    internal SummaryVector(SummaryLayout layout, double[] values)
    {
        Layout = layout;
        Values = values;
    }

    /// <summary>The layout: names, window, groups.</summary>
    public SummaryLayout Layout { get; }

    /// <summary>The statistics' names, in layout order.</summary>
    public IReadOnlyList<string> Names => Layout.Names;

    /// <summary>The values, one per name; NaN where the data do not give the statistic (control changes in GED).</summary>
    public double[] Values { get; }

    /// <summary>The value named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such statistic.</exception>
    public double this[string name] => Values[Layout.IndexOf(name)];
}

/// <summary>
/// Summary statistics of events, computed by one code path from observed events (<see cref="Observed"/>) and from a
/// run's events (<see cref="Simulated"/>): monthly events and deaths in total, by region, by dyad and by violence
/// type; days to the first event of each type and dyad; control changes. See <see cref="SummaryLayout"/> for names.
/// </summary>
public static class SummaryStatistics
{
    /// <summary>The statistics of observed events over <paramref name="window"/>.</summary>
    public static SummaryVector Observed(Observations observed, SummaryWindow window)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return new SummaryLayout(observed.Scenario.Definition, window).Observed(observed);
    }

    /// <summary>
    /// The statistics of a run's events over <paramref name="window"/>: the same names, in the same order, as
    /// <see cref="Observed"/> for the same scenario and window. Months after the run's last tick count as months with
    /// no events, so choose a window the run covers. For many runs build one <see cref="SummaryLayout"/> and call its
    /// <see cref="SummaryLayout.Simulated"/>.
    /// </summary>
    public static SummaryVector Simulated(IEnumerable<RunEvent> events, Scenario scenario, SummaryWindow window)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new SummaryLayout(scenario.Definition, window).Simulated(events);
    }
}

/// <summary>
/// The names and order of summary statistics for one scenario and window, built once and used for any number of
/// event sets. Names, in this order (months <c>yyyy-MM</c> ascending; regions and actors in scenario order; a dyad
/// <c>A~B</c> has A before B in scenario order, and <c>A~civilians</c> for one-sided violence; types
/// <c>state_based</c>, <c>non_state</c>, <c>one_sided</c>):
/// <list type="bullet">
/// <item><c>events.total.M</c>, <c>fatalities.total.M</c></item>
/// <item><c>events.region.R.M</c>, <c>fatalities.region.R.M</c></item>
/// <item><c>events.dyad.A~B.M</c>, <c>fatalities.dyad.A~B.M</c></item>
/// <item><c>events.type.T.M</c>, <c>fatalities.type.T.M</c></item>
/// <item><c>first.type.T</c>, <c>first.dyad.A~B</c>: days from the window's first day to the first event, the window's length in days when none</item>
/// <item><c>control.total.M</c>, <c>control.region.R</c>: control changes per month, and per region over the window</item>
/// </list>
/// An event counts when its side (and, except in one-sided violence, its other side) is an actor that declares
/// <c>observed_as</c>, it has a region, and its class is not <see cref="EventClass.None"/>: observed rows pass by
/// construction, and the model's events that no data set could record are left out, so both sides count alike.
/// </summary>
public sealed class SummaryLayout
{
    private readonly Dictionary<string, int> _index;
    private readonly List<(string Name, int Offset)> _series = [];
    private readonly ScenarioDefinition _scenario;
    private readonly int[] _dyadOf;
    private readonly int _actors;
    private readonly int _months;
    private readonly int _regions;
    private readonly int _dyads;
    private readonly int _regionBase;
    private readonly int _dyadBase;
    private readonly int _typeBase;
    private readonly int _firstBase;
    private readonly int _controlBase;
    private readonly string _occupy = DefaultActions.All[(int)DefaultAction.Occupy].Id;

    /// <summary>
    /// The most actors that may declare <c>observed_as</c>: 200 give 20,100 dyads, two monthly series each, far beyond
    /// what any event data set can inform, while a few thousand would not fit in memory.
    /// </summary>
    public const int MaxObservableActors = 200;

    /// <summary>The layout for <paramref name="scenario"/> and <paramref name="window"/>.</summary>
    /// <exception cref="InputException">More than <see cref="MaxObservableActors"/> actors declare <c>observed_as</c>.</exception>
    public SummaryLayout(ScenarioDefinition scenario, SummaryWindow window)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        window.Validate();
        _scenario = scenario;
        Window = window;
        _actors = scenario.Actors.Length;
        _months = window.Months;
        _regions = scenario.Regions.Length;
        var names = new List<string>();
        var months = new string[_months];
        for (var m = 0; m < _months; m++)
        {
            months[m] = window.MonthName(m);
        }

        // Dyads among the actors that observed data can name; one per unordered pair, and one with civilians each.
        var observable = new List<int>();
        foreach (var a in scenario.Actors)
        {
            if (!a.ObservedAs.IsEmpty)
            {
                observable.Add(a.Index);
            }
        }

        if (observable.Count > MaxObservableActors)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"error: {observable.Count} actors declare observed_as; dyad statistics grow with their square, so at most {MaxObservableActors} may (fix: declare it for the actors the data are compared on)."));
        }

        _dyadOf = new int[_actors * (_actors + 1)];
        Array.Fill(_dyadOf, -1);
        var dyadNames = new List<string>();
        for (var i = 0; i < observable.Count; i++)
        {
            for (var j = i + 1; j < observable.Count; j++)
            {
                _dyadOf[(observable[i] * (_actors + 1)) + observable[j]] = dyadNames.Count;
                dyadNames.Add($"{scenario.Actors[observable[i]].Id}~{scenario.Actors[observable[j]].Id}");
            }
        }

        foreach (var a in observable)
        {
            _dyadOf[(a * (_actors + 1)) + _actors] = dyadNames.Count;
            dyadNames.Add($"{scenario.Actors[a].Id}~civilians");
        }

        _dyads = dyadNames.Count;
        Monthly("total", months, names);
        _regionBase = names.Count;
        foreach (var r in scenario.Regions)
        {
            Monthly("region." + r.Id, months, names);
        }

        _dyadBase = names.Count;
        foreach (var d in dyadNames)
        {
            Monthly("dyad." + d, months, names);
        }

        _typeBase = names.Count;
        foreach (var t in EventClasses.Violence)
        {
            Monthly("type." + EventClasses.Name(t), months, names);
        }

        _firstBase = names.Count;
        foreach (var t in EventClasses.Violence)
        {
            names.Add("first.type." + EventClasses.Name(t));
        }

        foreach (var d in dyadNames)
        {
            names.Add("first.dyad." + d);
        }

        _controlBase = names.Count;
        foreach (var m in months)
        {
            names.Add("control.total." + m);
        }

        foreach (var r in scenario.Regions)
        {
            names.Add("control.region." + r.Id);
        }

        Names = names;
        Dyads = dyadNames;
        _index = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            _index[names[i]] = i;
        }
    }

    /// <summary>The window.</summary>
    public SummaryWindow Window { get; }

    /// <summary>Every statistic's name, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// The monthly series (<c>events.total</c>, <c>fatalities.region.kidal</c>, ...): the names without their month,
    /// in order; series <c>s</c>'s value in month <c>m</c> is at <see cref="SeriesOffset"/>(s) + m.
    /// </summary>
    public IReadOnlyList<string> MonthlySeries => _series.ConvertAll(s => s.Name);

    /// <summary>Where monthly series <paramref name="series"/> starts in <see cref="Names"/> and a vector's values.</summary>
    public int SeriesOffset(int series) => _series[series].Offset;

    /// <summary>The number of monthly series.</summary>
    public int SeriesCount => _series.Count;

    /// <summary>The dyads (<c>A~B</c>, <c>A~civilians</c>), in order.</summary>
    public IReadOnlyList<string> Dyads { get; }

    /// <summary>The position of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such statistic.</exception>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : throw new KeyNotFoundException($"no summary statistic '{name}'");

    /// <summary>
    /// The positions, in order, of the statistics <paramref name="groups"/> name: each group is a statistic's name or
    /// a prefix of names up to a dot (<c>events.type</c> takes <c>events.type.state_based.2023-01</c> and the rest of
    /// that group). What a calibration fits when a few informative statistics should not drown in hundreds of sparse
    /// region, dyad and month cells.
    /// </summary>
    /// <exception cref="InputException">A group that names no statistic.</exception>
    public int[] Select(IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var chosen = new bool[Names.Count];
        foreach (var group in groups)
        {
            var found = false;
            for (var i = 0; i < Names.Count; i++)
            {
                var name = Names[i];
                if (string.Equals(name, group, StringComparison.Ordinal)
                    || (name.Length > group.Length && name.StartsWith(group, StringComparison.Ordinal) && name[group.Length] == '.'))
                {
                    chosen[i] = found = true;
                }
            }

            if (!found)
            {
                var prefixes = MonthlySeries.Select(Group).Concat(["first.type", "first.dyad", "control.region"]).Distinct(StringComparer.Ordinal);
                throw new InputException($"error: no summary statistic is named '{group}' or starts with '{group}.' (groups: {string.Join(", ", prefixes)}; or a whole name such as {Names[0]}).");
            }
        }

        return [.. Enumerable.Range(0, chosen.Length).Where(i => chosen[i])];
    }

    /// <summary>A monthly series' group: its name up to the second dot (<c>events.region</c>), or all of it (<c>events.total</c>).</summary>
    private static string Group(string series)
    {
        var second = series.IndexOf('.', series.IndexOf('.', StringComparison.Ordinal) + 1);
        return second < 0 ? series : series[..second];
    }

    /// <summary>The statistics of observed events (control statistics NaN when the data give no control changes).</summary>
    public SummaryVector Observed(Observations observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var values = Empty();
        foreach (var e in observed.Events)
        {
            Add(values, e.Date, e.RegionIndex, e.ActorIndex, e.TargetIndex, e.Class, e.Fatalities);
        }

        if (!observed.GivesControlChanges)
        {
            Array.Fill(values, double.NaN, _controlBase, values.Length - _controlBase);
        }

        return new SummaryVector(this, values);
    }

    /// <summary>The statistics of a run's events (see <see cref="SummaryStatistics.Simulated"/>).</summary>
    public SummaryVector Simulated(IEnumerable<RunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var values = Empty();
        foreach (var e in events)
        {
            var actor = e.Actor is null ? -1 : _scenario.ActorIndex(e.Actor);
            var target = e.Target is null ? -1 : _scenario.ActorIndex(e.Target);
            var region = e.Region is null ? -1 : _scenario.RegionIndex(e.Region);
            var cls = EventClasses.Classify(e.AcledType, string.Equals(e.Action, _occupy, StringComparison.Ordinal),
                actor >= 0 ? _scenario.Actors[actor].Kind : null, target >= 0 ? _scenario.Actors[target].Kind : null, e.Fatalities);
            Add(values, e.Date, region, actor, target, cls, e.Fatalities);
        }

        return new SummaryVector(this, values);
    }

    private double[] Empty()
    {
        var values = new double[Names.Count];
        // Days to a first event start at the censored value, the window's length, and only come down.
        Array.Fill(values, Window.Days, _firstBase, _controlBase - _firstBase);
        return values;
    }

    /// <summary>The one place an event enters the statistics, observed or simulated.</summary>
    private void Add(double[] values, DateOnly date, int region, int actor, int target, EventClass cls, int fatalities)
    {
        var m = Window.MonthIndex(date);
        if (m < 0 || region < 0 || actor < 0 || cls == EventClass.None || _scenario.Actors[actor].ObservedAs.IsEmpty)
        {
            return;
        }

        if (cls == EventClass.ControlChange)
        {
            values[_controlBase + m]++;
            values[_controlBase + _months + region]++;
            return;
        }

        var dyad = Dyad(actor, cls == EventClass.OneSided ? -1 : target);
        if (dyad < 0)
        {
            return;
        }

        var day = date.DayNumber - Window.Start.DayNumber;
        var type = (int)cls - 1;
        Count(values, 0, m, fatalities);
        Count(values, _regionBase + (region * 2 * _months), m, fatalities);
        Count(values, _dyadBase + (dyad * 2 * _months), m, fatalities);
        Count(values, _typeBase + (type * 2 * _months), m, fatalities);
        ref var firstType = ref values[_firstBase + type];
        firstType = Math.Min(firstType, day);
        ref var firstDyad = ref values[_firstBase + 3 + dyad];
        firstDyad = Math.Min(firstDyad, day);
    }

    private void Count(double[] values, int at, int month, int fatalities)
    {
        values[at + month]++;
        values[at + _months + month] += fatalities;
    }

    /// <summary>The dyad of two actors in either order (<paramref name="b"/> -1: civilians), or -1 when one cannot be observed.</summary>
    private int Dyad(int a, int b)
    {
        if (b < 0)
        {
            return _dyadOf[(a * (_actors + 1)) + _actors];
        }

        var (lo, hi) = a < b ? (a, b) : (b, a);
        return lo == hi ? -1 : _dyadOf[(lo * (_actors + 1)) + hi];
    }

    private void Monthly(string group, string[] months, List<string> names)
    {
        _series.Add(("events." + group, names.Count));
        _series.Add(("fatalities." + group, names.Count + months.Length));
        foreach (var m in months)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"events.{group}.{m}"));
        }

        foreach (var m in months)
        {
            names.Add(string.Create(CultureInfo.InvariantCulture, $"fatalities.{group}.{m}"));
        }
    }
}
