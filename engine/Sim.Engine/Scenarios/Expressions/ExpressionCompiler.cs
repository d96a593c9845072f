namespace Sim.Engine.Scenarios.Expressions;

/// <summary>The names an expression can refer to, each resolved to its index in the definition.</summary>
internal sealed class ExpressionScope
{
    public required IReadOnlyDictionary<string, int> Actors { get; init; }
    public required IReadOnlyDictionary<string, int> Regions { get; init; }
    public required IReadOnlyDictionary<string, int> Actions { get; init; }
    public required IReadOnlyDictionary<string, int> Parameters { get; init; }

    /// <summary>Days per tick, so <c>day</c> can be computed from <c>tick</c>.</summary>
    public int TickDays { get; init; } = 1;
}

internal enum ArgType { Number, Bool, Actor, Region, Action }

/// <summary>Parses and type-checks expressions against a scope; all type errors of one expression are reported together.</summary>
internal sealed class ExpressionCompiler
{
    private readonly ExpressionScope _scope;
    private readonly List<ExpressionError> _errors;

    private ExpressionCompiler(ExpressionScope scope, List<ExpressionError> errors)
    {
        _scope = scope;
        _errors = errors;
    }

    private sealed record Signature(string Name, ArgType[] Positional, int Required, (string Name, ArgType Type)[] Named, string Usage);

