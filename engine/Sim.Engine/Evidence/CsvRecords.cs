using System.Globalization;
using System.Text;

namespace Sim.Engine.Evidence;

/// <summary>One record of a CSV file: its fields and the line it starts on (a quoted field may span lines).</summary>
internal readonly record struct CsvRecord(int Line, string[] Fields);

/// <summary>
/// Reads CSV as RFC 4180 writes it (comma separated, fields quoted with <c>"</c>, a quote inside doubled, line
/// breaks allowed inside quotes), which is how UCDP and ACLED export. Each record carries the line it starts on,
/// so an error names the line a user can open; a UTF-8 byte order mark is skipped.
/// </summary>
internal static class CsvRecords
{
    /// <summary>The records of <paramref name="text"/>, header first; blank lines are skipped.</summary>
    /// <exception cref="ObservationException">A quote is left open at the end of the file.</exception>
    public static List<CsvRecord> Parse(string file, string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoteLine = 0;
        var inQuotes = false;
        var fieldStarted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    fieldStarted = true;
                    quoteLine = line;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    // A bare CR is part of CRLF (or an old Mac line end); the LF, if any, ends the record.
                    if (i + 1 >= text.Length || text[i + 1] != '\n')
                    {
                        EndRecord();
                        line++;
                        start = line;
                    }

                    break;
                case '\n':
                    EndRecord();
                    line++;
                    start = line;
                    break;
                default:
                    field.Append(ch);
                    fieldStarted = true;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new ObservationException(file, quoteLine, "a quoted field opened here is never closed (a missing '\"')");
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            if (fieldStarted || fields.Count > 0 || field.Length > 0)
            {
                fields.Add(field.ToString());
                records.Add(new CsvRecord(start, [.. fields]));
            }

            fields.Clear();
            field.Clear();
            fieldStarted = false;
        }
    }

    /// <summary>The index of each named column in <paramref name="header"/> (names compared without case, trimmed).</summary>
    public static Dictionary<string, int> Columns(CsvRecord header)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < header.Fields.Length; c++)
        {
            columns.TryAdd(header.Fields[c].Trim(), c);
        }

        return columns;
    }

    /// <summary>Parses a whole number, allowing a sign and a decimal point with zeros after it (spreadsheets write <c>3.0</c>).</summary>
    public static bool TryInteger(string text, out int value)
    {
        value = 0;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || d != Math.Floor(d) || Math.Abs(d) > int.MaxValue)
        {
            return false;
        }

        value = (int)d;
        return true;
    }

    /// <summary>Parses a finite number in invariant culture.</summary>
    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
