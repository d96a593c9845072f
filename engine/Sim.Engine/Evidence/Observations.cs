using System.Globalization;
using System.Text;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Evidence;

/// <summary>How observed rows are mapped onto a scenario.</summary>
public sealed record ObservationOptions
{
    /// <summary>An event whose admin units no region declares goes to the nearest region point at most this far away (km, great circle).</summary>
    public double MaxDistanceKm { get; init; } = 50;

    /// <summary>Only events in these months are kept (the rest are reported as outside the window); null keeps every date.</summary>
    public SummaryWindow? Window { get; init; }
}

/// <summary>
/// Observed events (UCDP GED or ACLED rows) mapped onto a scenario's actors and regions. Every row is either an
/// <see cref="ObservedEvent"/> or counted in <see cref="Report"/> with the reason it was not mapped; a row that
/// cannot be read (a bad date or number, a wrong number of fields) makes loading fail with <c>file:line</c> errors.
/// </summary>
public sealed class Observations
{
    /// <summary>At most this many bad rows are listed in an error; the rest are counted.</summary>
    public const int MaxErrorsListed = 20;

    private static readonly string[] GedColumns =
        ["id", "type_of_violence", "side_a", "side_a_new_id", "side_b", "side_b_new_id", "adm_1", "adm_2", "latitude", "longitude", "where_prec", "date_start", "best"];

    private static readonly string[] AcledColumns =
        ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2", "latitude", "longitude", "fatalities"];

    private Observations(Scenario scenario, IReadOnlyList<ObservedEvent> events, MappingReport report, bool givesControl)
    {
        Scenario = scenario;
        Events = events;
        Report = report;
        GivesControlChanges = givesControl;
    }

    /// <summary>The scenario the events are mapped onto.</summary>
    public Scenario Scenario { get; }

    /// <summary>The mapped events, in file order.</summary>
    public IReadOnlyList<ObservedEvent> Events { get; }

    /// <summary>What became of every row.</summary>
    public MappingReport Report { get; }

    /// <summary>Whether the data record control changes (ACLED does, GED does not); when not, control statistics are unknown, not zero.</summary>
    public bool GivesControlChanges { get; }

    /// <summary>Reads the GED or ACLED file at <paramref name="path"/> (told apart by its header) and maps it onto <paramref name="scenario"/>.</summary>
    /// <exception cref="ObservationException">The file cannot be read, its header is neither GED's nor ACLED's, or rows are bad (each named <c>file:line</c>).</exception>
    public static Observations Load(string path, Scenario scenario, ObservationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ObservationException($"error: cannot read the observed events {path}: {e.Message}", e);
        }