    // Fixed-shape functions; min, max and if are handled separately because their arity or result type varies.
    private static readonly Dictionary<string, Signature> Functions = new Signature[]
    {
        new("affinity", [ArgType.Actor, ArgType.Actor], 2, [], "affinity(A, B)"),
        new("escalation", [ArgType.Actor, ArgType.Actor], 2, [], "escalation(A, B)"),
        new("max_escalation", [ArgType.Actor, ArgType.Actor], 2, [], "max_escalation(A, B)"),
        new("controls", [ArgType.Actor, ArgType.Region], 2, [], "controls(A, region)"),
        new("power", [ArgType.Actor], 1, [], "power(A)"),
        new("strength", [ArgType.Actor, ArgType.Region], 1, [], "strength(A [, region])"),
        new("cohesion", [ArgType.Actor], 1, [], "cohesion(A)"),
        new("faction", [ArgType.Actor], 1, [], "faction(A)"),
        new("population", [ArgType.Region], 1, [], "population(region)"),
        new("displaced", [ArgType.Region], 1, [], "displaced(region)"),
        new("events", [ArgType.Action], 1,
            [("actor", ArgType.Actor), ("target", ArgType.Actor), ("region", ArgType.Region), ("within", ArgType.Number), ("civilians", ArgType.Number)],
            "events(action [, actor: A] [, target: B] [, region: R] [, within: N] [, civilians: N])"),
        new("first_tick", [ArgType.Action], 1,
            [("actor", ArgType.Actor), ("target", ArgType.Actor), ("region", ArgType.Region)],
            "first_tick(action [, actor: A] [, target: B] [, region: R])"),
        new("fatalities", [ArgType.Region], 0, [], "fatalities([region])"),
        new("civilian_fatalities", [ArgType.Region], 0, [], "civilian_fatalities([region])"),
        new("abs", [ArgType.Number], 1, [], "abs(x)"),
        new("clamp", [ArgType.Number, ArgType.Number, ArgType.Number], 3, [], "clamp(x, lo, hi)"),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Every function name, for documentation checks and hints.</summary>
    public static IEnumerable<string> FunctionNames => Functions.Keys.Concat(["min", "max", "if"]);

    /// <summary>Names that are values without parentheses.</summary>
    public static readonly string[] BuiltinValues = ["tick", "day"];

    /// <summary>Words a parameter may not be called, since expressions would read them differently.</summary>
    public static bool IsReserved(string name) =>
        name is "tick" or "day" or "true" or "false" or "and" or "or" or "not";

    /// <summary>Compiles <paramref name="text"/>; <paramref name="expected"/> null infers the type. Returns null when there are errors.</summary>
    public static CompiledExpression? Compile(string text, ExpressionScope scope, ExpressionType? expected, List<ExpressionError> errors)
    {
        var before = errors.Count;
        var ast = Parser.Parse(text, errors);
        if (ast is null)
        {
            return null;
        }
        var c = new ExpressionCompiler(scope, errors);
        var node = c.Bind(ast);
        if (node is null || errors.Count > before)
        {
            return null;
        }
        if (expected == ExpressionType.Bool && node is not BoolNode)
        {
            errors.Add(new ExpressionError(ast.Offset, "the condition must be true or false, but this is a number",
                "compare it, e.g. '... > 0'"));
            return null;
        }
        if (expected == ExpressionType.Number && node is not NumNode)
        {
            errors.Add(new ExpressionError(ast.Offset, "expected a number, but this is true or false",
                "use if(condition, a, b) to turn a condition into a number"));
            return null;
        }
        return new CompiledExpression(text, node);
    }

    private void Error(int offset, string message, string? hint = null) => _errors.Add(new ExpressionError(offset, message, hint));

    private ExprNode? Bind(Ast ast)
    {
        switch (ast)
        {
            case NumberAst n:
                return new NumConst(n.Value);
            case BoolAst b:
                return new BoolConst(b.Value);
            case IdentAst id:
                return BindIdentifier(id);
            case UnaryAst u:
            {
                var x = Bind(u.Operand);
                if (u.IsNot)
                {
                    return x is null ? null : Expect<BoolNode>(x, u.Operand, "'not' needs true or false") is { } b ? new NotNode(b) : null;
                }
                return x is null ? null : Expect<NumNode>(x, u.Operand, "'-' needs a number") switch
                {
                    NumConst c => new NumConst(-c.Value), // so "-1" stays a constant that range checks can see
                    { } num => new NegNode(num),
                    null => null,
                };
            }
            case BinaryAst bin:
                return BindBinary(bin);
            case CallAst call:
                return BindCall(call);
            default:
                Error(ast.Offset, "unsupported expression");
                return null;
        }
    }

    private T? Expect<T>(ExprNode node, Ast at, string what) where T : ExprNode
    {
        if (node is T t)
        {
            return t;
        }
        var got = node is BoolNode ? "true/false" : "a number";
        Error(at.Offset, $"{what}, got {got}");
        return null;
    }

    private ExprNode? BindBinary(BinaryAst bin)
    {
        var l = Bind(bin.Left);
        var r = Bind(bin.Right);
        if (l is null || r is null)
        {
            return null;
        }
        switch (bin.Op)
        {
            case "and" or "or":
            {
                var a = Expect<BoolNode>(l, bin.Left, $"'{bin.Op}' needs true/false on both sides");
                var b = Expect<BoolNode>(r, bin.Right, $"'{bin.Op}' needs true/false on both sides");
                if (a is null || b is null)
                {
                    return null;
                }
                return bin.Op == "and" ? new AndNode(a, b) : new OrNode(a, b);
            }
            case "==" or "!=":
                if (l is BoolNode lb && r is BoolNode rb)
                {
                    return new BoolEqualNode(bin.Op == "==", lb, rb);
                }
                if (l is NumNode ln && r is NumNode rn)
                {
                    return new CompareNode(bin.Op == "==" ? CompareOp.Equal : CompareOp.NotEqual, ln, rn);
                }
                Error(bin.OpOffset, $"'{bin.Op}' compares a number with true/false", "both sides must have the same type");
                return null;
            default:
            {
                var a = Expect<NumNode>(l, bin.Left, $"'{bin.Op}' needs numbers on both sides");
                var b = Expect<NumNode>(r, bin.Right, $"'{bin.Op}' needs numbers on both sides");
                if (a is null || b is null)
                {
                    return null;
                }
                return bin.Op switch
                {
                    "+" => new ArithNode(ArithOp.Add, a, b),
                    "-" => new ArithNode(ArithOp.Sub, a, b),
                    "*" => new ArithNode(ArithOp.Mul, a, b),
                    "/" => new ArithNode(ArithOp.Div, a, b),
                    "%" => new ArithNode(ArithOp.Mod, a, b),
                    "<" => new CompareNode(CompareOp.Less, a, b),
                    "<=" => new CompareNode(CompareOp.LessEqual, a, b),
                    ">" => new CompareNode(CompareOp.Greater, a, b),
                    _ => new CompareNode(CompareOp.GreaterEqual, a, b),
                };
            }
        }
    }

    private ExprNode? BindIdentifier(IdentAst id)
    {
        switch (id.Name)
        {
            case "tick":
                return new TickNode();
            case "day":
                return new DayNode(_scope.TickDays);
        }
        if (_scope.Parameters.TryGetValue(id.Name, out var p))
        {
            return new ParamNode(p);
        }
        var kind = KindOf(id.Name);
        if (kind is not null)
        {
            Error(id.Offset, $"'{id.Name}' is {kind}, not a value", "ids are arguments of functions, e.g. power(X) or events(action)");
            return null;
        }
        if (Functions.ContainsKey(id.Name) || id.Name is "min" or "max" or "if")
        {
            Error(id.Offset, $"'{id.Name}' is a function", $"call it: {id.Name}(...)");
            return null;
        }
        Error(id.Offset, $"unknown name '{id.Name}'",
            Hints.DidYouMean(id.Name, BuiltinValues.Concat(_scope.Parameters.Keys)) ?? "a bare name must be a parameter, 'tick' or 'day'");
        return null;
    }

    private string? KindOf(string name) =>
        _scope.Actors.ContainsKey(name) ? "an actor"
        : _scope.Regions.ContainsKey(name) ? "a region"
        : _scope.Actions.ContainsKey(name) ? "an action"
        : null;

    private int BindEntity(Ast ast, ArgType type, string function)
    {
        var (names, what) = type switch
        {
            ArgType.Actor => (_scope.Actors, "an actor"),
            ArgType.Region => (_scope.Regions, "a region"),
            _ => (_scope.Actions, "an action"),
        };
        if (ast is not IdentAst id)
        {
            Error(ast.Offset, $"{function}() expects {what} id here");
            return -1;
        }
        if (names.TryGetValue(id.Name, out var index))
        {
            return index;
        }
        var kind = KindOf(id.Name);
        if (kind is not null)
        {
            Error(id.Offset, $"'{id.Name}' is {kind}, but {function}() expects {what} here");
            return -1;
        }
        Error(id.Offset, $"unknown {what[(what.IndexOf(' ', StringComparison.Ordinal) + 1)..]} '{id.Name}'", Hints.DidYouMean(id.Name, names.Keys));
        return -1;
    }

    private ExprNode? BindValueArg(Ast ast, ArgType type, string function)
    {
        var node = Bind(ast);
        if (node is null)
        {
            return null;
        }
        return type == ArgType.Bool
            ? Expect<BoolNode>(node, ast, $"{function}() expects true/false here")
            : Expect<NumNode>(node, ast, $"{function}() expects a number here");
    }

    private ExprNode? BindCall(CallAst call)
    {
        switch (call.Name)
        {
            case "min" or "max":
                return BindMinMax(call);
            case "if":
                return BindIf(call);
        }
        if (!Functions.TryGetValue(call.Name, out var sig))
        {
            if (call.Name is "tick" or "day")
            {
                Error(call.Offset, $"'{call.Name}' is a value, not a function", "write it without parentheses");
            }
            else
            {
                Error(call.Offset, $"unknown function '{call.Name}'", Hints.DidYouMean(call.Name, FunctionNames));
            }
            return null;
        }

        var positional = new List<ArgAst>();
        var named = new Dictionary<string, ArgAst>(StringComparer.Ordinal);
        var ok = true;
        foreach (var arg in call.Args)
        {
            if (arg.Name is null)
            {
                if (named.Count > 0)
                {
                    Error(arg.Value.Offset, "positional arguments must come before named ones");
                    ok = false;
                }
                positional.Add(arg);
                continue;
            }
            if (!sig.Named.Any(n => n.Name == arg.Name))
            {
                var hint = sig.Named.Length == 0
                    ? $"{call.Name}() takes no named arguments; usage: {sig.Usage}"
                    : Hints.DidYouMean(arg.Name, sig.Named.Select(n => n.Name)) ?? $"usage: {sig.Usage}";
                Error(arg.NameOffset, $"{call.Name}() has no argument '{arg.Name}'", hint);
                ok = false;
                continue;
            }
            if (!named.TryAdd(arg.Name, arg))
            {
                Error(arg.NameOffset, $"argument '{arg.Name}' is given twice");
                ok = false;
            }
        }
        if (positional.Count < sig.Required || positional.Count > sig.Positional.Length)
        {
            var expected = sig.Required == sig.Positional.Length
                ? $"{sig.Required}"
                : $"{sig.Required} to {sig.Positional.Length}";
            var at = positional.Count > sig.Positional.Length ? positional[sig.Positional.Length].Value.Offset : call.Offset;
            Error(at, $"{call.Name}() takes {expected} argument{(sig.Positional.Length == 1 ? "" : "s")}, got {positional.Count}", $"usage: {sig.Usage}");
            return null;
        }

        // Entity arguments become constant indexes (-1 when absent = "any"/"all"); value arguments become nodes.
        var ints = new int[sig.Positional.Length];
        var nodes = new ExprNode?[sig.Positional.Length];
        for (var i = 0; i < sig.Positional.Length; i++)
        {
            ints[i] = -1;
            if (i >= positional.Count)
            {
                continue;
            }
            var t = sig.Positional[i];
            if (t is ArgType.Number or ArgType.Bool)
            {
                nodes[i] = BindValueArg(positional[i].Value, t, call.Name);
                ok &= nodes[i] is not null;
            }
            else
            {
                ints[i] = BindEntity(positional[i].Value, t, call.Name);
                ok &= ints[i] >= 0;
            }
        }
        int NamedEntity(string name, ArgType t)
        {
            if (!named.TryGetValue(name, out var a))
            {
                return -1;
            }
            var v = BindEntity(a.Value, t, call.Name);
            ok &= v >= 0;
            return v;
        }
        // An optional named number that must not be negative (what it counts is for the message).
        NumNode? NonNegative(string name, string what)
        {
            if (!named.TryGetValue(name, out var a))
            {
                return null;
            }
            var v = BindValueArg(a.Value, ArgType.Number, call.Name) as NumNode;
            ok &= v is not null;
            if (v is NumConst { Value: < 0 })
            {
                Error(a.Value.Offset, $"{name} must be {what} >= 0");
                ok = false;
            }
            return v;
        }

        switch (call.Name)
        {
            case "events":
            {
                var actor = NamedEntity("actor", ArgType.Actor);
                var target = NamedEntity("target", ArgType.Actor);
                var region = NamedEntity("region", ArgType.Region);
                var within = NonNegative("within", "a number of ticks");
                var civilians = NonNegative("civilians", "a number of civilian fatalities");
                return ok ? new EventsNode(ints[0], actor, target, region, within, civilians) : null;
            }
            case "first_tick":
            {
                var actor = NamedEntity("actor", ArgType.Actor);
                var target = NamedEntity("target", ArgType.Actor);
                var region = NamedEntity("region", ArgType.Region);
                return ok ? new FirstTickNode(ints[0], actor, target, region) : null;
            }
        }
        if (!ok)
        {
            return null;
        }
        return call.Name switch
        {
            "affinity" => new DyadNode(DyadFunc.Affinity, ints[0], ints[1]),
            "escalation" => new DyadNode(DyadFunc.Escalation, ints[0], ints[1]),
            "max_escalation" => new DyadNode(DyadFunc.MaxEscalation, ints[0], ints[1]),
            "controls" => new ControlsNode(ints[0], ints[1]),
            "power" => new EntityNode(EntityFunc.Power, ints[0]),
            "cohesion" => new EntityNode(EntityFunc.Cohesion, ints[0]),
            "faction" => new EntityNode(EntityFunc.Faction, ints[0]),
            "population" => new EntityNode(EntityFunc.Population, ints[0]),
            "displaced" => new EntityNode(EntityFunc.Displaced, ints[0]),
            "strength" => new StrengthNode(ints[0], ints[1]),
            "fatalities" => new FatalitiesNode(ints[0], false),
            "civilian_fatalities" => new FatalitiesNode(ints[0], true),
            "abs" => new AbsNode((NumNode)nodes[0]!),
            _ => new ClampNode((NumNode)nodes[0]!, (NumNode)nodes[1]!, (NumNode)nodes[2]!),
        };
    }

    private bool NoNamedArgs(CallAst call)
    {
        var first = call.Args.FirstOrDefault(a => a.Name is not null);
        if (first is null)
        {
            return true;
        }
        Error(first.NameOffset, $"{call.Name}() takes no named arguments");
        return false;
    }

    private MinMaxNode? BindMinMax(CallAst call)
    {
        if (!NoNamedArgs(call))
        {
            return null;
        }
        if (call.Args.Count < 2)
        {
            Error(call.Offset, $"{call.Name}() takes at least 2 arguments, got {call.Args.Count}", $"usage: {call.Name}(a, b, ...)");
            return null;
        }
        var args = new NumNode[call.Args.Count];
        var ok = true;
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = (BindValueArg(call.Args[i].Value, ArgType.Number, call.Name) as NumNode)!;
            ok &= args[i] is not null;
        }
        return ok ? new MinMaxNode(call.Name == "max", args) : null;
    }

    private ExprNode? BindIf(CallAst call)
    {
        if (!NoNamedArgs(call))
        {
            return null;
        }
        if (call.Args.Count != 3)
        {
            Error(call.Offset, $"if() takes 3 arguments, got {call.Args.Count}", "usage: if(condition, then, else)");
            return null;
        }
        var c = BindValueArg(call.Args[0].Value, ArgType.Bool, "if") as BoolNode;
        var a = Bind(call.Args[1].Value);
        var b = Bind(call.Args[2].Value);
        if (c is null || a is null || b is null)
        {
            return null;
        }
        if (a is NumNode an && b is NumNode bn)
        {
            return new IfNumNode(c, an, bn);
        }
        if (a is BoolNode ab && b is BoolNode bb)
        {
            return new IfBoolNode(c, ab, bb);
        }
        Error(call.Args[2].Value.Offset, "if() needs both branches of the same type", "both numbers or both true/false");
        return null;
    }
}
