using System.Globalization;

namespace Sim.Engine.Scenarios.Expressions;

/// <summary>The type of a compiled expression's result.</summary>
public enum ExpressionType
{
    /// <summary>A real number (counts, ticks and rungs are numbers too).</summary>
    Number,

    /// <summary>True or false.</summary>
    Bool,
}

/// <summary>
/// A type-checked expression from a scenario (a rule's <c>when</c>, an outcome's <c>expr</c>, a numeric effect value),
/// compiled once at load time. Evaluating it allocates nothing, so rules can run every tick of every run.
/// </summary>
public sealed class CompiledExpression
{
    private readonly ExprNode _root;

    internal CompiledExpression(string text, ExprNode root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression as written in the scenario.</summary>
    public string Text { get; }

    /// <summary>Whether the expression yields a number or a bool.</summary>
    public ExpressionType Type => _root is BoolNode ? ExpressionType.Bool : ExpressionType.Number;

    /// <summary>True when the expression is a plain number, so callers can use it without a state.</summary>
    public bool IsConstant => _root is NumConst;

    /// <summary>An expression that always yields <paramref name="value"/> (what a plain number in the file compiles to).</summary>
    public static CompiledExpression Constant(double value) =>
        new(value.ToString("R", CultureInfo.InvariantCulture), new NumConst(value));

    /// <summary>Evaluates a number expression; a bool one yields 1 for true and 0 for false.</summary>
    public double EvaluateNumber(IScenarioState state) => _root switch
    {
        NumNode n => n.Eval(state),
        BoolNode b => b.Eval(state) ? 1 : 0,
        _ => 0,
    };

    /// <summary>Evaluates a bool expression. Conditions are checked to be bool at load time; a number one yields true when non-zero.</summary>
    public bool EvaluateBool(IScenarioState state) => _root switch
    {
        BoolNode b => b.Eval(state),
        NumNode n => n.Eval(state) != 0,
        _ => false,
    };

    /// <inheritdoc/>
    public override string ToString() => Text;
}
