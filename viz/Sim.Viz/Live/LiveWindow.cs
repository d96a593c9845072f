using System.Runtime.InteropServices;
using Sim.Viz.Scene;
using SkiaSharp;

namespace Sim.Viz.Live;

/// <summary>The live window cannot open here; the message names the fix and the headless alternative.</summary>
public sealed class DisplayUnavailableException : Exception
{
    /// <summary>An error with a message for the user.</summary>
    public DisplayUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message for the user and its cause.</summary>
    public DisplayUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>An error with no message.</summary>
    public DisplayUnavailableException()
    {
    }
}

/// <summary>What a live session did: frames shown over how many seconds, and the tick it ended at.</summary>
public readonly record struct LiveStats(int Frames, double Seconds, int Tick)
{
    /// <summary>Frames per second over the whole session.</summary>
    public double FramesPerSecond => Seconds > 0 ? Frames / Seconds : 0;
}

/// <summary>How the live window runs.</summary>
public sealed record LiveOptions
{
    /// <summary>Close once the run has reached this tick (for scripts and tests), or null.</summary>
    public int? ExitAfterTicks { get; init; }

    /// <summary>Save the last frame, read back from the window's framebuffer, to this PNG when the window closes.</summary>
    public string? Screenshot { get; init; }

    /// <summary>Ticks per second at the start.</summary>
    public double TicksPerSecond { get; init; } = 4;

    /// <summary>Where to report what the window did (screenshots saved), or null.</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>
/// A GLFW window showing a <see cref="ViewSession"/> as it runs. Each frame is drawn by
/// <see cref="MapScene.Draw"/> into a raster surface, exactly as <c>sim render</c> draws, and
/// blitted to the window through Skia's GL backend: on software GL (Mesa llvmpipe, Xvfb) this
/// is faster than drawing through GL, and the window shows the very pixels of a headless frame.
/// </summary>
public sealed class LiveWindow
{
    private const string Headless = "Render without a window instead: sim render FILE --png DIR, or --video out.mp4.";

    // The delegates GLFW and Skia call back into must outlive the window.
    private readonly Glfw.ErrorCallback _onError;
    private readonly Glfw.KeyCallback _onKey;
    private readonly Glfw.ScrollCallback _onScroll;
    private readonly Glfw.CursorPosCallback _onCursor;
    private readonly Glfw.MouseButtonCallback _onButton;
    private readonly Glfw.SizeCallback _onSize;
    private readonly GRGlGetProcedureAddressDelegate _glLoader;
    private readonly ViewController _controller;
    private string _lastError = "";
    private bool _resized;

    private LiveWindow(ViewController controller)
    {
        _controller = controller;
        _onError = (code, description) => _lastError = $"{Marshal.PtrToStringUTF8(description)} (GLFW error 0x{code:x})";
        _onKey = (_, key, _, action, _) => HandleKey(_controller, key, action);
        _onScroll = (_, _, y) => _controller.Scroll(y);
        _onCursor = (_, x, y) => _controller.MoveCursor(x, y);
        _onButton = (_, button, action, _) =>
        {
            if (button == Glfw.MouseButtonLeft)
            {
                if (action == Glfw.Press)
                {
                    _controller.PressButton();
                }
                else
                {
                    _controller.ReleaseButton();
                }
            }
        };
        _onSize = (_, _, _) => _resized = true;

        // Mesa's glXGetProcAddress returns a stub for any name; Skia then calls an egl* stub and crashes.
        _glLoader = name => name.StartsWith("egl", StringComparison.Ordinal) ? IntPtr.Zero : Glfw.GetProcAddress(name);
    }

    /// <summary>The command a GLFW key stands for, or null. Held keys repeat stepping and speed changes only.</summary>
    public static ViewCommand? CommandOf(int glfwKey, bool repeat) => glfwKey switch
    {
        Glfw.KeySpace when !repeat => ViewCommand.TogglePause,
        Glfw.KeyRight => ViewCommand.Step,
        Glfw.KeyEqual or Glfw.KeyKpAdd => ViewCommand.Faster,
        Glfw.KeyMinus or Glfw.KeyKpSubtract => ViewCommand.Slower,
        Glfw.KeyR when !repeat => ViewCommand.Restart,
        Glfw.KeyS when !repeat => ViewCommand.Screenshot,
        Glfw.KeyEscape => ViewCommand.Quit,
        _ => null,
    };

