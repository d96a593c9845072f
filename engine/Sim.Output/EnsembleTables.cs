using System.Globalization;
using System.Text.Json;
using Sim.Engine;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Output;

/// <summary>
/// Writes a complete ensemble's tables into its folder: <c>runs</c> (one row per run), <c>timeseries</c> (mean and
/// quantiles per tick and series) and <c>manifest.json</c>, from <c>ensemble.json</c> and the store alone, in run-index
/// order, so they are the same bytes however the runs were scheduled, interrupted or sharded.
/// </summary>
public sealed class EnsembleTables
{
    /// <summary>
    /// The least memory for the time-series pass, in bytes, and what it has when no budget is given: larger ensembles take
    /// more passes, each of which reads and inflates the whole store again.
    /// </summary>
    public const long MinSeriesPassBytes = 512L << 20;

    /// <summary>
    /// Memory for the time-series pass, in bytes, under a memory budget of which the rest of the ensemble is expected to
    /// need <paramref name="otherBytes"/>: three quarters of what is left (the rest is a margin for the process itself),
    /// and at least <see cref="MinSeriesPassBytes"/>. Under the default 2 GB, 20,000 Sahel runs' series (1.2 GB) take one pass.
    /// </summary>
    internal static long SeriesPassBytes(long memoryBudget, double otherBytes) => (long)Math.Max(MinSeriesPassBytes, (memoryBudget - otherBytes) * 0.75);

    /// <summary>Whether the series of <paramref name="runs"/> runs, <paramref name="seriesLength"/> values each, are summarised in one pass of <paramref name="passBytes"/>.</summary>
    internal static bool FitsOnePass(long runs, int seriesLength, long passBytes) => runs * seriesLength * sizeof(float) <= passBytes;

    // Runs whose series are copied into the summary buffer together (stored runs are decompressed together first).
    internal const int DecodeBatch = 64;

    // (Series, tick) cells whose values of a decoded batch are copied into the summary buffer together.
    private const int TransposeBlock = 16;

    private readonly EnsembleResults _results;
    private readonly long[] _runs;

    private EnsembleTables(EnsembleResults results)
    {
        _results = results;
        _runs = [.. results.Runs];
    }

    private EnsembleInfo Info => _results.Info;

    private string Folder => _results.Folder;

    /// <summary>
    /// Writes the runs table, the time-series summary and the manifest; returns the paths written and the series
    /// summaries of the points asked for in <paramref name="keepPoints"/> (for plots). The time series are summarised on
    /// <paramref name="threads"/> threads (0: every core), with the same bytes for any count.
    /// </summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<SeriesSummary> Kept) Write(EnsembleResults results, TableFormat format, IReadOnlySet<int> keepPoints, int threads = 0)
    {
        var (files, kept) = WriteTables(results, format, keepPoints, threads);
        return ([.. files, WriteManifest(results, files)], kept);
    }

    /// <summary>
    /// Writes the runs table and the time-series summary without the manifest, for a caller that writes more files
    /// (the report) and then the manifest: the manifest marks the folder finished, so
    /// it comes last, and it lists every file written, which is all <c>--force</c> later removes (see <see cref="WriteManifest(EnsembleResults, IEnumerable{string})"/>).
    /// </summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<SeriesSummary> Kept) WriteTables(EnsembleResults results, TableFormat format, IReadOnlySet<int> keepPoints, int threads = 0) =>
        WriteTables(results, format, keepPoints, threads, null);

