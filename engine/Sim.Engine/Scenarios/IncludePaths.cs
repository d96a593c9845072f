namespace Sim.Engine.Scenarios;

/// <summary>
/// Where an include may lead. A scenario's includes stay inside the folder tree of its root file (the root file's
/// folder and everything below it), after following every link, unless the caller allows more; and they name
/// scenario files (<c>.yaml</c> or <c>.yml</c>). A scenario from elsewhere so cannot read, and quote back in its
/// diagnostics, a file such as <c>../../etc/passwd</c> or a key file reached through a link.
/// </summary>
internal static class IncludePaths
{
    /// <summary>The most links followed while resolving one path, as the kernel's own limit.</summary>
    private const int MaxLinks = 40;

    /// <summary>Whether <paramref name="path"/> names a scenario file by its extension.</summary>
    public static bool IsScenarioFileName(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or below it (both absolute and resolved).</summary>
    public static bool IsWithin(string path, string folder)
    {
        var root = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(root, StringComparison.Ordinal) || string.Equals(path, folder, StringComparison.Ordinal);
    }

    /// <summary>
    /// The path the file system reaches for <paramref name="path"/>: absolute, every link followed and <c>..</c> taken
    /// after the link before it (as the kernel does, where a lexical <c>a/link/..</c> would give <c>a</c>). A part
    /// that does not exist is kept as written. Returns null when links loop or nest deeper than the kernel allows.
    /// </summary>
    public static string? Resolve(string path)
    {
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path);
        var root = Path.GetPathRoot(absolute)!;
        var pending = new List<string>(Split(absolute[root.Length..]));
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending[0];
            pending.RemoveAt(0);
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Combine(current, part);
            string? target = null;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unreadable: keep the part as written; opening it will report the problem.
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            pending.InsertRange(0, Split(target));
        }

        return current;
    }

    private static string[] Split(string relative) =>
        relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
