using System.Globalization;
using DuckDB.NET.Data;
using Sim.Engine;
using Sim.Engine.Runs.Calibration;

namespace Sim.Output;

/// <summary>
/// A posterior sample as a table: one row per particle, a <c>weight</c> column and one column per parameter (and,
/// as <c>sim calibrate</c> writes it, <c>particle</c> and <c>distance</c>, which are read past). Parquet or CSV.
/// </summary>
public static class PosteriorFile
{
    /// <summary>The columns that are not parameters.</summary>
    private static readonly string[] Reserved = ["particle", "weight", "distance"];

    /// <summary>DuckDB's types whose values are read as numbers: numbers, text (a CSV's, parsed) and booleans (1 and 0).</summary>
    private static readonly string[] Readable = ["TinyInt", "SmallInt", "Integer", "BigInt", "HugeInt", "UnsignedTinyInt", "UnsignedSmallInt",
        "UnsignedInteger", "UnsignedBigInt", "UnsignedHugeInt", "Float", "Double", "Decimal", "Varchar", "Boolean"];

    /// <summary>Writes <paramref name="sample"/>, with each particle's distance when given.</summary>
    public static void Write(string path, TableFormat format, PosteriorSample sample, double[]? distances = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var columns = new List<string> { "particle INTEGER", "weight DOUBLE" };
        columns.AddRange(sample.Names.Select(n => $"{TableFile.Quote(n)} DOUBLE"));
        if (distances is not null)
        {
            columns.Add("distance DOUBLE");
        }

        TableFile.Write(path, format, columns, appender =>
        {
            for (var i = 0; i < sample.Count; i++)
            {
                var row = appender.CreateRow().AppendValue(i).AppendValue(sample.Weights[i]);
                foreach (var v in sample.Particle(i))
                {
                    row.AppendValue(v);
                }

                if (distances is not null)
                {
                    row.AppendValue(distances[i]);
                }

                row.EndRow();
            }
        });
    }

    /// <summary>Reads a posterior table (Parquet, or CSV when the name ends in <c>.csv</c>).</summary>
    /// <exception cref="InputException">No such file, not a table, no <c>weight</c> column, no parameter column, or a value that is not a number.</exception>
    public static PosteriorSample Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputException($"error: --posterior {path}: no such file (fix: give the posterior.parquet that 'sim calibrate' wrote).");
        }

        var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var source = $"{(csv ? "read_csv" : "read_parquet")}('{path.Replace("'", "''", StringComparison.Ordinal)}')";
        try
        {
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {source}";
            using var reader = command.ExecuteReader();
            var weightColumn = -1;
            var parameters = new List<(string Name, int Column)>();
            for (var c = 0; c < reader.FieldCount; c++)
            {
                var name = reader.GetName(c);
                if (name == "weight")
                {
                    weightColumn = c;
                }
                else if (!Reserved.Contains(name, StringComparer.Ordinal))
                {
                    parameters.Add((name, c));
                }
            }

            if (weightColumn < 0 || parameters.Count == 0)
            {
                throw new InputException($"error: {path} is not a posterior sample: it needs a 'weight' column and one column per parameter (it has: {string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetName))}).");
            }

            foreach (var column in parameters.Select(p => p.Column).Prepend(weightColumn))
            {
                // Lists, maps, structs and dates are refused by their type, not read: DuckDB.NET builds such values by
                // reflection, which the natively compiled tool cannot do.
                var type = reader.GetDataTypeName(column);
                if (!Readable.Contains(type, StringComparer.Ordinal))
                {
                    throw new InputException($"error: {path}: '{reader.GetName(column)}' is a column of {type} values, not numbers (fix: give the posterior.parquet that 'sim calibrate' wrote, or one number per parameter and row).");
                }
            }

            var values = new List<double>();
            var weights = new List<double>();
            var row = 0;
            while (reader.Read())
            {
                row++;
                weights.Add(Number(reader, weightColumn, path, row));
                foreach (var (_, column) in parameters)
                {
                    values.Add(Number(reader, column, path, row));
                }
            }

            return new PosteriorSample([.. parameters.Select(p => p.Name)], [.. values], [.. weights]);
        }
        catch (DuckDBException e)
        {
            throw new InputException($"error: {path} cannot be read as a {(csv ? "CSV" : "Parquet")} table: {e.Message.Split('\n')[0]} (fix: give the posterior.parquet that 'sim calibrate' wrote).", e);
        }
    }

    private static double Number(DuckDBDataReader reader, int column, string path, int row)
    {
        if (reader.IsDBNull(column))
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"error: {path}: row {row} has no value of '{reader.GetName(column)}'."));
        }

        try
        {
            return Convert.ToDouble(reader.GetValue(column), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"error: {path}: row {row}: '{reader.GetName(column)}' is not a number ({reader.GetValue(column)})."), e);
        }
    }
}
