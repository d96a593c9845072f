using System.Globalization;
using Sim.Engine;
using Sim.Engine.Runs.Sensitivity;

namespace Sim;

/// <summary>How a sensitivity analysis samples and what indices it reports.</summary>
public enum SensitivityMethod
{
    /// <summary>Sobol first-order and total indices: Saltelli's design, Jansen's estimators, N (k + 2) runs.</summary>
    Sobol,

    /// <summary>Morris elementary effects (μ*, μ, σ): r trajectories, r (k + 1) runs.</summary>
    Morris,
}

/// <summary>One index of one outcome to one parameter.</summary>
/// <param name="Outcome">The outcome's id.</param>
/// <param name="Parameter">The parameter's id.</param>
/// <param name="Index"><c>S1</c> (first order), <c>ST</c> (total), <c>mu_star</c>, <c>mu</c> or <c>sigma</c>.</param>
/// <param name="Value">The estimate (NaN when the outcome did not vary at all).</param>
/// <param name="Low">Lower end of its bootstrap interval (NaN for μ and σ, which get none).</param>
/// <param name="High">Upper end.</param>
public sealed record SensitivityIndex(string Outcome, string Parameter, string Index, double Value, double Low, double High);

/// <summary>
/// Global sensitivity of every outcome of a scenario to named parameters over their declared ranges: each design point
/// is one run with its own seed, so the indices include the model's own randomness (a parameter's share is of the
/// total variance, noise included). The runs are an in-memory <see cref="Experiment"/>: the same for any thread count.
/// </summary>
public sealed class SensitivityAnalysis
{
    /// <summary>An analysis of <paramref name="scenario"/> varying <paramref name="vary"/>.</summary>
    /// <exception cref="InputException">No parameter, an unknown one, or one given twice.</exception>
    public SensitivityAnalysis(Scenario scenario, IReadOnlyList<string> vary)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(vary);
        if (vary.Count == 0)
        {
            throw new InputException("error: name at least one parameter to vary (--vary NAME; see the scenario's parameters).");
        }

        var definition = scenario.Definition;
        var ranges = new List<(double Min, double Max)>();
        foreach (var name in vary)
        {
            var index = definition.ParameterIndex(name);
            if (index < 0)
            {
                throw new InputException($"error: the scenario has no parameter '{name}' (known: {string.Join(", ", definition.Parameters.Select(p => p.Id))}).");
            }

            if (vary.Count(v => v == name) > 1)
            {
                throw new InputException($"error: '{name}' is given twice among the parameters to vary.");
            }

            ranges.Add((definition.Parameters[index].Min, definition.Parameters[index].Max));
        }

        Scenario = scenario;
        Vary = [.. vary];
        Ranges = ranges;
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <summary>The parameters varied, each over its declared range.</summary>
    public IReadOnlyList<string> Vary { get; }

    /// <summary>Each varied parameter's declared range.</summary>
    public IReadOnlyList<(double Min, double Max)> Ranges { get; }

    /// <summary>Sobol or Morris.</summary>
    public SensitivityMethod Method { get; set; } = SensitivityMethod.Sobol;

    /// <summary>Base samples N (Sobol) or trajectories r (Morris).</summary>
    public int Samples { get; set; } = 256;

    /// <summary>The master seed: of the design, the runs and the bootstrap.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Runs at once (the results do not depend on it).</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>Ticks per run (default: the scenario's horizon).</summary>
    public int? Ticks { get; set; }

    /// <summary>Bootstrap resamples for the intervals.</summary>
    public int Resamples { get; set; } = 1000;

    /// <summary>The intervals' coverage.</summary>
    public double Level { get; set; } = 0.95;

    /// <summary>Grid levels of a Morris design (even).</summary>
    public int Levels { get; set; } = 4;

    /// <summary>
    /// Adds a dummy factor, <see cref="NoiseFactor"/>, that the model never reads: its runs differ only in their seeds, so its
    /// indices measure chance alone (its ST estimates the share of the variance that is noise, which every other ST
    /// includes too; its μ* what noise alone gives). A parameter whose index is not above the noise's is indistinguishable from none.
    /// </summary>
    public bool NoiseReference { get; set; } = true;

    /// <summary>The name the noise reference's indices carry.</summary>
    public const string NoiseFactor = "(noise)";

    /// <summary>The factors of the design: <see cref="Vary"/>, then <see cref="NoiseFactor"/> when <see cref="NoiseReference"/>.</summary>
    public IReadOnlyList<string> Factors => NoiseReference ? [.. Vary, NoiseFactor] : Vary;

    /// <summary>Runs the design needs: N (k + 2) for Sobol, r (k + 1) for Morris.</summary>
    public long RunCount => Method == SensitivityMethod.Sobol ? (long)Samples * (Factors.Count + 2) : (long)Samples * (Factors.Count + 1);

