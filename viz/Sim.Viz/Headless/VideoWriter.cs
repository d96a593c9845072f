using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Sim.Viz.Headless;

/// <summary>The tool needed to write a video is missing or failed; the message says how to fix it.</summary>
public sealed class VideoToolException : Exception
{
    /// <summary>An error with a message for the user.</summary>
    public VideoToolException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message for the user and its cause.</summary>
    public VideoToolException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>An error with no message.</summary>
    public VideoToolException()
    {
    }
}

/// <summary>
/// Writes frames to an MP4 or GIF by piping raw RGBA pixels to ffmpeg (Debian's <c>ffmpeg</c>
/// package): H.264 in yuv420p for MP4 so common players open it, a palette pass for GIF.
/// </summary>
public sealed class VideoWriter : IDisposable
{
    private readonly Process _ffmpeg;
    private readonly Stream _input;
    private readonly Task<string> _errors;
    private bool _closed;

    /// <summary>Starts ffmpeg writing <paramref name="path"/> (its extension, .mp4 or .gif, picks the format).</summary>
    public VideoWriter(string path, int width, int height, int fps = 30, string ffmpeg = "ffmpeg")
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = System.IO.Path.GetExtension(path).ToUpperInvariant();
        if (extension is not ".MP4" and not ".GIF")
        {
            throw new VideoToolException($"error: {path}: the video must end in .mp4 or .gif.");
        }

        var info = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgba", "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
            "-r", fps.ToString(CultureInfo.InvariantCulture), "-i", "-",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var encode = extension == ".GIF"
            ? new[] { "-vf", "fps=15,split[a][b];[a]palettegen[p];[b][p]paletteuse" }
            : ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-movflags", "+faststart"];
        foreach (var arg in encode)
        {
            info.ArgumentList.Add(arg);
        }

        info.ArgumentList.Add(path);
        try
        {
            _ffmpeg = Process.Start(info) ?? throw new VideoToolException(MissingMessage(ffmpeg));
        }
        catch (Win32Exception e)
        {
            throw new VideoToolException(MissingMessage(ffmpeg), e);
        }

        _ffmpeg.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _errors = _ffmpeg.StandardError.ReadToEndAsync();
        _input = _ffmpeg.StandardInput.BaseStream;
        Path = path;
    }

    /// <summary>The video being written.</summary>
    public string Path { get; }

    /// <summary>Appends one frame (RGBA rows, top to bottom, width x height x 4 bytes).</summary>
    public void Write(ReadOnlySpan<byte> rgba)
    {
        try
        {
            _input.Write(rgba);
        }
        catch (IOException e)
        {
            throw new VideoToolException($"error: ffmpeg stopped while writing {Path}: {Failure()}", e);
        }
    }

    /// <summary>Finishes the file; throws when ffmpeg failed.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        try
        {
            _input.Close();
        }
        catch (IOException)
        {
            // ffmpeg already exited; its exit code below says why.
        }

        _ffmpeg.WaitForExit();
        if (_ffmpeg.ExitCode != 0)
        {
            throw new VideoToolException($"error: ffmpeg could not write {Path} (exit code {_ffmpeg.ExitCode}): {Failure()}");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_closed)
        {
            _closed = true;
            _input.Dispose();
            if (!_ffmpeg.WaitForExit(5000))
            {
                _ffmpeg.Kill();
            }
        }

        _ffmpeg.Dispose();
    }

    private string Failure() => _errors.Wait(5000) ? _errors.Result.Trim() : "(no message)";

    private static string MissingMessage(string ffmpeg) =>
        $"error: '{ffmpeg}' was not found; writing a video needs ffmpeg. Install it (Debian: sudo apt-get install ffmpeg) or write PNG frames with --png DIR.";
}
