using System.Diagnostics;
using System.Globalization;
using Sim.Engine.Model;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Fuzz;

/// <summary>
/// What every input must satisfy: the loader returns either a valid scenario or diagnostics at real positions
/// (never an exception); a valid scenario runs a few ticks with the invariants checked; and all of it within a
/// bounded allocation. Returns a description of the first problem, or null.
/// </summary>
internal static class InputCheck
{
    /// <summary>Ticks a valid input is run for by default: enough for fighting, contracts and rules to happen.</summary>
    public const int DefaultTicks = 40;

    /// <summary>Ticks a valid input is run for (<c>--ticks</c>): fewer reach more inputs an hour, the loader's classes all the same.</summary>
    public static int Ticks { get; set; } = DefaultTicks;

    public static string? Check(FuzzInput input, out bool valid)
    {
        valid = false;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        ScenarioLoadResult result;
        try
        {
            result = ScenarioLoader.LoadFromMemory(FuzzInput.Root, input.Files, input.Overrides);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "loader threw " + Describe(ex);
        }

        if (result.Success != (result.Diagnostics.Count == 0) || (result.Definition is null) == result.Success)
        {
            return $"loader returned success={result.Success} with {result.Diagnostics.Count} diagnostics";
        }

        foreach (var d in result.Diagnostics)
        {
            if (d.Line < 1 || d.Column < 1 || string.IsNullOrWhiteSpace(d.Message) || (d.File != "--set" && !input.Files.ContainsKey(d.File)))
            {
                return "diagnostic without a usable position: " + d;
            }
        }

        // Loading may take a few times the input (a tree with positions); more means a blow-up (an alias bomb expanded).
        var used = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var budget = (input.Size * 64) + (256L << 20);
        if (used > budget)
        {
            return string.Create(CultureInfo.InvariantCulture, $"loading allocated {used >> 20} MB for a {input.Size >> 10} KB input");
        }

        if (result.Definition is not { } definition)
        {
            return null;
        }

        valid = true;
        try
        {
            var run = new ScenarioRun(definition, seed: 1, ticks: Math.Min(Ticks, definition.Horizon), options: new RunOptions { Check = true });
            run.Run();
            foreach (var value in run.EvaluateOutcomes())
            {
                if (!double.IsFinite(value))
                {
                    return "an outcome is not finite: " + value.ToString(CultureInfo.InvariantCulture);
                }
            }
        }
        catch (InvariantViolationException ex)
        {
            return ex.Message;
        }
        catch (Sim.Engine.InputException)
        {
            // A run stopped by a declared budget (events a tick) with its message: the promised outcome, not a finding.
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "run threw " + Describe(ex);
        }

        return null;
    }

    /// <summary>The expression compiler alone (the AFL++ target): compiles text in a small scope and evaluates it.</summary>
    public static void CheckExpression(string text)
    {
        var scope = new ExpressionScope
        {
            Actors = new Dictionary<string, int> { ["A"] = 0, ["B"] = 1 },
            Regions = new Dictionary<string, int> { ["r"] = 0 },
            Actions = new Dictionary<string, int> { ["clash"] = 0 },
            Parameters = new Dictionary<string, int> { ["p"] = 0 },
        };
        var errors = new List<ExpressionError>();
        var compiled = ExpressionCompiler.Compile(text, scope, null, errors);
        if ((compiled is null) != (errors.Count > 0))
        {
            throw new InvalidOperationException("the compiler returned an expression and errors, or neither");
        }
    }

    private static string Describe(Exception ex)
    {
        var frame = new StackTrace(ex, false).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Sim.", StringComparison.Ordinal) == true);
        var where = frame?.GetMethod() is { } m ? $" in {m.DeclaringType?.Name}.{m.Name}" : "";
        return $"{ex.GetType().Name}{where}: {ex.Message}";
    }
}
