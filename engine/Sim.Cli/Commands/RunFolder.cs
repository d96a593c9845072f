namespace Sim.Cli.Commands;

/// <summary>
/// Replaces the output set of <c>sim run</c> in a folder as a whole, so no file of an earlier run (another format's
/// tables) is left beside the new ones and a reader never sees half of each.
/// </summary>
internal static class RunFolder
{
    /// <summary>Every file a run writes, in either table format: the only files a replacement may remove.</summary>
    internal static readonly IReadOnlySet<string> OutputNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "events.csv", "events.parquet", "timeseries.csv", "timeseries.parquet", "outcomes.json", "manifest.json",
    };

    /// <summary>
    /// Has <paramref name="write"/> write the set into a fresh folder beside <paramref name="folder"/> and puts that
    /// folder in its place (the old one removed). A folder that holds anything but a run's outputs (or is the current
    /// folder, or a link) is never moved: the new files replace the old ones one by one (each atomically) and the old
    /// outputs not written again are removed. Returns the files as they are named in <paramref name="folder"/>.
    /// </summary>
    public static IReadOnlyList<string> Replace(string folder, Func<string, IReadOnlyList<string>> write)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full);
        if (parent is null || !CanSwap(full))
        {
            var written = write(folder);
            RemoveStale(folder, written);
            return written;
        }

        var tag = Guid.NewGuid().ToString("N")[..12];
        var staged = Path.Combine(parent, $".{Path.GetFileName(full)}.new-{tag}");
        var old = Path.Combine(parent, $".{Path.GetFileName(full)}.old-{tag}");
        try
        {
            var files = write(staged);
            if (Directory.Exists(full))
            {
                Directory.Move(full, old);
            }

            Directory.Move(staged, full);
            return [.. files.Select(f => Path.Combine(folder, Path.GetFileName(f)))];
        }
        catch (IOException e) when (e.Message.Contains(staged, StringComparison.Ordinal))
        {
            // Say which file failed by the folder the user named, not by the staging folder, which is gone.
            throw new IOException(e.Message.Replace(staged, folder, StringComparison.Ordinal), e);
        }
        finally
        {
            foreach (var leftover in new[] { staged, old })
            {
                if (Directory.Exists(leftover))
                {
                    Directory.Delete(leftover, recursive: true);
                }
            }
        }
    }

    private static bool CanSwap(string full)
    {
        if (string.Equals(full, Path.GetFullPath(Environment.CurrentDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            return false;
        }

        var info = new DirectoryInfo(full);
        if (!info.Exists)
        {
            return true;
        }

        return info.LinkTarget is null
            && info.EnumerateDirectories().All(_ => false)
            && info.EnumerateFiles().All(f => OutputNames.Contains(f.Name));
    }

    private static void RemoveStale(string folder, IReadOnlyList<string> written)
    {
        var keep = written.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        foreach (var name in OutputNames.Where(n => !keep.Contains(n)))
        {
            File.Delete(Path.Combine(folder, name));
        }
    }
}
