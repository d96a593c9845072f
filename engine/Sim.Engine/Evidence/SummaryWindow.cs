using System.Globalization;

namespace Sim.Engine.Evidence;

/// <summary>
/// Whole calendar months, <see cref="From"/>'s month to <see cref="To"/>'s month inclusive: the span summary
/// statistics and scores are computed over. Only the year and month of each date count.
/// </summary>
/// <param name="From">A day in the first month.</param>
/// <param name="To">A day in the last month (not before <paramref name="From"/>'s month).</param>
public readonly record struct SummaryWindow(DateOnly From, DateOnly To)
{
    /// <summary>The first day of the first month.</summary>
    public DateOnly Start => new(From.Year, From.Month, 1);

    /// <summary>The last day of the last month.</summary>
    public DateOnly End => new DateOnly(To.Year, To.Month, 1).AddMonths(1).AddDays(-1);

    /// <summary>The number of months (at least 1 for a valid window).</summary>
    public int Months => MonthNumber(To) - MonthNumber(From) + 1;

    /// <summary>The number of days from <see cref="Start"/> to <see cref="End"/> inclusive.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>Whether <paramref name="date"/> falls in one of the window's months.</summary>
    public bool Contains(DateOnly date) => MonthIndex(date) >= 0;

    /// <summary>The 0-based month of <paramref name="date"/> in the window, or -1 outside it.</summary>
    public int MonthIndex(DateOnly date)
    {
        var m = MonthNumber(date) - MonthNumber(From);
        return m >= 0 && m < Months ? m : -1;
    }

    /// <summary>Month <paramref name="index"/> as <c>yyyy-MM</c>.</summary>
    public string MonthName(int index) => Start.AddMonths(index).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The window as <c>yyyy-MM:yyyy-MM</c>, the form <see cref="Parse"/> reads.</summary>
    public override string ToString() => $"{Start.ToString("yyyy-MM", CultureInfo.InvariantCulture)}:{To.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    /// <summary>Reads <c>FROM:TO</c>, each <c>yyyy-MM</c> or <c>yyyy-MM-dd</c> (the day is ignored).</summary>
    /// <param name="text">The text.</param>
    /// <param name="what">The option or argument it came from, for the message (e.g. <c>--window</c>).</param>
    /// <exception cref="InputException">Not of that form, or TO's month before FROM's.</exception>
    public static SummaryWindow Parse(string text, string what = "window")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length == 2 && TryMonth(parts[0], out var from) && TryMonth(parts[1], out var to))
        {
            if (MonthNumber(to) < MonthNumber(from))
            {
                throw new InputException($"error: {what} {text}: it ends before it starts (fix: FROM:TO with TO's month not before FROM's).");
            }

            return new SummaryWindow(from, to);
        }

        throw new InputException($"error: {what} '{text}' is not FROM:TO with months as YYYY-MM (or days as YYYY-MM-DD), for example 2023-01:2023-12.");
    }

    /// <summary>Checks that the window is the right way round.</summary>
    /// <exception cref="ArgumentException">Its last month is before its first.</exception>
    public void Validate()
    {
        if (MonthNumber(To) < MonthNumber(From))
        {
            throw new ArgumentException($"the window {From:yyyy-MM-dd}:{To:yyyy-MM-dd} ends before it starts", "window");
        }
    }

    private static int MonthNumber(DateOnly d) => (d.Year * 12) + d.Month - 1;

    private static bool TryMonth(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
