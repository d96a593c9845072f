using System.Globalization;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Cli.Commands;

/// <summary>Reads <c>--sweep</c>, <c>--sample</c>, <c>--vary</c> and <c>--posterior</c> into the parameter design of a plan.</summary>
internal static class DesignOptions
{
    private const string SweepFix = "(fix: write --sweep name=from:to:count, for example --sweep pmc_presence=0:1:5)";

    /// <summary>The plan of <c>sim mc</c>: the design its options describe, with the option named in any error about it.</summary>
    public static EnsemblePlan Plan(Scenario scenario, string path, ulong seed, int runs, int ticks,
        IReadOnlyList<string> sweeps, string? sample, IReadOnlyList<string> vary, string? posterior = null)
    {
        var design = posterior is null ? Parse(sweeps, sample, vary) : Posterior(posterior, sweeps, sample, vary);
        try
        {
            return EnsemblePlan.Create(scenario.Definition, path, seed, runs, ticks, scenario.Overrides, design);
        }
        catch (Engine.InputException e) when (design is not ParameterDesign.OnePoint)
        {
            var option = design switch
            {
                ParameterDesign.Grid => "--sweep",
                ParameterDesign.Posterior => $"--posterior {posterior}",
                _ => "--sample/--vary",
            };
            throw new UserInputException($"error: {option}: {e.Message.Replace("error: ", "", StringComparison.Ordinal)}", e);
        }
    }

    /// <summary>
    /// <paramref name="sweeps"/> are <c>name=a:b:n</c> (n evenly spaced values from a to b, full grid across sweeps);
    /// <paramref name="sample"/> is <c>lhs:K</c> (K Latin-hypercube points over the declared ranges of <paramref name="vary"/>,
    /// or of the scenario's own parameters when none are named). Names and ranges are checked when the plan is made.
    /// </summary>
    public static ParameterDesign Parse(IReadOnlyList<string> sweeps, string? sample, IReadOnlyList<string> vary)
    {
        if (sweeps.Count > 0 && sample is not null)
        {
            throw new UserInputException("error: --sweep and --sample cannot be combined (fix: use a grid with --sweep, or a Latin hypercube with --sample lhs:K).");
        }

        if (vary.Count > 0 && sample is null)
        {
            throw new UserInputException("error: --vary only applies to --sample lhs:K or --posterior FILE (fix: add --sample lhs:K, or use --sweep name=a:b:n).");
        }

        return sample is not null ? ParseSample(sample, vary)
            : sweeps.Count > 0 ? new ParameterDesign.Grid([.. sweeps.Select(ParseSweep)])
            : new ParameterDesign.OnePoint();
    }

    /// <summary>
    /// A posterior design: every run draws its parameters from the sample in <paramref name="file"/> (from the run's
    /// seed); with <paramref name="vary"/>, only those parameters (their joint marginal), so a scenario can take the
    /// engine parameters another scenario's calibration estimated and leave that scenario's own ones behind.
    /// </summary>
    private static ParameterDesign.Posterior Posterior(string file, IReadOnlyList<string> sweeps, string? sample, IReadOnlyList<string> vary)
    {
        if (sweeps.Count > 0 || sample is not null)
        {
            throw new UserInputException("error: --posterior cannot be combined with --sweep or --sample: each run draws the posterior's parameters from it (fix: drop those options, or fix other parameters with --set).");
        }

        var posterior = Output.PosteriorFile.Read(file);
        try
        {
            return new ParameterDesign.Posterior(vary.Count == 0 ? posterior : posterior.Select(vary));
        }
        catch (Engine.InputException e)
        {
            throw new UserInputException($"error: --posterior {file} --vary: {e.Message.Replace("error: ", "", StringComparison.Ordinal)}", e);
        }
    }

    private static ParameterDesign.Axis ParseSweep(string sweep)
    {
        var eq = sweep.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new UserInputException($"error: --sweep '{sweep}' has no 'name=' {SweepFix}.");
        }

        var name = sweep[..eq].Trim();
        var parts = sweep[(eq + 1)..].Split(':');
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var from)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var to)
            || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            || !double.IsFinite(from) || !double.IsFinite(to))
        {
            throw new UserInputException($"error: --sweep '{sweep}' is not name=from:to:count {SweepFix}.");
        }

        if (count < 1 || (count == 1 && from != to))
        {
            throw new UserInputException($"error: --sweep '{sweep}': count must be at least 2 for a range (or from == to with count 1) {SweepFix}.");
        }

        return ParameterDesign.Axis.Range(name, from, to, count);
    }

    private static ParameterDesign.LatinHypercube ParseSample(string sample, IReadOnlyList<string> vary)
    {
        var colon = sample.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !sample[..colon].Equals("lhs", StringComparison.OrdinalIgnoreCase)
            || !int.TryParse(sample[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) || k < 1 || k > Engine.Limits.SamplePoints)
        {
            throw new UserInputException($"error: --sample '{sample}' is not lhs:K with K from 1 to {Engine.Limits.SamplePoints} (fix: for example --sample lhs:200).");
        }

        return new ParameterDesign.LatinHypercube(k, vary);
    }
}
