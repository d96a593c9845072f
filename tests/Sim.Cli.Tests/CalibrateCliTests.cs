using System.Globalization;
using NUnit.Framework;
using Sim.Cli.Commands;

namespace Sim.Cli.Tests;

/// <summary>
/// <c>sim calibrate</c> and <c>sim mc --posterior</c> end to end on the tutorial with a tiny budget. The observed data are
/// synthetic: a file naming parameter values and a seed, which <see cref="SyntheticSummaries"/> turns into the statistics
/// of that run, so the calibration has a known truth to move towards.
/// </summary>
public class CalibrateCliTests
{
    private string _dir = "";
    private string _observed = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("sim-cli-calibrate-").FullName;
        _observed = Path.Combine(_dir, "truth.txt");
        File.WriteAllText(_observed, "attrition=0.5\nseed=99\n");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Calibrate(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SimCommand.Run(args, stdout, stderr, new SyntheticSummaries());
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string[] Args(string folder, int generations, int threads, params string[] more) =>
    [
        "calibrate", Cli.Tutorial, "--observed", _observed, "--window", "2025-01:2025-03", "--vary", "attrition", "--vary", "backing",
        "--particles", "40", "--generations", generations.ToString(CultureInfo.InvariantCulture), "--predictive", "30", "--seed", "3",
        "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", folder, .. more,
    ];

    [Test]
    public void Calibrate_TinyBudget_WritesPosteriorTablesPlotsAndCheck_SameForAnyThreadsAndAfterResume()
    {
        var one = Path.Combine(_dir, "one");
        var (code, stdout, stderr) = Calibrate(Args(one, 3, 1));
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("attrition").And.Contain("predictive 50% / 90% bands"));
        Assert.That(stderr, Does.Contain("generation 2:"));
        foreach (var f in new[] { "posterior.parquet", "generations.parquet", "predictive.parquet", "calibration.json", "calibration.state", "report.md",
            "plots/marginal-attrition.png", "plots/pair-attrition-backing.png", "plots/predictive-fatalities-total.png" })
        {
            Assert.That(File.Exists(Path.Combine(one, f)), Is.True, f);
        }

        var two = Path.Combine(_dir, "two");
        Assert.That(Calibrate(Args(two, 3, 2)).Code, Is.Zero);

        // Stopped after two generations (as a kill after generation 1's checkpoint would leave it), then resumed to three.
        var resumed = Path.Combine(_dir, "resumed");
        Assert.That(Calibrate(Args(resumed, 2, 2)).Code, Is.Zero);
        var again = Calibrate(Args(resumed, 3, 1, "--resume"));
        Assert.That(again.Code, Is.Zero, again.Err);
        Assert.That(again.Err, Does.Contain("resuming after generation 1"));
        foreach (var f in new[] { "posterior.parquet", "generations.parquet", "predictive.parquet", "calibration.state" })
        {
            var expected = File.ReadAllBytes(Path.Combine(one, f));
            Assert.That(File.ReadAllBytes(Path.Combine(two, f)), Is.EqualTo(expected), f);
            Assert.That(File.ReadAllBytes(Path.Combine(resumed, f)), Is.EqualTo(expected), f);
        }

        // An ensemble drawing from that posterior: same bytes on 1 or 2 threads, the draws recorded per run.
        var posterior = Path.Combine(one, "posterior.parquet");
        string Mc(string name, string threads)
        {
            var folder = Path.Combine(_dir, name);
            var r = Cli.Sim("mc", Cli.Tutorial, "--posterior", posterior, "--runs", "12", "--threads", threads, "--format", "csv", "--out", folder, "--quiet");
            Assert.That(r.Code, Is.Zero, r.Err);
            return folder;
        }

        var mcOne = Mc("mc1", "1");
        var mcTwo = Mc("mc2", "2");
        Assert.That(File.ReadAllBytes(Path.Combine(mcTwo, "runs.csv")), Is.EqualTo(File.ReadAllBytes(Path.Combine(mcOne, "runs.csv"))));
        var header = File.ReadLines(Path.Combine(mcOne, "runs.csv")).First().Split(',');
        var attrition = Array.IndexOf(header, "attrition");
        var values = File.ReadLines(Path.Combine(mcOne, "runs.csv")).Skip(1).Select(l => l.Split(',')[attrition]).Distinct().Count();
        Assert.That(values, Is.GreaterThan(1), "runs drew different particles");
    }

