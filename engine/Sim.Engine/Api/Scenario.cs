using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Sim.Engine;
using Sim.Engine.Scenarios;

namespace Sim;

/// <summary>
/// A validated scenario, ready to run: load it from a file or from YAML text, override its parameters with
/// <see cref="With(string, double)"/> (each call returns a new scenario; this one never changes), then start
/// runs (<see cref="Start"/>) or experiments (<see cref="Experiment"/>) from it.
/// </summary>
public sealed class Scenario
{
    private Scenario(ScenarioDefinition definition) => Definition = definition;

    /// <summary>The resolved definition every run is built from (ids as indices; for systems and observers).</summary>
    public ScenarioDefinition Definition { get; }

    /// <summary>The scenario's name.</summary>
    public string Name => Definition.Name;

    /// <summary>The date of tick 0.</summary>
    public DateOnly Start => Definition.Start;

    /// <summary>Days per tick.</summary>
    public int DaysPerTick => Definition.TickDays;

    /// <summary>The default number of ticks a run lasts.</summary>
    public int Horizon => Definition.Horizon;

    /// <summary>Every parameter's value (the scenario's own and the engine's), overrides applied, by id.</summary>
    public IReadOnlyDictionary<string, double> Parameters => Definition.Parameters.ToImmutableSortedDictionary(p => p.Id, p => p.Value, StringComparer.Ordinal);

    /// <summary>The overrides applied, as <c>name=value</c>, in the order given.</summary>
    public IReadOnlyList<string> Overrides => Definition.Overrides;

    /// <summary>Actor ids, in the scenario's order.</summary>
    public IReadOnlyList<string> Actors => [.. Definition.Actors.Select(a => a.Id)];

    /// <summary>Region ids, in the scenario's order.</summary>
    public IReadOnlyList<string> Regions => [.. Definition.Regions.Select(r => r.Id)];

    /// <summary>Outcome ids, in the scenario's order.</summary>
    public IReadOnlyList<string> Outcomes => [.. Definition.Outcomes.Select(o => o.Id)];

    /// <summary>Loads and validates the scenario file at <paramref name="path"/> (and its includes).</summary>
    /// <exception cref="ScenarioException">The file cannot be read or does not validate; every problem is listed.</exception>
    public static Scenario Load(string path) => Load(path, []);

    /// <summary>
    /// Loads the scenario at <paramref name="path"/> with overrides written as <c>name=value</c> (the form of
    /// <c>sim run --set</c>); their diagnostics name the file <c>--set</c> and the override's position as the line.
    /// </summary>
    /// <exception cref="ScenarioException">The file or an override does not validate.</exception>
    public static Scenario Load(string path, IReadOnlyList<string> overrides) => Load(path, overrides, includesOutside: false);

