namespace Sim.Engine.Scenarios.Expressions;

/// <summary>Syntax tree of an expression before type checking; offsets index the expression text.</summary>
internal abstract record Ast(int Offset)
{
    /// <summary>Levels of nodes from this one down to its deepest leaf (a leaf is 1).</summary>
    public int Depth { get; init; } = 1;
}

internal sealed record NumberAst(int Offset, double Value) : Ast(Offset);

internal sealed record BoolAst(int Offset, bool Value) : Ast(Offset);

internal sealed record IdentAst(int Offset, string Name) : Ast(Offset);

internal sealed record ArgAst(string? Name, int NameOffset, Ast Value);

internal sealed record CallAst(int Offset, string Name, IReadOnlyList<ArgAst> Args, int CloseOffset) : Ast(Offset);

internal sealed record UnaryAst(int Offset, TokenKind Op, bool IsNot, Ast Operand) : Ast(Offset);

/// <summary>A binary operation; <see cref="Ast.Offset"/> is the left operand's start, <paramref name="OpOffset"/> the operator's.</summary>
internal sealed record BinaryAst(int Offset, string Op, int OpOffset, Ast Left, Ast Right) : Ast(Offset);

/// <summary>
/// Recursive descent with precedence climbing. Precedence, loosest first:
/// <c>or</c>, <c>and</c>, <c>not</c>, comparisons, <c>+ -</c>, <c>* / %</c>, unary <c>-</c>.
/// <c>not</c> sits below comparisons (as in Python) so <c>not a &lt; b</c> reads as <c>not (a &lt; b)</c>.
/// </summary>
internal sealed class Parser
{
    private readonly List<Token> _tokens;
    private int _pos;
    private int _nesting;

    private Parser(List<Token> tokens) => _tokens = tokens;

    private sealed class SyntaxError(ExpressionError error) : Exception(error.Message)
    {
        public ExpressionError Error { get; } = error;
    }

    public static Ast? Parse(string text, List<ExpressionError> errors)
    {
        var tokens = Lexer.Tokenize(text, errors);
        if (tokens is null)
        {
            return null;
        }
        if (tokens.Count == 1)
        {
            errors.Add(new ExpressionError(0, "the expression is empty"));
            return null;
        }
        var p = new Parser(tokens);
        try
        {
            var ast = p.ParseOr();
            if (p.Current.Kind != TokenKind.End)
            {
                throw p.Unexpected("after the end of the expression", p.Current.Kind == TokenKind.RParen ? "unbalanced ')'" : "is an operator missing?");
            }
            return ast;
        }
        catch (SyntaxError e)
        {
            errors.Add(e.Error);
            return null;
        }
    }

    private Token Current => _tokens[_pos];

    private Token Advance() => _tokens[_pos++];

    private bool IsKeyword(string word) => Current.Kind == TokenKind.Identifier && Current.Text == word;

    private SyntaxError Unexpected(string where, string? hint = null)
    {
        var what = Current.Kind == TokenKind.End ? "end of expression" : $"'{Current.Text}'";
        return new SyntaxError(new ExpressionError(Current.Offset, $"unexpected {what} {where}", hint));
    }

    private static SyntaxError TooDeep(int offset) => new(new ExpressionError(offset,
        $"the expression nests more than {Limits.ExpressionDepth} levels deep", "split it into parameters, or simplify it"));

    /// <summary>Counts one level of parser recursion (a sign, 'not', a parenthesis or a call) before descending.</summary>
    private void Enter(Token at)
    {
        if (++_nesting > Limits.ExpressionDepth)
        {
            throw TooDeep(at.Offset);
        }
    }

    private static T Deep<T>(T ast)
        where T : Ast => ast.Depth > Limits.ExpressionDepth ? throw TooDeep(ast.Offset) : ast;

    private static BinaryAst Binary(Ast left, Token op, string name, Ast right) =>
        Deep(new BinaryAst(left.Offset, name, op.Offset, left, right) { Depth = 1 + Math.Max(left.Depth, right.Depth) });

