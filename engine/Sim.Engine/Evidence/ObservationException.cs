using System.Globalization;

namespace Sim.Engine.Evidence;

/// <summary>
/// An observed-data file that cannot be read: every bad row found, each as <c>file:line: message</c> (the line a
/// record starts on), so the user can open the file there. Shown without a stack trace like every <see cref="InputException"/>.
/// </summary>
public sealed class ObservationException : InputException
{
    /// <summary>The first bad row's problem, with <paramref name="file"/> and <paramref name="line"/>.</summary>
    public ObservationException(string file, int line, string message)
        : this(file, [(line, message)], 1)
    {
    }

    /// <summary>Several bad rows of <paramref name="file"/>: those listed and the total found.</summary>
    public ObservationException(string file, IReadOnlyList<(int Line, string Message)> errors, int total)
        : base(Describe(file, errors, total))
    {
        File = file;
        Errors = errors;
        Line = errors.Count > 0 ? errors[0].Line : 0;
    }

    /// <summary>An error with a message only.</summary>
    public ObservationException()
    {
        File = "";
        Errors = [];
    }

    /// <summary>An error with a message only.</summary>
    public ObservationException(string message)
        : base(message)
    {
        File = "";
        Errors = [];
    }

    /// <summary>An error with a message and its cause.</summary>
    public ObservationException(string message, Exception inner)
        : base(message, inner)
    {
        File = "";
        Errors = [];
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The line of the first problem (1-based), 0 when none is known.</summary>
    public int Line { get; }

    /// <summary>The problems listed, by line.</summary>
    public IReadOnlyList<(int Line, string Message)> Errors { get; }

    private static string Describe(string file, IReadOnlyList<(int Line, string Message)> errors, int total)
    {
        var lines = new List<string>();
        foreach (var (line, message) in errors)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{file}:{line}: {message}"));
        }

        if (total > errors.Count)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"... and {total - errors.Count} more"));
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{total} bad row{(total == 1 ? "" : "s")} in {file}; nothing was read."));
        return string.Join('\n', lines);
    }
}