    /// <summary>
    /// Loads the scenario at <paramref name="path"/> with overrides; <paramref name="includesOutside"/> lets its includes
    /// reach files outside the folder tree of <paramref name="path"/>, which is otherwise a diagnostic (also through links).
    /// </summary>
    /// <exception cref="ScenarioException">The file or an override does not validate.</exception>
    public static Scenario Load(string path, IReadOnlyList<string> overrides, bool includesOutside)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(overrides);
        // Each file is read once: reloads with other overrides see the same bytes, also from a pipe.
        var files = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        return Create(o => ScenarioLoader.Load(path, o, includesOutside, files), overrides, path);
    }

    /// <summary>Reads a scenario from YAML text; <paramref name="name"/> is the file name its diagnostics show. Text scenarios cannot include files.</summary>
    /// <exception cref="ScenarioException">The text does not validate.</exception>
    public static Scenario Parse(string yaml, string name = "scenario.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [name] = Encoding.UTF8.GetBytes(yaml) };
        return Create(o => ScenarioLoader.LoadFromMemory(name, files, o), [], name);
    }

    /// <summary>This scenario with parameter <paramref name="parameter"/> set to <paramref name="value"/> (checked against its declared range).</summary>
    /// <exception cref="ArgumentException">No such parameter, or the value is not finite or outside the parameter's range.</exception>
    public Scenario With(string parameter, double value) => With([KeyValuePair.Create(parameter, value)]);

    /// <summary>This scenario with several parameters set at once.</summary>
    /// <exception cref="ArgumentException">An unknown parameter, or a value that is not finite or outside its range.</exception>
    public Scenario With(IEnumerable<KeyValuePair<string, double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var added = new List<string>();
        foreach (var (name, value) in values)
        {
            if (Definition.ParameterIndex(name) < 0)
            {
                throw new ArgumentException($"the scenario has no parameter '{name}' (known: {string.Join(", ", Definition.Parameters.Select(p => p.Id))})", nameof(values));
            }

            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"parameter '{name}' must be a finite number, got {value}", nameof(values));
            }

            added.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={value:R}"));
        }

        try
        {
            return WithOverrides(added);
        }
        catch (ScenarioException e)
        {
            // The loader names typed values by their position among the overrides; say it in this method's words.
            throw new ArgumentException(string.Join("; ", e.Diagnostics.Select(d => d.Message)), nameof(values), e);
        }
    }

    /// <summary>This scenario with more overrides (<c>name=value</c>) appended after those it has; later ones win.</summary>
    /// <exception cref="ScenarioException">An override does not validate.</exception>
    public Scenario WithOverrides(IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return overrides.Count == 0 ? this : Reload([.. Definition.Overrides, .. overrides]);
    }

    /// <summary>
    /// The same scenario with exactly <paramref name="overrides"/> (replacing those this one has). The files are not read
    /// again: only the parameters' values change, as a load with these overrides would set them, so it costs far less than
    /// a run (a calibration or a posterior ensemble does this for every run).
    /// </summary>
    /// <exception cref="ScenarioException">An override does not validate.</exception>
    internal Scenario Reload(IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var diagnostics = new List<Diagnostic>();
        var parameters = ParametersReader.Override(Definition, overrides, diagnostics);
        return diagnostics.Count == 0
            ? new Scenario(Definition.WithParameters(parameters, overrides))
            : throw new ScenarioException(Definition.Files.FirstOrDefault() ?? Name, diagnostics);
    }

    /// <summary>Builds the starting state of one run; <see cref="ScenarioRun.Step()"/> it, or <see cref="ScenarioRun.Run"/> it to the end.</summary>
    /// <param name="seed">The run's seed: the same scenario, overrides and seed give the same run.</param>
    /// <param name="ticks">How many ticks the run lasts (default: <see cref="Horizon"/>).</param>
    /// <param name="options">Invariant checks and extra systems.</param>
    public ScenarioRun StartRun(ulong seed = 1, int? ticks = null, RunOptions? options = null) => new(this, seed, ticks, options);

    /// <summary>An experiment on this scenario: replicates over parameter points, run in memory.</summary>
    public Experiment Experiment() => new(this);

    private static Scenario Create(Func<IReadOnlyList<string>, ScenarioLoadResult> load, IReadOnlyList<string> overrides, string displayName)
    {
        var result = load(overrides);
        return result.Success
            ? new Scenario(result.Definition!)
            : throw new ScenarioException(displayName, result.Diagnostics);
    }
}

/// <summary>A scenario that cannot be read or does not validate: every problem, each with its file, line and column.</summary>
public sealed class ScenarioException : InputException
{
    /// <summary>The problems found in <paramref name="file"/> (and its includes and overrides).</summary>
    public ScenarioException(string file, IReadOnlyList<Diagnostic> diagnostics)
        : base(Describe(file, diagnostics))
    {
        File = file;
        Diagnostics = diagnostics;
    }

    /// <summary>The scenario file (or text name) that failed.</summary>
    public string File { get; }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string Describe(string file, IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var lines = diagnostics.Select(d => d.ToString()).ToList();
        lines.Add($"{diagnostics.Count} error{(diagnostics.Count == 1 ? "" : "s")} in {file}; nothing was run.");
        return string.Join('\n', lines);
    }
}
