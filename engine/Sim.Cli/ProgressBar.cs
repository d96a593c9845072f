using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;

namespace Sim.Cli;

/// <summary>
/// A progress bar on stderr for long work: shown only when stderr is a terminal and
/// <c>--quiet</c> was not given, so pipes and logs stay clean.
/// </summary>
internal sealed class ProgressBar : IProgress<int>, IProgress<long>, IDisposable
{
    private readonly IAnsiConsole _console;
    private readonly string _label;
    private readonly int _total;
    private readonly string _unit;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;
    private int _done;

    private ProgressBar(IAnsiConsole console, string label, int total, string unit)
    {
        _console = console;
        _label = label;
        _total = Math.Max(1, total);
        _unit = unit;
    }

    /// <summary>A progress reporter for <paramref name="total"/> steps, or null when progress should not be shown.</summary>
    public static ProgressBar? Start(ParseResult parse, string label, int total, string unit)
    {
        var quiet = parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--quiet") is Option<bool> q && parse.GetValue(q);
        if (quiet || Console.IsErrorRedirected)
        {
            return null;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new ProgressBar(console, label, total, unit);
    }

    /// <inheritdoc/>
    public void Report(int value)
    {
        // Runs finish on several threads but are reported by one writer; the lock keeps a redraw whole anyway.
        lock (_clock)
        {
            Draw(value);
        }
    }

    private void Draw(int value)
    {
        _done = value;
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDrawMs < 100 && value < _total)
        {
            return;
        }

        _lastDrawMs = now;
        var fraction = Math.Clamp((double)value / _total, 0, 1);
        const int width = 30;
        var filled = (int)(fraction * width);
        var rate = value / Math.Max(1e-3, _clock.Elapsed.TotalSeconds);
        var eta = rate > 0 ? TimeSpan.FromSeconds((_total - value) / rate) : TimeSpan.Zero;
        _console.Write(new Text($"\r{_label} [{new string('#', filled)}{new string('.', width - filled)}] {value}/{_total} {_unit}, {rate:0.0}/s, ETA {eta:mm\\:ss} "));
    }

    /// <inheritdoc/>
    public void Report(long value) => Report((int)Math.Min(value, int.MaxValue));

    /// <inheritdoc/>
    public void Dispose()
    {
        Report(_done);
        _console.WriteLine();
    }
}
