using System.Globalization;
using System.Text;

namespace Sim.Engine.Evidence;

/// <summary>What happened to one outcome, as an outcomes file states it.</summary>
/// <param name="Outcome">The outcome's id.</param>
/// <param name="Value">Its observed value (1/0 for yes/no).</param>
/// <param name="BaseRate">For a yes/no outcome, the reference probability to beat (a base rate known before the scored window), if given.</param>
/// <param name="Line">The line it is on.</param>
public sealed record ObservedOutcome(string Outcome, double Value, double? BaseRate, int Line);

/// <summary>
/// Reads an outcomes file: CSV with a header <c>outcome,value</c> and an optional <c>base_rate</c> column, one row
/// per outcome of the scenario that was observed. A scenario states what it starts from, not what happened after,
/// so the observed values come from here. Values are numbers, or <c>true</c>/<c>false</c> (also yes/no) for yes/no outcomes.
/// </summary>
public static class ObservedOutcomes
{
    /// <summary>Reads <paramref name="path"/> and checks each outcome against <paramref name="scenario"/>'s.</summary>
    /// <exception cref="ObservationException">The file cannot be read, or bad rows (each with <c>file:line</c>).</exception>
    public static IReadOnlyList<ObservedOutcome> Load(string path, Scenario scenario)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ObservationException($"error: cannot read the outcomes file {path}: {e.Message}", e);
        }

        return Parse(text, path, scenario);
    }

    /// <summary>Reads outcome values from <paramref name="csv"/>; <paramref name="name"/> is the file name errors show.</summary>
    /// <exception cref="ObservationException">Bad rows.</exception>
    public static IReadOnlyList<ObservedOutcome> Parse(string csv, string name, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(scenario);
        var records = CsvRecords.Parse(name, csv);
        if (records.Count == 0)
        {
            throw new ObservationException(name, 1, "the file is empty; expected a header 'outcome,value' (and optionally ',base_rate')");
        }

        var columns = CsvRecords.Columns(records[0]);
        if (!columns.TryGetValue("outcome", out var oc) || !columns.TryGetValue("value", out var vc))
        {
            throw new ObservationException(name, records[0].Line, "the header must name the columns 'outcome' and 'value' (and optionally 'base_rate')");
        }

        var bc = columns.GetValueOrDefault("base_rate", -1);
        var known = scenario.Outcomes;
        var errors = new List<(int, string)>();
        var result = new List<ObservedOutcome>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < records.Count; i++)
        {
            var r = records[i];
            // A row may stop after its value: an empty base rate need not be written.
            if (r.Fields.Length <= Math.Max(oc, vc) || r.Fields.Length > records[0].Fields.Length)
            {
                errors.Add((r.Line, string.Create(CultureInfo.InvariantCulture, $"expected at most {records[0].Fields.Length} fields as in the header, and at least the outcome and its value; got {r.Fields.Length}")));
                continue;
            }

            var id = r.Fields[oc].Trim();
            var index = -1;
            for (var k = 0; k < scenario.Definition.Outcomes.Length; k++)
            {
                if (scenario.Definition.Outcomes[k].Id == id)
                {
                    index = k;
                    break;
                }
            }

            if (index < 0)
            {
                errors.Add((r.Line, $"the scenario has no outcome '{id}' (known: {string.Join(", ", known)})"));
                continue;
            }

            if (!seen.Add(id))
            {
                errors.Add((r.Line, $"outcome '{id}' is given twice"));
                continue;
            }

            var isBool = scenario.Definition.Outcomes[index].Expr.Type == Scenarios.Expressions.ExpressionType.Bool;
            var text = r.Fields[vc].Trim();
            double value;
            if (isBool)
            {
                switch (text.ToLowerInvariant())
                {
                    case "true" or "yes" or "1":
                        value = 1;
                        break;
                    case "false" or "no" or "0":
                        value = 0;
                        break;
                    default:
                        errors.Add((r.Line, $"outcome '{id}' is yes/no: its value must be true or false, got '{text}'"));
                        continue;
                }
            }
            else if (!CsvRecords.TryNumber(text, out value))
            {
                errors.Add((r.Line, $"outcome '{id}' is a number: got '{text}'"));
                continue;
            }

            double? baseRate = null;
            if (bc >= 0 && bc < r.Fields.Length && r.Fields[bc].Trim() is { Length: > 0 } b)
            {
                if (!isBool || !CsvRecords.TryNumber(b, out var p) || p is < 0 or > 1)
                {
                    errors.Add((r.Line, $"base_rate '{b}' must be a probability in [0, 1], and only for a yes/no outcome"));
                    continue;
                }

                baseRate = p;
            }

            result.Add(new ObservedOutcome(id, value, baseRate, r.Line));
        }

        if (errors.Count > 0)
        {
            throw new ObservationException(name, errors.Take(Observations.MaxErrorsListed).ToList(), errors.Count);
        }

        return result;
    }
}
