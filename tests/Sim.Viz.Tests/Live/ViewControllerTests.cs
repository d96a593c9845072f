using Sim.Viz.Live;
using Sim.Viz.Scene;

namespace Sim.Viz.Tests.Live;

/// <summary>Input goes through <see cref="LiveWindow.HandleKey"/>, the window's own key callback.</summary>
public class ViewControllerTests
{
    private ViewSession _session = null!;
    private ViewController _controller = null!;

    [SetUp]
    public void SetUp()
    {
        _session = TestData.SahelSession(7);
        _controller = new ViewController(_session, Viewport.Fit(_session.Layout, TestData.Width, TestData.Height), ticksPerSecond: 4);
    }

    [TearDown]
    public void TearDown() => _session.Dispose();

    private void Press(int key) => LiveWindow.HandleKey(_controller, key, Glfw.Press);

    [Test]
    public void Advance_Running_StepsAtTheSpeed()
    {
        Assert.That(_controller.Advance(1.0), Is.EqualTo(4));
        Assert.That(_session.Tick, Is.EqualTo(4));
    }

    [Test]
    public void SpaceKey_Pauses_AdvanceRunsNothing_SpaceAgainResumes()
    {
        Press(Glfw.KeySpace);
        Assert.That(_controller.Paused, Is.True);
        Assert.That(_controller.Advance(1.0), Is.Zero);
        Assert.That(_session.Tick, Is.Zero);

        Press(Glfw.KeySpace);
        Assert.That(_controller.Advance(0.5), Is.EqualTo(2));
    }

    [Test]
    public void RightArrow_StepsExactlyOneTick_AndPauses()
    {
        Press(Glfw.KeyRight);
        Assert.That(_session.Tick, Is.EqualTo(1));
        Assert.That(_controller.Paused, Is.True);
        LiveWindow.HandleKey(_controller, Glfw.KeyRight, Glfw.Repeat);
        Assert.That(_session.Tick, Is.EqualTo(2));
        Assert.That(_session.Snapshot.Tick, Is.EqualTo(2), "the snapshot follows the step");
    }

    [Test]
    public void KeyRelease_DoesNothing()
    {
        LiveWindow.HandleKey(_controller, Glfw.KeyRight, Glfw.Release);
        Assert.That(_session.Tick, Is.Zero);
    }

    [Test]
    public void PlusAndMinus_DoubleAndHalveTheSpeed()
    {
        Press(Glfw.KeyEqual);
        Assert.That(_controller.Speed, Is.EqualTo(8));
        Press(Glfw.KeyMinus);
        Press(Glfw.KeyKpSubtract);
        Assert.That(_controller.Speed, Is.EqualTo(2));
        Assert.That(_controller.Advance(1.0), Is.EqualTo(2));
    }

    [Test]
    public void RKey_RestartsAtTickZeroWithTheNextSeed()
    {
        _controller.Advance(1.0);
        Press(Glfw.KeyR);
        Assert.That(_session.Tick, Is.Zero);
        Assert.That(_session.Run.Seed, Is.EqualTo(8UL));
        Assert.That(_session.Snapshot.Seed, Is.EqualTo(8UL));
        Assert.That(_session.Snapshot.Recent, Is.Empty);
    }

    [Test]
    public void SKey_AsksForAScreenshotNamedBySeedAndTick_EscQuits()
    {
        Press(Glfw.KeyRight);
        Press(Glfw.KeyS);
        Assert.That(_controller.PendingScreenshot, Is.EqualTo("sim-seed7-tick00001.png"));
        Assert.That(_controller.QuitRequested, Is.False);
        Press(Glfw.KeyEscape);
        Assert.That(_controller.QuitRequested, Is.True);
    }

    [Test]
    public void StopAtTick_AdvanceNeverRunsPastIt()
    {
        var controller = new ViewController(_session, _controller.View, 240) { StopAtTick = 3 };
        for (var frame = 0; frame < 10; frame++)
        {
            controller.Advance(1.0);
        }

        Assert.That(_session.Tick, Is.EqualTo(3));
        Assert.That(controller.Stopped, Is.True);
    }

    [Test]
    public void Drag_PansWithoutSelecting_ClickSelects()
    {
        var before = _controller.View;
        _controller.MoveCursor(300, 300);
        _controller.PressButton();
        _controller.MoveCursor(340, 320);
        _controller.ReleaseButton();
        Assert.That(_controller.View.CenterLon, Is.LessThan(before.CenterLon));
        Assert.That(_controller.View.CenterLat, Is.GreaterThan(before.CenterLat));
        Assert.That(_controller.View.SelectedRegion, Is.EqualTo(-1));

        var d = _session.Layout.Definition;
        var tamanrasset = d.Regions.Single(r => r.Id == "tamanrasset");
        var p = _controller.View.ToScreen(tamanrasset.Lon, tamanrasset.Lat);
        _controller.MoveCursor(p.X, p.Y + 20);
        _controller.PressButton();
        _controller.ReleaseButton();
        Assert.That(_controller.View.SelectedRegion, Is.EqualTo(tamanrasset.Index));
    }

    [Test]
    public void Scroll_ZoomsInAtTheCursor()
    {
        _controller.MoveCursor(400, 300);
        var geo = _controller.View.ToGeo(400, 300);
        _controller.Scroll(1);
        Assert.That(_controller.View.Scale, Is.GreaterThan(Viewport.Fit(_session.Layout, TestData.Width, TestData.Height).Scale));
        var after = _controller.View.ToGeo(400, 300);
        Assert.That(after.Lon, Is.EqualTo(geo.Lon).Within(1e-6));
    }
}
