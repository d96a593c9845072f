using System.Globalization;
using DuckDB.NET.Data;
using Sim.Engine;
using Sim.Engine.Runs.Ensembles;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Output;

/// <summary>
/// The per-run tables of an ensemble (<c>sim mc --keep</c>, <c>sim export</c>): every run's events and time
/// series in long format, each row led by the run, its parameter point, replicate and seed, plus dictionaries of
/// the scenario's actors, regions, outcomes and parameters. The store keeps no events, so the runs are replayed
/// (each checked against its stored outcomes), a window of runs at a time, and written in run order as each
/// window completes: memory stays bounded however many runs there are, and the bytes do not depend on the threads.
/// </summary>
public static class EnsembleKeep
{
    /// <summary>The per-run tables that can be kept: the engine's events, its time series, and the events under ACLED's columns (<c>events_acled</c>).</summary>
    public static readonly IReadOnlyList<string> Tables = ["events", "series", "acled"];

    /// <summary>The dictionaries written beside the per-run tables.</summary>
    public static readonly IReadOnlyList<string> Dictionaries = ["actors", "regions", "outcomes", "parameters"];

    /// <summary>Every file the kept tables may write in an ensemble folder, in both formats (what <c>--force</c> may delete).</summary>
    public static IEnumerable<string> FileNames =>
        Tables.Select(FileStem).Concat(Dictionaries).SelectMany(t => new[] { $"{t}.parquet", $"{t}.csv" });

    /// <summary>The file name, without extension, of kept table <paramref name="table"/>.</summary>
    private static string FileStem(string table) => table == "acled" ? "events_acled" : table;

