using System.Globalization;
using Sim.Viz.Scene;

namespace Sim.Viz.Live;

/// <summary>A command of the live view; keys map to these, and tests drive them directly.</summary>
public enum ViewCommand
{
    /// <summary>Pause or resume (space).</summary>
    TogglePause,
    /// <summary>Run one tick (right arrow).</summary>
    Step,
    /// <summary>Double the speed (+).</summary>
    Faster,
    /// <summary>Halve the speed (-).</summary>
    Slower,
    /// <summary>Start again with the next seed (R).</summary>
    Restart,
    /// <summary>Save a screenshot (S).</summary>
    Screenshot,
    /// <summary>Close the window (Esc).</summary>
    Quit,
}

/// <summary>
/// The live view's state and input handling, apart from any window: the session, viewport,
/// pause and speed, selection, drag-to-pan. The window turns GLFW callbacks into calls here;
/// tests call the same methods, so they exercise the code path the keys use.
/// </summary>
public sealed class ViewController
{
    private const double MinSpeed = 0.25;
    private const double MaxSpeed = 240;
    private const int MaxStepsPerFrame = 8;
    private double _due;
    private (double X, double Y)? _press;
    private (double X, double Y) _cursor;
    private bool _dragging;

    /// <summary>A controller of <paramref name="session"/> showing <paramref name="view"/>, running at <paramref name="ticksPerSecond"/>.</summary>
    public ViewController(ViewSession session, Viewport view, double ticksPerSecond = 4)
    {
        ArgumentNullException.ThrowIfNull(session);
        Session = session;
        View = view;
        Speed = Math.Clamp(ticksPerSecond, MinSpeed, MaxSpeed);
    }

    /// <summary>The run watched.</summary>
    public ViewSession Session { get; }

    /// <summary>What is shown.</summary>
    public Viewport View { get; private set; }

    /// <summary>True while the run is paused.</summary>
    public bool Paused { get; private set; }

    /// <summary>Ticks per second while running.</summary>
    public double Speed { get; private set; }

    /// <summary>True once the user asked to quit.</summary>
    public bool QuitRequested { get; private set; }

    /// <summary>A tick running stops at (the window then closes), or null to run to the end.</summary>
    public int? StopAtTick { get; init; }

    /// <summary>True when the run has reached <see cref="StopAtTick"/> or its end.</summary>
    public bool Stopped => Session.Finished || (StopAtTick is { } stop && Session.Tick >= stop);

    /// <summary>A screenshot the window should save after drawing the next frame, or null.</summary>
    public string? PendingScreenshot { get; set; }

    /// <summary>Applies a command.</summary>
    public void Execute(ViewCommand command)
    {
        switch (command)
        {
            case ViewCommand.TogglePause:
                Paused = !Paused;
                _due = 0;
                break;
            case ViewCommand.Step:
                Paused = true;
                Session.Step();
                break;
            case ViewCommand.Faster:
                Speed = Math.Min(MaxSpeed, Speed * 2);
                break;
            case ViewCommand.Slower:
                Speed = Math.Max(MinSpeed, Speed / 2);
                break;
            case ViewCommand.Restart:
                Session.Restart(Session.Run.Seed + 1);
                _due = 0;
                break;
            case ViewCommand.Screenshot:
                PendingScreenshot = string.Create(CultureInfo.InvariantCulture,
                    $"sim-seed{Session.Run.Seed}-tick{Session.Tick:D5}.png");
                break;
            case ViewCommand.Quit:
                QuitRequested = true;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command, null);
        }
    }

    /// <summary>Lets <paramref name="seconds"/> of display time pass: runs the ticks due at the current speed unless paused. Returns the ticks run.</summary>
    public int Advance(double seconds)
    {
        if (Paused || Stopped)
        {
            _due = 0;
            return 0;
        }

        _due += seconds * Speed;
        var steps = 0;
        while (_due >= 1 && steps < MaxStepsPerFrame && !Stopped && Session.Step())
        {
            _due -= 1;
            steps++;
        }

        // A slow frame must not queue a burst of ticks for the next ones.
        _due = Math.Min(_due, 1);
        return steps;
    }

    /// <summary>The window changed size.</summary>
    public void Resize(int width, int height) => View = View.Resize(width, height);

    /// <summary>Mouse wheel at the cursor: positive zooms in.</summary>
    public void Scroll(double amount)
    {
        if (View.IsOnMap(_cursor.X, _cursor.Y))
        {
            View = View.ZoomAt(_cursor.X, _cursor.Y, Math.Pow(1.2, amount));
        }
    }

    /// <summary>The cursor moved; pans while the button is held.</summary>
    public void MoveCursor(double x, double y)
    {
        if (_press is { } p && (_dragging || Math.Abs(x - p.X) + Math.Abs(y - p.Y) > 4))
        {
            _dragging = true;
            View = View.PanBy(x - _cursor.X, y - _cursor.Y);
        }

        _cursor = (x, y);
    }

    /// <summary>The left button went down at the cursor.</summary>
    public void PressButton()
    {
        _press = _cursor;
        _dragging = false;
    }

    /// <summary>The left button came up: a click (no drag) selects what is under the cursor.</summary>
    public void ReleaseButton()
    {
        if (_press is not null && !_dragging)
        {
            Select(_cursor.X, _cursor.Y);
        }

        _press = null;
        _dragging = false;
    }

    /// <summary>Selects the actor or region at a screen position, or clears the selection.</summary>
    public void Select(double x, double y)
    {
        var (actor, region) = Session.Scene.HitTest(View, (float)x, (float)y);
        View = View with { SelectedActor = actor, SelectedRegion = region };
    }
}
