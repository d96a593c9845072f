using NUnit.Framework;

namespace Sim.Cli.Tests;

public class RenderCommandTests
{
    private static readonly string[] EveryOtherTick = ["tick-00000.png", "tick-00002.png", "tick-00004.png"];

    private static string Sahel { get; } = Cli.Scenario("sahel-2024");

    [Test]
    public void Render_NeitherPngNorVideo_ExitsTwo()
    {
        var (code, _, err) = Cli.Sim("render", Sahel, "--ticks", "1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--png DIR").And.Contain("--video"));
    }

    [Test]
    public void Render_BadSize_ExitsTwo_ShowingTheForm()
    {
        var (code, _, err) = Cli.Sim("render", Sahel, "--png", Path.GetTempPath(), "--size", "big");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--size big").And.Contain("1280x800"));
    }

    [Test]
    public void Render_Png_WritesOneFramePerKTicks()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"sim-render-{Guid.NewGuid():N}");
        try
        {
            var (code, output, err) = Cli.Sim("render", Sahel, "--seed", "3", "--ticks", "4", "--every", "2", "--png", dir, "--size", "640x400");
            Assert.That(code, Is.Zero, err);
            Assert.That(output, Does.Contain("wrote 3 frames"));
            Assert.That(Directory.GetFiles(dir, "*.png").Select(Path.GetFileName).Order(), Is.EqualTo(EveryOtherTick));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Test]
    public void Render_VideoWithOtherExtension_ExitsTwo()
    {
        var (code, _, err) = Cli.Sim("render", Sahel, "--ticks", "1", "--video", Path.Combine(Path.GetTempPath(), "x.avi"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain(".mp4 or .gif"));
    }
}
