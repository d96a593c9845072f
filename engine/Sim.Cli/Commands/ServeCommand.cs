using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sim.Engine;
using Sim.Serve;

namespace Sim.Cli.Commands;

/// <summary><c>sim serve FILE</c>: a web dashboard of one scenario in the browser (docs/serve.md).</summary>
internal static class ServeCommand
{

    public static Command Create()
    {
        var file = CommonOptions.ScenarioFile();
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0: any free port; the address is printed).", DefaultValueFactory = _ => 8080 };
        var host = new Option<string?>("--host")
        {
            Description = "Address to listen on, such as 0.0.0.0 for every interface (default: 127.0.0.1, this machine only). Anyone who reaches it can drive the session.",
        };
        var open = new Option<bool>("--open") { Description = "Open the page in the default browser once the server listens." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the live run at the start (the page changes it).", DefaultValueFactory = _ => 1 };
        var set = CommonOptions.Set();
        var outDir = CommonOptions.PathOption(new Option<string?>("--out", "-o") { Description = "Folder the page's Save writes frames and states into (default: out/<scenario>-serve); nothing else is written." });
        var maxRuns = new Option<int>("--max-runs") { Description = string.Create(CultureInfo.InvariantCulture, $"Most runs an ensemble of the page may have (at most {Limits.ServeRuns})."), DefaultValueFactory = _ => 1000 };
        var command = new Command("serve", "Explore a scenario in the browser: parameter controls, the live map, charts, an event feed and ensembles with outcome probabilities and a paired comparison.")
        {
            file, port, host, open, seed, set, outDir, maxRuns,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"error: --port {portValue}: not a port (fix: a whole number from 0 to 65535; 0 picks a free one)."));
            }

            var runs = parse.GetValue(maxRuns);
            if (runs is < 1 or > Limits.ServeRuns)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"error: --max-runs {runs}: must be from 1 to {Limits.ServeRuns}."));
            }

            var address = Address(parse.GetValue(host));
            if (parse.GetValue(seed) > RequestBody.MaxSeed)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"error: --seed {parse.GetValue(seed)}: the page handles seeds up to {RequestBody.MaxSeed} (fix: a smaller seed)."));
            }

            var scenario = CommonOptions.Load(path, parse.GetValue(set));
            var options = new ServeOptions
            {
                Address = address,
                Port = portValue,
                MaxRuns = runs,
                OutFolder = parse.GetValue(outDir) ?? Path.Combine("out", $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))}-serve"),
                Parameters = Controls(scenario),
            };
            using var session = new LiveSession(scenario, CommonOptions.LoadMap(path), parse.GetValue(seed));
            var ensemble = new EnsembleJob(runs, Math.Max(1, Environment.ProcessorCount));
            var app = ServeServer.Build(options, session, ensemble);
            await using (app.ConfigureAwait(false))
            {
                try
                {
                    await app.StartAsync(cancel).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw new IOException($"cannot listen on {address}:{portValue}: {e.Message} (fix: another --port, or 0 for a free one)", e);
                }
                catch (SocketException e)
                {
                    throw new IOException($"cannot listen on {address}:{portValue}: {e.Message} (fix: another --port, or 0 for a free one)", e);
                }

                var url = ServeServer.Address(app);
                var stdout = parse.InvocationConfiguration.Output;
                stdout.WriteLine($"{scenario.Name}: serving {url} (Ctrl-C stops){(IPAddress.IsLoopback(address) ? "" : "; not loopback: anyone who reaches this address can drive the session")}");
                stdout.Flush();
                if (parse.GetValue(open))
                {
                    OpenBrowser(url, parse.InvocationConfiguration.Error);
                }

                try
                {
                    await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: the normal way to stop.
                }

                ensemble.Cancel();
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The scenario's parameters as <c>sim params</c> lists them, as the page's controls.</summary>
    internal static List<ParameterControl> Controls(Scenario scenario) =>
        [.. ParamsCommand.Rows(scenario.Definition).Select(r => new ParameterControl(r.Id, r.Value, double.IsFinite(r.Min) ? r.Min : null, double.IsFinite(r.Max) ? r.Max : null,
            r.Owner, r.SetBy, r.Description, r.Source))];

    /// <summary>The listening address: loopback by default; <c>--host</c> takes an IP address or <c>localhost</c>.</summary>
    internal static IPAddress Address(string? host)
    {
        if (host is null or "localhost")
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host, out var address)
            ? address
            : throw new UserInputException($"error: --host {host}: not an IP address (fix: 127.0.0.1 for this machine only, 0.0.0.0 for every interface, or one interface's address).");
    }

    private static void OpenBrowser(string url, TextWriter stderr)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(OperatingSystem.IsWindows() ? "explorer" : OperatingSystem.IsMacOS() ? "open" : "xdg-open", url)
            {
                UseShellExecute = false,
            });
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            stderr.WriteLine($"could not open a browser ({e.Message}); open {url} yourself");
        }
    }
}
