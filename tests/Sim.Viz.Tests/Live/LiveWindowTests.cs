using System.Diagnostics;
using Sim.Viz.Live;
using SkiaSharp;

namespace Sim.Viz.Tests.Live;

public class LiveWindowTests
{
    private static string SimDll => Path.Combine(AppContext.BaseDirectory, "sim.dll");

    private static (int Code, string Err) RunSim(IEnumerable<string> prefix, IEnumerable<string> args, Action<ProcessStartInfo>? configure = null)
    {
        var command = prefix.Concat(["dotnet", SimDll]).Concat(args).ToList();
        var info = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in command.Skip(1))
        {
            info.ArgumentList.Add(a);
        }

        configure?.Invoke(info);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var err = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("sim view did not exit within two minutes");
        }

        stdout.Wait();
        return (process.ExitCode, err);
    }

    [Test]
    public void MissingDisplay_NoDisplayVariables_NamesTheFixAndSimRender()
    {
        var message = LiveWindow.MissingDisplay(_ => null);
        Assert.That(message, Does.Contain("DISPLAY").And.Contain("xvfb-run").And.Contain("sim render"));
        Assert.That(LiveWindow.MissingDisplay(name => name == "DISPLAY" ? ":0" : null), Is.Null);
        Assert.That(LiveWindow.MissingDisplay(name => name == "WAYLAND_DISPLAY" ? "wayland-0" : null), Is.Null);
    }

    [Test]
    public void SimView_NoDisplay_ExitsTwoWithClearMessage()
    {
        var (code, err) = RunSim([], ["view", TestData.SahelFile, "--exit-after-ticks", "1"], info =>
        {
            info.Environment.Remove("DISPLAY");
            info.Environment.Remove("WAYLAND_DISPLAY");
        });
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("no display").And.Contain("sim render"));
        Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void SimView_UnderXvfb_FramebufferMatchesHeadlessRender()
    {
        if (!TestData.OnPath("xvfb-run"))
        {
            Assert.Ignore("xvfb-run is not installed (Debian package xvfb; ./test.sh installs it)");
        }

        var shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"live-{Guid.NewGuid():N}.png");
        var (code, err) = RunSim(
            ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"],
            ["view", TestData.SahelFile, "--seed", "7", "--speed", "240", "--exit-after-ticks", "6", "--screenshot", shot]);
        Assert.That(code, Is.Zero, err);

        using var live = SKBitmap.Decode(shot);
        using var headless = TestData.RenderSahel(7, 6);
        Assert.That(live, Is.Not.Null, "no screenshot written");
        Assert.That(TestData.DifferingPixels(live, headless, 2), Is.Zero, "the window shows other pixels than sim render");
        File.Delete(shot);
    }
}
