using System.Globalization;
using System.Text.RegularExpressions;

namespace Sim.Engine.Scenarios;

/// <summary>Reads the <c>scenario</c> header: name, start date, tick length and horizon.</summary>
internal static partial class HeaderReader
{
    public sealed record Header(string Name, string? Description, int Horizon);

    public static Header Read(ReadContext c)
    {
        if (c.ScenarioNode is null)
        {
            return new Header("", null, 0);
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
            var n = m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
            if (n <= 0)
            {
                c.Error(tick, $"expected a tick length such as '1d' or '1w', got {tick.Describe()}", "Nd for N days, Nw for N weeks");
            }
            else
            {
                c.TickDays = m.Groups[2].Value == "w" ? n * 7 : n;
            }
        }
        var horizon = r.Integer("horizon", 365, 1, 1_000_000);
        return new Header(name, description, horizon);
    }

    [GeneratedRegex("^([0-9]+)([dw])$")]
    private static partial Regex TickPattern();
}
