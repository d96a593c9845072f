namespace Sim.Output;

/// <summary>
/// Writes files so that a reader (or a crash) never sees half of one: the content goes to a
/// temporary name in the same folder, is flushed to disk, then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (temp, created) = CreateTemp(path);
        try
        {
            using (var stream = created)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes text as UTF-8 (no BOM, LF line ends as given), atomically.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });
    }

    /// <summary>
    /// Creates a new, empty temporary file beside <paramref name="path"/> and returns its name and an open stream on
    /// it. The name is hidden, marked (<c>.NAME.RANDOM.tmp</c>, see <see cref="IsTempOf"/>) and unpredictable, and the
    /// file is created exclusively (<c>O_CREAT | O_EXCL</c>): whatever already has that name, a planted link included,
    /// is never opened, followed or truncated.
    /// </summary>
    public static (string Name, FileStream Stream) CreateTemp(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        for (var attempt = 0; ; attempt++)
        {
            var name = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
            try
            {
                return (name, new FileStream(name, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
            }
            catch (IOException) when (attempt < 8 && Path.Exists(name))
            {
                // Something already has this name (it cannot have been guessed): draw another, never touch it.
            }
        }
    }

    /// <summary>
    /// Creates an empty temporary file beside <paramref name="path"/> as <see cref="CreateTemp"/> does and closes it,
    /// for writers that open files by name (DuckDB): they then open the regular file made here, not a planted link.
    /// </summary>
    public static string ReserveTemp(string path)
    {
        var (name, stream) = CreateTemp(path);
        stream.Dispose();
        return name;
    }

    /// <summary>Whether <paramref name="fileName"/> (a name, no folder) is a temporary file of the output named <paramref name="output"/>.</summary>
    public static bool IsTempOf(string fileName, string output)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(output);
        return fileName.StartsWith($".{output}.", StringComparison.Ordinal)
            && (fileName.EndsWith(".tmp", StringComparison.Ordinal) || fileName.EndsWith(".tmp.duckdb", StringComparison.Ordinal)
                || fileName.EndsWith(".tmp.duckdb.wal", StringComparison.Ordinal));
    }
}
