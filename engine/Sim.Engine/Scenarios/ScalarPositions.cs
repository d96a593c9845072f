using YamlDotNet.Core;

namespace Sim.Engine.Scenarios;

/// <summary>
/// Maps a character offset inside a scalar's value back to a line and column of the file, so an error
/// in an expression points at the offending token, whether the scalar is plain, quoted (with escapes)
/// or a block scalar spread over several lines.
/// </summary>
internal static class ScalarPositions
{
    public static (int Line, int Column) Map(YScalar scalar, int offset)
    {
        var raw = scalar.File.Text;
        var value = scalar.Value;
        var line = scalar.Line;
        var col = scalar.Column;
        var i = scalar.Index;
        var j = 0;
        // Walk the raw text and the value side by side: characters that match advance both, anything else
        // (quotes, escapes, indentation, folded line breaks, block indicators) advances the raw text only.
        while (i < raw.Length && j < offset && j < value.Length)
        {
            var c = raw[i];
            if (scalar.Style == ScalarStyle.DoubleQuoted && c == '\\' && i + 1 < raw.Length)
            {
                var len = raw[i + 1] switch
                {
                    'x' => 4,
                    'u' => 6,
                    'U' => 10,
                    '\n' => 2,
                    _ => 2,
                };
                if (raw[i + 1] != '\n')
                {
                    j++; // one escape decodes to one character
                }
                Advance(raw, ref i, ref line, ref col, len);
                continue;
            }
            if (c == value[j] && !(i == scalar.Index && scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted))
            {
                j++;
            }
            else if (c == '\'' && scalar.Style == ScalarStyle.SingleQuoted && i + 1 < raw.Length && raw[i + 1] == '\'' && value[j] == '\'')
            {
                // '' decodes to one quote
                j++;
                Advance(raw, ref i, ref line, ref col, 1);
            }
            Advance(raw, ref i, ref line, ref col, 1);
        }
        // Skip what precedes the target character in the raw text (opening quote, indentation).
        while (i < raw.Length && j < value.Length && raw[i] != value[j])
        {
            Advance(raw, ref i, ref line, ref col, 1);
        }
        return (line, col);
    }

    private static void Advance(string raw, ref int i, ref int line, ref int col, int count)
    {
        for (var k = 0; k < count && i < raw.Length; k++, i++)
        {
            if (raw[i] == '\n')
            {
                line++;
                col = 1;
            }
            else
            {
                col++;
            }
        }
    }
}
