using System.CommandLine;
using System.Globalization;
using Sim.Viz;
using Sim.Viz.Geo;
using Sim.Viz.Headless;
using Sim.Viz.Scene;

namespace Sim.Cli.Commands;

/// <summary><c>sim render FILE</c>: the map of a run as PNG frames or a video, with no display.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ScenarioFile();
        var seed = new Option<ulong>("--seed") { Description = "Random seed (the same seed shows the same run as 'sim view').", DefaultValueFactory = _ => 1 };
        var ticks = new Option<int?>("--ticks") { Description = "Number of ticks (default: the scenario's horizon)." };
        var set = CommonOptions.Set();
        var png = CommonOptions.PathOption(new Option<string?>("--png") { Description = "Write PNG frames into this folder." });
        var every = new Option<int>("--every") { Description = "With --png: one frame every K ticks (and the last).", DefaultValueFactory = _ => 1 };
        var video = CommonOptions.PathOption(new Option<string?>("--video") { Description = "Write a video, out.mp4 or out.gif (needs ffmpeg)." });
        var fps = new Option<int>("--fps") { Description = "With --video: ticks shown per second.", DefaultValueFactory = _ => 10 };
        var size = CommonOptions.Size();
        var command = new Command("render", "Render the map of a run headless: PNG frames (--png DIR) or a video (--video out.mp4|out.gif).")
        {
            file, seed, ticks, set, png, every, video, fps, size,
        };
        command.SetAction((parse, cancel) =>
        {
            var pngDir = parse.GetValue(png);
            var videoPath = parse.GetValue(video);
            if ((pngDir is null) == (videoPath is null))
            {
                throw new UserInputException("error: give exactly one of --png DIR or --video out.mp4|out.gif.");
            }

            if (parse.GetValue(every) < 1 || parse.GetValue(fps) < 1)
            {
                throw new UserInputException("error: --every and --fps must be 1 or more.");
            }

            var path = parse.GetValue(file)!;
            var scenario = CommonOptions.Load(path, parse.GetValue(set));
            var definition = scenario.Definition;
            var tickCount = parse.GetValue(ticks) ?? definition.Horizon;
            CommonOptions.CheckTicks(scenario, tickCount);

            var (width, height) = CommonOptions.ParseSize(parse.GetValue(size)!);
            var frames = (pngDir is null ? tickCount : tickCount / (long)parse.GetValue(every)) + 1;
            Budgets.CheckRun(definition, tickCount, parse.GetValue(ticks) is not null, (double)frames * width * height,
                string.Create(CultureInfo.InvariantCulture, $", plus {frames} frames of {width}x{height} pixels"));
            using var watch = Budgets.Watch(cancel);
            cancel = watch.Token;
            using var session = new ViewSession(definition, CommonOptions.LoadMap(path), parse.GetValue(seed), tickCount);
            var view = Viewport.Fit(session.Layout, width, height);
            var stdout = parse.InvocationConfiguration.Output;
            if (pngDir is not null)
            {
                var files = FrameExporter.WritePngs(session, view, tickCount, parse.GetValue(every), pngDir, cancel);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {files.Count} frames to {pngDir}"));
            }
            else
            {
                try
                {
                    FrameExporter.WriteVideo(session, view, tickCount, videoPath!, parse.GetValue(fps), cancel);
                }
                catch (VideoToolException e)
                {
                    throw new UserInputException(e.Message, e);
                }

                stdout.WriteLine($"wrote {videoPath}");
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
