using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Sim.Engine.Scenarios.Expressions;

/// <summary>What a function call yields.</summary>
internal enum FunctionResult
{
    /// <summary>A number.</summary>
    Number,

    /// <summary>True or false.</summary>
    Bool,

    /// <summary>The type of its two branches (<c>if</c>).</summary>
    Branches,
}

/// <summary>How a call's arguments are checked and bound.</summary>
internal enum CallShape
{
    /// <summary>Typed positional arguments (the first <see cref="FunctionDeclaration.Required"/> of them required), then optional named ones.</summary>
    Fixed,

    /// <summary>Two or more numbers, no names (<c>min</c>, <c>max</c>).</summary>
    Numbers,

    /// <summary>A condition and two branches of one type (<c>if</c>).</summary>
    Condition,
}

/// <summary>An optional named argument; a number one with <paramref name="Counts"/> must not be negative, which the message says it counts.</summary>
internal sealed record NamedArg(string Name, ArgType Type, string? Counts = null);

/// <summary>
/// One expression function, declared once: what the compiler checks a call against, what its hints and
/// docs/scenarios.md's function table say, what the fuzzer calls, and the node a well-formed call becomes.
/// </summary>
internal sealed record FunctionDeclaration
{
    public required string Name { get; init; }

    public CallShape Shape { get; init; } = CallShape.Fixed;

    /// <summary>Types of the positional arguments of a <see cref="CallShape.Fixed"/> call.</summary>
    public ImmutableArray<ArgType> Positional { get; init; } = [];

    /// <summary>How many leading positional arguments must be given.</summary>
    public int Required { get; init; }

    public ImmutableArray<NamedArg> Named { get; init; } = [];

    /// <summary>How a call is written, as in hints and the docs table.</summary>
    public required string Usage { get; init; }

    public required FunctionResult Result { get; init; }

    /// <summary>What it yields, in one line (the docs table's last column).</summary>
    public required string Doc { get; init; }

    /// <summary>The node of a call whose arguments were bound without errors.</summary>
    public required Func<BoundArgs, ExprNode> Make { get; init; }

    /// <summary>The result as docs/scenarios.md's table writes it.</summary>
    public string ResultText => Result switch
    {
        FunctionResult.Number => "number",
        FunctionResult.Bool => "bool",
        _ => "type of then and else",
    };
}

/// <summary>
/// The arguments of a call, bound: ids as indexes (-1 when an optional one is absent, meaning "any" or "all"),
/// values as nodes (null when absent).
/// </summary>
internal sealed class BoundArgs(FunctionDeclaration function, int[] entities, ExprNode?[] values, int[] namedEntities, ExprNode?[] namedValues)
{
    public int Entity(int position) => entities[position];

    public NumNode Number(int position) => (NumNode)values[position]!;

    /// <summary>All the values, for a <see cref="CallShape.Numbers"/> call.</summary>
    public NumNode[] Numbers => [.. values.Cast<NumNode>()];

    public BoolNode Condition => (BoolNode)values[0]!;

    public ExprNode Then => values[1]!;

    public ExprNode Else => values[2]!;

    public int NamedEntity(string name) => namedEntities[IndexOf(name)];

    public NumNode? NamedNumber(string name) => (NumNode?)namedValues[IndexOf(name)];

