using System.Globalization;
using Sim.Engine.Model;
using Sim.Engine.Scenarios;

namespace Sim.Output;

/// <summary>
/// A run's violent and strategic events under ACLED's column names and vocabulary (<c>sim mc --keep acled</c>), so
/// that scripts written for ACLED exports run on simulated data, and so that <c>Observations.Load</c> reads them back
/// like an ACLED file: actors by the first name their <c>observed_as</c> gives (else their name), regions by their
/// first declared admin unit (else their name) and their point. Events without an ACLED type (talk, threats,
/// sanctions) are left out, as ACLED leaves them out.
/// </summary>
internal static class AcledEvents
{
    /// <summary>The columns after the per-run ones: ACLED's names.</summary>
    public static readonly (string Name, string SqlType)[] Columns =
    [
        ("event_id_cnty", "VARCHAR"), ("event_date", "DATE"), ("year", "INTEGER"), ("event_type", "VARCHAR"), ("sub_event_type", "VARCHAR"),
        ("actor1", "VARCHAR"), ("actor2", "VARCHAR"), ("country", "VARCHAR"), ("admin1", "VARCHAR"), ("admin2", "VARCHAR"),
        ("location", "VARCHAR"), ("latitude", "DOUBLE"), ("longitude", "DOUBLE"), ("fatalities", "INTEGER"), ("notes", "VARCHAR"),
    ];

    /// <summary>ACLED's sub-event type for the engine's violent default actions; its strategic developments are "Other" but for territory.</summary>
    private static readonly Dictionary<string, string> SubEventTypes = new(StringComparer.Ordinal)
    {
        ["clash"] = "Armed clash",
        ["strike"] = "Air/drone strike",
        ["drone_strike"] = "Air/drone strike",
        ["shell"] = "Shelling/artillery/missile attack",
        ["attack_civilians"] = "Attack",
    };

    /// <summary>Writes <paramref name="run"/>'s events that have an ACLED type, each row led by <paramref name="prefix"/>.</summary>
    public static void Write(ScenarioRun run, ITableRows rows, Action<ITableRows>? prefix = null)
    {
        var def = run.Definition;
        var index = 0;
        foreach (ref readonly var e in run.State.Events.All)
        {
            var action = def.Actions[e.Action];
            if (action.Acled is null)
            {
                continue;
            }

            var region = def.Region(e.Region);
            var actor = def.Actor(e.Actor);
            var target = def.Actor(e.Target);
            var country = region is null ? null : def.Actor(region.Country)?.Name;
            var date = def.DateOf(e.Tick);
            prefix?.Invoke(rows);
            rows.Text(string.Create(CultureInfo.InvariantCulture, $"SIM{index++}"));
            rows.Date(date);
            rows.Int(date.Year);
            rows.Text(action.Acled);
            rows.Text(SubEventType(action.Id, action.Acled, actor?.Kind));
            rows.Text(actor is null ? null : Name(actor));
            rows.Text(action.Acled == "Violence against civilians" ? $"Civilians ({country ?? "unknown"})" : target is null ? null : Name(target));
            rows.Text(country);
            rows.Text(region is null ? null : region.Admin.Length > 0 ? region.Admin[0] : region.Name);
            rows.Text(null);
            rows.Text(region?.Name);
            if (region is null)
            {
                rows.Text(null);
                rows.Text(null);
            }
            else
            {
                rows.Number(region.Lat);
                rows.Number(region.Lon);
            }

            rows.Int(e.Fatalities);
            rows.Text(string.Create(CultureInfo.InvariantCulture, $"{action.Id} (CAMEO {action.Cameo}), tick {e.Tick}; civilians killed: {e.CivilianFatalities}"));
            rows.EndRow();
        }
    }

    /// <summary>
    /// ACLED's sub-event type: a region taken is the government's regaining it or a non-state actor's overtaking it;
    /// other strategic developments are "Other"; a scenario's own violent actions get none.
    /// </summary>
    private static string? SubEventType(string action, string eventType, ActorKind? taker) => action == "occupy"
        ? taker is ActorKind.State or ActorKind.Junta ? "Government regains territory" : "Non-state actor overtakes territory"
        : eventType == "Strategic developments" ? "Other" : SubEventTypes.GetValueOrDefault(action);

    /// <summary>The name the data know the actor by: its first <c>observed_as</c> name that is not a numeric id, without a trailing <c>*</c>.</summary>
    private static string Name(ActorDefinition actor)
    {
        foreach (var name in actor.ObservedAs)
        {
            if (!long.TryParse(name, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                return name.TrimEnd('*');
            }
        }

        return actor.Name;
    }
}
