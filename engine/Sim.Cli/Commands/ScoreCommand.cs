using System.CommandLine;
using System.Globalization;
using Sim.Engine.Evidence;
using Sim.Output;
using Sim.Viz.Plots;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim score ENSEMBLE --observed FILE</c>: the ensemble's hindcast against observed events, with proper scores,
/// coverage and skill against baselines from a training window before the scored one.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var ensemble = CommonOptions.PathArgument(new Argument<string>("ENSEMBLE") { Description = "Ensemble folder (from 'sim mc')." });
        var observed = CommonOptions.PathOption(new Option<string>("--observed") { Description = "Observed events: a UCDP GED or ACLED CSV file (told apart by its header).", Required = true });
        var scenarioFile = CommonOptions.PathOption(new Option<string?>("--scenario") { Description = "The scenario file the ensemble ran (default: its file name, looked up in the current folder and beside the ensemble); its runs are replayed from it." });
        var outcomes = CommonOptions.PathOption(new Option<string?>("--outcomes") { Description = "Observed outcome values: CSV 'outcome,value[,base_rate]' (yes/no outcomes: true/false)." });
        var window = new Option<string?>("--window") { Description = "Scored months FROM:TO (YYYY-MM; default: every whole month the runs cover)." };
        var training = new Option<string?>("--training") { Description = "Months the baselines come from, FROM:TO, ending before --window (default: the 12 months before it)." };
        var distance = new Option<double>("--max-distance") { Description = "km: an event whose admin units no region declares goes to the nearest region point at most this far.", DefaultValueFactory = _ => 50 };
        var outDir = CommonOptions.PathOption(new Option<string?>("--out", "-o") { Description = "Folder for the scores (default: ENSEMBLE/score)." });
        var format = CommonOptions.EnsembleFormat();
        var seed = new Option<ulong>("--seed") { Description = "Seed of the bootstrap intervals.", DefaultValueFactory = _ => 1 };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples.", DefaultValueFactory = _ => 2000 };
        var point = new Option<int?>("--point") { Description = "Score only the runs of this parameter point (default: every run, pooled: the right reading for draws from a posterior or a prior)." };
        var threads = new Option<int>("--threads", "-j") { Description = "Runs replayed at once (default: all cores); the scores are the same for any.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var otherEngine = new Option<bool>("--other-engine") { Description = "Replay an ensemble run by another engine version; each replay must still reproduce the stored outcomes." };
        var quiet = CommonOptions.Quiet();
        var command = new Command("score", "Score an ensemble's hindcast against observed events (UCDP GED or ACLED): Brier and log scores of outcomes, CRPS and 50%/90% coverage of monthly events and deaths by region, dyad and violence type, a reliability diagram, and skill against climatology and persistence with bootstrap intervals.")
        {
            ensemble, observed, scenarioFile, outcomes, window, training, distance, point, outDir, format, seed, resamples, threads, otherEngine, quiet,
        };
        CommonOptions.SetLongAction(command, (parse, cancel) =>
        {
            var folder = parse.GetValue(ensemble)!;
            var stdout = parse.InvocationConfiguration.Output;
            var maxKm = parse.GetValue(distance);
            if (!double.IsFinite(maxKm) || maxKm < 0)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"error: --max-distance must be a number of km, 0 or more, got {maxKm}."));
            }

            CommonOptions.AtLeast("--resamples", parse.GetValue(resamples), 1);
            CommonOptions.AtLeast("--threads", parse.GetValue(threads), 1);
            if (!Directory.Exists(folder))
            {
                throw new UserInputException($"error: {folder} is not an ensemble folder (fix: give the --out folder of 'sim mc').");
            }

            var results = EnsembleResults.Load(folder);
            var info = results.Info;
            var only = parse.GetValue(point) ?? -1;
            if (parse.GetValue(point) is { } p && (p < 0 || p >= info.PointCount))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"error: --point {p}: the ensemble has points 0 to {info.PointCount - 1}."));
            }

            var scenario = EnsembleReplay.LoadScenario(info, FindScenario(parse.GetValue(scenarioFile), folder, info.ScenarioFile), parse.GetValue(otherEngine));
            if (info.EngineVersion != Engine.EngineInfo.Version)
            {
                parse.InvocationConfiguration.Error.WriteLine($"warning: the ensemble was run by engine {info.EngineVersion}, this is {Engine.EngineInfo.Version}; each replay is checked against the stored outcomes only.");
            }

            var scored = parse.GetValue(window) is { } w ? SummaryWindow.Parse(w, "--window") : CoveredMonths(info);
            CheckCovered(info, scored);
            var observations = Observations.Load(parse.GetValue(observed)!, scenario, new ObservationOptions { MaxDistanceKm = maxKm });
            var train = parse.GetValue(training) is { } t ? SummaryWindow.Parse(t, "--training")
                : new SummaryWindow(scored.Start.AddMonths(-12), scored.Start.AddMonths(-1));
            Scoring.CheckWindows(observations.Report, scored, train);
            var outcomeValues = parse.GetValue(outcomes) is { } of ? ObservedOutcomes.Load(of, scenario) : [];

            var layout = new SummaryLayout(scenario.Definition, scored);
            SummaryVector[] runs;
            using (var progress = ProgressBar.Start(parse, $"replaying the runs of {info.Scenario}", only < 0 ? results.Runs.Count : info.RunsPerPoint, "runs"))
            {
                runs = EnsembleReplay.Replay(results, scenario, run => layout.Simulated(run.Events), parse.GetValue(threads), progress, cancel, only);
            }

            var outcomeInputs = new List<OutcomeObservation>();
            foreach (var o in outcomeValues)
            {
                var index = IndexOf(info.Outcomes, o.Outcome);
                outcomeInputs.Add(new OutcomeObservation(o.Outcome, info.OutcomeIsBool[index], results.OutcomeValues(index, only), o.Value, o.BaseRate));
            }

            var card = Scoring.Score(observations, runs, scored, train, outcomeInputs, parse.GetValue(seed), parse.GetValue(resamples));
            var into = parse.GetValue(outDir) ?? Path.Combine(folder, "score");
            CommonOptions.PrepareOutFolder(into);
            var tables = ScoreTables.Write(into, parse.GetValue(format)!.Value, card, observations.Report);
            var files = ScoreReport.Write(into, folder, card, observations.Report, tables);
            Print(stdout, card, observations.Report);
            stdout.WriteLine($"  wrote {files[0]}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The scenario file: as given, else the ensemble's file name in the current folder, beside the ensemble, or in its parent.</summary>
    internal static string FindScenario(string? given, string folder, string name)
    {
        if (given is not null)
        {
            return given;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(folder)) ?? ".";
        foreach (var candidate in new[] { name, Path.Combine(folder, name), Path.Combine(parent, name) })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new UserInputException($"error: the ensemble ran {name}, which is neither here nor beside {folder} (fix: --scenario PATH/{name}).");
    }

    /// <summary>Every whole calendar month from the runs' first day to their last.</summary>
    private static SummaryWindow CoveredMonths(EnsembleInfo info)
    {
        var first = info.DateOf(0);
        var last = info.DateOf(Math.Max(0, info.Ticks - 1));
        var from = first.Day == 1 ? first : new DateOnly(first.Year, first.Month, 1).AddMonths(1);
        var to = last.AddDays(1).Day == 1 ? last : new DateOnly(last.Year, last.Month, 1).AddDays(-1);
        if (to < from)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"error: the runs ({first:yyyy-MM-dd} to {last:yyyy-MM-dd}) cover no whole month (fix: --window FROM:TO inside them, or longer runs)."));
        }

        return new SummaryWindow(from, to);
    }

    private static void CheckCovered(EnsembleInfo info, SummaryWindow window)
    {
        var first = info.DateOf(0);
        var last = info.DateOf(Math.Max(0, info.Ticks - 1));
        if (window.Start < first || window.End > last)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"error: --window {window} spans {window.Start:yyyy-MM-dd} to {window.End:yyyy-MM-dd}, but the runs cover {first:yyyy-MM-dd} to {last:yyyy-MM-dd}: a month the runs do not reach would count as a month without events (fix: whole months inside the runs, e.g. --window {CoveredMonthsText(info)})."));
        }
    }

    private static string CoveredMonthsText(EnsembleInfo info)
    {
        try
        {
            return CoveredMonths(info).ToString();
        }
        catch (UserInputException)
        {
            return "(none: run longer)";
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Print(TextWriter stdout, ScoreCard card, MappingReport mapping)
    {
        stdout.Write(mapping.Describe(5));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{card.Runs} runs scored on {card.Window}, baselines from {card.Training}:"));
        stdout.WriteLine("  group                     items   model    clim.  persist.  skill vs clim. [95%]   skill vs persist. [95%]  in50  in90");
        foreach (var g in card.Groups)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {g.Group,-24} {g.Items,6} {g.Score,7:0.###} {g.Climatology,8:0.###} {g.Persistence,8:0.###}  {Skill(g.SkillClimatology),-22} {Skill(g.SkillPersistence),-24} {Share(g.Coverage50),4} {Share(g.Coverage90),5}"));
        }

        foreach (var o in card.Outcomes)
        {
            stdout.WriteLine(o.IsBool
                ? string.Create(CultureInfo.InvariantCulture, $"  {o.Outcome,-32} p={o.Forecast:0.000} observed {(o.Observed > 0 ? "yes" : "no")}: Brier {o.Brier:0.000} (reference {o.ReferenceBrier:0.000}), log {o.Log:0.000} (reference {o.ReferenceLog:0.000})")
                : string.Create(CultureInfo.InvariantCulture, $"  {o.Outcome,-32} mean {o.Forecast:0.###} observed {o.Observed:0.###}: CRPS {o.Crps:0.###}, in 50% {(o.In50 ? "yes" : "no")}, in 90% {(o.In90 ? "yes" : "no")}"));
        }
    }

    private static string Skill((double Value, double Low, double High) s) =>
        double.IsNaN(s.Value) ? "-" : string.Create(CultureInfo.InvariantCulture, $"{s.Value:0.00} [{s.Low:0.00}, {s.High:0.00}]");

    private static string Share(double v) => double.IsNaN(v) ? "-" : v.ToString("0.00", CultureInfo.InvariantCulture);
}