    [Test]
    public void Calibrate_BadInput_SaysWhatAndExitsTwo()
    {
        var folder = Path.Combine(_dir, "bad");
        var unknown = Calibrate([.. Args(folder, 2, 1).Select(a => a == "backing" ? "no_such_parameter" : a)]);
        Assert.That(unknown.Code, Is.EqualTo(2));
        Assert.That(unknown.Err, Does.Contain("no parameter 'no_such_parameter'").And.Not.Contain("   at "));
        var particles = Calibrate([.. Args(folder, 2, 1), "--particles", "1"]);
        Assert.That(particles.Code, Is.EqualTo(2));
        Assert.That(particles.Err, Does.Contain("--particles"));
        Assert.That(Calibrate(Args(folder, 2, 1)).Code, Is.Zero);
        var again = Calibrate(Args(folder, 2, 1));
        Assert.That(again.Code, Is.EqualTo(2));
        Assert.That(again.Err, Does.Contain("--resume").And.Contain("--force"));
        var other = Calibrate([.. Args(folder, 2, 1, "--resume").Select(a => a == "3" ? "4" : a)]);
        Assert.That(other.Code, Is.EqualTo(2));
        Assert.That(other.Err, Does.Contain("another calibration"));
    }

    [Test]
    public void Calibrate_WithoutObservedDataSupport_RefusesWithAMessage()
    {
        var r = Cli.Sim("calibrate", Cli.Tutorial, "--observed", _observed, "--window", "2025-01:2025-03", "--vary", "attrition", "--out", Path.Combine(_dir, "x"));
        Assert.That(r.Code, Is.EqualTo(2));
        Assert.That(r.Err, Does.Contain("nothing was run"));
    }

    /// <summary>
    /// Test data with a known truth: the observed statistics are those of one run at the parameter values and seed the
    /// file names; the statistics are events and deaths per month of the window.
    /// </summary>
    private sealed class SyntheticSummaries : ISummarySource
    {
        public ObservedSummaries Observe(string file, Scenario scenario, string window)
        {
            var lines = File.ReadAllLines(file).Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]);
            var truth = scenario.With("attrition", double.Parse(lines["attrition"], CultureInfo.InvariantCulture));
            var run = truth.StartRun(ulong.Parse(lines["seed"], CultureInfo.InvariantCulture));
            run.Run();
            var (from, to) = Months(window);
            var names = new List<string>();
            for (var m = from; m <= to; m = m.AddMonths(1))
            {
                names.Add($"events.total.{m:yyyy-MM}");
            }

            for (var m = from; m <= to; m = m.AddMonths(1))
            {
                names.Add($"fatalities.total.{m:yyyy-MM}");
            }

            return new ObservedSummaries(names, Simulated(scenario, window)(run), to.AddMonths(1).AddDays(-1), "synthetic observations: one run at the stated truth");
        }

        public Func<ScenarioRun, double[]> Simulated(Scenario scenario, string window)
        {
            var (from, to) = Months(window);
            var months = ((to.Year - from.Year) * 12) + to.Month - from.Month + 1;
            return run =>
            {
                var values = new double[2 * months];
                foreach (var e in run.Events)
                {
                    var m = ((e.Date.Year - from.Year) * 12) + e.Date.Month - from.Month;
                    if (m >= 0 && m < months && e.Fatalities > 0)
                    {
                        values[m]++;
                        values[months + m] += e.Fatalities;
                    }
                }

                return values;
            };
        }

        private static (DateOnly From, DateOnly To) Months(string window)
        {
            var parts = window.Split(':');
            return (DateOnly.ParseExact(parts[0] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(parts[1] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }
}
