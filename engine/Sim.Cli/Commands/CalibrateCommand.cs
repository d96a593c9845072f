using System.CommandLine;
using System.Globalization;
using Sim.Engine.Evidence;
using Sim.Engine.Runs.Calibration;
using Sim.Output;
using Sim.Viz.Plots;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim calibrate FILE --observed DATA --window FROM:TO --vary P...</c>: ABC-SMC of the varied parameters against observed
/// summary statistics, resumable after a kill, with the posterior, the generations, plots and a posterior predictive check.
/// </summary>
internal static class CalibrateCommand
{
    private static readonly string[] OwnedFiles =
    [
        CalibrationFiles.StateFile, CalibrationFiles.ManifestFile, "report.md",
        "posterior.parquet", "posterior.csv", "generations.parquet", "generations.csv", "predictive.parquet", "predictive.csv",
    ];

    public static Command Create()
    {
        var file = CommonOptions.ScenarioFile();
        var observed = CommonOptions.PathOption(new Option<string>("--observed") { Description = "Observed events (UCDP GED or ACLED CSV) mapped onto the scenario.", Required = true });
        var window = new Option<string>("--window") { Description = "Months the statistics cover: FROM:TO as YYYY-MM (or YYYY-MM-DD).", Required = true };
        var distance = new Option<double>("--max-distance") { Description = "km: an event whose admin units no region declares goes to the nearest region point at most this far.", DefaultValueFactory = _ => 50 };
        var vary = new Option<string[]>("--vary") { Description = "A parameter to calibrate (repeatable); its prior is uniform over its declared range.", Arity = ArgumentArity.OneOrMore, Required = true };
        var particles = new Option<int>("--particles") { Description = "Accepted particles per generation.", DefaultValueFactory = _ => 500 };
        var generations = new Option<int>("--generations") { Description = "Generations at most, the prior sample included.", DefaultValueFactory = _ => 10 };
        var budget = new Option<long?>("--budget") { Description = "Simulations at most over all generations (default: no limit)." };
        var alpha = new Option<double>("--alpha") { Description = "Each tolerance is this quantile of the last generation's distances.", DefaultValueFactory = _ => 0.5 };
        var minAcceptance = new Option<double>("--min-acceptance") { Description = "Stop when a generation would accept fewer than this share of its simulations.", DefaultValueFactory = _ => 0.01 };
        var stats = new Option<string[]>("--stats") { Description = "Statistics to fit (repeatable): a group such as events.type or fatalities.total, or a whole name (default: all).", Arity = ArgumentArity.OneOrMore };
        var predictive = new Option<int>("--predictive") { Description = "Runs drawn from the posterior for the predictive check.", DefaultValueFactory = _ => 200 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed; every proposal's draws come from (seed, generation, index).", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads", "-j") { Description = "Simulations at once (default: all cores); the results are the same for any value.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var set = CommonOptions.Set();
        var outDir = CommonOptions.PathOption(new Option<string?>("--out", "-o") { Description = "Calibration folder (default: out/<scenario>-calibrate-seed<S>)." });
        var format = CommonOptions.EnsembleFormat();
        var resume = new Option<bool>("--resume") { Description = "Continue the calibration in --out from its last finished generation." };
        var force = new Option<bool>("--force") { Description = "Replace a calibration already in --out." };
        var quiet = CommonOptions.Quiet();
        var command = new Command("calibrate", "Calibrate parameters to observed event data by approximate Bayesian computation (ABC-SMC); writes the weighted posterior, the generations, plots and a posterior predictive check.")
        {
            file, observed, window, distance, vary, stats, particles, generations, budget, alpha, minAcceptance, predictive, seed, threads, set, outDir, format, resume, force, quiet,
        };
        CommonOptions.SetLongAction(command, (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            var scenario = CommonOptions.Load(path, parse.GetValue(set));
            CommonOptions.AtLeast("--particles", parse.GetValue(particles), 2);
            CommonOptions.AtLeast("--generations", parse.GetValue(generations), 1);
            CommonOptions.AtLeast("--predictive", parse.GetValue(predictive), 1);
            CommonOptions.AtLeast("--threads", parse.GetValue(threads), 1);
            var settings = new AbcSettings
            {
                Particles = parse.GetValue(particles),
                MaxGenerations = parse.GetValue(generations),
                Budget = parse.GetValue(budget) ?? long.MaxValue,
                Alpha = parse.GetValue(alpha),
                MinAcceptance = parse.GetValue(minAcceptance),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
            };
            try
            {
                settings.Validate();
            }
            catch (Engine.InputException e)
            {
                throw new UserInputException($"{e.Message} (options --particles, --generations, --budget, --alpha, --min-acceptance)", e);
            }

            var maxKm = parse.GetValue(distance);
            if (!double.IsFinite(maxKm) || maxKm < 0)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"error: --max-distance must be a number of km, 0 or more, got {maxKm}."));
            }

            // Observed and simulated statistics come from one layout, so data and runs are counted alike.
            var data = parse.GetValue(observed)!;
            var windowText = parse.GetValue(window)!;
            var months = SummaryWindow.Parse(windowText, "--window");
            if (months.Start < scenario.Start)
            {
                throw new UserInputException($"error: --window {windowText} starts before the scenario ({scenario.Start:yyyy-MM-dd}): months before it would count as months without events (fix: whole months from the start on).");
            }

            var ticks = TicksTo(scenario, months.End, windowText);
            var observations = Observations.Load(data, scenario, new ObservationOptions { Window = months, MaxDistanceKm = maxKm });
            var layout = new SummaryLayout(scenario.Definition, months);
            var groups = parse.GetValue(stats) ?? [];
            int[] chosen;
            try
            {
                chosen = groups.Length == 0 ? [.. Enumerable.Range(0, layout.Names.Count)] : layout.Select(groups);
            }
            catch (Engine.InputException e)
            {
                throw new UserInputException($"{e.Message} (option --stats)", e);
            }

            string[] names = [.. chosen.Select(i => layout.Names[i])];
            var observedValues = Pick(layout.Observed(observations).Values, chosen);
            var calibration = new Calibration(scenario, parse.GetValue(vary)!, names, observedValues, run => Pick(layout.Simulated(run.Events).Values, chosen))
            {
                Ticks = ticks,
                Settings = settings,
            };
            var folder = parse.GetValue(outDir) ?? Path.Combine("out", string.Create(CultureInfo.InvariantCulture, $"{ScenarioFolderName(path)}-calibrate-seed{settings.Seed}"));
            CommonOptions.PrepareOutFolder(folder);
            var state = BindFolder(folder, parse.GetValue(resume), parse.GetValue(force));
            var err = parse.InvocationConfiguration.Error;
            var quietValue = parse.GetValue(quiet);
            if (!quietValue)
            {
                err.Write(observations.Report.Describe(5));
                err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Calibrating {string.Join(", ", calibration.Priors.Select(p => $"{p.Name} in [{p.Min}, {p.Max}]"))} on {Given(observedValues)} statistics{Missing(observedValues)}, runs of {ticks} ticks{(state is null ? "" : $"; resuming after generation {state.Generations.Count - 1}")}."));
            }

            AbcResult result;
            try
            {
                // On a terminal, a bar of particles accepted over the generations asked for (a generation may take many
                // simulations); a line per finished generation either way, starting with a carriage return to overwrite the bar.
                using var bar = quietValue ? null : ProgressBar.Start(parse, $"{scenario.Name}, calibration", settings.Particles * settings.MaxGenerations, "particles");
                var progress = bar is null ? null : new Progress(bar, settings.Particles);
                result = calibration.Run(state, s =>
                {
                    CalibrationFiles.WriteState(folder, s);
                    if (!quietValue)
                    {
                        var g = s.Generations[^1];
                        err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{(bar is null ? "" : "\r")}generation {g.Index}: tolerance {CalibrationFiles.Format(g.Tolerance)}, acceptance {g.Acceptance:0.###}, ESS {g.Ess:0}, {s.Simulations} simulations").PadRight(bar is null ? 0 : 100));
                    }
                }, progress, cancel);
            }
            catch (OperationCanceledException)
            {
                err.WriteLine($"Stopped; the generations finished so far are kept in {folder}. To continue, run the same command plus --resume.");
                return ExitCodes.Failure;
            }

            var posterior = result.Posterior;
            var predictiveRuns = parse.GetValue(predictive);
            var rows = PredictiveCheck.Compute(names, observedValues, calibration.Predictive(posterior, predictiveRuns, cancel));
            var info = new CalibrationInfo(scenario, path, data, windowText, maxKm, settings, predictiveRuns, groups);
            var format1 = parse.GetValue(format)!.Value;
            var tables = CalibrationFiles.WriteTables(folder, format1, result, rows);
            var report = CalibrationReport.Write(folder, info, result, calibration.Priors, rows, format1);
            var manifest = CalibrationFiles.WriteManifest(folder, info, result, rows, [.. tables, .. report]);
            Summarize(parse.InvocationConfiguration.Output, result, rows, [.. tables, manifest, report[0]]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static double[] Pick(double[] values, int[] chosen)
    {
        var picked = new double[chosen.Length];
        for (var i = 0; i < chosen.Length; i++)
        {
            picked[i] = values[chosen[i]];
        }

        return picked;
    }

    private static int Given(double[] values) => values.Count(double.IsFinite);

    /// <summary>Says how many statistics the data do not give (GED records no control changes); they are left out of the distance.</summary>
    private static string Missing(double[] values) => values.Length - Given(values) is var n and > 0
        ? string.Create(CultureInfo.InvariantCulture, $" ({n} more the data do not give, such as control changes in UCDP GED, are left out)")
        : "";

    /// <summary>Ticks from the scenario's start to <paramref name="end"/>, so that every run covers the window.</summary>
    private static int TicksTo(Scenario scenario, DateOnly end, string window)
    {
        var days = end.DayNumber - scenario.Start.DayNumber + 1;
        if (days < 1)
        {
            throw new UserInputException($"error: --window {window} ends before the scenario starts ({scenario.Start:yyyy-MM-dd}), so no run can cover it (fix: a window after the start).");
        }

        var ticks = (days + scenario.DaysPerTick - 1) / scenario.DaysPerTick;
        CommonOptions.CheckTicks(scenario, ticks);
        return ticks;
    }

    /// <summary>Refuses to overwrite a calibration unless asked; returns the checkpoint to continue from with <c>--resume</c>.</summary>
    private static AbcState? BindFolder(string folder, bool resume, bool force)
    {
        var started = OwnedFiles.Any(f => File.Exists(Path.Combine(folder, f)));
        if (started && force)
        {
            foreach (var f in OwnedFiles)
            {
                File.Delete(Path.Combine(folder, f));
            }

            return null;
        }

        if (started && !resume)
        {
            throw new UserInputException($"error: {folder} already holds a calibration (fix: add --resume to continue it, --force to start over, or choose another --out).");
        }

        // A resumed calibration refuses a state of other settings itself, naming what must match.
        return resume ? CalibrationFiles.ReadState(folder) : null;
    }

    private static void Summarize(TextWriter stdout, AbcResult result, IReadOnlyList<PredictiveRow> rows, IEnumerable<string> files)
    {
        var posterior = result.Posterior;
        var mean = posterior.Mean();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Generations.Count} generations, {result.Simulations} simulations, stopped by {result.Stop.ToString().ToLowerInvariant()}; ESS {result.Generations[^1].Ess:0}"));
        for (var j = 0; j < posterior.Names.Count; j++)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {posterior.Names[j],-28} {mean[j],10:0.####}  [{posterior.Quantile(j, 0.05):0.####}, {posterior.Quantile(j, 0.95):0.####}] (5-95%)"));
        }

        var (in50, in90, counted) = PredictiveCheck.Coverage(rows);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  observed statistics inside the predictive 50% / 90% bands: {in50:0%} / {in90:0%} of {counted}"));
        foreach (var f in files)
        {
            stdout.WriteLine($"  wrote {f}");
        }
    }

    /// <summary>Turns the calibration's progress into the bar's count: particles accepted over all generations.</summary>
    private sealed class Progress(ProgressBar bar, int particles) : IProgress<AbcProgress>
    {
        public void Report(AbcProgress value) => bar.Report(((long)value.Generation * particles) + value.Accepted);
    }

    private static string ScenarioFolderName(string path) =>
        Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) is { Length: > 0 } name ? name : "calibration";
}