        return Parse(text, path, scenario, options);
    }

    /// <summary>Reads GED or ACLED rows from <paramref name="csv"/>; <paramref name="name"/> is the file name errors show.</summary>
    /// <exception cref="ObservationException">As <see cref="Load"/>.</exception>
    public static Observations Parse(string csv, string name, Scenario scenario, ObservationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(scenario);
        options ??= new ObservationOptions();
        if (!double.IsFinite(options.MaxDistanceKm) || options.MaxDistanceKm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDistanceKm, "the distance allowed must be a finite number of km, 0 or more");
        }

        var records = CsvRecords.Parse(name, csv);
        if (records.Count == 0)
        {
            throw new ObservationException(name, 1, "the file is empty; expected a header row (UCDP GED or ACLED columns)");
        }

        var columns = CsvRecords.Columns(records[0]);
        var reader = new RowReader(name, records[0].Fields.Length, columns, new ObservationMapping(scenario.Definition, options.MaxDistanceKm), scenario.Definition, options.Window);
        bool ged;
        if (Has(columns, GedColumns))
        {
            ged = true;
        }
        else if (Has(columns, AcledColumns))
        {
            ged = false;
        }
        else
        {
            var missingGed = Missing(columns, GedColumns);
            var missingAcled = Missing(columns, AcledColumns);
            throw new ObservationException(name, records[0].Line,
                $"the header is neither UCDP GED's (missing {string.Join(", ", missingGed)}) nor ACLED's (missing {string.Join(", ", missingAcled)})");
        }

        var events = new List<ObservedEvent>();
        for (var i = 1; i < records.Count; i++)
        {
            if ((ged ? reader.Ged(records[i]) : reader.Acled(records[i])) is { } e)
            {
                events.Add(e);
            }
        }

        if (reader.Errors.Count > 0)
        {
            throw new ObservationException(name, reader.Errors, reader.ErrorCount);
        }

        return new Observations(scenario, events, reader.Tally.Build(name, ged ? "UCDP GED" : "ACLED"), givesControl: !ged);
    }

    private static bool Has(Dictionary<string, int> columns, string[] names) => Missing(columns, names).Count == 0;

    private static List<string> Missing(Dictionary<string, int> columns, string[] names)
    {
        var missing = new List<string>();
        foreach (var n in names)
        {
            if (!columns.ContainsKey(n))
            {
                missing.Add(n);
            }
        }

        return missing;
    }

    /// <summary>Reads the rows of one file, collecting bad rows as errors and mapped or unmapped rows in the tally.</summary>
    private sealed class RowReader(string file, int fieldCount, Dictionary<string, int> columns, ObservationMapping mapping, ScenarioDefinition scenario, SummaryWindow? window)
    {
        public MappingTally Tally { get; } = new();

        public List<(int Line, string Message)> Errors { get; } = [];

        public int ErrorCount { get; private set; }

        public ObservedEvent? Ged(CsvRecord row)
        {
            if (!Fields(row))
            {
                return null;
            }

            var date = Date(row, "date_start");
            var type = Integer(row, "type_of_violence", 1, 3);
            var best = Integer(row, "best", 0, int.MaxValue);
            var lat = Number(row, "latitude", -90, 90);
            var lon = Number(row, "longitude", -180, 180);
            var prec = Get(row, "where_prec").Length == 0 ? 1 : Integer(row, "where_prec", 1, 7);
            if (date is not { } d || type is not { } t || best is not { } b || prec is not { } p)
            {
                return null;
            }

            Tally.Row(d);
            if (window is { } w && !w.Contains(d))
            {
                Tally.Unmapped(UnmappedReason.OutsideWindow);
                return null;
            }

            var cls = EventClasses.FromGed(t, b);
            if (cls == EventClass.None)
            {
                Tally.Unmapped(UnmappedReason.NoDeaths);
                return null;
            }

            var actor = Side(Get(row, "side_a"), Get(row, "side_a_new_id"));
            // In one-sided violence GED's side B is always "Civilians": no actor of the scenario.
            var target = cls == EventClass.OneSided ? -1 : Side(Get(row, "side_b"), Get(row, "side_b_new_id"));
            if (actor < 0 || (cls != EventClass.OneSided && target < 0))
            {
                Tally.Unmapped(UnmappedReason.ActorUnknown);
                return null;
            }

            if (actor == target)
            {
                Tally.Unmapped(UnmappedReason.SameActor);
                return null;
            }

            // GED precision 6 and 7 place an event only in a country or larger: its point says nothing of the region.
            return Mapped(row, d, actor, target, cls, b, Get(row, "adm_1"), Get(row, "adm_2"), lat, lon, precise: p <= 5, Get(row, "id"));
        }

        public ObservedEvent? Acled(CsvRecord row)
        {
            if (!Fields(row))
            {
                return null;
            }

            var date = Date(row, "event_date");
            var fatalities = Integer(row, "fatalities", 0, int.MaxValue);
            var lat = Get(row, "latitude").Length == 0 ? null : Number(row, "latitude", -90, 90);
            var lon = Get(row, "longitude").Length == 0 ? null : Number(row, "longitude", -180, 180);
            if (date is not { } d || fatalities is not { } f)
            {
                return null;
            }

            Tally.Row(d);
            if (window is { } w && !w.Contains(d))
            {
                Tally.Unmapped(UnmappedReason.OutsideWindow);
                return null;
            }

            var eventType = Get(row, "event_type").Trim();
            var territory = EventClasses.IsTerritorySubEvent(Get(row, "sub_event_type").Trim());
            // Whether the row is in the classification at all does not depend on who the sides are.
            var unclassified = EventClasses.Classify(eventType, territory, null, null, f);
            if (unclassified == EventClass.None)
            {
                Tally.Unmapped(f < 1 && eventType is "Battles" or "Explosions/Remote violence" or "Violence against civilians"
                    ? UnmappedReason.NoDeaths : UnmappedReason.OtherEventType);
                return null;
            }

            var actor = Side(Get(row, "actor1"), null);
            var targetName = Get(row, "actor2").Trim();
            var civilians = unclassified == EventClass.OneSided || targetName.Length == 0 || targetName.StartsWith("Civilians", StringComparison.OrdinalIgnoreCase);
            // A control change needs only the side that takes the region: whoever lost it is not reported as unknown.
            var target = civilians ? -1 : unclassified == EventClass.ControlChange ? mapping.Actor(targetName) : Side(targetName, null);
            if (actor < 0 || (!civilians && target < 0 && unclassified != EventClass.ControlChange))
            {
                Tally.Unmapped(UnmappedReason.ActorUnknown);
                return null;
            }

            if (actor == target && unclassified != EventClass.ControlChange)
            {
                Tally.Unmapped(UnmappedReason.SameActor);
                return null;
            }

            var cls = EventClasses.Classify(eventType, territory, scenario.Actors[actor].Kind, target >= 0 ? scenario.Actors[target].Kind : null, f);
            return Mapped(row, d, actor, target, cls, f, Get(row, "admin1"), Get(row, "admin2"), lat, lon, precise: true, columns.ContainsKey("event_id_cnty") ? Get(row, "event_id_cnty") : "");
        }

        private ObservedEvent? Mapped(CsvRecord row, DateOnly date, int actor, int target, EventClass cls, int fatalities,
            string admin1, string admin2, double? lat, double? lon, bool precise, string id)
        {
            var (region, km, why) = mapping.Region(admin1, admin2, lat, lon, precise);
            if (why is { } reason)
            {
                Tally.Unmapped(reason);
                Tally.UnknownAdmin(admin2.Trim().Length > 0 ? $"{admin1.Trim()} / {admin2.Trim()}" : admin1.Trim().Length > 0 ? admin1.Trim() : "(none)");
                return null;
            }

            if (km is null)
            {
                Tally.ByAdmin++;
            }
            else
            {
                Tally.ByDistance++;
            }

            return new ObservedEvent
            {
                Date = date,
                Actor = scenario.Actors[actor].Id,
                Target = target >= 0 ? scenario.Actors[target].Id : null,
                Region = scenario.Regions[region].Id,
                Class = cls,
                Fatalities = fatalities,
                Row = string.Create(CultureInfo.InvariantCulture, $"{file}:{row.Line}"),
                SourceId = id.Trim(),
                DistanceKm = km,
                ActorIndex = actor,
                TargetIndex = target,
                RegionIndex = region,
            };
        }

        private int Side(string name, string? id)
        {
            var a = mapping.Actor(name, id);
            if (a < 0)
            {
                Tally.UnknownActor(name.Trim().Length > 0 ? name.Trim() : "(none)");
            }

            return a;
        }

        private bool Fields(CsvRecord row)
        {
            if (row.Fields.Length == fieldCount)
            {
                return true;
            }

            Error(row, string.Create(CultureInfo.InvariantCulture, $"expected {fieldCount} fields as in the header, got {row.Fields.Length}"));
            return false;
        }

        private string Get(CsvRecord row, string column) => row.Fields[columns[column]];

        private DateOnly? Date(CsvRecord row, string column)
        {
            var text = Get(row, column).Trim();
            // GED's own CSV writes "2016-01-15 00:00:00.000"; the day is what counts.
            var day = text.Length > 10 && (text[10] == ' ' || text[10] == 'T') ? text[..10] : text;
            if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                || DateOnly.TryParseExact(text, ["d MMMM yyyy", "dd MMMM yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
            {
                return d;
            }

            Error(row, $"{column} '{text}' is not a date (expected YYYY-MM-DD, or ACLED's '12 August 2023')");
            return null;
        }

        private int? Integer(CsvRecord row, string column, int min, int max)
        {
            var text = Get(row, column);
            if (CsvRecords.TryInteger(text, out var v) && v >= min && v <= max)
            {
                return v;
            }

            Error(row, max == int.MaxValue
                ? $"{column} '{text.Trim()}' is not a whole number >= {min.ToString(CultureInfo.InvariantCulture)}"
                : $"{column} '{text.Trim()}' is not a whole number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            return null;
        }

        private double? Number(CsvRecord row, string column, double min, double max)
        {
            var text = Get(row, column);
            if (CsvRecords.TryNumber(text, out var v) && v >= min && v <= max)
            {
                return v;
            }

            Error(row, string.Create(CultureInfo.InvariantCulture, $"{column} '{text.Trim()}' is not a number in [{min}, {max}]"));
            return null;
        }

        private void Error(CsvRecord row, string message)
        {
            ErrorCount++;
            if (Errors.Count < MaxErrorsListed)
            {
                Errors.Add((row.Line, message));
            }
        }
    }
}
