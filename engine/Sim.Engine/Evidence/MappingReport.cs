using System.Globalization;
using System.Text;

namespace Sim.Engine.Evidence;

/// <summary>Why an observed row was not mapped onto the scenario.</summary>
public enum UnmappedReason
{
    /// <summary>Its date lies outside <see cref="ObservationOptions.Window"/>.</summary>
    OutsideWindow,

    /// <summary>Violence with no death recorded (GED's best estimate 0, ACLED fatalities 0): UCDP counts only lethal events, so neither side counts these.</summary>
    NoDeaths,

    /// <summary>Neither violence nor a control change (protests, riots, other strategic developments).</summary>
    OtherEventType,

    /// <summary>A side no scenario actor declares in <c>observed_as</c>.</summary>
    ActorUnknown,

    /// <summary>Both sides map onto the same actor (fighting inside what the scenario holds as one actor), which the model cannot produce.</summary>
    SameActor,

    /// <summary>No region declares its admin1 or admin2 unit, and its place is too vague (GED precision 6-7) or missing to go by distance.</summary>
    RegionUnknown,

    /// <summary>No region declares its admin unit and the nearest region's point is farther than <see cref="ObservationOptions.MaxDistanceKm"/>.</summary>
    RegionTooFar,
}

/// <summary>A name and how many rows carried it.</summary>
public readonly record struct NameCount(string Name, int Count);

/// <summary>What became of every row of an observed-data file: mapped (by admin name or by distance) or not, and why.</summary>
public sealed class MappingReport
{
    internal MappingReport(string file, string format, int rows, int byAdmin, int byDistance, int[] unmapped,
        IReadOnlyList<NameCount> unknownActors, IReadOnlyList<NameCount> unknownAdmin, DateOnly? first, DateOnly? last)
    {
        FirstDate = first;
        LastDate = last;
        File = file;
        Format = format;
        Rows = rows;
        MappedByAdmin = byAdmin;
        MappedByDistance = byDistance;
        var counts = new SortedDictionary<UnmappedReason, int>();
        foreach (var reason in Enum.GetValues<UnmappedReason>())
        {
            counts[reason] = unmapped[(int)reason];
        }

        Unmapped = counts;
        UnknownActors = unknownActors;
        UnknownAdmin = unknownAdmin;
    }

    /// <summary>The file read.</summary>
    public string File { get; }

    /// <summary><c>UCDP GED</c> or <c>ACLED</c>, as told by the header.</summary>
    public string Format { get; }

    /// <summary>The earliest date of any row read (mapped or not), or null when there are none.</summary>
    public DateOnly? FirstDate { get; }

    /// <summary>The latest date of any row read (mapped or not): months after it are not covered by the data.</summary>
    public DateOnly? LastDate { get; }

    /// <summary>Data rows read (the header not counted).</summary>
    public int Rows { get; }

    /// <summary>Rows mapped onto an actor and a region.</summary>
    public int Mapped => MappedByAdmin + MappedByDistance;

    /// <summary>Mapped rows whose region was found by a declared admin name.</summary>
    public int MappedByAdmin { get; }

    /// <summary>Mapped rows whose region was the nearest region point within the distance allowed.</summary>
    public int MappedByDistance { get; }

    /// <summary>Rows not mapped, by reason (every reason listed, zeros included); they add up to <see cref="Rows"/> minus <see cref="Mapped"/>.</summary>
    public IReadOnlyDictionary<UnmappedReason, int> Unmapped { get; }

    /// <summary>Side names no actor declares, with the rows that named them, most frequent first.</summary>
    public IReadOnlyList<NameCount> UnknownActors { get; }

    /// <summary>Admin units (<c>admin1 / admin2</c>) of rows that found no region, most frequent first.</summary>
    public IReadOnlyList<NameCount> UnknownAdmin { get; }

    /// <summary>The report in words: totals, reasons, and the most frequent unknown names (at most <paramref name="top"/> of each).</summary>
    public string Describe(int top = 10)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{File} ({Format}{(FirstDate is { } f && LastDate is { } l ? $", {f:yyyy-MM-dd} to {l:yyyy-MM-dd}" : "")}): {Rows} rows, {Mapped} mapped ({MappedByAdmin} by admin name, {MappedByDistance} by distance), {Rows - Mapped} not mapped\n");
        foreach (var (reason, count) in Unmapped)
        {
            s.Append(CultureInfo.InvariantCulture, $"  {ReasonText(reason),-34} {count,7}\n");
        }

        Names("unknown sides", UnknownActors);
        Names("unknown admin units", UnknownAdmin);
        return s.ToString();

        void Names(string title, IReadOnlyList<NameCount> names)
        {
            if (names.Count == 0)
            {
                return;
            }

            s.Append(CultureInfo.InvariantCulture, $"  {title} (most rows first):\n");
            for (var i = 0; i < Math.Min(top, names.Count); i++)
            {
                s.Append(CultureInfo.InvariantCulture, $"    {names[i].Count,6}  {names[i].Name}\n");
            }

            if (names.Count > top)
            {
                s.Append(CultureInfo.InvariantCulture, $"    ... {names.Count - top} more\n");
            }
        }
    }

    /// <summary>The reason as the report and its table name it (<c>outside_window</c>, <c>actor_unknown</c>, ...).</summary>
    public static string ReasonText(UnmappedReason reason) => reason switch
    {
        UnmappedReason.OutsideWindow => "outside_window",
        UnmappedReason.NoDeaths => "no_deaths",
        UnmappedReason.OtherEventType => "other_event_type",
        UnmappedReason.ActorUnknown => "actor_unknown",
        UnmappedReason.SameActor => "same_actor",
        UnmappedReason.RegionUnknown => "region_unknown",
        UnmappedReason.RegionTooFar => "region_too_far",
        _ => reason.ToString(),
    };
}

/// <summary>Counts rows as they are mapped, and builds the <see cref="MappingReport"/>.</summary>
internal sealed class MappingTally
{
    private readonly int[] _unmapped = new int[Enum.GetValues<UnmappedReason>().Length];
    private readonly Dictionary<string, int> _actors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _admin = new(StringComparer.Ordinal);

    public int Rows { get; set; }

    public DateOnly? First { get; private set; }

    public DateOnly? Last { get; private set; }

    /// <summary>Counts a readable row and widens the dates the data cover.</summary>
    public void Row(DateOnly date)
    {
        Rows++;
        First = First is { } f && f <= date ? f : date;
        Last = Last is { } l && l >= date ? l : date;
    }

    public int ByAdmin { get; set; }

    public int ByDistance { get; set; }

    public void Unmapped(UnmappedReason reason) => _unmapped[(int)reason]++;

    public void UnknownActor(string name) => _actors[name] = _actors.GetValueOrDefault(name) + 1;

    public void UnknownAdmin(string name) => _admin[name] = _admin.GetValueOrDefault(name) + 1;

    public MappingReport Build(string file, string format) =>
        new(file, format, Rows, ByAdmin, ByDistance, _unmapped, Sorted(_actors), Sorted(_admin), First, Last);

    private static List<NameCount> Sorted(Dictionary<string, int> names)
    {
        var list = new List<NameCount>(names.Count);
        foreach (var (name, count) in names)
        {
            list.Add(new NameCount(name, count));
        }

        // Most rows first, then by name, so the report is the same bytes whatever the row order.
        list.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Name, b.Name));
        return list;
    }
}
