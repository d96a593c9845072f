using System.Collections.Immutable;

namespace Sim.Engine.Scenarios;

/// <summary>Reads the <c>parameters</c> section, adds the engine's model parameters the scenario does not redeclare, and applies the <c>--set</c> overrides.</summary>
internal static class ParametersReader
{
    public static ImmutableArray<ParameterDefinition> Read(ReadContext c, IReadOnlyList<string> overrides)
    {
        var result = new ParameterDefinition?[c.Parameters.Count];
        foreach (var (r, index) in c.IndexedItems("parameters", "parameter", ScenarioKeys.Parameter))
        {
            var id = r.String("id") ?? "";
            var min = double.NegativeInfinity;
            var max = double.PositiveInfinity;
            if (r.Raw("range") is { } rangeNode)
            {
                var bounds = r.ScalarList("range");
                if (rangeNode is YSequence && bounds.Count != 2)
                {
                    c.Error(rangeNode, $"range must be a list of two numbers [min, max], got {bounds.Count}");
                }
                else if (bounds.Count == 2)
                {
                    min = r.CheckNumber(bounds[0], "range", double.NegativeInfinity, double.NegativeInfinity, double.PositiveInfinity);
                    max = r.CheckNumber(bounds[1], "range", double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity);
                    if (min > max)
                    {
                        c.Error(rangeNode, $"range [{ItemReader.Format(min)}, {ItemReader.Format(max)}] is empty", "write [min, max] with min <= max");
                        (min, max) = (double.NegativeInfinity, double.PositiveInfinity);
                    }
                }
            }
            var valueNode = r.Scalar("value", required: true, "a number");
            var value = 0.0;
            if (valueNode is not null)
            {
                value = r.CheckNumber(valueNode, "value", 0, double.NegativeInfinity, double.PositiveInfinity);
                if (value < min || value > max)
                {
                    c.Error(valueNode, $"parameter '{id}' value {ItemReader.Format(value)} is outside its declared range [{ItemReader.Format(min)}, {ItemReader.Format(max)}]");
                }
            }
            if (index < 0)
            {
                continue;
            }
            result[index] = new ParameterDefinition
            {
                Index = index,
                Id = id,
                Value = value,
                FileValue = value,
                Min = min,
                Max = max,
                Description = r.String("description"),
                Source = r.Source,
                FieldSources = r.FieldSources,
                Location = r.Location,
            };
        }

        foreach (var engine in ModelParameters.All)
        {
            var index = c.Parameters[engine.Id];
            result[index] ??= new ParameterDefinition
            {
                Index = index,
                Id = engine.Id,
                Value = engine.Default,
                FileValue = engine.Default,
                Min = engine.Min,
                Max = engine.Max,
                Description = engine.Description,
                Source = engine.Source,
            };
        }

        ApplyOverrides(result, c.Parameters, c.Parameters.Keys, overrides, c.Diagnostics);
        return [.. result.OfType<ParameterDefinition>()];
    }

    /// <summary>
    /// The parameters of an already loaded scenario with exactly <paramref name="overrides"/> applied to the file's values:
    /// what a load with those overrides gives, without reading and resolving the files again (nothing else in a
    /// definition depends on a parameter's value). Problems go to <paramref name="diagnostics"/> as a load reports them.
    /// </summary>
    public static ImmutableArray<ParameterDefinition> Override(ScenarioDefinition scenario, IReadOnlyList<string> overrides, List<Diagnostic> diagnostics)
    {
        var result = new ParameterDefinition?[scenario.Parameters.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var p = scenario.Parameters[i];
            result[i] = p.Value.Equals(p.FileValue) ? p : p with { Value = p.FileValue };
        }

        ApplyOverrides(result, scenario.ParameterIds, scenario.Parameters.Select(p => p.Id), overrides, diagnostics);
        return [.. result.OfType<ParameterDefinition>()];
    }

    /// <summary>
    /// Applies <c>--set name=value</c> overrides in order (later ones win), each checked against its parameter's range;
    /// <paramref name="names"/> are the ids in declaration order, for the hint of an unknown one.
    /// </summary>
    private static void ApplyOverrides(ParameterDefinition?[] result, IReadOnlyDictionary<string, int> ids, IEnumerable<string> names, IReadOnlyList<string> overrides, List<Diagnostic> diagnostics)
    {
        // --set name=value: the "line" of a diagnostic is the override's position on the command line.
        for (var i = 0; i < overrides.Count; i++)
        {
            var text = overrides[i];
            var line = i + 1;
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                diagnostics.Add(new Diagnostic("--set", line, 1, $"expected name=value, got '{text}'", "e.g. --set pmc_aggression=0.8"));
                continue;
            }
            var name = text[..eq].Trim();
            var valueText = text[(eq + 1)..].Trim();
            if (!ids.TryGetValue(name, out var index))
            {
                diagnostics.Add(new Diagnostic("--set", line, 1, $"unknown parameter '{name}'",
                    Hints.DidYouMean(name, names) ?? (ids.Count == 0 ? "the scenario declares no parameters" : null)));
                continue;
            }
            var col = eq + 2;
            if (!ItemReader.TryNumber(valueText, out var v))
            {
                diagnostics.Add(new Diagnostic("--set", line, col, $"value '{valueText}' for parameter '{name}' is not a number"));
                continue;
            }
            if (result[index] is not { } p)
            {
                continue;
            }
            if (v < p.Min || v > p.Max)
            {
                diagnostics.Add(new Diagnostic("--set", line, col,
                    $"value {ItemReader.Format(v)} for parameter '{name}' is outside its declared range [{ItemReader.Format(p.Min)}, {ItemReader.Format(p.Max)}]"));
                continue;
            }
            // Later overrides of the same name win, as with most command lines.
            result[index] = p with { Value = v };
        }
    }
}