    /// <summary>Runs the design and estimates every outcome's indices to every varied parameter.</summary>
    /// <exception cref="InputException">Too few samples or resamples.</exception>
    public SensitivityResults Run(IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        if (Samples < 2)
        {
            throw new InputException($"error: a sensitivity analysis needs at least 2 samples, got {Samples}.");
        }

        if (Resamples < 1)
        {
            throw new InputException($"error: the bootstrap needs at least 1 resample, got {Resamples}.");
        }

        if (Method == SensitivityMethod.Morris && (Levels < 2 || Levels % 2 != 0))
        {
            throw new InputException($"error: a Morris design needs an even number of levels of at least 2, got {Levels}.");
        }

        var k = Vary.Count;
        var factors = Factors;
        SobolDesign? sobol = null;
        MorrisDesign? morris = null;
        IReadOnlyList<double[]> unit;
        if (Method == SensitivityMethod.Sobol)
        {
            sobol = new SobolDesign(Samples, factors.Count, Seed);
            unit = sobol.Rows;
        }
        else
        {
            morris = new MorrisDesign(Samples, factors.Count, Seed, Levels);
            unit = morris.Rows;
        }

        var points = unit.Select(u => Enumerable.Range(0, k).Select(i => Scale(u[i], Ranges[i])).ToArray()).ToList();
        var label = string.Create(CultureInfo.InvariantCulture, $"{(sobol is null ? "morris" : "sobol")}:{Samples}");
        var experiment = new Experiment(Scenario) { Replicates = 1, Seed = Seed, Ticks = Ticks, Threads = Threads }.At(Vary, points, label);
        var results = experiment.Run(progress, cancellation);
        var rows = new List<SensitivityIndex>();
        for (var o = 0; o < results.Outcomes.Count; o++)
        {
            var outcome = results.Outcomes[o];
            var values = results.OutcomeValues(o);
            if (sobol is not null)
            {
                var indices = sobol.Analyze(values, Resamples, Level, Seed);
                for (var i = 0; i < factors.Count; i++)
                {
                    var (s, t) = (indices[i].First, indices[i].Total);
                    rows.Add(new SensitivityIndex(outcome, factors[i], "S1", s.Value, s.Low, s.High));
                    rows.Add(new SensitivityIndex(outcome, factors[i], "ST", t.Value, t.Low, t.High));
                }
            }
            else
            {
                var indices = morris!.Analyze(values, Resamples, Level, Seed);
                for (var i = 0; i < factors.Count; i++)
                {
                    var m = indices[i];
                    rows.Add(new SensitivityIndex(outcome, factors[i], "mu_star", m.MuStar.Value, m.MuStar.Low, m.MuStar.High));
                    rows.Add(new SensitivityIndex(outcome, factors[i], "mu", m.Mu, double.NaN, double.NaN));
                    rows.Add(new SensitivityIndex(outcome, factors[i], "sigma", m.Sigma, double.NaN, double.NaN));
                }
            }
        }

        return new SensitivityResults(this, results, rows, morris?.Delta);
    }

    private static double Scale(double u, (double Min, double Max) range) =>
        Math.Clamp(range.Min + (u * (range.Max - range.Min)), range.Min, range.Max);
}

/// <summary>What a <see cref="SensitivityAnalysis"/> found.</summary>
public sealed class SensitivityResults
{
    internal SensitivityResults(SensitivityAnalysis analysis, ExperimentResults runs, IReadOnlyList<SensitivityIndex> indices, double? delta)
    {
        Method = analysis.Method;
        Vary = analysis.Vary;
        Factors = analysis.Factors;
        Ranges = analysis.Ranges;
        Samples = analysis.Samples;
        Seed = analysis.Seed;
        Resamples = analysis.Resamples;
        Level = analysis.Level;
        Levels = analysis.Levels;
        Runs = runs;
        Indices = indices;
        MorrisDelta = delta;
    }

    /// <summary>Sobol or Morris.</summary>
    public SensitivityMethod Method { get; }

    /// <summary>The parameters varied.</summary>
    public IReadOnlyList<string> Vary { get; }

    /// <summary>The factors indexed: <see cref="Vary"/>, then the noise reference when there is one.</summary>
    public IReadOnlyList<string> Factors { get; }

    /// <summary>Their declared ranges.</summary>
    public IReadOnlyList<(double Min, double Max)> Ranges { get; }

    /// <summary>Base samples N or trajectories r.</summary>
    public int Samples { get; }

    /// <summary>The master seed.</summary>
    public ulong Seed { get; }

    /// <summary>Bootstrap resamples.</summary>
    public int Resamples { get; }

    /// <summary>The intervals' coverage.</summary>
    public double Level { get; }

    /// <summary>Morris grid levels.</summary>
    public int Levels { get; }

    /// <summary>The Morris step as a share of each range (null for Sobol).</summary>
    public double? MorrisDelta { get; }

    /// <summary>Every run of the design, with its parameters, seed and outcomes.</summary>
    public ExperimentResults Runs { get; }

    /// <summary>Every index, outcome by outcome, parameter by parameter.</summary>
    public IReadOnlyList<SensitivityIndex> Indices { get; }
}
