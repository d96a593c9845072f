using System.Globalization;
using Sim.Viz.Scene;

namespace Sim.Viz.Headless;

/// <summary>Steps a session and writes what the window would show at each tick, as PNG files or a video.</summary>
public static class FrameExporter
{
    /// <summary>
    /// Writes <c>tick-NNNNN.png</c> into <paramref name="folder"/> for tick 0, every
    /// <paramref name="every"/>-th tick and the last, running the session to <paramref name="ticks"/>.
    /// Returns the files written.
    /// </summary>
    public static IReadOnlyList<string> WritePngs(ViewSession session, Viewport view, int ticks, int every, string folder, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        using var renderer = new HeadlessRenderer(view.Width, view.Height);
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (session.Tick % every == 0 || session.Tick == ticks)
            {
                renderer.Render(session, view);
                var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"tick-{session.Tick:D5}.png"));
                renderer.SavePng(path);
                files.Add(path);
            }

            if (session.Tick >= ticks || !session.Step())
            {
                return files;
            }
        }
    }

    /// <summary>Writes one frame per tick from tick 0 to <paramref name="ticks"/> into a video (.mp4 or .gif) through ffmpeg.</summary>
    public static void WriteVideo(ViewSession session, Viewport view, int ticks, string path, int fps = 10, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var renderer = new HeadlessRenderer(view.Width, view.Height);
        using var video = new VideoWriter(path, view.Width, view.Height, fps);
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            renderer.Render(session, view);
            video.Write(renderer.Pixels);
            if (session.Tick >= ticks || !session.Step())
            {
                break;
            }
        }

        video.Close();
    }
}
