using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Sim.Engine.Scenarios;

/// <summary>Reads the <c>actions</c> section over the default catalog (pass 1: expressions and effects refer to actions by id).</summary>
internal static partial class ActionsReader
{
    public static ImmutableArray<ActionDefinition> Read(ReadContext c)
    {
        var list = new List<ActionDefinition>();
        foreach (var e in DefaultActions.All)
        {
            c.Actions[e.Id] = list.Count;
            list.Add(new ActionDefinition
            {
                Index = list.Count,
                Id = e.Id,
                Name = e.Name,
                Cameo = e.Cameo,
                Goldstein = e.Goldstein,
                Acled = e.Acled,
                Rung = e.Rung,
                IsDefault = true,
                Source = DefaultActions.Source,
            });
        }
        var firstAt = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var item in c.Section("actions"))
        {
            var id = ScenarioReader.IdOf(c, item, "action");
            var r = new ItemReader(c.Diagnostics, item, "action", ScenarioKeys.Action);
            if (id is null || !r.IsValid)
            {
                continue;
            }
            if (firstAt.TryGetValue(id.Value, out var first))
            {
                c.Error(id, $"duplicate action id '{id.Value}'", $"first defined at {ReadContext.At(first)}");
                continue;
            }
            firstAt[id.Value] = id;
            var existing = c.Actions.TryGetValue(id.Value, out var index) ? list[index] : null;
            var cameo = existing?.Cameo ?? "01";
            if (r.Scalar("cameo", required: existing is null, "a CAMEO code") is { } code)
            {
                if (!CameoPattern().IsMatch(code.Value) || int.Parse(code.Value.AsSpan(0, 2), CultureInfo.InvariantCulture) is < 1 or > 20)
                {
                    c.Error(code, $"'{code.Value}' is not a CAMEO code", "2 to 4 digits whose first two are a root 01..20, e.g. \"195\"");
                }
                else
                {
                    cameo = code.Value;
                }
            }
            var acled = existing?.Acled;
            if (r.Has("acled"))
            {
                acled = r.Choice("acled", DefaultActions.AcledEventTypes);
            }
            var def = new ActionDefinition
            {
                Index = existing?.Index ?? list.Count,
                Id = id.Value,
                Name = r.String("name") ?? existing?.Name ?? id.Value,
                Cameo = cameo,
                Goldstein = r.Number("goldstein", existing?.Goldstein ?? 0, -10, 10, required: existing is null),
                Acled = acled,
                Rung = r.Integer("rung", existing?.Rung ?? 0, 0, 9),
                IsDefault = false,
                Source = r.Source ?? existing?.Source,
                FieldSources = r.FieldSources,
                Location = r.Location,
            };
            if (existing is null)
            {
                c.Actions[id.Value] = list.Count;
                list.Add(def);
            }
            else
            {
                list[index] = def;
            }
        }
        return [.. list];
    }

    [GeneratedRegex("^[0-9]{2,4}$")]
    private static partial Regex CameoPattern();
}
