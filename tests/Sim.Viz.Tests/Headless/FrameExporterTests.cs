using Sim.Viz.Headless;
using Sim.Viz.Scene;
using SkiaSharp;

namespace Sim.Viz.Tests.Headless;

public class FrameExporterTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), $"sim-frames-{Guid.NewGuid():N}");

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Test]
    public void WritePngs_EveryFour_WritesTickZeroEveryFourthAndTheLast()
    {
        using var session = TestData.SahelSession(7);
        var view = Viewport.Fit(session.Layout, 640, 400);
        var files = FrameExporter.WritePngs(session, view, 10, 4, _dir);
        Assert.That(files.Select(Path.GetFileName), Is.EqualTo(new[] { "tick-00000.png", "tick-00004.png", "tick-00008.png", "tick-00010.png" }));
        using var frame = SKBitmap.Decode(files[^1]);
        Assert.That((frame.Width, frame.Height), Is.EqualTo((640, 400)));
    }

    [Test]
    public void WriteVideo_Mp4_FfmpegWritesAFile()
    {
        if (!TestData.OnPath("ffmpeg"))
        {
            Assert.Ignore("ffmpeg is not installed (Debian package ffmpeg; ./test.sh installs it)");
        }

        using var session = TestData.SahelSession(7);
        var path = Path.Combine(_dir, "run.mp4");
        FrameExporter.WriteVideo(session, Viewport.Fit(session.Layout, 640, 400), 5, path);
        var header = File.ReadAllBytes(path).AsSpan(4, 4).ToArray();
        Assert.That(System.Text.Encoding.ASCII.GetString(header), Is.EqualTo("ftyp"), "an MP4 starts with an ftyp box");
    }

    [Test]
    public void VideoWriter_MissingFfmpeg_SaysHowToInstallIt()
    {
        Assert.That(
            () => new VideoWriter(Path.Combine(_dir, "x.mp4"), 640, 400, ffmpeg: "ffmpeg-that-is-not-installed"),
            Throws.TypeOf<VideoToolException>().With.Message.Contains("apt-get install ffmpeg").And.Message.Contains("--png"));
    }

    [Test]
    public void VideoWriter_OtherExtension_IsRefused()
    {
        Assert.That(() => new VideoWriter(Path.Combine(_dir, "x.avi"), 640, 400), Throws.TypeOf<VideoToolException>().With.Message.Contains(".mp4 or .gif"));
    }
}
