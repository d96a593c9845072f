using Sim.Output;

namespace Sim.Viz.Plots;

/// <summary>
/// The names a report shows beside ids: actors' and regions' display names and outcomes' descriptions, as the
/// ensemble recorded them from its scenario (so a merged or compared ensemble names things as the one run did).
/// Older folders recorded none; then the ids stand alone.
/// </summary>
public sealed class ReportLabels
{
    private readonly IReadOnlyDictionary<string, string> _names;
    private readonly Dictionary<string, string> _descriptions;

    private ReportLabels(IReadOnlyDictionary<string, string> names, Dictionary<string, string> descriptions)
    {
        _names = names;
        _descriptions = descriptions;
    }

    /// <summary>The names <paramref name="info"/> recorded.</summary>
    public static ReportLabels For(EnsembleInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (info.OutcomeDescriptions is { } d && d.Count == info.Outcomes.Count)
        {
            for (var o = 0; o < d.Count; o++)
            {
                if (!string.IsNullOrWhiteSpace(d[o]))
                {
                    descriptions[info.Outcomes[o]] = d[o];
                }
            }
        }

        return new ReportLabels(info.Names ?? new Dictionary<string, string>(), descriptions);
    }

    /// <summary>The display name of an actor or region, or the id.</summary>
    public string Name(string id) => _names.TryGetValue(id, out var n) && !string.IsNullOrWhiteSpace(n) ? n : id;

    /// <summary>An outcome's description, or "" when it has none.</summary>
    public string Description(string outcome) => _descriptions.TryGetValue(outcome, out var d) ? d : "";

    /// <summary>An outcome's description, or its id when it has none.</summary>
    public string OutcomeTitle(string outcome) => _descriptions.TryGetValue(outcome, out var d) ? d : outcome;

    /// <summary>A series in words: "escalation.NORTH.SOUTH" is "Escalation of Northland towards Southland".</summary>
    public string SeriesTitle(string series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return series.Split('.') switch
        {
            ["escalation", var a, var b] => $"Escalation of {Name(a)} towards {Name(b)}",
            _ => series,
        };
    }
}