    private int IndexOf(string name)
    {
        for (var i = 0; i < function.Named.Length; i++)
        {
            if (function.Named[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"{function.Name}() declares no argument '{name}'", nameof(name));
    }
}

/// <summary>Every expression function. The order is the order hints consider them in (ties go to the first).</summary>
internal static class ExpressionFunctions
{
    private static readonly NamedArg[] EventFilters =
        [new("actor", ArgType.Actor), new("target", ArgType.Actor), new("region", ArgType.Region)];

    public static readonly ImmutableArray<FunctionDeclaration> All =
    [
        new()
        {
            Name = "affinity", Positional = [ArgType.Actor, ArgType.Actor], Required = 2, Usage = "affinity(A, B)",
            Result = FunctionResult.Number, Doc = "A's affinity towards B, in [-1, 1]",
            Make = a => new DyadNode(static (s, x, y) => s.Affinity(x, y), a.Entity(0), a.Entity(1)),
        },
        new()
        {
            Name = "escalation", Positional = [ArgType.Actor, ArgType.Actor], Required = 2, Usage = "escalation(A, B)",
            Result = FunctionResult.Number, Doc = "current escalation rung 0..9",
            Make = a => new DyadNode(static (s, x, y) => s.Escalation(x, y), a.Entity(0), a.Entity(1)),
        },
        new()
        {
            Name = "max_escalation", Positional = [ArgType.Actor, ArgType.Actor], Required = 2, Usage = "max_escalation(A, B)",
            Result = FunctionResult.Number, Doc = "highest rung reached so far",
            Make = a => new DyadNode(static (s, x, y) => s.MaxEscalation(x, y), a.Entity(0), a.Entity(1)),
        },
        new()
        {
            Name = "regime", Positional = [ArgType.Actor, ArgType.Actor, ArgType.Action], Required = 3, Usage = "regime(A, B, action)",
            Result = FunctionResult.Bool,
            Doc = "A holds toward B the regime `action` imposes (`sanction`, `reduce_relations`, `break_relations`, `close_airspace`, `expel_mission`, `recognize`); false for other actions",
            Make = a => new RegimeNode(a.Entity(0), a.Entity(1), a.Entity(2)),
        },
        new()
        {
            Name = "controls", Positional = [ArgType.Actor, ArgType.Region], Required = 2, Usage = "controls(A, region)",
            Result = FunctionResult.Bool, Doc = "A controls the region",
            Make = a => new ControlsNode(a.Entity(0), a.Entity(1)),
        },
        new()
        {
            Name = "power", Positional = [ArgType.Actor], Required = 1, Usage = "power(A)",
            Result = FunctionResult.Number, Doc = "A's military power",
            Make = a => new EntityNode(static (s, i) => s.Power(i), a.Entity(0)),
        },
        new()
        {
            Name = "strength", Positional = [ArgType.Actor, ArgType.Region], Required = 1, Usage = "strength(A [, region])",
            Result = FunctionResult.Number, Doc = "total strength of A's forces, everywhere or in the region",
            Make = a => new StrengthNode(a.Entity(0), a.Entity(1)),
        },
        new()
        {
            Name = "cohesion", Positional = [ArgType.Actor], Required = 1, Usage = "cohesion(A)",
            Result = FunctionResult.Number, Doc = "A's cohesion",
            Make = a => new EntityNode(static (s, i) => s.Cohesion(i), a.Entity(0)),
        },
        new()
        {
            Name = "faction", Positional = [ArgType.Actor], Required = 1, Usage = "faction(A)",
            Result = FunctionResult.Number, Doc = "A's ruling faction: 0 at the start, one more after each coup (juntas)",
            Make = a => new EntityNode(static (s, i) => s.Faction(i), a.Entity(0)),
        },
        new()
        {
            Name = "population", Positional = [ArgType.Region], Required = 1, Usage = "population(region)",
            Result = FunctionResult.Number, Doc = "the region's population",
            Make = a => new EntityNode(static (s, i) => s.Population(i), a.Entity(0)),
        },
        new()
        {
            Name = "displaced", Positional = [ArgType.Region], Required = 1, Usage = "displaced(region)",
            Result = FunctionResult.Number, Doc = "people displaced from the region",
            Make = a => new EntityNode(static (s, i) => s.Displaced(i), a.Entity(0)),
        },
        new()
        {
            Name = "events", Positional = [ArgType.Action], Required = 1,
            Named = [.. EventFilters, new("within", ArgType.Number, "a number of ticks"), new("civilians", ArgType.Number, "a number of civilian fatalities")],
            Usage = "events(action [, actor: A] [, target: B] [, region: R] [, within: N] [, civilians: N])",
            Result = FunctionResult.Number,
            Doc = "events so far (or in the last N ticks) matching the filters; with `civilians: N`, only those that killed at least N civilians",
            Make = a => new EventsNode(a.Entity(0), a.NamedEntity("actor"), a.NamedEntity("target"), a.NamedEntity("region"),
                a.NamedNumber("within"), a.NamedNumber("civilians")),
        },
        new()
        {
            Name = "first_tick", Positional = [ArgType.Action], Required = 1, Named = [.. EventFilters],
            Usage = "first_tick(action [, actor: A] [, target: B] [, region: R])",
            Result = FunctionResult.Number, Doc = "tick of the first matching event, or -1",
            Make = a => new FirstTickNode(a.Entity(0), a.NamedEntity("actor"), a.NamedEntity("target"), a.NamedEntity("region")),
        },
        new()
        {
            Name = "fatalities", Positional = [ArgType.Region], Required = 0, Usage = "fatalities([region])",
            Result = FunctionResult.Number, Doc = "fatalities so far, everywhere or in the region",
            Make = a => new FatalitiesNode(a.Entity(0), false),
        },
        new()
        {
            Name = "civilian_fatalities", Positional = [ArgType.Region], Required = 0, Usage = "civilian_fatalities([region])",
            Result = FunctionResult.Number, Doc = "civilian fatalities so far, everywhere or in the region",
            Make = a => new FatalitiesNode(a.Entity(0), true),
        },
        new()
        {
            Name = "abs", Positional = [ArgType.Number], Required = 1, Usage = "abs(x)",
            Result = FunctionResult.Number, Doc = "absolute value",
            Make = a => new AbsNode(a.Number(0)),
        },
        new()
        {
            Name = "clamp", Positional = [ArgType.Number, ArgType.Number, ArgType.Number], Required = 3, Usage = "clamp(x, lo, hi)",
            Result = FunctionResult.Number, Doc = "x limited to [lo, hi]",
            Make = a => new ClampNode(a.Number(0), a.Number(1), a.Number(2)),
        },
        new()
        {
            Name = "min", Shape = CallShape.Numbers, Usage = "min(a, b, ...)",
            Result = FunctionResult.Number, Doc = "smallest of two or more numbers",
            Make = a => new MinMaxNode(false, a.Numbers),
        },
        new()
        {
            Name = "max", Shape = CallShape.Numbers, Usage = "max(a, b, ...)",
            Result = FunctionResult.Number, Doc = "largest of two or more numbers",
            Make = a => new MinMaxNode(true, a.Numbers),
        },
        new()
        {
            Name = "if", Shape = CallShape.Condition, Usage = "if(condition, then, else)",
            Result = FunctionResult.Branches, Doc = "`then` when the condition holds, otherwise `else` (both numbers or both true/false)",
            Make = a => a.Then is NumNode t ? new IfNumNode(a.Condition, t, (NumNode)a.Else) : new IfBoolNode(a.Condition, (BoolNode)a.Then, (BoolNode)a.Else),
        },
    ];

    /// <summary>The declarations by name.</summary>
    public static readonly FrozenDictionary<string, FunctionDeclaration> ByName = All.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Every function name, in declaration order.</summary>
    public static IEnumerable<string> Names => All.Select(f => f.Name);
}
