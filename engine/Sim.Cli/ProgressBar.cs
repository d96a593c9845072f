using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace Sim.Cli;

/// <summary>
/// Progress of long work on stderr, off with <c>--quiet</c>. On a terminal one line is redrawn in place (carriage
/// return, never a new line per redraw) and ended once; elsewhere (a log, a pipe, a batch job's output file) a plain
/// line at each tenth of the work once it has taken a few seconds, so logs get a few lines, not a stream of redraws. The ETA is shown only once a few
/// per cent of the work and a second have passed, and is smoothed, so it does not start a hundred times off.
/// </summary>
internal sealed class ProgressBar : IProgress<int>, IProgress<long>, IDisposable
{
    /// <summary>Least share of the work done before an ETA is shown.</summary>
    internal const double EtaAfterFraction = 0.03;

    /// <summary>Least time before an ETA is shown (the first runs pay for start-up).</summary>
    internal static readonly TimeSpan EtaAfterTime = TimeSpan.FromSeconds(1);

    /// <summary>Time before a line goes to a log (not a terminal): quicker work writes none.</summary>
    internal static readonly TimeSpan QuietLogTime = TimeSpan.FromSeconds(2);

    private const int BarWidth = 30;
    private const long RedrawMs = 100;

    private readonly TextWriter _out;
    private readonly bool _interactive;
    private readonly int _width;
    private readonly string _label;
    private readonly int _total;
    private readonly string _unit;
    private readonly Func<TimeSpan> _clock;
    private long _lastDrawMs = -RedrawMs;
    private int _lastTenth = -1;
    private int _previousLength;
    private int _done;
    private int _drawn = -1;
    private double? _etaSeconds;
    private (double Seconds, int Done)? _settled;
    private double _etaAt;
    private bool _ended;

    /// <summary>A renderer onto <paramref name="output"/>; <see cref="Start"/> makes the one the commands use.</summary>
    /// <param name="output">Where the progress goes.</param>
    /// <param name="interactive">Redraw one line in place (a terminal) rather than write plain lines.</param>
    /// <param name="width">Columns of the terminal: a redrawn line stays shorter, since a wrapped one cannot be redrawn.</param>
    /// <param name="label">What is being done.</param>
    /// <param name="total">Steps in all.</param>
    /// <param name="unit">What a step is (runs, ticks).</param>
    /// <param name="clock">Time since the work started.</param>
    internal ProgressBar(TextWriter output, bool interactive, int width, string label, int total, string unit, Func<TimeSpan> clock)
    {
        _out = output;
        _interactive = interactive;
        _width = Math.Max(40, width);
        _label = label;
        _total = Math.Max(1, total);
        _unit = unit;
        _clock = clock;
    }

    /// <summary>A progress reporter for <paramref name="total"/> steps on stderr, or null with <c>--quiet</c>.</summary>
    public static ProgressBar? Start(ParseResult parse, string label, int total, string unit)
    {
        var quiet = parse.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--quiet") is Option<bool> q && parse.GetValue(q);
        if (quiet)
        {
            return null;
        }

        var interactive = !Console.IsErrorRedirected;
        var width = 80;
        if (interactive)
        {
            try
            {
                width = Console.WindowWidth > 0 ? Console.WindowWidth : 80;
            }
            catch (IOException)
            {
                // No size known: assume the usual 80 columns.
            }
        }

        var clock = Stopwatch.StartNew();
        // The bar draws with carriage returns on the console itself; the label (a scenario's name) is escaped here.
        return new ProgressBar(Console.Error, interactive, width, Escaping.Escape(label), total, unit, () => clock.Elapsed);
    }

    /// <inheritdoc/>
    public void Report(int value)
    {
        // Runs finish on several threads but are reported by one writer; the lock keeps a redraw whole anyway.
        lock (_out)
        {
            if (_ended)
            {
                return;
            }

            _done = Math.Clamp(value, 0, _total);
            var now = _clock();
            var ms = (long)now.TotalMilliseconds;
            if (_interactive)
            {
                if (ms - _lastDrawMs >= RedrawMs && _done != _drawn)
                {
                    _lastDrawMs = ms;
                    Redraw(Line(now));
                }

                return;
            }

            // Work that ends within a few seconds leaves a log alone.
            var tenth = _done * 10 / _total;
            if (tenth > _lastTenth && _done < _total && now >= QuietLogTime)
            {
                _lastTenth = tenth;
                _out.WriteLine(Line(now));
                _drawn = _done;
            }
        }
    }

    /// <inheritdoc/>
    public void Report(long value) => Report((int)Math.Min(value, int.MaxValue));

    /// <summary>Ends the progress: its last state written once, then a new line.</summary>
    public void Dispose()
    {
        lock (_out)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            var line = Line(_clock());
            if (_interactive)
            {
                if (_drawn != _done)
                {
                    Redraw(line);
                }

                _out.WriteLine();
            }
            else if (_lastTenth >= 0 && _drawn != _done)
            {
                _out.WriteLine(line);
            }

            _out.Flush();
        }
    }

    private void Redraw(string line)
    {
        // A carriage return and spaces over what the last, longer line left; the line stays within the terminal.
        _out.Write("\r" + line + new string(' ', Math.Max(0, _previousLength - line.Length)));
        _out.Flush();
        _previousLength = line.Length;
        _drawn = _done;
    }

    /// <summary>One progress line: label, bar, count, rate and ETA (or time taken when done).</summary>
    internal string Line(TimeSpan elapsed)
    {
        var fraction = (double)_done / _total;
        var barWidth = Math.Clamp(_width - 50, 10, BarWidth);
        var filled = (int)(fraction * barWidth);
        var seconds = elapsed.TotalSeconds;
        var rate = seconds > 0 ? _done / seconds : 0;
        var timing = _done >= _total ? $"took {Clock(seconds)}" : $"ETA {Eta(fraction, seconds)}";
        var tail = string.Create(CultureInfo.InvariantCulture,
            $" [{new string('#', filled)}{new string('.', barWidth - filled)}] {_done}/{_total} {_unit}, {rate:0.0}/s, {timing}");
        var room = _width - 1 - tail.Length;
        var label = _label.Length <= room ? _label : room > 3 ? _label[..(room - 3)] + "..." : "";
        var line = (label + tail).TrimStart();
        return line.Length < _width ? line : line[..(_width - 1)];
    }

    /// <summary>
    /// Time left: none shown until the work has settled (a few per cent and a second), then the pace since it settled (the average
    /// pace so far in its first second), smoothed against the last estimate counted down, so a burst of runs finishing together does not make it jump.
    /// </summary>
    private string Eta(double fraction, double seconds)
    {
        if (fraction < EtaAfterFraction || seconds < EtaAfterTime.TotalSeconds || _done == 0)
        {
            return "--:--";
        }

        // The pace since the work settled, once a second of it is known: the start-up before it would bias the estimate.
        if (_settled is null)
        {
            _settled = (seconds, _done);
        }

        var (t0, d0) = _settled.Value;
        var raw = seconds - t0 >= 1 && _done > d0
            ? (_total - _done) * (seconds - t0) / (_done - d0)
            : seconds * (1 - fraction) / fraction;
        var previous = _etaSeconds is { } e ? Math.Max(0, e - (seconds - _etaAt)) : raw;
        _etaSeconds = (0.3 * raw) + (0.7 * previous);
        _etaAt = seconds;
        return Clock(_etaSeconds.Value);
    }

    private static string Clock(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(Math.Max(0, seconds)));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes:00}:{t.Seconds:00}");
    }
}
