using System.Globalization;

namespace Sim.Engine.Scenarios.Expressions;

internal enum TokenKind
{
    Number,
    Identifier,
    LParen,
    RParen,
    Comma,
    Colon,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    EqualEqual,
    NotEqual,
    End,
}

internal readonly record struct Token(TokenKind Kind, int Offset, int Length, string Text, double Number);

/// <summary>An error inside an expression, at a character offset of the expression text.</summary>
internal sealed record ExpressionError(int Offset, string Message, string? Hint = null);

/// <summary>Turns expression text into tokens; reports the first bad character and stops (later errors would be noise).</summary>
internal static class Lexer
{
    public static List<Token>? Tokenize(string text, List<ExpressionError> errors)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }
                if (i < text.Length && text[i] is 'e' or 'E')
                {
                    var j = i + 1;
                    if (j < text.Length && text[j] is '+' or '-')
                    {
                        j++;
                    }
                    if (j < text.Length && char.IsAsciiDigit(text[j]))
                    {
                        i = j;
                        while (i < text.Length && char.IsAsciiDigit(text[i]))
                        {
                            i++;
                        }
                    }
                }
                var s = text[start..i];
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    errors.Add(new ExpressionError(start, $"'{s}' is not a number"));
                    return null;
                }
                if (!double.IsFinite(v))
                {
                    errors.Add(new ExpressionError(start, $"'{s}' is too large for a number (the largest is about 1.8e308)"));
                    return null;
                }
                tokens.Add(new Token(TokenKind.Number, start, i - start, s, v));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new Token(TokenKind.Identifier, start, i - start, text[start..i], 0));
                continue;
            }
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            (TokenKind kind, int len) = (c, next) switch
            {
                ('(', _) => (TokenKind.LParen, 1),
                (')', _) => (TokenKind.RParen, 1),
                (',', _) => (TokenKind.Comma, 1),
                (':', _) => (TokenKind.Colon, 1),
                ('+', _) => (TokenKind.Plus, 1),
                ('-', _) => (TokenKind.Minus, 1),
                ('*', _) => (TokenKind.Star, 1),
                ('/', _) => (TokenKind.Slash, 1),
                ('%', _) => (TokenKind.Percent, 1),
                ('<', '=') => (TokenKind.LessEqual, 2),
                ('<', _) => (TokenKind.Less, 1),
                ('>', '=') => (TokenKind.GreaterEqual, 2),
                ('>', _) => (TokenKind.Greater, 1),
                ('=', '=') => (TokenKind.EqualEqual, 2),
                ('!', '=') => (TokenKind.NotEqual, 2),
                _ => (TokenKind.End, 0),
            };
            if (len == 0)
            {
                var hint = (c, next) switch
                {
                    ('=', _) => "use '==' to compare",
                    ('&', '&') => "use 'and'",
                    ('|', '|') => "use 'or'",
                    ('!', _) => "use 'not'",
                    ('"' or '\'', _) => "ids are written without quotes",
                    _ => null,
                };
                errors.Add(new ExpressionError(i, $"unexpected character '{c}'", hint));
                return null;
            }
            tokens.Add(new Token(kind, i, len, text.Substring(i, len), 0));
            i += len;
        }
        tokens.Add(new Token(TokenKind.End, text.Length, 0, "", 0));
        return tokens;
    }
}
