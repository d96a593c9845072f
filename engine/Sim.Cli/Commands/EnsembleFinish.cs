using System.Globalization;
using Sim.Engine.Runs;
using Sim.Engine.Runs.Ensembles;
using Sim.Viz.Plots;

namespace Sim.Cli.Commands;

/// <summary>The last step of <c>sim mc</c> and <c>sim merge</c>: tables, manifest, report and a summary on stdout.</summary>
internal static class EnsembleFinish
{
    /// <param name="folder">The ensemble folder.</param>
    /// <param name="format">Parquet or CSV tables.</param>
    /// <param name="stdout">Where the summary goes.</param>
    /// <param name="threads">Threads summarising the time series (0: every core); the files are the same either way.</param>
    public static void Write(string folder, TableFormat format, TextWriter stdout, int threads = 0)
    {
        var results = EnsembleResults.Load(folder);
        var (files, kept) = results.Write(format, EnsembleReport.PointsToKeep(results.Info), threads);
        var report = EnsembleReport.Write(results, kept, format);
        var info = results.Info;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{info.Scenario}: {results.Runs.Count} runs{(info.ShardValue.IsAll ? "" : $" (shard {info.Shard})")}, seed {info.Seed}"));
        if (info.PointCount == 1)
        {
            foreach (var s in results.Summarize())
            {
                var e = s.Estimate;
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {s.Outcome,-32} {EnsembleReport.Format(e.Value, s.IsBool),9}  [{EnsembleReport.Format(e.Low, s.IsBool)}, {EnsembleReport.Format(e.High, s.IsBool)}]"));
            }
        }

        foreach (var f in files.Concat(report.Take(1)))
        {
            stdout.WriteLine($"  wrote {f}");
        }
    }
}