    /// <summary>What a GLFW key event does: the window's key callback is exactly this.</summary>
    public static void HandleKey(ViewController controller, int glfwKey, int glfwAction)
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (glfwAction != Glfw.Release && CommandOf(glfwKey, glfwAction == Glfw.Repeat) is { } command)
        {
            controller.Execute(command);
        }
    }

    /// <summary>
    /// Why no window can open given these environment variables, or null when a display is named.
    /// Checked before GLFW so the message can say what to do.
    /// </summary>
    public static string? MissingDisplay(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.IsNullOrEmpty(environment("DISPLAY")) && string.IsNullOrEmpty(environment("WAYLAND_DISPLAY"))
            ? "error: no display: DISPLAY is not set, so 'sim view' cannot open a window. Run it in a desktop session, "
              + "or under a virtual display: xvfb-run -a sim view FILE (Debian: sudo apt-get install xvfb). " + Headless
            : null;
    }

    /// <summary>Opens a window on <paramref name="session"/> and runs until the user quits (or the options say to stop).</summary>
    public static LiveStats Run(ViewSession session, LiveOptions options, int width = 1280, int height = 800)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        if (MissingDisplay(Environment.GetEnvironmentVariable) is { } message)
        {
            throw new DisplayUnavailableException(message);
        }

