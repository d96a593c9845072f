using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Sim.Engine;
using Sim.Engine.Runs.Calibration;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Output;

/// <summary>
/// Everything about an ensemble that its outputs need, written as <c>ensemble.json</c> when it starts: the plan
/// (scenario hash, engine version, seed, points, replicates, ticks), what each run stores (outcomes, series) and
/// which shard the folder holds. Results, merges and comparisons are computed from this file and the store
/// alone, so they never need the scenario file again and give the same bytes wherever they are computed.
/// </summary>
public sealed record EnsembleInfo
{
    // The reader and writer come from the source generator (EnsembleInfoJson), not from reflection at run time, so the
    // natively compiled tool needs no metadata the compiler would have trimmed.
    private static readonly JsonTypeInfo<EnsembleInfo> Json = (JsonTypeInfo<EnsembleInfo>)new JsonSerializerOptions
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = EnsembleInfoJson.Default,
    }.GetTypeInfo(typeof(EnsembleInfo));

    /// <summary>The scenario's name.</summary>
    public required string Scenario { get; init; }
    /// <summary>The scenario file's name.</summary>
    public required string ScenarioFile { get; init; }
    /// <summary>Hash of the scenario's canonical content.</summary>
    public required string ScenarioHash { get; init; }
    /// <summary>The engine that ran it.</summary>
    public required string EngineVersion { get; init; }
    /// <summary>Master seed.</summary>
    public required ulong Seed { get; init; }
    /// <summary>Replicates per point.</summary>
    public required int RunsPerPoint { get; init; }
    /// <summary>Total runs (points x replicates).</summary>
    public required long Runs { get; init; }
    /// <summary>Ticks per run.</summary>
    public required int Ticks { get; init; }
    /// <summary>Date of tick 0 (yyyy-MM-dd).</summary>
    public required string Start { get; init; }
    /// <summary>Days per tick.</summary>
    public required int DaysPerTick { get; init; }
    /// <summary><c>single</c>, <c>grid</c> or <c>lhs:K</c>.</summary>
    public required string Design { get; init; }
    /// <summary>The <c>--set</c> overrides all runs share.</summary>
    public required IReadOnlyList<string> Overrides { get; init; }
    /// <summary>The parameters the points vary.</summary>
    public required IReadOnlyList<string> Varied { get; init; }
    /// <summary>Every parameter of the scenario (scenario's and engine's), in order.</summary>
    public required IReadOnlyList<string> Parameters { get; init; }
    /// <summary>Per point, the value of every parameter in <see cref="Parameters"/>.</summary>
    public required IReadOnlyList<double[]> PointParameters { get; init; }
    /// <summary>Outcome ids, in scenario order.</summary>
    public required IReadOnlyList<string> Outcomes { get; init; }
    /// <summary>Per outcome, whether it is a bool (stored as 1/0).</summary>
    public required IReadOnlyList<bool> OutcomeIsBool { get; init; }
    /// <summary>Names of the series each run stores; a <c>controller.REGION</c> series holds the controlling actor's index in <see cref="Actors"/> (-1: nobody).</summary>
    public required IReadOnlyList<string> Series { get; init; }
    /// <summary>Actor ids, in scenario order: what a controller series' values index.</summary>
    public required IReadOnlyList<string> Actors { get; init; }
    /// <summary>Display names of the scenario's actors and regions, by id, in scenario order (reports show them beside the ids); absent in older folders.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Names { get; init; }
    /// <summary>What each outcome measures, in the order of <see cref="Outcomes"/> ("" when undescribed); absent in older folders.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? OutcomeDescriptions { get; init; }
    /// <summary>The weighted sample each run draws its values of <see cref="Varied"/> from (a posterior design); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PosteriorInfo? Posterior { get; init; }
    /// <summary>SHA-256 over all the fields above: folders belong to one ensemble iff these match.</summary>
    public string Fingerprint { get; init; } = "";
    /// <summary>The shard the folder holds, <c>i/K</c> (<c>0/1</c>: the whole ensemble).</summary>
    public string Shard { get; init; } = "0/1";

    /// <summary>Number of parameter points.</summary>
    [JsonIgnore]
    public int PointCount => PointParameters.Count;

    /// <summary>Floats each run stores.</summary>
    [JsonIgnore]
    public int SeriesLength => Series.Count * Ticks;

    /// <summary>The shard as a value.</summary>
    [JsonIgnore]
    public Shard ShardValue => Output.Shard.Resolve(Shard, _ => null);

    /// <summary>Whether stored series <paramref name="series"/> holds who controls a region, not a quantity.</summary>
    public bool IsControllerSeries(int series) => Series[series].StartsWith(ControllerPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The series of the time-series summary, in order: each stored series, except that a <c>controller.REGION</c>
    /// series becomes one <c>held.REGION.ACTOR</c> series per actor (the share of runs in which it holds the region).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> SummarySeries
    {
        get
        {
            var names = new List<string>();
            for (var s = 0; s < Series.Count; s++)
            {
                if (IsControllerSeries(s))
                {
                    var region = Series[s][ControllerPrefix.Length..];
                    names.AddRange(Actors.Select(a => $"held.{region}.{a}"));
                }
                else
                {
                    names.Add(Series[s]);
                }
            }

            return names;
        }
    }

    internal const string ControllerPrefix = "controller.";

    /// <summary>The point run <paramref name="run"/> belongs to.</summary>
    public int PointOf(long run) => (int)(run / RunsPerPoint);

    /// <summary>
    /// Run <paramref name="run"/>'s value of every parameter in <see cref="Parameters"/>: its point's, with a posterior
    /// design's varied ones replaced by the particle the run drew from its seed (as the plan drew it when it ran).
    /// </summary>
    public double[] ParametersOf(long run)
    {
        var values = PointParameters[PointOf(run)];
        if (Posterior is null)
        {
            return values;
        }

        var sample = Posterior.Sample;
        var particle = sample.Particle(sample.Draw(EnsemblePlan.RunSeed(Seed, run)));
        var copy = (double[])values.Clone();
        for (var v = 0; v < sample.Names.Count; v++)
        {
            copy[IndexOfParameter(sample.Names[v])] = particle[v];
        }

        return copy;
    }

    private int IndexOfParameter(string name)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i] == name)
            {
                return i;
            }
        }

        throw new InvalidDataException($"the posterior's parameter '{name}' is not among the ensemble's parameters");
    }

    /// <summary>Date of <paramref name="tick"/>.</summary>
    public DateOnly DateOf(int tick) => DateOnly.ParseExact(Start, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(tick * DaysPerTick);

    /// <summary>This description with its fingerprint computed.</summary>
    public EnsembleInfo WithFingerprint()
    {
        var bare = this with { Fingerprint = "", Shard = "" };
        return this with { Fingerprint = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(bare, Json))) };
    }

    /// <summary>Writes <c>ensemble.json</c> into <paramref name="folder"/>, atomically.</summary>
    public void Write(string folder) =>
        AtomicFile.Write(Path.Combine(folder, Ensemble.PlanFile), s => JsonSerializer.Serialize(s, this, Json));

    /// <summary>Reads and checks the <c>ensemble.json</c> of <paramref name="folder"/>.</summary>
    public static EnsembleInfo Read(string folder)
    {
        var path = Path.Combine(folder, Ensemble.PlanFile);
        if (!File.Exists(path))
        {
            throw new InputException($"error: {folder} is not an ensemble folder: it has no {Ensemble.PlanFile} (fix: give a folder written by 'sim mc').");
        }

        EnsembleInfo? info;
        try
        {
            info = JsonSerializer.Deserialize(File.ReadAllBytes(path), Json);
        }
        catch (JsonException e)
        {
            throw new InputException($"error: {path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: cannot be read ({e.Message}); it may have been edited or truncated, or written by another version of sim (fix: rerun the ensemble with this version).", e);
        }

        if (info is null || info.WithFingerprint().Fingerprint != info.Fingerprint)
        {
            throw new InputException($"error: {path} does not match its own fingerprint: it was edited or damaged (fix: rerun the ensemble, or restore the file).");
        }

        _ = info.ShardValue;
        return info;
    }
}

/// <summary>A posterior sample as <c>ensemble.json</c> holds it, so that results and merges need no other file.</summary>
/// <param name="Names">The parameters.</param>
/// <param name="Values">Their values, particle-major.</param>
/// <param name="Weights">Each particle's weight.</param>
public sealed record PosteriorInfo(IReadOnlyList<string> Names, double[] Values, double[] Weights)
{
    private PosteriorSample? _sample;

    /// <summary>The sample, to draw from.</summary>
    [JsonIgnore]
    public PosteriorSample Sample => _sample ??= new PosteriorSample(Names, Values, Weights);

    /// <summary>The record of <paramref name="sample"/>.</summary>
    public static PosteriorInfo Of(PosteriorSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new PosteriorInfo(sample.Names, sample.Values, sample.Weights);
    }
}

/// <summary>The JSON contract of <see cref="EnsembleInfo"/>, generated at build time.</summary>
[JsonSerializable(typeof(EnsembleInfo))]
internal sealed partial class EnsembleInfoJson : JsonSerializerContext;
