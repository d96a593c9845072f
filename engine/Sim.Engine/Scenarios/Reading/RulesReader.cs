using System.Collections.Immutable;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Scenarios;

/// <summary>Reads the <c>rules</c>, <c>timeline</c> and <c>outcomes</c> sections: the items that hold expressions and effects.</summary>
internal static class RulesReader
{
    public static ImmutableArray<RuleDefinition> ReadRules(ReadContext c) =>
        c.Section("rules").Select(item => ReadRule(c, item)).OfType<RuleDefinition>().ToImmutableArray();

    public static ImmutableArray<TimelineEntry> ReadTimeline(ReadContext c) =>
        c.Section("timeline").Select(item => ReadTimelineEntry(c, item)).OfType<TimelineEntry>()
            .OrderBy(t => t.Tick).ToImmutableArray(); // OrderBy is stable: file order within a tick.

    public static ImmutableArray<OutcomeDefinition> ReadOutcomes(ReadContext c) =>
        c.Section("outcomes").Select(item => ReadOutcome(c, item)).OfType<OutcomeDefinition>().ToImmutableArray();

    private static RuleDefinition? ReadRule(ReadContext c, YNode item)
    {
        var r = new ItemReader(c.Diagnostics, item, "rule", ScenarioKeys.Rule);
        if (!r.IsValid)
        {
            return null;
        }
        var when = r.Scalar("when", required: true, "a condition") is { } w ? c.Compile(w, ExpressionType.Bool) : null;
        var chance = c.NumberExpression(r, "chance", false, 0, 1) ?? CompiledExpression.Constant(1);
        var once = r.Bool("once", false);
        var then = EffectsReader.Read(c, r, "then");
        if (when is null)
        {
            return null;
        }
        return new RuleDefinition
        {
            Id = r.String("id") ?? "",
            When = when,
            Chance = chance,
            Once = once,
            Then = then,
            Source = r.Source,
            FieldSources = r.FieldSources,
            Location = r.Location,
        };
    }

    private static TimelineEntry? ReadTimelineEntry(ReadContext c, YNode item)
    {
        var r = new ItemReader(c.Diagnostics, item, "timeline entry", ScenarioKeys.Timeline);
        if (!r.IsValid)
        {
            return null;
        }
        var tick = -1;
        var hasDate = r.Has("date");
        var hasTick = r.Has("tick");
        if (hasDate == hasTick)
        {
            c.Error(item, hasDate ? "a timeline entry has either 'date' or 'tick', not both" : "a timeline entry needs 'date' or 'tick'");
        }
        else if (hasTick)
        {
            tick = r.Integer("tick", -1, 0, int.MaxValue);
        }
        else if (r.Scalar("date", expected: "a date") is { } ds && c.ParseDate(ds, "date") is { } date && c.Start is { } start)
        {
            var days = date.DayNumber - start.DayNumber;
            if (days < 0)
            {
                c.Error(ds, $"date {ds.Value} is before the scenario start {start:yyyy-MM-dd}");
            }
            else
            {
                // A date inside a multi-day tick falls on the tick that contains it.
                tick = days / c.TickDays;
            }
        }
        var then = EffectsReader.Read(c, r, "then");
        return new TimelineEntry
        {
            Tick = tick,
            Then = then,
            Source = r.Source,
            FieldSources = r.FieldSources,
            Location = r.Location,
        };
    }

    private static OutcomeDefinition? ReadOutcome(ReadContext c, YNode item)
    {
        var r = new ItemReader(c.Diagnostics, item, "outcome", ScenarioKeys.Outcome);
        if (!r.IsValid)
        {
            return null;
        }
        var expr = r.Scalar("expr", required: true, "an expression") is { } e ? c.Compile(e, null) : null;
        if (expr is null)
        {
            return null;
        }
        return new OutcomeDefinition
        {
            Id = r.String("id") ?? "",
            Description = r.String("description"),
            Expr = expr,
            Source = r.Source,
            FieldSources = r.FieldSources,
            Location = r.Location,
        };
    }
}
