using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Sim.Engine.Scenarios;

/// <summary>
/// Loads a scenario: reads the root file and its includes, parses them as YAML keeping every node's
/// position, validates everything and resolves ids into a <see cref="ScenarioDefinition"/>.
/// Never throws for a bad scenario: every problem, in every file, comes back as a <see cref="Diagnostic"/>.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Loads and validates the scenario at <paramref name="path"/>.</summary>
    /// <param name="path">The root scenario file; diagnostics name it as given here.</param>
    /// <param name="overrides">Parameter overrides as <c>name=value</c> (the CLI's <c>--set</c>); diagnostics about them name the file <c>--set</c>.</param>
    public static ScenarioLoadResult Load(string path, IReadOnlyList<string>? overrides = null) => Load(path, overrides, includesOutside: false);

    /// <summary>Loads and validates the scenario at <paramref name="path"/>.</summary>
    /// <param name="path">The root scenario file; diagnostics name it as given here.</param>
    /// <param name="overrides">Parameter overrides as <c>name=value</c> (the CLI's <c>--set</c>).</param>
    /// <param name="includesOutside">
    /// Let includes reach files outside the folder tree of <paramref name="path"/> (the CLI's
    /// <c>--allow-includes-outside</c>). By default an include that leads out of it, also through a link, is a diagnostic.
    /// </param>
    public static ScenarioLoadResult Load(string path, IReadOnlyList<string>? overrides, bool includesOutside) =>
        Load(path, overrides, includesOutside, cache: null);

    /// <summary>
    /// Loads as <see cref="Load(string, IReadOnlyList{string}?, bool)"/>, reading each file once into
    /// <paramref name="cache"/> (by full path) and from there on later loads: a scenario reloaded with other
    /// overrides (each point of a sweep) then reads the same bytes, also from a pipe, which can be read only once.
    /// </summary>
    internal static ScenarioLoadResult Load(string path, IReadOnlyList<string>? overrides, bool includesOutside, System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>? cache)
    {
        ArgumentNullException.ThrowIfNull(path);
        Func<string, string?, byte[]?> read = cache is null ? ReadDisk : (p, tree) =>
            cache.TryGetValue(Path.GetFullPath(p), out var cached) ? cached
            : ReadDisk(p, tree) is { } bytes ? cache.GetOrAdd(Path.GetFullPath(p), bytes) : null;
        return Load(path, overrides, read, includesOutside ? null : IncludePaths.Resolve);
    }

    /// <summary>Loads from an in-memory set of files (tests, editors); paths are looked up as given after combining with the including file's folder.</summary>
    internal static ScenarioLoadResult LoadFromMemory(string path, IReadOnlyDictionary<string, byte[]> files, IReadOnlyList<string>? overrides = null) =>
        Load(path, overrides, (p, _) => files.TryGetValue(p.Replace('\\', '/'), out var b) ? b : throw new FileNotFoundException(p), Path.GetFullPath);

    /// <summary>
    /// Reads at most one byte more than <see cref="Limits.FileBytes"/>: enough to tell that a file is too big. A pipe
    /// (standard input, <c>/dev/stdin</c>, a process substitution, a FIFO with a writer) has no length and is read to
    /// its end; a FIFO that nothing opens for writing within <see cref="Limits.OpenWait"/> is refused instead of waited on.
    /// With <paramref name="tree"/> (an include, confined to that folder tree), the file opened is checked to be in it
    /// by what the file system says of the open handle, before a byte is read: a link swapped in after the path was
    /// checked is caught, and the bytes read are those of the file checked. Returns null for a file outside the tree.
    /// </summary>
    private static byte[]? ReadDisk(string path, string? tree)
    {
        BeforeRead?.Invoke(path);
        using var stream = Open(path);
        if (tree is not null && OpenedPath(stream) is { } real && !IncludePaths.IsWithin(real, tree))
        {
            return null;
        }

        if (stream.CanSeek)
        {
            var buffer = new byte[(int)Math.Min(stream.Length, Limits.FileBytes + 1L)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return read == buffer.Length ? buffer : buffer[..read];
        }

        var all = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while (all.Length <= Limits.FileBytes && (n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, Limits.FileBytes + 1L - all.Length))) > 0)
        {
            all.Write(chunk, 0, n);
        }

        return all.ToArray();
    }

    /// <summary>Called with an include's path just before it is opened: tests swap the file for a link there.</summary>
    [ThreadStatic]
    internal static Action<string>? BeforeRead;

    /// <summary>
    /// The path of the file <paramref name="stream"/> has open, as the kernel names it (<c>/proc/self/fd/N</c> on Linux):
    /// every link resolved at the moment of opening. Null where the system does not say, and then the path checked
    /// before opening is all there is.
    /// </summary>
    private static string? OpenedPath(FileStream stream)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var fd = stream.SafeFileHandle.DangerousGetHandle().ToInt64();
        try
        {
            return new FileInfo(string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{fd}")).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static FileStream Open(string path)
    {
        var opening = Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
        try
        {
            if (opening.Wait(Limits.OpenWait))
            {
                return opening.Result;
            }
        }
        catch (AggregateException e) when (e.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
        }

        // Still blocked in open(2): a named pipe with no writer. Close it should a writer come later.
        opening.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
        throw new IOException(string.Create(CultureInfo.InvariantCulture,
            $"nothing wrote to it within {Limits.OpenWait.TotalSeconds:0} s (it is a named pipe with no writer; give a scenario file, or start the writer first)"));
    }

    /// <param name="path">The root scenario file.</param>
    /// <param name="overrides">Parameter overrides.</param>
    /// <param name="read">Reads a file's bytes; given a folder tree, refuses a file that is not in it when opened.</param>
    /// <param name="confine">Resolves a path as the file system would reach it, to keep includes in the root file's folder tree; null lets them go anywhere.</param>
    private static ScenarioLoadResult Load(string path, IReadOnlyList<string>? overrides, Func<string, string?, byte[]?> read, Func<string, string?>? confine)
    {
        var diagnostics = new List<Diagnostic>();
        var loaded = new List<LoadedFile>();
        var canonical = new List<byte[]>();
        var rootFolder = Path.GetDirectoryName(Path.GetFullPath(path));
        var tree = confine is null || rootFolder is null ? null : confine(rootFolder);
        var state = new LoadState(read, diagnostics, loaded, canonical, confine, tree);
        LoadFile(state, path, includedAt: null, stack: []);

        ScenarioDefinition? definition = null;
        // Syntax, encoding and include problems leave the document incomplete; validating it anyway
        // would bury the real problem under unknown-id errors, so stop after reporting them all.
        if (diagnostics.Count == 0 && loaded.Count > 0)
        {
            definition = new ScenarioReader(diagnostics).Read(loaded, overrides ?? [], Hash(canonical));
        }
        var order = loaded.Select((f, i) => (f.File.DisplayPath, i)).GroupBy(x => x.DisplayPath).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var sorted = diagnostics
            .Select((d, i) => (d, i))
            .OrderBy(x => x.d.File == "--set" ? -1 : order.GetValueOrDefault(x.d.File, int.MaxValue))
            .ThenBy(x => x.d.Line)
            .ThenBy(x => x.d.Column)
            .ThenBy(x => x.i)
            .Select(x => x.d)
            .ToList();
        return new ScenarioLoadResult(sorted.Count == 0 ? definition : null, sorted);
    }

    private sealed record LoadState(Func<string, string?, byte[]?> Read, List<Diagnostic> Diagnostics, List<LoadedFile> Loaded, List<byte[]> Canonical,
        Func<string, string?>? Confine, string? Tree);

    private static void LoadFile(LoadState s, string displayPath, YScalar? includedAt, List<string> stack)
    {
        var fullPath = Path.GetFullPath(displayPath);
        void Fail(string message, string? hint = null)
        {
            s.Diagnostics.Add(includedAt is null
                ? new Diagnostic(displayPath, 1, 1, message, hint)
                : new Diagnostic(includedAt.File.DisplayPath, includedAt.Line, includedAt.Column, message, hint));
        }

        byte[]? bytes;
        try
        {
            bytes = s.Read(displayPath, includedAt is null || s.Confine is null ? null : s.Tree);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var what = ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : ex.Message;
            Fail($"cannot read '{displayPath}': {what}");
            return;
        }

        if (bytes is null)
        {
            Fail($"'{includedAt!.Value}' leads outside the scenario's folder {s.Tree}, so it is not read",
                "move the file into the scenario's folder or below it, or allow includes from elsewhere with --allow-includes-outside");
            return;
        }

        if (bytes.Length > Limits.FileBytes)
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"'{displayPath}' is larger than {Limits.FileBytes >> 20} MB, the most a scenario file may hold"),
                "a scenario this big is almost surely generated by mistake; split real data into included files");
            return;
        }

        if (Decode(bytes, displayPath, s.Diagnostics) is not { } text)
        {
            return;
        }
        var file = new SourceFile(displayPath, fullPath, text, s.Loaded.Count);
        var root = YamlTreeBuilder.Parse(file, s.Diagnostics);
        if (root is null)
        {
            return;
        }
        if (root is not YMapping map)
        {
            s.Diagnostics.Add(new Diagnostic(displayPath, root.Line, root.Column,
                $"the top level of a scenario file must be a mapping (key: value), got {root.Describe()}"));
            return;
        }
        s.Loaded.Add(new LoadedFile(file, map, includedAt is null));
        s.Canonical.Add(Encoding.UTF8.GetBytes(text));

        if (map.Get("include") is not { } includeNode || includeNode is YScalar { IsNull: true })
        {
            return;
        }
        if (includeNode is not YSequence seq)
        {
            s.Diagnostics.Add(new Diagnostic(displayPath, includeNode.Line, includeNode.Column,
                $"expected a list of files for 'include', got {includeNode.Describe()}", "write include: [other.yaml]"));
            return;
        }
        stack.Add(fullPath);
        foreach (var item in seq.Items)
        {
            if (item is not YScalar inc || inc.IsNull)
            {
                s.Diagnostics.Add(new Diagnostic(displayPath, item.Line, item.Column, $"expected a file path in 'include', got {item.Describe()}"));
                continue;
            }
            if (inc.Value.Length == 0 || inc.Value.Contains('\0', StringComparison.Ordinal))
            {
                s.Diagnostics.Add(new Diagnostic(displayPath, inc.Line, inc.Column,
                    inc.Value.Length == 0 ? "an include path is empty" : "an include path holds a NUL character, which no file name may contain",
                    "write include: [other.yaml]"));
                continue;
            }
            if (!IncludePaths.IsScenarioFileName(inc.Value))
            {
                s.Diagnostics.Add(new Diagnostic(displayPath, inc.Line, inc.Column, $"an include must name a scenario file (.yaml or .yml), got '{inc.Value}'",
                    "a scenario includes only other scenario files; nothing else is read"));
                continue;
            }
            if (Path.IsPathRooted(inc.Value))
            {
                s.Diagnostics.Add(new Diagnostic(displayPath, inc.Line, inc.Column, $"include paths are relative to the including file, got '{inc.Value}'",
                    "absolute paths would make the scenario depend on the machine it was written on"));
                continue;
            }
            var dir = Path.GetDirectoryName(displayPath) ?? "";
            var childDisplay = (dir.Length == 0 ? inc.Value : Path.Combine(dir, inc.Value)).Replace('\\', '/');
            var childFull = Path.GetFullPath(childDisplay);
            var cycleStart = stack.IndexOf(childFull);
            if (cycleStart >= 0)
            {
                var chain = stack.Skip(cycleStart).Select(Path.GetFileName).Append(Path.GetFileName(childFull));
                s.Diagnostics.Add(new Diagnostic(displayPath, inc.Line, inc.Column, $"include cycle: {string.Join(" -> ", chain)}",
                    "remove one of the includes in the loop"));
                continue;
            }
            if (s.Loaded.Any(f => f.File.FullPath == childFull))
            {
                s.Diagnostics.Add(new Diagnostic(displayPath, inc.Line, inc.Column, $"'{inc.Value}' is already included",
                    "each file may be included once; its items would otherwise be defined twice"));
                continue;
            }
            if (stack.Count >= Limits.IncludeDepth)
            {
                s.Diagnostics.Add(new Diagnostic(displayPath, inc.Line, inc.Column,
                    string.Create(CultureInfo.InvariantCulture, $"includes nest deeper than {Limits.IncludeDepth} files"),
                    "include the files from fewer levels, for example all from the root file"));
                continue;
            }

            if (s.Confine is not null && (s.Tree is null || s.Confine(childDisplay) is not { } real || !IncludePaths.IsWithin(real, s.Tree)))
            {
                s.Diagnostics.Add(new Diagnostic(displayPath, inc.Line, inc.Column,
                    $"'{inc.Value}' leads outside the scenario's folder {s.Tree ?? "(unknown)"}, so it is not read",
                    "move the file into the scenario's folder or below it, or allow includes from elsewhere with --allow-includes-outside"));
                continue;
            }

            LoadFile(s, childDisplay, inc, stack);
        }
        stack.RemoveAt(stack.Count - 1);
    }

    /// <summary>Strict UTF-8 decoding with a BOM skipped and CRLF normalised; binary or invalid files are diagnostics.</summary>
    private static string? Decode(byte[] bytes, string displayPath, List<Diagnostic> diagnostics)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }
        var nul = span.IndexOf((byte)0);
        if (nul >= 0)
        {
            var (line, col) = PositionOfByte(span, nul);
            diagnostics.Add(new Diagnostic(displayPath, line, col, "the file is binary (it contains a NUL byte), not a YAML text file"));
            return null;
        }
        var chars = new char[span.Length];
        var status = Utf8.ToUtf16(span, chars, out var bytesRead, out var written, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            var (line, col) = PositionOfByte(span, bytesRead);
            diagnostics.Add(new Diagnostic(displayPath, line, col,
                string.Create(CultureInfo.InvariantCulture, $"the file is not valid UTF-8 (byte 0x{span[bytesRead]:X2})"),
                "save the file as UTF-8"));
            return null;
        }
        var text = new string(chars, 0, written);
        return text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal) : text;
    }

    private static (int Line, int Column) PositionOfByte(ReadOnlySpan<byte> bytes, int index)
    {
        var before = bytes[..index];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        // Columns count characters, so decode what precedes the byte on its line.
        var col = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return (line, col);
    }

    /// <summary>
    /// SHA-256 over each file's canonical bytes (UTF-8, no BOM, LF line ends), in load order, each preceded
    /// by its length in decimal and a newline so that moving text between files changes the hash.
    /// </summary>
    private static string Hash(List<byte[]> canonical)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var b in canonical)
        {
            sha.AppendData(Encoding.ASCII.GetBytes(b.Length.ToString(CultureInfo.InvariantCulture) + "\n"));
            sha.AppendData(b);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
