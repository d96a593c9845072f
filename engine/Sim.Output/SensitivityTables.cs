using System.Globalization;
using DuckDB.NET.Data;

namespace Sim.Output;

/// <summary>
/// The tables of <c>sim sensitivity</c>: <c>indices</c> (one row per outcome, parameter and index, with its interval) and
/// <c>runs</c> (one row per run of the design: its seed, as a number and as text, its parameter values and its outcomes).
/// </summary>
public static class SensitivityTables
{
    /// <summary>Writes both tables into <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, TableFormat format, SensitivityResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var ext = format == TableFormat.Csv ? ".csv" : ".parquet";
        var indices = Path.Combine(folder, "indices" + ext);
        TableFile.Write(indices, format, ["outcome VARCHAR", "parameter VARCHAR", "\"index\" VARCHAR", "value DOUBLE", "low DOUBLE", "high DOUBLE"], appender =>
        {
            foreach (var i in results.Indices)
            {
                var row = appender.CreateRow().AppendValue(i.Outcome).AppendValue(i.Parameter).AppendValue(i.Index);
                Number(Number(Number(row, i.Value), i.Low), i.High).EndRow();
            }
        });

        var runs = Path.Combine(folder, "runs" + ext);
        var experiment = results.Runs;
        var columns = new List<string> { "run BIGINT", "seed UBIGINT", "seed_text VARCHAR" };
        columns.AddRange(experiment.Varied.Select(v => $"{TableFile.Quote(v)} DOUBLE"));
        columns.AddRange(experiment.Outcomes.Select(o => $"{TableFile.Quote(o)} DOUBLE"));
        TableFile.Write(runs, format, columns, appender =>
        {
            foreach (var r in experiment.Runs)
            {
                var row = appender.CreateRow().AppendValue(r.Run).AppendValue(r.Seed).AppendValue(r.Seed.ToString(CultureInfo.InvariantCulture));
                foreach (var v in r.Parameters)
                {
                    row = Number(row, v);
                }

                foreach (var v in r.Outcomes)
                {
                    row = Number(row, v);
                }

                row.EndRow();
            }
        });
        return [indices, runs];
    }

    /// <summary>Writes the partial rank correlations of an ensemble (<c>prcc</c> table) into <paramref name="folder"/>; returns its path.</summary>
    public static string WritePrcc(string folder, TableFormat format, IReadOnlyList<SensitivityIndex> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var path = Path.Combine(folder, "prcc" + (format == TableFormat.Csv ? ".csv" : ".parquet"));
        TableFile.Write(path, format, ["outcome VARCHAR", "parameter VARCHAR", "prcc DOUBLE", "low DOUBLE", "high DOUBLE"], appender =>
        {
            foreach (var i in rows)
            {
                var row = appender.CreateRow().AppendValue(i.Outcome).AppendValue(i.Parameter);
                Number(Number(Number(row, i.Value), i.Low), i.High).EndRow();
            }
        });
        return path;
    }

    // An estimate that does not exist (no variance, no interval) is an empty cell, not "nan".
    private static IDuckDBAppenderRow Number(IDuckDBAppenderRow row, double value) =>
        double.IsFinite(value) ? row.AppendValue(value) : row.AppendNullValue();
}
