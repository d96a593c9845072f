using System.Diagnostics;
using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary>The progress line: redrawn in place on a terminal, a few plain lines in a log, an ETA that settles.</summary>
public class ProgressBarTests
{
    private static (ProgressBar Bar, StringWriter Out, Func<TimeSpan, TimeSpan> Set) Make(bool interactive, int total = 1000, int width = 100)
    {
        var now = TimeSpan.Zero;
        var output = new StringWriter();
        var bar = new ProgressBar(output, interactive, width, "Border town, 1000 runs", total, "runs", () => now);
        return (bar, output, t => now = t);
    }

    [Test]
    public void Terminal_RedrawsInPlace_OneNewLine_LastLineOnce()
    {
        var (bar, output, set) = Make(interactive: true);
        for (var i = 0; i <= 1000; i++)
        {
            set(TimeSpan.FromMilliseconds(i * 10));
            bar.Report(i);
        }

        bar.Dispose();
        var text = output.ToString();
        Assert.That(text.Count(c => c == '\n'), Is.EqualTo(1), "one line, ended once");
        Assert.That(text, Does.EndWith("\n"));
        Assert.That(text.Count(c => c == '\r'), Is.InRange(50, 200), "redrawn about every 100 ms");
        Assert.That(text.Split("1000/1000").Length - 1, Is.EqualTo(1), "the last state drawn once");
        Assert.That(text.Split('\r').Max(l => l.TrimEnd('\n').Length), Is.LessThan(100), "within the terminal width");
    }

    [Test]
    public void Terminal_LongLabel_CutToTheWidth()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, true, 60, new string('x', 200), 10, "runs", () => TimeSpan.Zero);
        bar.Report(5);
        bar.Dispose();
        Assert.That(output.ToString().Split('\r').Max(l => l.TrimEnd('\n').Length), Is.LessThan(60), output.ToString());
    }

    [Test]
    public void Eta_HiddenUntilSettled_ThenCloseToTheTruth()
    {
        // A slow start (start-up, the first batch of runs finishing together), then a steady 100 runs a second.
        var (bar, _, set) = Make(interactive: true);
        set(TimeSpan.FromSeconds(0.5));
        bar.Report(1);
        Assert.That(bar.Line(TimeSpan.FromSeconds(0.5)), Does.Contain("ETA --:--"), "no ETA from one run in half a second");
        set(TimeSpan.FromSeconds(1.1));
        bar.Report(20);
        Assert.That(bar.Line(TimeSpan.FromSeconds(1.1)), Does.Contain("ETA --:--"), "2% done: not settled");
        var etas = new List<double>();
        for (var s = 2.0; s < 10; s += 0.5)
        {
            var done = (int)(20 + ((s - 1.1) * 100));
            bar.Report(done);
            var line = bar.Line(TimeSpan.FromSeconds(s));
            var eta = line[(line.IndexOf("ETA ", StringComparison.Ordinal) + 4)..].Split(':').Select(int.Parse).ToArray();
            var estimate = (eta[0] * 60) + eta[1];
            var truth = (1000 - done) / 100.0;
            etas.Add(estimate / truth);
        }

        Assert.That(etas[0], Is.InRange(0.5, 3), "the first ETA shown is within a few times the truth");
        Assert.That(etas.Skip(6), Has.All.InRange(0.7, 1.5), "then it settles near the truth");
    }

    [Test]
    public void Log_FewPlainLines_NoCarriageReturn_NoneForQuickWork()
    {
        var (bar, output, set) = Make(interactive: false);
        for (var i = 0; i <= 1000; i++)
        {
            set(TimeSpan.FromMilliseconds(i * 30));
            bar.Report(i);
        }

        bar.Dispose();
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(output.ToString(), Does.Not.Contain("\r"));
        Assert.That(lines.Length, Is.InRange(5, 11));
        Assert.That(lines[^1], Does.Contain("1000/1000").And.Contain("took"));

        var (quick, quickOut, quickSet) = Make(interactive: false);
        for (var i = 0; i <= 1000; i++)
        {
            quickSet(TimeSpan.FromMilliseconds(i));
            quick.Report(i);
        }

        quick.Dispose();
        Assert.That(quickOut.ToString(), Is.Empty);
    }

    [Test]
    public void UnderAPseudoTerminal_McProgress_IsOneRedrawnLine()
    {
        var script = new[] { "/usr/bin/script", "/bin/script" }.FirstOrDefault(File.Exists);
        if (script is null)
        {
            Assert.Ignore("script (util-linux/bsdutils) is not installed; the renderer is tested directly above.");
        }

        var sim = Path.Combine(AppContext.BaseDirectory, "sim.dll");
        using var scratch = new ScratchFolder("sim-cli-pty-");
        var folder = scratch["out"];
        var command = $"dotnet '{sim}' mc '{Cli.Tutorial}' --runs 1500 --out '{folder}' >/dev/null";
        var start = new ProcessStartInfo(script!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-qec", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, output);
        Assert.That(output.Count(c => c == '\n'), Is.LessThanOrEqualTo(2), output);
        Assert.That(output.Count(c => c == '\r'), Is.GreaterThan(output.Count(c => c == '\n')), output);
        Assert.That(output.Split("1500/1500").Length - 1, Is.EqualTo(1), output);
    }
}
