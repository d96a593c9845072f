namespace Sim.Engine.Scenarios.Expressions;

// Compiled expression trees. Every id was resolved to an index at load time and every node is a
// sealed class with a virtual Eval, so evaluating walks the tree with no lookups and no allocation.

internal abstract class ExprNode;

internal abstract class NumNode : ExprNode
{
    public abstract double Eval(IScenarioState s);
}

internal abstract class BoolNode : ExprNode
{
    public abstract bool Eval(IScenarioState s);
}

internal sealed class NumConst(double value) : NumNode
{
    public double Value { get; } = value;
    public override double Eval(IScenarioState s) => Value;
}

internal sealed class BoolConst(bool value) : BoolNode
{
    public override bool Eval(IScenarioState s) => value;
}

internal sealed class TickNode : NumNode
{
    public override double Eval(IScenarioState s) => s.Tick;
}

internal sealed class DayNode(int tickDays) : NumNode
{
    public override double Eval(IScenarioState s) => (double)s.Tick * tickDays;
}

internal sealed class ParamNode(int index) : NumNode
{
    public override double Eval(IScenarioState s) => s.Parameter(index);
}

internal sealed class NegNode(NumNode x) : NumNode
{
    public override double Eval(IScenarioState s) => -x.Eval(s);
}

internal sealed class NotNode(BoolNode x) : BoolNode
{
    public override bool Eval(IScenarioState s) => !x.Eval(s);
}

internal enum ArithOp { Add, Sub, Mul, Div, Mod }

internal sealed class ArithNode(ArithOp op, NumNode a, NumNode b) : NumNode
{
    public override double Eval(IScenarioState s)
    {
        var x = a.Eval(s);
        var y = b.Eval(s);
        var r = op switch
        {
            ArithOp.Add => x + y,
            ArithOp.Sub => x - y,
            ArithOp.Mul => x * y,
            // x/0 and x%0 are defined as 0 so a rule such as "losses / strength(A)" cannot poison
            // later arithmetic with NaN or infinity when a side has been wiped out.
            ArithOp.Div => y == 0 ? 0 : x / y,
            _ => y == 0 ? 0 : x % y,
        };

        // Overflow saturates for the same reason: operands are finite (state and literals are), so the only
        // way out of the finite numbers is past the largest double, and an outcome or effect must stay a number.
        return double.IsFinite(r) ? r : Math.Clamp(r, -double.MaxValue, double.MaxValue);
    }
}

internal enum CompareOp { Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual }

internal sealed class CompareNode(CompareOp op, NumNode a, NumNode b) : BoolNode
{
    public override bool Eval(IScenarioState s)
    {
        var x = a.Eval(s);
        var y = b.Eval(s);
        return op switch
        {
            CompareOp.Less => x < y,
            CompareOp.LessEqual => x <= y,
            CompareOp.Greater => x > y,
            CompareOp.GreaterEqual => x >= y,
            CompareOp.Equal => x == y,
            _ => x != y,
        };
    }
}

internal sealed class BoolEqualNode(bool equal, BoolNode a, BoolNode b) : BoolNode
{
    public override bool Eval(IScenarioState s) => (a.Eval(s) == b.Eval(s)) == equal;
}

internal sealed class AndNode(BoolNode a, BoolNode b) : BoolNode
{
    public override bool Eval(IScenarioState s) => a.Eval(s) && b.Eval(s);
}

internal sealed class OrNode(BoolNode a, BoolNode b) : BoolNode
{
    public override bool Eval(IScenarioState s) => a.Eval(s) || b.Eval(s);
}

internal sealed class IfNumNode(BoolNode c, NumNode a, NumNode b) : NumNode
{
    public override double Eval(IScenarioState s) => c.Eval(s) ? a.Eval(s) : b.Eval(s);
}

internal sealed class IfBoolNode(BoolNode c, BoolNode a, BoolNode b) : BoolNode
{
    public override bool Eval(IScenarioState s) => c.Eval(s) ? a.Eval(s) : b.Eval(s);
}

internal sealed class MinMaxNode(bool max, NumNode[] args) : NumNode
{
    public override double Eval(IScenarioState s)
    {
        var r = args[0].Eval(s);
        for (var i = 1; i < args.Length; i++)
        {
            var v = args[i].Eval(s);
            r = max ? Math.Max(r, v) : Math.Min(r, v);
        }
        return r;
    }
}

internal sealed class AbsNode(NumNode x) : NumNode
{
    public override double Eval(IScenarioState s) => Math.Abs(x.Eval(s));
}

internal sealed class ClampNode(NumNode x, NumNode lo, NumNode hi) : NumNode
{
    public override double Eval(IScenarioState s)
    {
        // Math.Clamp throws when lo > hi; a scenario expression must never throw mid-run, so order them.
        var l = lo.Eval(s);
        var h = hi.Eval(s);
        return l <= h ? Math.Min(Math.Max(x.Eval(s), l), h) : Math.Min(Math.Max(x.Eval(s), h), l);
    }
}

/// <summary>A number about two entities, read from the state (affinity, escalation...).</summary>
internal sealed class DyadNode(Func<IScenarioState, int, int, double> read, int a, int b) : NumNode
{
    public override double Eval(IScenarioState s) => read(s, a, b);
}

internal sealed class RegimeNode(int a, int b, int action) : BoolNode
{
    public override bool Eval(IScenarioState s) => s.Regime(a, b, action);
}

internal sealed class ControlsNode(int actor, int region) : BoolNode
{
    public override bool Eval(IScenarioState s) => s.Controls(actor, region);
}

/// <summary>A number about one actor or region, read from the state (power, population...).</summary>
internal sealed class EntityNode(Func<IScenarioState, int, double> read, int index) : NumNode
{
    public override double Eval(IScenarioState s) => read(s, index);
}

internal sealed class StrengthNode(int actor, int region) : NumNode
{
    public override double Eval(IScenarioState s) => s.Strength(actor, region);
}

internal sealed class EventsNode(int action, int actor, int target, int region, NumNode? within, NumNode? civilians) : NumNode
{
    public override double Eval(IScenarioState s)
    {
        var w = within is null ? -1 : (int)Math.Max(0, within.Eval(s));
        // Fatalities are whole numbers: an event with 20 civilian deaths meets "civilians: 19.5", so round up.
        var c = civilians is null ? 0 : (int)Math.Clamp(Math.Ceiling(civilians.Eval(s)), 0, int.MaxValue);
        return s.EventCount(action, actor, target, region, w, c);
    }
}

internal sealed class FirstTickNode(int action, int actor, int target, int region) : NumNode
{
    public override double Eval(IScenarioState s) => s.FirstTick(action, actor, target, region);
}

internal sealed class FatalitiesNode(int region, bool civilian) : NumNode
{
    public override double Eval(IScenarioState s) => s.Fatalities(region, civilian);
}
