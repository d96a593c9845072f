using System.Globalization;

namespace Sim.Engine.Scenarios;

/// <summary>
/// One problem found while loading a scenario, at a 1-based position in a file
/// (or in the <c>--set</c> overrides, whose "line" is the override's position on the command line).
/// </summary>
/// <param name="File">The file as the user named it (root path as given, includes relative to it), or <c>--set</c>.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong, phrased for the scenario author.</param>
/// <param name="Hint">How to fix it, when there is something useful to say (a close id, the accepted keys...).</param>
public sealed record Diagnostic(string File, int Line, int Column, string Message, string? Hint = null)
{
    /// <summary>What is wrong. A long value quoted in it (a pasted paragraph, a runaway expression) is cut in the middle, so the message stays one readable line.</summary>
    public string Message { get; init; } = Shorten(Message);

    /// <summary>How to fix it, or null; shortened like <see cref="Message"/>.</summary>
    public string? Hint { get; init; } = Hint is null ? null : Shorten(Hint);

    private static string Shorten(string text) => text.Length <= Limits.QuotedChars
        ? text
        : string.Create(CultureInfo.InvariantCulture, $"{text[..(Limits.QuotedChars / 2)]} ... ({text.Length - Limits.QuotedChars} characters left out) ... {text[^(Limits.QuotedChars / 2)..]}");

    /// <summary>Formats as <c>file:line:col: error: message (hint)</c>, the shape editors and CI logs recognise.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{File}:{Line}:{Column}: error: {Message}{(Hint is null ? "" : $" ({Hint})")}");
}

/// <summary>
/// The outcome of <see cref="ScenarioLoader.Load(string, IReadOnlyList{string}?)"/>: a definition when the
/// scenario is valid, otherwise every problem found (the loader collects all of them rather than stopping at the first).
/// </summary>
public sealed record ScenarioLoadResult(ScenarioDefinition? Definition, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when a definition was produced, which happens only when there are no diagnostics.</summary>
    public bool Success => Definition is not null && Diagnostics.Count == 0;
}

/// <summary>A 1-based position in a scenario file, kept on rules, effects and other items so run-time messages can point back at the file.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}");
}
