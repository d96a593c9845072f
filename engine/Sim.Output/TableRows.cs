using System.Globalization;
using DuckDB.NET.Data;

namespace Sim.Output;

/// <summary>A table written cell by cell, row by row, the same way whatever the file format.</summary>
internal interface ITableRows
{
    void Int(int value);

    void Long(long value);

    void Unsigned(ulong value);

    void Number(double value);

    void Bool(bool value);

    void Text(string? value);

    /// <summary>
    /// A code that looks like a number but is text (a CAMEO code <c>050</c>, a 64-bit seed): quoted in CSV, so a
    /// reader told to keep quoted values as text keeps the leading zeros and every digit.
    /// </summary>
    void Code(string? value);

    void Date(DateOnly value);

    void EndRow();
}

/// <summary>CSV with the shortest text that reads back as the same number, and no text for none.</summary>
internal sealed class CsvRows(TextWriter w) : ITableRows
{
    private bool _first = true;

    public void Int(int value) => Cell(value.ToString(CultureInfo.InvariantCulture));

    public void Long(long value) => Cell(value.ToString(CultureInfo.InvariantCulture));

    public void Unsigned(ulong value) => Cell(value.ToString(CultureInfo.InvariantCulture));

    public void Number(double value) => Cell(value.ToString("R", CultureInfo.InvariantCulture));

    public void Bool(bool value) => Cell(value ? "true" : "false");

    public void Text(string? value) => Cell(value is null ? "" : Quote(value));

    public void Code(string? value) => Cell(value is null ? "" : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");

    public void Date(DateOnly value) => Cell(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public void EndRow()
    {
        w.WriteLine();
        _first = true;
    }

    /// <summary>RFC 4180 quoting, only where a value needs it.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void Cell(string text)
    {
        if (!_first)
        {
            w.Write(',');
        }

        w.Write(text);
        _first = false;
    }
}

/// <summary>Appends each cell to the typed table as it comes (NULL for none).</summary>
internal sealed class AppenderRows(DuckDBAppender appender) : ITableRows
{
    private IDuckDBAppenderRow? _row;

    private IDuckDBAppenderRow Row => _row ??= appender.CreateRow();

    public void Int(int value) => Row.AppendValue(value);

    public void Long(long value) => Row.AppendValue(value);

    public void Unsigned(ulong value) => Row.AppendValue(value);

    public void Number(double value) => Row.AppendValue(value);

    public void Bool(bool value) => Row.AppendValue(value);

    public void Text(string? value) => _ = value is null ? Row.AppendNullValue() : Row.AppendValue(value);

    public void Code(string? value) => Text(value);

    public void Date(DateOnly value) => Row.AppendValue((DateOnly?)value);

    public void EndRow()
    {
        Row.EndRow();
        _row = null;
    }
}
