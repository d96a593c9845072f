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

    /// <summary>Every function name, for documentation checks and hints.</summary>
    public static IEnumerable<string> FunctionNames => ExpressionFunctions.Names;

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
        if (ExpressionFunctions.ByName.ContainsKey(id.Name))
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
        if (!ExpressionFunctions.ByName.TryGetValue(call.Name, out var function))
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
        var args = function.Shape switch
        {
            CallShape.Numbers => BindNumbers(call, function),
            CallShape.Condition => BindCondition(call, function),
            _ => BindFixed(call, function),
        };
        return args is null ? null : function.Make(args);
    }

    private BoundArgs? BindFixed(CallAst call, FunctionDeclaration sig)
    {
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
        var (ints, nodes) = Slots(sig.Positional.Length);
        for (var i = 0; i < positional.Count; i++)
        {
            ok &= BindArg(positional[i].Value, sig.Positional[i], call.Name, null, ref ints[i], ref nodes[i]);
        }
        var (namedInts, namedNodes) = Slots(sig.Named.Length);
        for (var i = 0; i < sig.Named.Length; i++)
        {
            var n = sig.Named[i];
            if (named.TryGetValue(n.Name, out var a))
            {
                ok &= BindArg(a.Value, n.Type, call.Name, n, ref namedInts[i], ref namedNodes[i]);
            }
        }
        return ok ? new BoundArgs(sig, ints, nodes, namedInts, namedNodes) : null;
    }

    private static (int[] Entities, ExprNode?[] Values) Slots(int count)
    {
        var ints = new int[count];
        Array.Fill(ints, -1);
        return (ints, new ExprNode?[count]);
    }

    /// <summary>Binds one argument: an id to <paramref name="entity"/>, a value to <paramref name="value"/>; false on an error (reported).</summary>
    private bool BindArg(Ast ast, ArgType type, string function, NamedArg? named, ref int entity, ref ExprNode? value)
    {
        if (type is not (ArgType.Number or ArgType.Bool))
        {
            entity = BindEntity(ast, type, function);
            return entity >= 0;
        }
        value = BindValueArg(ast, type, function);
        if (value is null)
        {
            return false;
        }
        // A named count must not be negative (what it counts is for the message).
        if (named?.Counts is { } counts && value is NumConst { Value: < 0 })
        {
            Error(ast.Offset, $"{named.Name} must be {counts} >= 0");
            return false;
        }
        return true;
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

    private BoundArgs? BindNumbers(CallAst call, FunctionDeclaration function)
    {
        if (!NoNamedArgs(call))
        {
            return null;
        }
        if (call.Args.Count < 2)
        {
            Error(call.Offset, $"{call.Name}() takes at least 2 arguments, got {call.Args.Count}", $"usage: {function.Usage}");
            return null;
        }
        var args = new ExprNode?[call.Args.Count];
        var ok = true;
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = BindValueArg(call.Args[i].Value, ArgType.Number, call.Name);
            ok &= args[i] is not null;
        }
        return ok ? new BoundArgs(function, [], args, [], []) : null;
    }

    private BoundArgs? BindCondition(CallAst call, FunctionDeclaration function)
    {
        if (!NoNamedArgs(call))
        {
            return null;
        }
        if (call.Args.Count != 3)
        {
            Error(call.Offset, $"{call.Name}() takes 3 arguments, got {call.Args.Count}", $"usage: {function.Usage}");
            return null;
        }
        var c = BindValueArg(call.Args[0].Value, ArgType.Bool, call.Name);
        var a = Bind(call.Args[1].Value);
        var b = Bind(call.Args[2].Value);
        if (c is null || a is null || b is null)
        {
            return null;
        }
        if ((a is NumNode && b is NumNode) || (a is BoolNode && b is BoolNode))
        {
            return new BoundArgs(function, [], [c, a, b], [], []);
        }
        Error(call.Args[2].Value.Offset, $"{call.Name}() needs both branches of the same type", "both numbers or both true/false");
        return null;
    }
}
