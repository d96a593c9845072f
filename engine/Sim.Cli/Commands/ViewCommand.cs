using System.CommandLine;
using System.Globalization;
using Sim.Viz;
using Sim.Viz.Live;

namespace Sim.Cli.Commands;

/// <summary><c>sim view FILE</c>: a live map window that runs the scenario in step with the display.</summary>
internal static class ViewCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ScenarioFile();
        var seed = new Option<ulong>("--seed") { Description = "Random seed (R in the window restarts with the next one).", DefaultValueFactory = _ => 1 };
        var set = CommonOptions.Set();
        var size = CommonOptions.Size();
        var speed = new Option<double>("--speed") { Description = "Ticks per second at the start (+ and - change it).", DefaultValueFactory = _ => 4 };
        var exitAfter = new Option<int?>("--exit-after-ticks") { Description = "Close the window once the run reaches this tick (for scripts and tests)." };
        var screenshot = CommonOptions.PathOption(new Option<string?>("--screenshot") { Description = "When the window closes, save its last frame (read from its framebuffer) to this PNG." });
        var command = new Command("view", "Watch a run on a live map: space pauses, right arrow steps, +/- speed, wheel zooms, drag pans, click selects, R restarts with a new seed, S saves a screenshot, Esc quits.")
        {
            file, seed, set, size, speed, exitAfter, screenshot,
        };
        command.SetAction((parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            var definition = CommonOptions.Load(path, parse.GetValue(set)).Definition;
            var (width, height) = CommonOptions.ParseSize(parse.GetValue(size)!);
            Budgets.CheckRun(definition, definition.Horizon, ticksOption: false);
            if (parse.GetValue(exitAfter) is < 0)
            {
                throw new UserInputException("error: --exit-after-ticks must be 0 or more.");
            }

            using var session = new ViewSession(definition, CommonOptions.LoadMap(path), parse.GetValue(seed));
            var options = new LiveOptions
            {
                ExitAfterTicks = parse.GetValue(exitAfter),
                Screenshot = parse.GetValue(screenshot),
                TicksPerSecond = parse.GetValue(speed),
                Log = parse.InvocationConfiguration.Output.WriteLine,
            };
            LiveStats stats;
            try
            {
                stats = LiveWindow.Run(session, options, width, height);
            }
            catch (DisplayUnavailableException e)
            {
                throw new UserInputException(e.Message, e);
            }

            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{definition.Name}, seed {session.Run.Seed}: closed at tick {stats.Tick} after {stats.Frames} frames in {stats.Seconds:0.0} s ({stats.FramesPerSecond:0} frames/s)"));

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
