namespace Sim.Cli.Commands;

/// <summary>
/// Replaces the output set of <c>sim run</c> in a folder as a whole, so no file of an earlier run (another format's
/// tables) is left beside the new ones and a reader never sees half of each. Two runs into one folder at once leave
/// the whole set of one of them: the other is refused with exit code 2 (<see cref="Busy"/>).
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
        using var held = Lock(folder, full);
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
                try
                {
                    Directory.Move(full, old);
                }
                catch (IOException) when (!Directory.Exists(old))
                {
                    // Another run moved the folder away between our check and our rename, to put its own set in place.
                    throw Busy(folder);
                }
            }

            try
            {
                Directory.Move(staged, full);
            }
            catch (IOException) when (Directory.Exists(full))
            {
                // Another run put its set in place first: that set is there whole, and ours is not mixed into it.
                throw Busy(folder);
            }

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

    /// <summary>The refusal of a run that met another one writing the same folder.</summary>
    internal static UserInputException Busy(string folder) => new(
        $"error: another 'sim run' wrote to {folder} at the same time; the folder holds that run's outputs whole and this run's were not kept (fix: give each run its own --out).");

    /// <summary>
    /// The name of the lock a run holds on <paramref name="full"/> while it writes (a named mutex, shared by every process
    /// of the machine): the folder's path with its own link resolved, digested.
    /// </summary>
    internal static string LockName(string full)
    {
        string target;
        try
        {
            target = new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (DirectoryNotFoundException)
        {
            target = full; // its parent is not made yet (an ensemble of 'sim compare'), so it is no link
        }

        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(target));
        return "sim-run-" + Convert.ToHexStringLower(digest)[..24];
    }

    /// <summary>
    /// Holds <paramref name="folder"/>'s lock for an ensemble from preparing the folder to its last file, or refuses at
    /// once when another command holds it. Without it, a 'sim mc --force' could empty the folder between another's
    /// last run and its reading the runs back (the run store, locked while runs are written, is let go in between).
    /// </summary>
    public static IDisposable LockForEnsemble(string folder)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        return Lock(full, () => new UserInputException(
            $"error: another 'sim mc' (or 'sim run') is writing to {folder}; this ensemble changed nothing there (fix: wait for it to finish, or use another --out)."));
    }

    /// <summary>Holds the folder's lock for a run, or refuses at once when another run holds it; nothing is created in the folder.</summary>
    private static Held Lock(string folder, string full) => Lock(full, () => new UserInputException(
        $"error: another 'sim run' is writing to {folder}; this run wrote nothing (fix: wait for it to finish, or give this run its own --out)."));

    private static Held Lock(string full, Func<UserInputException> busy)
    {
        var mutex = new Mutex(initiallyOwned: false, LockName(full));
        bool owned;
        try
        {
            owned = mutex.WaitOne(0);
        }
        catch (AbandonedMutexException)
        {
            // A run killed while it wrote: its lock is ours now; its staging folder was never renamed into place.
            owned = true;
        }

        if (!owned)
        {
            mutex.Dispose();
            throw busy();
        }

        return new Held(mutex);
    }

    private sealed class Held(Mutex mutex) : IDisposable
    {
        public void Dispose()
        {
            mutex.ReleaseMutex();
            mutex.Dispose();
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
