using Sim.Viz.Scene;
using SkiaSharp;

namespace Sim.Viz.Headless;

/// <summary>Draws a session's frames into memory (a raster surface), with no display or GL.</summary>
public sealed class HeadlessRenderer : IDisposable
{
    private readonly SKSurface _surface;

    /// <summary>A renderer of <paramref name="width"/> x <paramref name="height"/> frames.</summary>
    public HeadlessRenderer(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 64);
        Info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        _surface = SKSurface.Create(Info) ?? throw new InvalidOperationException($"cannot create a {width}x{height} raster surface");
    }

    /// <summary>The frame format: RGBA, 8 bits a channel, premultiplied (opaque frames, so the same as straight alpha).</summary>
    public SKImageInfo Info { get; }

    /// <summary>Draws the session's current snapshot as <paramref name="view"/> shows it.</summary>
    public void Render(ViewSession session, Viewport view)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Scene.Draw(_surface.Canvas, session.Snapshot, view, session.Style);
        _surface.Canvas.Flush();
    }

    /// <summary>The pixels of the last frame, RGBA rows top to bottom (valid until the next render).</summary>
    public ReadOnlySpan<byte> Pixels
    {
        get
        {
            using var pixmap = _surface.PeekPixels();
            return pixmap.GetPixelSpan();
        }
    }

    /// <summary>Encodes the last frame as PNG.</summary>
    public void SavePng(string path)
    {
        using var image = _surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <inheritdoc/>
    public void Dispose() => _surface.Dispose();
}