        var controller = new ViewController(session, Viewport.Fit(session.Layout, width, height), options.TicksPerSecond)
        {
            StopAtTick = options.ExitAfterTicks,
        };
        return new LiveWindow(controller).Loop(options, width, height);
    }

    private LiveStats Loop(LiveOptions options, int width, int height)
    {
        try
        {
            Glfw.SetErrorCallback(Marshal.GetFunctionPointerForDelegate(_onError));
        }
        catch (DllNotFoundException e)
        {
            throw new DisplayUnavailableException(
                "error: the GLFW library (libglfw.so.3) is missing, so 'sim view' cannot open a window. Install it: sudo apt-get install libglfw3 libgl1-mesa-dri. " + Headless, e);
        }

        if (Glfw.Init() == 0)
        {
            throw new DisplayUnavailableException($"error: cannot open the display '{Environment.GetEnvironmentVariable("DISPLAY")}': {_lastError}. Check DISPLAY, or run under xvfb-run -a. {Headless}");
        }

        try
        {
            Glfw.WindowHint(Glfw.ContextVersionMajor, 3);
            Glfw.WindowHint(Glfw.ContextVersionMinor, 3);
            Glfw.WindowHint(Glfw.OpenGlProfile, Glfw.OpenGlCoreProfile);
            Glfw.WindowHint(Glfw.OpenGlForwardCompat, 1);
            Glfw.WindowHint(Glfw.StencilBits, 8);
            Glfw.WindowHint(Glfw.Samples, 0);
            var window = Glfw.CreateWindow(width, height, "sim view: " + _controller.Session.Layout.Definition.Name, IntPtr.Zero, IntPtr.Zero);
            if (window == IntPtr.Zero)
            {
                throw new DisplayUnavailableException($"error: cannot create an OpenGL 3.3 window: {_lastError}. Install the Mesa driver (sudo apt-get install libgl1-mesa-dri). {Headless}");
            }

            try
            {
                Glfw.MakeContextCurrent(window);
                Glfw.SwapInterval(1);
                Glfw.SetKeyCallback(window, Marshal.GetFunctionPointerForDelegate(_onKey));
                Glfw.SetScrollCallback(window, Marshal.GetFunctionPointerForDelegate(_onScroll));
                Glfw.SetCursorPosCallback(window, Marshal.GetFunctionPointerForDelegate(_onCursor));
                Glfw.SetMouseButtonCallback(window, Marshal.GetFunctionPointerForDelegate(_onButton));
                Glfw.SetFramebufferSizeCallback(window, Marshal.GetFunctionPointerForDelegate(_onSize));
                return Frames(window, options);
            }
            finally
            {
                Glfw.DestroyWindow(window);
            }
        }
        finally
        {
            Glfw.Terminate();
        }
    }

    private LiveStats Frames(IntPtr window, LiveOptions options)
    {
        using var glInterface = GRGlInterface.Create(_glLoader)
            ?? throw new DisplayUnavailableException($"error: OpenGL could not be loaded for Skia. Install the Mesa driver (sudo apt-get install libgl1-mesa-dri). {Headless}");
        using var context = GRContext.CreateGl(glInterface)
            ?? throw new DisplayUnavailableException($"error: Skia could not use this OpenGL context. {Headless}");
        var target = Target.Create(context, window, _controller);
        var frames = 0;
        var start = Glfw.GetTime();
        try
        {
            var last = start;
            while (true)
            {
                // Input first, so a frame that closes the window is drawn, and can be saved, before the swap.
                Glfw.PollEvents();
                if (_resized)
                {
                    _resized = false;
                    target.Dispose();
                    target = Target.Create(context, window, _controller);
                }

                var now = Glfw.GetTime();
                _controller.Advance(now - last);
                last = now;
                var closing = Glfw.WindowShouldClose(window) != 0 || _controller.QuitRequested
                    || (options.ExitAfterTicks is not null && _controller.Stopped);

                target.Draw(_controller);
                context.Flush();
                if (_controller.PendingScreenshot is { } shot)
                {
                    target.SaveFramebuffer(shot);
                    options.Log?.Invoke($"saved {shot}");
                    _controller.PendingScreenshot = null;
                }

                if (closing && options.Screenshot is { } final)
                {
                    target.SaveFramebuffer(final);
                }

                Glfw.SwapBuffers(window);
                frames++;
                if (closing)
                {
                    break;
                }
            }

            return new LiveStats(frames, Glfw.GetTime() - start, _controller.Session.Tick);
        }
        finally
        {
            target.Dispose();
        }
    }

    /// <summary>The window's framebuffer as a Skia surface, and the raster frame blitted to it.</summary>
    private sealed class Target : IDisposable
    {
        private readonly SKSurface _window;
        private readonly SKSurface _frame;
        private readonly SKImageInfo _info;

        private Target(SKSurface window, SKSurface frame, SKImageInfo info)
        {
            _window = window;
            _frame = frame;
            _info = info;
        }

        public static Target Create(GRContext context, IntPtr window, ViewController controller)
        {
            Glfw.GetFramebufferSize(window, out var width, out var height);
            width = Math.Max(width, 64);
            height = Math.Max(height, 64);
            controller.Resize(width, height);
            using var renderTarget = new GRBackendRenderTarget(width, height, 0, 8, new GRGlFramebufferInfo(0, 0x8058)); // GL_RGBA8
            var surface = SKSurface.Create(context, renderTarget, GRSurfaceOrigin.BottomLeft, SKColorType.Rgba8888)
                ?? throw new DisplayUnavailableException("error: Skia could not draw to the window's framebuffer. " + Headless);
            var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
            return new Target(surface, SKSurface.Create(info), info);
        }

        public void Draw(ViewController controller)
        {
            var session = controller.Session;
            session.Scene.Draw(_frame.Canvas, session.Snapshot, controller.View, session.Style);
            using var pixels = _frame.PeekPixels();
            using var image = SKImage.FromPixels(pixels);
            _window.Canvas.DrawImage(image, 0, 0);
            _window.Canvas.Flush();
        }

        /// <summary>Reads the framebuffer back (before the swap, while it still holds this frame) and writes it as PNG.</summary>
        public void SaveFramebuffer(string path)
        {
            using var bitmap = new SKBitmap(_info);
            if (!_window.ReadPixels(_info, bitmap.GetPixels(), bitmap.RowBytes, 0, 0))
            {
                throw new IOException($"could not read the window's framebuffer back for {path}");
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(path);
            data.SaveTo(file);
        }

        public void Dispose()
        {
            _window.Dispose();
            _frame.Dispose();
        }
    }
}
