using System.Globalization;
using System.Text;

namespace Sim.Cli;

/// <summary>
/// What <c>sim</c> prints is text for a terminal or a log, and names, ids and paths come from files anyone may write.
/// A control character in them (an escape sequence that clears the screen, retitles the window or hides the text
/// after it, a carriage return that overwrites the line, a bell) or a character that reverses the text's direction is
/// shown as <c>\xNN</c> or <c>\uNNNN</c> instead of acting on the terminal. Line feeds and tabs are kept.
/// </summary>
internal static class Escaping
{
    /// <summary>Whether <paramref name="c"/> is shown escaped: C0 controls but line feed and tab, DEL, C1 controls, and the bidirectional overrides and isolates.</summary>
    public static bool IsUnsafe(char c) =>
        (c < ' ' && c is not '\n' and not '\t') || (c >= '\u007f' && c <= '\u009f')
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c is '\u200e' or '\u200f' or '\u061c';

    /// <summary><paramref name="text"/> with every unsafe character escaped; the same string when there is none.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(IsUnsafe))
        {
            return text ?? "";
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            Append(sb, c);
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, char c)
    {
        if (!IsUnsafe(c))
        {
            sb.Append(c);
        }
        else if (c <= '\u00ff')
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
    }

    /// <summary>A writer that escapes what passes through it (see <see cref="Escaping"/>), for stdout and stderr.</summary>
    public sealed class Writer(TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override IFormatProvider FormatProvider => inner.FormatProvider;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string NewLine { get => inner.NewLine; set => inner.NewLine = value; }

        public override void Write(char value)
        {
            if (IsUnsafe(value))
            {
                inner.Write(Escape(value.ToString()));
            }
            else
            {
                inner.Write(value);
            }
        }

        public override void Write(string? value) => inner.Write(Escape(value));

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value)
        {
            inner.Write(Escape(value));
            inner.WriteLine();
        }

        public override void WriteLine() => inner.WriteLine();

        public override void Flush() => inner.Flush();
    }
}