    /// <summary>
    /// Writes the tables as <see cref="WriteTables(EnsembleResults, TableFormat, IReadOnlySet{int}, int)"/> does, handing the
    /// kept summaries to <paramref name="summarised"/> as soon as they are computed, before the tables are written: a caller
    /// can draw its charts from them while this thread writes the files. The series are summarised from
    /// <paramref name="inMemory"/> when it holds every run of <paramref name="results"/> (the same values as the store's),
    /// else from the store, in passes of <paramref name="passBytes"/> (<see cref="Ensemble.SeriesPassBytes"/>).
    /// </summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<SeriesSummary> Kept) WriteTables(EnsembleResults results, TableFormat format, IReadOnlySet<int> keepPoints, int threads,
        Action<IReadOnlyList<SeriesSummary>>? summarised, RunsInMemory? inMemory = null, long passBytes = MinSeriesPassBytes)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new EnsembleTables(results).Write(format, keepPoints, threads, summarised, inMemory, passBytes);
    }

    /// <summary>Writes the manifest of <paramref name="results"/>, listing <paramref name="files"/> (paths in its folder); returns its path.</summary>
    public static string WriteManifest(EnsembleResults results, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(results);
        var manifest = Path.Combine(results.Folder, Ensemble.ManifestFile);
        new EnsembleTables(results).WriteManifest(manifest, [.. files]);
        return manifest;
    }

    /// <summary>
    /// Adds <paramref name="files"/>, written into a finished ensemble's folder after its manifest (per-run tables kept
    /// or exported), to the outputs its manifest lists; returns the manifest's path.
    /// </summary>
    public static string AddToManifest(EnsembleResults results, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(files);
        var listed = Manifest.ReadOutputs(Path.Combine(results.Folder, Ensemble.ManifestFile))
            .Select(f => Path.Combine(results.Folder, f.Replace('/', Path.DirectorySeparatorChar)));
        return WriteManifest(results, listed.Concat(files.Select(Path.GetFullPath)).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal));
    }

    private (IReadOnlyList<string> Files, IReadOnlyList<SeriesSummary> Kept) Write(TableFormat format, IReadOnlySet<int> keepPoints, int threads, Action<IReadOnlyList<SeriesSummary>>? summarised,
        RunsInMemory? inMemory, long passBytes)
    {
        var extension = format == TableFormat.Csv ? "csv" : "parquet";
        var runsPath = Path.Combine(Folder, $"runs.{extension}");
        var seriesPath = Path.Combine(Folder, $"timeseries.{extension}");
        var (points, summaries) = SummariseSeries(threads, inMemory, passBytes);
        var kept = Kept(points, summaries, keepPoints);
        summarised?.Invoke(kept);
        using (var tables = TableFile.Open())
        {
            WriteRunsTable(tables, runsPath, format);
            WriteSeriesTable(tables, seriesPath, format, points, summaries);
        }

        return ([runsPath, seriesPath], kept);
    }

    private void WriteRunsTable(TableFile tables, string path, TableFormat format)
    {
        var info = Info;
        var columns = new List<string> { "run BIGINT", "point INTEGER", "replicate INTEGER", "seed UBIGINT" };
        columns.AddRange(info.Parameters.Select(p => $"{TableFile.Quote(p)} DOUBLE"));
        columns.AddRange(info.Outcomes.Select((o, i) => $"{TableFile.Quote(o)} {(info.OutcomeIsBool[i] ? "BOOLEAN" : "DOUBLE")}"));
        tables.Add(path, format, columns, appender =>
        {
            for (var r = 0; r < _runs.Length; r++)
            {
                var run = _runs[r];
                var point = info.PointOf(run);
                var row = appender.CreateRow()
                    .AppendValue(run)
                    .AppendValue(point)
                    .AppendValue((int)(run % info.RunsPerPoint))
                    .AppendValue(EnsemblePlan.RunSeed(info.Seed, run));
                foreach (var v in info.ParametersOf(run))
                {
                    row.AppendValue(v);
                }

                for (var o = 0; o < info.Outcomes.Count; o++)
                {
                    var v = _results.Outcome(r, o);
                    if (info.OutcomeIsBool[o])
                    {
                        row.AppendValue(v != 0);
                    }
                    else
                    {
                        row.AppendValue(v);
                    }
                }

                row.EndRow();
            }
        });
    }

    /// <summary>
    /// Mean and quantiles per (point, series, tick). Exact quantiles need every run's value at once, so series are
    /// read in passes of as many columns as fit <paramref name="passBytes"/>: memory stays bounded while the store grows.
    /// </summary>
    private (List<(int Point, int First, int Count)> Points, SeriesSummary[,] Summaries) SummariseSeries(int threads, RunsInMemory? inMemory, long passBytes)
    {
        var info = Info;
        var ticks = info.Ticks;
        var n = _runs.Length;
        var rowOf = new Dictionary<long, int>(n);
        for (var r = 0; r < n; r++)
        {
            rowOf[_runs[r]] = r;
        }

        // Runs of one point are contiguous in run order.
        var pointStart = new List<(int Point, int First, int Count)>();
        for (var r = 0; r < n; r++)
        {
            var p = info.PointOf(_runs[r]);
            if (pointStart.Count == 0 || pointStart[^1].Point != p)
            {
                pointStart.Add((p, r, 0));
            }

            pointStart[^1] = pointStart[^1] with { Count = pointStart[^1].Count + 1 };
        }

        var perPass = (int)Math.Clamp(passBytes / sizeof(float) / Math.Max(1L, (long)n * ticks), 1, Math.Max(1, info.Series.Count));
        // Where each stored series' summaries start among the summary series (a controller series has one per actor).
        var summaryNames = info.SummarySeries;
        var summaryStart = new int[info.Series.Count];
        for (var c = 1; c < info.Series.Count; c++)
        {
            summaryStart[c] = summaryStart[c - 1] + (info.IsControllerSeries(c - 1) ? info.Actors.Count : 1);
        }

        var summaries = new SeriesSummary[pointStart.Count, summaryNames.Count];
        var store = Path.Combine(Folder, RunStore.FileName);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        // Every series already in memory, in one pass's layout, when the runs were done in this process.
        var fromMemory = inMemory is not null && perPass == info.Series.Count && inMemory.Holds(_runs);
        // Else one buffer for every pass, on large pages (LargeBuffer); not zeroed first: every value a pass reads has
        // been copied in by that pass.
        using var read = fromMemory ? null : new LargeBuffer(checked(perPass * ticks * n));
        var buffer = read ?? inMemory!.Buffer;
        var batch = new List<(int Row, StoredRun Stored)>(DecodeBatch);
        var decoded = new float[DecodeBatch][];
        for (var first = 0; first < info.Series.Count; first += perPass)
        {
            var count = Math.Min(perPass, info.Series.Count - first);
            if (!fromMemory)
            {
                foreach (var stored in RunStore.ReadStored(store, info.Fingerprint, info.Outcomes.Count, info.SeriesLength))
                {
                    batch.Add((rowOf[stored.Run], stored));
                    if (batch.Count == DecodeBatch)
                    {
                        Transpose(batch, decoded, buffer, first, count, parallel);
                    }
                }

                Transpose(batch, decoded, buffer, first, count, parallel);
            }

            // Each (point, series) is summarised on its own, so the work splits over threads with the same results.
            var points = pointStart.Count;
            Parallel.For(0, points * count, parallel, () => new SeriesQuantiles(n, EnsembleResults.QuantileLevels), (job, _, tracker) =>
            {
                var (pi, c) = (job / count, job % count);
                var (point, firstRow, rows) = pointStart[pi];
                var column = buffer.Slice(c * ticks * n, ticks * n);
                if (info.IsControllerSeries(first + c))
                {
                    var held = HeldCounts(column, n, firstRow, rows, ticks, info.Actors.Count);
                    for (var a = 0; a < held.Length; a++)
                    {
                        var share = Array.ConvertAll(held[a], k => (double)k / rows);
                        summaries[pi, summaryStart[first + c] + a] = new SeriesSummary(summaryNames[summaryStart[first + c] + a], point, share, IndicatorQuantiles(held[a], rows));
                    }
                }
                else
                {
                    var (mean, quantiles) = MeanAndQuantiles(column, n, firstRow, rows, ticks, tracker);
                    summaries[pi, summaryStart[first + c]] = new SeriesSummary(summaryNames[summaryStart[first + c]], point, mean, quantiles);
                }

                return tracker;
            }, _ => { });
        }

        return (pointStart, summaries);
    }

    /// <summary>The summaries of the points in <paramref name="keepPoints"/>, point by point, in series order.</summary>
    private static List<SeriesSummary> Kept(List<(int Point, int First, int Count)> pointStart, SeriesSummary[,] summaries, IReadOnlySet<int> keepPoints)
    {
        var kept = new List<SeriesSummary>();
        for (var pi = 0; pi < pointStart.Count; pi++)
        {
            if (keepPoints.Contains(pointStart[pi].Point))
            {
                for (var s = 0; s < summaries.GetLength(1); s++)
                {
                    kept.Add(summaries[pi, s]);
                }
            }
        }

        return kept;
    }

    private void WriteSeriesTable(TableFile tables, string path, TableFormat format, List<(int Point, int First, int Count)> pointStart, SeriesSummary[,] summaries)
    {
        var info = Info;
        var ticks = info.Ticks;
        var summaryNames = info.SummarySeries;
        var columns = new List<string> { "point INTEGER", "tick INTEGER", "date DATE", "series VARCHAR", "runs INTEGER", "mean DOUBLE" };
        columns.AddRange(EnsembleResults.QuantileLevels.Select(q => string.Create(CultureInfo.InvariantCulture, $"p{q * 100:00} DOUBLE")));
        tables.Add(path, format, columns, appender =>
        {
            for (var pi = 0; pi < pointStart.Count; pi++)
            {
                for (var t = 0; t < ticks; t++)
                {
                    var date = info.DateOf(t);
                    for (var s = 0; s < summaryNames.Count; s++)
                    {
                        var summary = summaries[pi, s];
                        var row = appender.CreateRow()
                            .AppendValue(pointStart[pi].Point)
                            .AppendValue(t)
                            .AppendValue((DateOnly?)date)
                            .AppendValue(summary.Series)
                            .AppendValue(pointStart[pi].Count)
                            .AppendValue(summary.Mean[t]);
                        foreach (var q in summary.Quantiles)
                        {
                            row.AppendValue(q[t]);
                        }

                        row.EndRow();
                    }
                }
            }
        });
    }

    /// <summary>Per tick, the mean and the quantiles at <see cref="EnsembleResults.QuantileLevels"/> of rows firstRow.. of a run-major column.</summary>
    private static (double[] Mean, double[][] Quantiles) MeanAndQuantiles(ReadOnlySpan<float> column, int n, int firstRow, int rows, int ticks, SeriesQuantiles tracker)
    {
        var mean = new double[ticks];
        var quantiles = new double[EnsembleResults.QuantileLevels.Length][];
        for (var q = 0; q < quantiles.Length; q++)
        {
            quantiles[q] = new double[ticks];
        }

        // The ticks in order, so each one's quantiles are looked for where the last tick's were.
        tracker.Reset();
        Span<double> at = stackalloc double[quantiles.Length];
        for (var t = 0; t < ticks; t++)
        {
            mean[t] = tracker.SumAndQuantiles(column.Slice((t * n) + firstRow, rows), at) / rows;
            for (var q = 0; q < quantiles.Length; q++)
            {
                quantiles[q][t] = at[q];
            }
        }

        return (mean, quantiles);
    }

    /// <summary>Per actor and tick, in how many of rows firstRow.. of a controller column that actor holds the region.</summary>
    private static int[][] HeldCounts(ReadOnlySpan<float> column, int n, int firstRow, int rows, int ticks, int actors)
    {
        var counts = new int[actors][];
        for (var a = 0; a < actors; a++)
        {
            counts[a] = new int[ticks];
        }

        for (var t = 0; t < ticks; t++)
        {
            foreach (var holder in column.Slice((t * n) + firstRow, rows))
            {
                // -1: nobody holds it; anything else is an actor's index, stored exactly as a float.
                if (holder >= 0 && holder < actors)
                {
                    counts[(int)holder][t]++;
                }
            }
        }

        return counts;
    }

    /// <summary>
    /// Per tick, the type-7 quantiles of a 0/1 indicator that is 1 in <paramref name="ones"/> of <paramref name="rows"/>
    /// runs: exact without sorting, since the sorted values are the zeros and then the ones.
    /// </summary>
    private static double[][] IndicatorQuantiles(int[] ones, int rows)
    {
        var quantiles = new double[EnsembleResults.QuantileLevels.Length][];
        for (var q = 0; q < quantiles.Length; q++)
        {
            quantiles[q] = new double[ones.Length];
            var h = (rows - 1) * EnsembleResults.QuantileLevels[q];
            var lo = (int)Math.Floor(h);
            for (var t = 0; t < ones.Length; t++)
            {
                var zeros = rows - ones[t];
                var low = lo >= zeros ? 1.0 : 0.0;
                var high = Math.Min(lo + 1, rows - 1) >= zeros ? 1.0 : 0.0;
                quantiles[q][t] = low + ((h - lo) * (high - low));
            }
        }

        return quantiles;
    }

    /// <summary>
    /// Decompresses a batch of stored runs (in parallel) and copies series <paramref name="first"/> ..
    /// <paramref name="first"/> + <paramref name="count"/> of each into the run-major <paramref name="buffer"/>
    /// (<c>buffer[(column * ticks + tick) * runs + row]</c>), then empties the batch. Copying a batch at a time writes
    /// neighbouring rows together, where one run at a time would touch a new cache line for every value.
    /// </summary>
    private void Transpose(List<(int Row, StoredRun Stored)> batch, float[][] decoded, LargeBuffer buffer, int first, int count, ParallelOptions parallel)
    {
        var ticks = Info.Ticks;
        var n = _runs.Length;
        var damaged = new bool[batch.Count];
        Parallel.For(0, batch.Count, parallel, () => new byte[Info.SeriesLength * 4], (k, _, planes) =>
        {
            decoded[k] ??= new float[Info.SeriesLength];
            damaged[k] = !batch[k].Stored.DecodeSeries(decoded[k], planes);
            return planes;
        }, _ => { });

        // Reported here rather than thrown inside the loop, which would wrap it; the first damaged run in file order.
        var bad = Array.IndexOf(damaged, true);
        if (bad >= 0)
        {
            throw new InputException($"error: run {batch[bad].Stored.Run} in {Path.Combine(Folder, RunStore.FileName)} has a damaged series (its checksum matches, but it does not decompress); the folder is damaged (fix: rerun the ensemble with --force).");
        }

        var cells = count * ticks;
        var rows = new int[batch.Count];
        for (var k = 0; k < rows.Length; k++)
        {
            rows[k] = batch[k].Row;
        }

        Parallel.For(0, parallel.MaxDegreeOfParallelism, parallel, part =>
        {
            // Each thread fills its own range of (column, tick) cells, so no two write the same cache line.
            var from = (int)((long)cells * part / parallel.MaxDegreeOfParallelism);
            var to = (int)((long)cells * (part + 1) / parallel.MaxDegreeOfParallelism);
            CopyBatch(decoded, rows, rows.Length, buffer, n, first * ticks, from, to);
        });
        batch.Clear();
    }

    /// <summary>
    /// Copies cells <paramref name="from"/> .. <paramref name="to"/> of the summary buffer (<c>[cell * runs + row]</c>)
    /// from values <paramref name="offset"/> + cell of the first <paramref name="count"/> runs' series, run k into row
    /// <paramref name="rows"/>[k].
    /// </summary>
    internal static void CopyBatch(float[][] series, int[] rows, int count, LargeBuffer buffer, int runs, int offset, int from, int to)
    {
        // A block of cells at a time, the batch's runs in turn: each run's values for the block are read in a row,
        // and the block's rows of the buffer (a few cache lines each, as neighbouring runs sit side by side there)
        // stay in cache while every run of the batch writes into them (run by run over all cells, every value went
        // to a row 4n bytes past the last, a cache line and often a page of its own).
        for (var block = from; block < to; block += TransposeBlock)
        {
            var cellsInBlock = Math.Min(TransposeBlock, to - block);
            for (var k = 0; k < count; k++)
            {
                buffer.Scatter(series[k], offset + block, cellsInBlock, ((long)block * runs) + rows[k], runs);
            }
        }
    }

    private void WriteManifest(string path, string[] files)
    {
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, Manifest.JsonOptions);
            json.WriteStartObject();
            Manifest.WriteIdentity(json, Info.Scenario, Info.ScenarioFile, Info.ScenarioHash, Info.EngineVersion, Info.Seed);
            json.WriteNumber("runs", Info.Runs);
            json.WriteNumber("runs_per_point", Info.RunsPerPoint);
            json.WriteNumber("points", Info.PointCount);
            json.WriteString("design", Info.Design);
            json.WriteNumber("ticks", Info.Ticks);
            json.WriteString("start", Info.Start);
            json.WriteNumber("days_per_tick", Info.DaysPerTick);
            json.WriteString("shard", Info.Shard);
            json.WriteNumber("runs_held", _runs.Length);
            json.WriteString("fingerprint", Info.Fingerprint);
            Manifest.WriteStrings(json, "overrides", Info.Overrides);
            Manifest.WriteStrings(json, "varied", Info.Varied);
            Manifest.WriteParameters(json, Info.Parameters, Info.PointParameters[0]);
            Manifest.WriteOutputs(json, Folder, files);
            json.WriteEndObject();
        });
    }
}
