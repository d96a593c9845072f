using System.Globalization;
using System.Text.RegularExpressions;

namespace Sim.Engine.Scenarios;

/// <summary>Reads the <c>scenario</c> header: name, start date, tick length and horizon.</summary>
internal static partial class HeaderReader
{
    public sealed record Header(string Name, string? Description, int Horizon, string HorizonAt);

    public static Header Read(ReadContext c)
    {
        if (c.ScenarioNode is null)
        {
            return new Header("", null, 0, "");
        }
        var r = new ItemReader(c.Diagnostics, c.ScenarioNode, "scenario", ScenarioKeys.Scenario);
        var name = r.String("name", required: true) ?? "";
        var description = r.String("description");
        if (r.Scalar("start", required: true, "a date") is { } start)
        {
            c.Start = c.ParseDate(start, "start");
        }
        if (r.Scalar("tick", expected: "a tick length") is { } tick)
        {
            var m = TickPattern().Match(tick.Value);
            // Digits too many for a long are simply a tick too long; weeks are counted in days only below the limit.
            var n = !m.Success ? 0 : long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : long.MaxValue;
            var days = m.Success && m.Groups[2].Value == "w" && n <= Limits.TickDays ? n * 7 : n;
            if (n <= 0)
            {
                c.Error(tick, $"expected a tick length such as '1d' or '1w', got {tick.Describe()}", "Nd for N days, Nw for N weeks");
            }
            else if (days > Limits.TickDays)
            {
                c.Error(tick, string.Create(CultureInfo.InvariantCulture, $"a tick of {tick.Value} is longer than {Limits.TickDays} days (a century), the longest a tick may be"),
                    "a scenario's tick is a day, a week or a few weeks");
            }
            else
            {
                c.TickDays = (int)days;
            }
        }
        var horizon = r.Integer("horizon", 365, 1, Limits.HorizonTicks);
        if (c.Start is { } first && (long)horizon * c.TickDays > DateOnly.MaxValue.DayNumber - first.DayNumber)
        {
            c.Error(c.ScenarioNode.Get("horizon") ?? c.ScenarioNode, string.Create(CultureInfo.InvariantCulture,
                $"{horizon} ticks of {c.TickDays} days from {first:yyyy-MM-dd} end after {DateOnly.MaxValue:yyyy-MM-dd}, the last date a run may reach"),
                "shorten the horizon or the tick, or start earlier");
        }

        return new Header(name, description, horizon, ReadContext.At(c.ScenarioNode.Get("horizon") ?? c.ScenarioNode));
    }

    [GeneratedRegex("^([0-9]+)([dw])$")]
    private static partial Regex TickPattern();
}