    private UnaryAst Unary(Token op, bool isNot, Ast operand)
    {
        _nesting--;
        return Deep(new UnaryAst(op.Offset, isNot ? TokenKind.Identifier : TokenKind.Minus, isNot, operand) { Depth = 1 + operand.Depth });
    }

    private Ast ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("or"))
        {
            var op = Advance();
            left = Binary(left, op, "or", ParseAnd());
        }
        return left;
    }

    private Ast ParseAnd()
    {
        var left = ParseNot();
        while (IsKeyword("and"))
        {
            var op = Advance();
            left = Binary(left, op, "and", ParseNot());
        }
        return left;
    }

    private Ast ParseNot()
    {
        if (IsKeyword("not"))
        {
            var op = Advance();
            Enter(op);
            return Unary(op, true, ParseNot());
        }
        return ParseBinary(1);
    }

    private static int Precedence(TokenKind kind) => kind switch
    {
        TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual
            or TokenKind.EqualEqual or TokenKind.NotEqual => 1,
        TokenKind.Plus or TokenKind.Minus => 2,
        TokenKind.Star or TokenKind.Slash or TokenKind.Percent => 3,
        _ => 0,
    };

    private Ast ParseBinary(int minPrecedence)
    {
        var left = ParseUnary();
        while (true)
        {
            var prec = Precedence(Current.Kind);
            if (prec == 0 || prec < minPrecedence)
            {
                return left;
            }
            var op = Advance();
            // prec + 1 makes every level left-associative: a - b - c is (a - b) - c.
            var right = ParseBinary(prec + 1);
            left = Binary(left, op, op.Text, right);
        }
    }

    private Ast ParseUnary()
    {
        if (Current.Kind == TokenKind.Minus)
        {
            var op = Advance();
            Enter(op);
            return Unary(op, false, ParseUnary());
        }
        return ParsePrimary();
    }

    private Ast ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberAst(t.Offset, t.Number);
            case TokenKind.LParen:
                {
                    Advance();
                    Enter(t);
                    var inner = ParseOr();
                    if (Current.Kind != TokenKind.RParen)
                    {
                        throw Unexpected("where ')' was expected", $"the '(' at offset {t.Offset + 1} is not closed");
                    }
                    Advance();
                    _nesting--;
                    return inner;
                }
            case TokenKind.Identifier:
                if (t.Text is "and" or "or" or "not")
                {
                    throw Unexpected("where a value was expected");
                }
                Advance();
                if (t.Text is "true" or "false")
                {
                    return new BoolAst(t.Offset, t.Text == "true");
                }
                if (Current.Kind == TokenKind.LParen)
                {
                    return ParseCall(t);
                }
                return new IdentAst(t.Offset, t.Text);
            default:
                throw Unexpected("where a value was expected");
        }
    }

    private CallAst ParseCall(Token name)
    {
        Advance(); // (
        Enter(name);
        var args = new List<ArgAst>();
        if (Current.Kind != TokenKind.RParen)
        {
            while (true)
            {
                if (Current.Kind == TokenKind.Identifier && _tokens[_pos + 1].Kind == TokenKind.Colon)
                {
                    var argName = Advance();
                    Advance(); // :
                    args.Add(new ArgAst(argName.Text, argName.Offset, ParseOr()));
                }
                else
                {
                    var start = Current.Offset;
                    args.Add(new ArgAst(null, start, ParseOr()));
                }
                if (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }
                if (Current.Kind == TokenKind.RParen)
                {
                    break;
                }
                throw Unexpected($"in the arguments of '{name.Text}'", "expected ',' or ')'");
            }
        }
        var close = Advance();
        _nesting--;
        return Deep(new CallAst(name.Offset, name.Text, args, close.Offset) { Depth = 1 + args.Select(a => a.Value.Depth).DefaultIfEmpty(0).Max() });
    }
}
