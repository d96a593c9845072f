using DuckDB.NET.Data;

namespace Sim.Output;

/// <summary>File formats for tables.</summary>
public enum TableFormat
{
    /// <summary>Comma-separated values with a header row (RFC 4180 quoting).</summary>
    Csv,

    /// <summary>Apache Parquet, written through DuckDB.</summary>
    Parquet,
}

/// <summary>
/// The one way typed tables reach a file: rows appended to an in-memory DuckDB table of declared column types,
/// copied out as Parquet or CSV with one thread (stable bytes), atomically. Readers get the declared types back
/// instead of guessing them from text (an actor id <c>T</c> read as a boolean, a CAMEO code <c>050</c> as 50).
/// Several tables written in turn may share one database (<see cref="Open"/>): starting a database costs more than
/// writing a small table.
/// </summary>
public sealed class TableFile : IDisposable
{
    // A database being opened ahead of its use (OpenAhead), for the next Open to take.
    private static Task<TableFile>? _ahead;

    private readonly DuckDBConnection _connection;

    private TableFile(DuckDBConnection connection) => _connection = connection;

    /// <summary>
    /// Starts opening a database on another thread for the next <see cref="Open"/> to take: the process's first also
    /// loads DuckDB, which a command can have done on a spare core while it does other work.
    /// </summary>
    public static void OpenAhead()
    {
        var ahead = new Task<TableFile>(OpenNew);
        if (Interlocked.CompareExchange(ref _ahead, ahead, null) is null)
        {
            ahead.Start(TaskScheduler.Default);
        }
    }

    /// <summary>An in-memory database that writes tables in turn, one thread each (<see cref="Add"/>).</summary>
    public static TableFile Open() =>
        Interlocked.Exchange(ref _ahead, null) is { } ahead ? ahead.GetAwaiter().GetResult() : OpenNew();

    private static TableFile OpenNew()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SET threads = 1";
            command.ExecuteNonQuery();
            return new TableFile(connection);
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw new IOException($"cannot start the in-memory database that writes tables: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Writes the table of <paramref name="columns"/> (each <c>"name" TYPE</c>, name quoted with <see cref="Quote"/>) filled by <paramref name="fill"/>.</summary>
    public static void Write(string path, TableFormat format, IReadOnlyList<string> columns, Action<DuckDBAppender> fill)
    {
        using var tables = Open();
        tables.Add(path, format, columns, fill);
    }

    /// <summary>Writes a table as <see cref="Write"/> does, in this database; the table is dropped once written.</summary>
    public void Add(string path, TableFormat format, IReadOnlyList<string> columns, Action<DuckDBAppender> fill)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(fill);
        var temp = AtomicFile.ReserveTemp(path);
        try
        {
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = $"CREATE TABLE t ({string.Join(", ", columns)})";
                command.ExecuteNonQuery();
                try
                {
                    using (var appender = _connection.CreateAppender("t"))
                    {
                        fill(appender);
                    }

                    var options = format == TableFormat.Csv ? "FORMAT csv, HEADER true" : "FORMAT parquet";
                    command.CommandText = $"COPY t TO '{temp.Replace("'", "''", StringComparison.Ordinal)}' ({options})";
                    command.ExecuteNonQuery();
                }
                finally
                {
                    command.CommandText = "DROP TABLE t";
                    command.ExecuteNonQuery();
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (DuckDBException e)
        {
            // DuckDB reports a full disk or a folder it may not write as its own error; callers handle I/O failures.
            throw new IOException($"cannot write {path}: {e.Message.Replace("IO Error: ", "", StringComparison.Ordinal)}", e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A column name quoted for SQL.</summary>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();
}
