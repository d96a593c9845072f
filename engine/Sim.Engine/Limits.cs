using System.Globalization;
using Sim.Engine.Scenarios;

namespace Sim.Engine;

/// <summary>One bound a user can meet: what it is, its value, when it is checked and what lifts it.</summary>
/// <param name="Id">Its name, as docs/reliability.md lists it.</param>
/// <param name="Value">Its value, in the unit <paramref name="Shown"/> says.</param>
/// <param name="Shown">The value as people read it ("16 MB a file").</param>
/// <param name="Checked">When it is checked: <c>validate</c> (reading the scenario), <c>start</c> (before a command's first tick or run) or <c>run</c> (as it goes).</param>
/// <param name="Option">The option that raises it, or null when none does.</param>
/// <param name="Protects">What would go wrong without it.</param>
public sealed record Limit(string Id, double Value, string Shown, string Checked, string? Option, string Protects);

/// <summary>
/// Every limit a scenario or a command can meet, declared once: each check reads its value here, and
/// docs/reliability.md's table of limits is held to <see cref="All"/> by a test.
/// </summary>
public static class Limits
{
    /// <summary>The largest scenario file, in bytes: parsing keeps a positioned tree of the whole file.</summary>
    public const int FileBytes = 16 << 20;

    /// <summary>The deepest chain of includes: loading recurses once a level.</summary>
    public const int IncludeDepth = 32;

    /// <summary>The deepest nesting of YAML lists and mappings: the tree is built recursively.</summary>
    public const int YamlDepth = 64;

    /// <summary>The deepest expression: parser, type checker and evaluator are recursive.</summary>
    public const int ExpressionDepth = 100;

    /// <summary>The most actors a scenario may hold: relations are dense actor x actor matrices read every tick.</summary>
    public const int Actors = 2_000;

    /// <summary>The most aircraft, drones or guns one weapon may count: a strike samples each committed asset.</summary>
    public const double WeaponAssets = 100_000;

    /// <summary>The largest power, economy, rationality, population, displaced, strength or payment.</summary>
    public const double Magnitude = 1e15;

    /// <summary>The most strength all forces together may hold: events count the dead in 32-bit integers.</summary>
    public const double TotalStrength = 1e9;

    /// <summary>The longest tick, in days (a century).</summary>
    public const int TickDays = 36_600;

    /// <summary>The longest horizon, in ticks (it must also end by 9999-12-31).</summary>
    public const int HorizonTicks = 1_000_000;

    /// <summary>The most events one tick may record.</summary>
    public const int EventsPerTick = 100_000;

    /// <summary>The most points of a Latin hypercube (<c>--sample lhs:K</c>).</summary>
    public const int SamplePoints = 1_000_000;

    /// <summary>The memory a command may be expected to need, in bytes, unless <c>--memory GB</c> allows more.</summary>
    public const long MemoryBytes = 2L << 30;

    /// <summary>
    /// The work a command may be expected to do, in work units (<see cref="WorkPerTick"/> summed over every tick of
    /// every run), unless <c>--max-work</c> allows more. A unit took about 50 ns on the 2-core development machine,
    /// so the default is some 14 hours of one core.
    /// </summary>
    public const double Work = 1e12;

    /// <summary>The most runs <c>sim serve</c>'s <c>--max-runs</c> may allow one ensemble of the page: each is held in memory to be charted.</summary>
    public const int ServeRuns = 10_000;

    /// <summary>How long opening a scenario file may wait, in seconds: a named pipe with no writer would block forever.</summary>
    public const int OpenWaitSeconds = 10;

    /// <summary>The longest value quoted in a message, in characters; longer ones are cut in the middle.</summary>
    public const int QuotedChars = 300;

    /// <summary>How long opening a scenario file may wait (<see cref="OpenWaitSeconds"/>).</summary>
    public static TimeSpan OpenWait { get; } = TimeSpan.FromSeconds(OpenWaitSeconds);

    /// <summary>Every limit, in the order docs/reliability.md lists them.</summary>
    public static IReadOnlyList<Limit> All { get; } =
    [
        new("file_size", FileBytes, "16 MB a file", "validate", null, "a runaway generated file took 15 s and 7 GB to reject"),
        new("include_depth", IncludeDepth, "32 files", "validate", null, "loading recurses once a level; 10,000 levels overflowed the stack"),
        new("yaml_depth", YamlDepth, "64 levels", "validate", null, "the tree is built recursively; 300,000 `[` overflowed the stack"),
        new("expression_depth", ExpressionDepth, "100 levels", "validate", null, "parser, type checker and evaluator are recursive; 200,000 `-` overflowed the stack"),
        new("actors", Actors, "2,000", "validate", null, "relations are dense actor x actor matrices; 100,000 actors overflowed an array"),
        new("weapon_assets", WeaponAssets, "100,000 a weapon", "validate", null, "a strike samples each committed asset; 1e15 made one strike endless"),
        new("magnitude", Magnitude, "1e15", "validate", null, "power 1.8e308 became infinity in the arms race"),
        new("total_strength", TotalStrength, "1e9", "validate", null, "events count the dead in 32-bit integers"),
        new("tick_length", TickDays, "36,600 days", "validate", null, "longer ticks only overflow dates"),
        new("horizon", HorizonTicks, "1,000,000 ticks, ending by 9999-12-31", "validate", null, "a date holds no later day"),
        new("open_wait", OpenWaitSeconds, "10 s", "validate", null, "a named pipe with no writer blocked forever"),
        new("quoted_value", QuotedChars, "300 characters", "validate", null, "a 200,000-character id made a 200,000-character message"),
        new("sample_points", SamplePoints, "1,000,000", "start", null, "a Latin hypercube holds every point in memory"),
        new("work", Work, "1e12 work units", "start", "--max-work", "a valid scenario may ask for years of computing (2,000 actors for 1,000,000 ticks)"),
        new("memory", MemoryBytes, "2 GB", "start", "--memory", "`--runs 2147483647` and 10,000-point sweeps exhausted the memory"),
        new("events_per_tick", EventsPerTick, "100,000", "run", null, "one effect list aliased into 2,000 rules filled a gigabyte a run"),
        new("time", double.PositiveInfinity, "none unless set", "run", "--time-limit", "a run whose cost grows tick by tick"),
        new("serve_runs", ServeRuns, "10,000 an ensemble of the page", "start", null, "the page's ensembles are held in memory to be charted; `--max-runs` (default 1,000) may not pass it"),
    ];

    /// <summary>
    /// The work units of one tick of a run of <paramref name="definition"/>: a fixed cost of 1,000 (the systems'
    /// passes over a small world), one a pair of actors (relations are read for every pair), one a region, a force and
    /// a rule. Measured here: the tutorial (4 actors, about 1,030 units) runs a tick in about 60 us; a world of 500
    /// actors (about 251,000 units) in about 12 ms.
    /// </summary>
    public static double WorkPerTick(ScenarioDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        double actors = definition.Actors.Length;
        return 1_000 + (actors * actors) + definition.Regions.Length + definition.Forces.Length + definition.Rules.Length;
    }

    /// <summary>The work units of <paramref name="runs"/> runs of <paramref name="ticks"/> ticks each.</summary>
    public static double WorkOf(ScenarioDefinition definition, long ticks, long runs) => WorkPerTick(definition) * ticks * runs;

    /// <summary>A number of work units as people read it: 3.2e13.</summary>
    public static string FormatWork(double units) => units.ToString("0.#e0", CultureInfo.InvariantCulture);
}
