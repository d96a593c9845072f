using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using Sim.Engine;
using Sim.Engine.Runs.Ensembles;
using Sim.Engine.Scenarios;
using Sim.Output;

namespace Sim.Cli.Commands;

/// <summary>
/// The work, memory and time a command may spend (<c>--max-work</c>, <c>--memory</c>, <c>--time-limit</c>, on every
/// command): work and memory are estimated and checked before the first tick or run, so a scenario or an ensemble
/// that would take days or exhaust memory is refused at once with exit code 2; time is watched as the command goes.
/// </summary>
internal sealed record Budgets(double Work, long Memory, TimeSpan? Time)
{
    /// <summary>The budgets of the command being run.</summary>
    public static AsyncLocal<Budgets?> Current { get; } = new();

    /// <summary>The budgets of the command being run, or the defaults.</summary>
    public static Budgets Value => Current.Value ?? new(Limits.Work, Limits.MemoryBytes, null);

    /// <summary>Set when this command's <c>--time-limit</c> has passed (shared by reference with the command's threads).</summary>
    public StrongBox<bool> TimedOut { get; } = new();

    public static Option<double> WorkOption() => new("--max-work")
    {
        Description = string.Create(CultureInfo.InvariantCulture,
            $"Work budget in work units (ticks x (1,000 + actor pairs + regions + forces + rules), over every run; render adds a unit a pixel of each frame): more is refused before the first tick. Default {Limits.FormatWork(Limits.Work)}, some 14 core-hours."),
        Recursive = true,
        DefaultValueFactory = _ => Limits.Work,
    };

    public static Option<double> MemoryOption() => new("--memory")
    {
        Description = "Memory budget in GB: a run or ensemble expected to need more (series, points x scenario, runs) is refused before it starts.",
        Recursive = true,
        DefaultValueFactory = _ => Limits.MemoryBytes / (double)(1L << 30),
    };

    public static Option<string?> TimeOption() => new("--time-limit")
    {
        Description = "Stop after this long (90s, 20m, 2h): a run stops with exit code 2, an ensemble keeps its finished runs for --resume.",
        Recursive = true,
    };

    /// <summary>Reads the three options; a bad value is a <see cref="UserInputException"/>.</summary>
    public static Budgets Read(ParseResult parse)
    {
        var work = parse.GetValue<double>("--max-work");
        if (!double.IsFinite(work) || work <= 0)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"error: --max-work must be a number of work units above 0, such as 1e13, got {work}."));
        }

        var gb = parse.GetValue<double>("--memory");
        if (!double.IsFinite(gb) || gb <= 0 || gb > 1 << 20)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"error: --memory must be a number of GB above 0, got {gb}."));
        }

        return new(work, (long)(gb * (1L << 30)), parse.GetValue<string?>("--time-limit") is { } t ? ParseTime(t) : null);
    }

    /// <summary>Reads 90, 90s, 20m, 1.5h: seconds unless a unit says otherwise.</summary>
    public static TimeSpan ParseTime(string text)
    {
        var t = text.Trim();
        var unit = t.Length > 0 && char.IsAsciiLetter(t[^1]) ? char.ToLowerInvariant(t[^1]) : 's';
        var number = char.IsAsciiLetter(t.Length > 0 ? t[^1] : ' ') ? t[..^1] : t;
        var scale = unit switch { 's' => 1.0, 'm' => 60.0, 'h' => 3600.0, _ => double.NaN };
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n * scale) && n > 0 && n * scale <= 3.1e7 * 100)
        {
            return TimeSpan.FromSeconds(n * scale);
        }

        throw new UserInputException($"error: --time-limit {text}: not a duration (fix: a number of seconds, or 90s, 20m, 2h).");
    }

    /// <summary>
    /// A token cancelled by <paramref name="cancel"/> or when the time budget passes; <see cref="TimedOut"/> then
    /// says which. Dispose the result when the command ends.
    /// </summary>
    public static CancellationTokenSource Watch(CancellationToken cancel)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var budgets = Value;
        if (budgets.Time is { } time)
        {
            source.Token.Register(() => budgets.TimedOut.Value = !cancel.IsCancellationRequested);
            source.CancelAfter(time);
        }

        return source;
    }

    /// <summary>True when the command was stopped by its <c>--time-limit</c>.</summary>
    public static bool Expired => Current.Value?.TimedOut.Value == true;

    /// <summary>The time limit as given, for messages.</summary>
    public static string TimeText => Value.Time is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###} s") : "";

    /// <summary>
    /// Refuses a run (<c>sim run</c>, <c>render</c>, <c>view</c>, the horizon at <c>validate</c>) of <paramref name="ticks"/>
    /// ticks whose work (plus <paramref name="extraWork"/>, a render's pixels) or memory passes the budget. With
    /// <paramref name="ticksOption"/> false the ticks are the scenario's horizon, and the error is placed there.
    /// </summary>
    public static void CheckRun(ScenarioDefinition definition, long ticks, bool ticksOption, double extraWork = 0, string? extraWhat = null)
    {
        var budgets = Value;
        var perTick = Limits.WorkPerTick(definition);
        var work = (perTick * ticks) + extraWork;
        var where = ticksOption
            ? string.Create(CultureInfo.InvariantCulture, $"error: --ticks {ticks}:")
            : $"{definition.HorizonAt}: error: the horizon of {ticks.ToString(CultureInfo.InvariantCulture)} ticks:";
        var shorter = ticksOption ? "fewer --ticks" : "a shorter horizon or fewer --ticks";
        if (work > budgets.Work)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{where} the run would do about {Limits.FormatWork(work)} work units ({ticks} ticks x {perTick:0} a tick{extraWhat}), more than the budget of {Limits.FormatWork(budgets.Work)} (fix: {shorter}, fewer actors, or --max-work {Limits.FormatWork(work * 1.01)} if it is meant)."));
        }

        var memory = RunMemory(definition, ticks);
        if (memory > budgets.Memory)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{where} the run would need about {Gb(memory)} of memory for its recorded series and relations, more than the budget of {Gb(budgets.Memory)} (fix: {shorter}, or --memory {Math.Ceiling(memory / (double)(1L << 30))} if the machine has it)."));
        }
    }

    /// <summary>Refuses an ensemble (the runs of <paramref name="shard"/>) whose work passes the budget; its memory is checked as it is prepared.</summary>
    public static void CheckEnsemble(ScenarioDefinition definition, EnsemblePlan plan, Shard shard)
    {
        var budget = Value.Work;
        var runs = shard.RunsOf(plan.RunCount);
        var perTick = Limits.WorkPerTick(definition);
        var work = Limits.WorkOf(definition, plan.Ticks, runs);
        if (work > budget)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"error: this ensemble would do about {Limits.FormatWork(work)} work units ({runs} runs x {plan.Ticks} ticks x {perTick:0} a tick), more than the budget of {Limits.FormatWork(budget)} (fix: fewer --runs, --ticks or points, a --shard per machine, or --max-work {Limits.FormatWork(work * 1.01)} if it is meant)."));
        }
    }

    /// <summary>What one run holds: its recorded series (a value a column a tick, allocated at the start) and its relations (a few dense actor x actor matrices).</summary>
    public static double RunMemory(ScenarioDefinition definition, long ticks)
    {
        var columns = new ScenarioRun(definition, 0, 0).Recorder.Columns.Count;
        double actors = definition.Actors.Length;
        return (8.0 * columns * Math.Max(1, ticks)) + (64 * actors * actors) + (32L << 20);
    }

    private static string Gb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 30):0.###} GB");
}