    /// <summary>
    /// Reads <c>--keep</c> values (each a table or a comma-separated list of them) into the set to write.
    /// </summary>
    /// <exception cref="InputException">A value names no table.</exception>
    public static IReadOnlySet<string> Parse(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var keep = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.ToLowerInvariant();
                if (!Tables.Contains(name))
                {
                    throw new InputException($"error: --keep {value}: there is no per-run table '{part}' (fix: --keep {string.Join(',', Tables)}, or one of them).");
                }

                keep.Add(name);
            }
        }

        return keep;
    }

    /// <summary>
    /// Replays every run of <paramref name="results"/> and writes the tables in <paramref name="keep"/> and the
    /// dictionaries into its folder; returns the files written.
    /// </summary>
    /// <param name="results">A complete ensemble.</param>
    /// <param name="scenario">Its scenario with its shared overrides (see <see cref="EnsembleReplay.LoadScenario"/>).</param>
    /// <param name="keep">Tables from <see cref="Parse"/>.</param>
    /// <param name="format">Parquet or CSV.</param>
    /// <param name="threads">Runs replayed at once; the files are the same bytes for any.</param>
    /// <param name="progress">Runs written so far.</param>
    /// <param name="cancel">Stops the replays (nothing is left half-written).</param>
    public static IReadOnlyList<string> Write(EnsembleResults results, Scenario scenario, IReadOnlySet<string> keep, TableFormat format, int threads, IProgress<long>? progress, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(keep);
        var folder = results.Folder;
        var extension = format == TableFormat.Csv ? "csv" : "parquet";
        var info = results.Info;
        var files = new List<string>();
        var sinks = new List<(TableSink Sink, Action<ScenarioRun, ITableRows, Action<ITableRows>> Write)>();
        try
        {
            if (keep.Contains("events"))
            {
                var path = Path.Combine(folder, $"events.{extension}");
                sinks.Add((TableSink.Open(path, format, [.. RunColumns, .. RunOutputs.EventColumns]), RunOutputs.WriteEvents));
                files.Add(path);
            }

            if (keep.Contains("acled"))
            {
                var path = Path.Combine(folder, $"{FileStem("acled")}.{extension}");
                sinks.Add((TableSink.Open(path, format, [.. RunColumns, .. AcledEvents.Columns]), AcledEvents.Write));
                files.Add(path);
            }

            if (keep.Contains("series"))
            {
                var path = Path.Combine(folder, $"series.{extension}");
                var probe = scenario.StartRun(0, 0);
                sinks.Add((TableSink.Open(path, format, [.. RunColumns, .. RunOutputs.SeriesColumns(probe)]), RunOutputs.WriteSeries));
                files.Add(path);
            }

            var window = Math.Max(1, threads) * 4;
            var replays = new ScenarioRun[window];
            progress?.Report(0);
            for (var first = 0; first < results.Runs.Count; first += window)
            {
                var count = Math.Min(window, results.Runs.Count - first);
                ReplayWindow(results, scenario, first, count, replays, threads, cancel);
                for (var i = 0; i < count; i++)
                {
                    var run = results.Runs[first + i];
                    var seed = EnsemblePlan.RunSeed(info.Seed, run);
                    var seedText = seed.ToString(CultureInfo.InvariantCulture);
                    var point = info.PointOf(run);
                    var replicate = (int)(run % info.RunsPerPoint);
                    foreach (var (sink, write) in sinks)
                    {
                        write(replays[i], sink.Rows, rows =>
                        {
                            rows.Long(run);
                            rows.Int(point);
                            rows.Int(replicate);
                            rows.Unsigned(seed);
                            rows.Code(seedText);
                        });
                    }

                    replays[i] = null!;
                    if ((first + i + 1) % CommitRuns == 0)
                    {
                        foreach (var (sink, _) in sinks)
                        {
                            sink.Commit();
                        }
                    }
                }

                progress?.Report(first + count);
            }

            foreach (var (sink, _) in sinks)
            {
                sink.Complete();
            }
        }
        finally
        {
            foreach (var (sink, _) in sinks)
            {
                sink.Dispose();
            }
        }

        files.AddRange(WriteDictionaries(folder, format, scenario.Definition, info));
        return files;
    }

    /// <summary>Runs between commits of the Parquet tables: fixed, not tied to the threads, so the files are the same bytes for any.</summary>
    private const int CommitRuns = 64;

    /// <summary>The columns that lead every row of a per-run table: which run, its point, replicate and seed (also as text).</summary>
    private static readonly (string Name, string SqlType)[] RunColumns =
        [("run", "BIGINT"), ("point", "INTEGER"), ("replicate", "INTEGER"), ("seed", "UBIGINT"), ("seed_text", "VARCHAR")];

    private static void ReplayWindow(EnsembleResults results, Scenario scenario, int first, int count, ScenarioRun[] replays, int threads, CancellationToken cancel)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancel },
                i => replays[i] = EnsembleReplay.ReplayRow(results, scenario, first + i, cancel));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>Names, kinds, descriptions and sources of what the per-run tables name by id.</summary>
    private static List<string> WriteDictionaries(string folder, TableFormat format, ScenarioDefinition def, EnsembleInfo info)
    {
        var extension = format == TableFormat.Csv ? "csv" : "parquet";
        var files = new List<string>();
        void Table(string name, (string, string)[] columns, Action<ITableRows> fill)
        {
            var path = Path.Combine(folder, $"{name}.{extension}");
            RunOutputs.WriteTable(path, format, columns, fill);
            files.Add(path);
        }

        Table("actors", [("id", "VARCHAR"), ("name", "VARCHAR"), ("kind", "VARCHAR"), ("patron", "VARCHAR"), ("source", "VARCHAR")], rows =>
        {
            foreach (var a in def.Actors)
            {
                rows.Text(a.Id);
                rows.Text(a.Name);
                rows.Text(a.Kind.Word());
                rows.Text(def.Actor(a.Patron)?.Id);
                rows.Text(SourceOf(a));
                rows.EndRow();
            }
        });
        Table("regions", [("id", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"), ("latitude", "DOUBLE"), ("longitude", "DOUBLE"), ("admin", "VARCHAR"), ("source", "VARCHAR")], rows =>
        {
            foreach (var r in def.Regions)
            {
                rows.Text(r.Id);
                rows.Text(r.Name);
                rows.Text(def.Actor(r.Country)?.Id);
                rows.Number(r.Lat);
                rows.Number(r.Lon);
                rows.Text(string.Join("; ", r.Admin));
                rows.Text(SourceOf(r));
                rows.EndRow();
            }
        });
        Table("outcomes", [("id", "VARCHAR"), ("kind", "VARCHAR"), ("description", "VARCHAR"), ("source", "VARCHAR")], rows =>
        {
            foreach (var o in def.Outcomes)
            {
                rows.Text(o.Id);
                rows.Text(o.Expr.Type == ExpressionType.Bool ? "bool" : "number");
                rows.Text(o.Description);
                rows.Text(SourceOf(o));
                rows.EndRow();
            }
        });
        Table("parameters", [("id", "VARCHAR"), ("value", "DOUBLE"), ("min", "DOUBLE"), ("max", "DOUBLE"), ("varied", "BOOLEAN"), ("description", "VARCHAR"), ("source", "VARCHAR")], rows =>
        {
            foreach (var p in def.Parameters)
            {
                rows.Text(p.Id);
                rows.Number(p.Value);
                rows.Number(p.Min);
                rows.Number(p.Max);
                rows.Bool(info.Varied.Contains(p.Id));
                rows.Text(p.Description);
                rows.Text(SourceOf(p));
                rows.EndRow();
            }
        });
        return files;
    }

    /// <summary>The item's source, or its fields' sources ("field: source; ...") when it cites them one by one.</summary>
    private static string? SourceOf(ScenarioItem item) =>
        item.Source ?? (item.FieldSources.IsEmpty ? null
            : string.Join("; ", item.FieldSources.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}: {f.Value}")));

    /// <summary>
    /// One table written row by row to a temporary file beside its path and moved there when complete. CSV is written
    /// as it comes; Parquet rows go to a DuckDB database in a temporary file (its buffer pool bounds the memory, the
    /// rest spills to disk), copied out on one thread when complete.
    /// </summary>
    private sealed class TableSink : IDisposable
    {
        private readonly string _path;
        private readonly string _temp;
        private readonly StreamWriter? _csv;
        private readonly DuckDBConnection? _db;
        private DuckDBAppender? _appender;
        private readonly string _database = "";

        private TableSink(string path, string temp, StreamWriter? csv, DuckDBConnection? db, DuckDBAppender? appender, string database)
        {
            _path = path;
            _temp = temp;
            _csv = csv;
            _db = db;
            _appender = appender;
            _database = database;
            Rows = csv is not null ? new CsvRows(csv) : new AppenderRows(appender!);
        }

        public ITableRows Rows { get; private set; }

        /// <summary>
        /// Commits the rows appended so far (Parquet): a transaction's rows stay in memory until it commits, and
        /// committed rows go to the database file, so committing after each window of runs keeps memory bounded.
        /// </summary>
        public void Commit()
        {
            if (_appender is not null)
            {
                _appender.Dispose();
                _appender = _db!.CreateAppender("t");
                Rows = new AppenderRows(_appender);
            }
        }

        public static TableSink Open(string path, TableFormat format, IReadOnlyList<(string Name, string SqlType)> columns)
        {
            if (format == TableFormat.Csv)
            {
                var (name, stream) = AtomicFile.CreateTemp(path);
                var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
                writer.WriteLine(string.Join(',', columns.Select(c => CsvRows.Quote(c.Name))));
                return new TableSink(path, name, writer, null, null, "");
            }

            // The Parquet file's temporary name is reserved now; the database beside it takes a name derived from
            // that unpredictable one, so nothing can be planted there in advance either.
            var temp = AtomicFile.ReserveTemp(path);
            var database = temp + ".duckdb";
            var db = new DuckDBConnection($"DataSource={database}");
            try
            {
                db.Open();
                Execute(db, "SET threads = 1");
                Execute(db, "SET memory_limit = '128MB'");
                Execute(db, $"CREATE TABLE t ({string.Join(", ", columns.Select(c => $"{TableFile.Quote(c.Name)} {c.SqlType}"))})");
                return new TableSink(path, temp, null, db, db.CreateAppender("t"), database);
            }
            catch
            {
                db.Dispose();
                DeleteDatabase(database);
                File.Delete(temp);
                throw;
            }
        }

        /// <summary>Finishes the file and moves it into place.</summary>
        public void Complete()
        {
            if (_csv is not null)
            {
                _csv.Flush();
                _csv.BaseStream.Flush();
                _csv.Dispose();
            }
            else
            {
                _appender!.Dispose();
                try
                {
                    Execute(_db!, $"COPY t TO '{_temp.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT parquet)");
                }
                catch (DuckDBException e)
                {
                    throw new IOException($"cannot write {_path}: {e.Message.Replace("IO Error: ", "", StringComparison.Ordinal)}", e);
                }
            }

            File.Move(_temp, _path, overwrite: true);
        }

        public void Dispose()
        {
            _csv?.Dispose();
            _appender?.Dispose();
            _db?.Dispose();
            File.Delete(_temp);
            if (_db is not null)
            {
                DeleteDatabase(_database);
            }
        }

        private static void Execute(DuckDBConnection db, string sql)
        {
            using var command = db.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static void DeleteDatabase(string database)
        {
            File.Delete(database);
            File.Delete(database + ".wal");
            if (Directory.Exists(database + ".tmp"))
            {
                Directory.Delete(database + ".tmp", recursive: true);
            }
        }
    }
}
