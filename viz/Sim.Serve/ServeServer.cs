using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sim.Engine.Scenarios.Expressions;
using Sim.Viz.Scene;

namespace Sim.Serve;

/// <summary>One parameter as the page's controls show it (the rows of <c>sim params</c>).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Value">Its value as loaded.</param>
/// <param name="Min">Lowest allowed value (null: unbounded).</param>
/// <param name="Max">Highest allowed value (null: unbounded).</param>
/// <param name="Owner"><c>scenario</c> or <c>engine</c>.</param>
/// <param name="SetBy">What set its value.</param>
/// <param name="Description">What it means.</param>
/// <param name="Source">Where its value comes from.</param>
public sealed record ParameterControl(string Id, double Value, double? Min, double? Max, string Owner, string SetBy, string Description, string Source);

/// <summary>How <c>sim serve</c> serves.</summary>
public sealed record ServeOptions
{
    /// <summary>The address to listen on (loopback unless the user gives another).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port (0: any free one).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The scenario's parameters, for the controls.</summary>
    public IReadOnlyList<ParameterControl> Parameters { get; init; } = [];

    /// <summary>The folder the page's "save" writes into (created on first use); nothing else is ever written.</summary>
    public string OutFolder { get; init; } = "out";

    /// <summary>The most runs an ensemble may have.</summary>
    public int MaxRuns { get; init; } = 1000;

    /// <summary>Threads an ensemble runs on.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>
/// The web server of <c>sim serve</c>: the page (embedded), and a JSON API over one <see cref="LiveSession"/> and one
/// <see cref="EnsembleJob"/>. Every bad input is answered with status 400 and <c>{"error": "..."}</c>; an unknown
/// endpoint with 404; a fault with 500, never a crash. On loopback only loopback host names are served (no page on
/// another site can reach it through DNS rebinding), and a request with a body must be JSON (so a cross-site form cannot
/// post to it without a preflight the server never grants).
/// </summary>
public static class ServeServer
{
    /// <summary>
    /// How the API writes JSON: camelCase names, non-finite numbers as strings rather than a failure; the writers of
    /// the answers' types are generated at build time (<see cref="ServeJson"/>), as the natively compiled tool needs.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Readable messages (quotes as they are); the page escapes every text it shows.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ServeJson.Default,
    };

    private static JsonTypeInfo<T> Contract<T>() => (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T));

    private static IResult Answer<T>(T value, int? status = null) => Results.Json(value, Contract<T>(), statusCode: status);

    private static readonly string[] StepFields = ["ticks"];
    private static readonly string[] ResetFields = ["seed", "parameters"];
    private static readonly string[] ViewFields = ["action", "x", "y", "factor", "dx", "dy", "actor", "region"];
    private static readonly string[] EnsembleFields = ["runs", "seed"];

    /// <summary>Builds the app; <c>StartAsync</c> it, then read <see cref="Address"/>.</summary>
    public static WebApplication Build(ServeOptions options, LiveSession session, EnsembleJob ensemble)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(ensemble);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(options.Address, options.Port);
            k.Limits.MaxRequestBodySize = 64 * 1024;
            k.AddServerHeader = false;
        });
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = Json.NumberHandling);
        var app = builder.Build();
        var loopbackOnly = IPAddress.IsLoopback(options.Address);
        app.Use(async (context, next) =>
        {
            try
            {
                Guard(context, loopbackOnly);
                await next(context).ConfigureAwait(false);
                if (context.Response.StatusCode is 404 or 405 && !context.Response.HasStarted && context.Response.ContentLength is null)
                {
                    await Error(context, context.Response.StatusCode, context.Response.StatusCode == 404
                        ? $"no endpoint {context.Request.Method} {context.Request.Path} (the page is at /, the API under /api/: see docs/serve.md)"
                        : $"{context.Request.Path} does not take {context.Request.Method}").ConfigureAwait(false);
                }
            }
            catch (BadRequestException e)
            {
                await Error(context, e.Status, e.Message).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                // The library names the argument; the page's user gave a value, not an argument.
                await Error(context, 400, e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Engine.InputException or InvalidOperationException)
            {
                await Error(context, 400, e.Message).ConfigureAwait(false);
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
            {
                await Error(context, e.StatusCode, e.Message).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The page went away mid-request: nothing to answer.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await Error(context, 500, $"the server failed on this request ({e.GetType().Name}: {e.Message}); the session goes on").ConfigureAwait(false);
            }
        });

        MapPage(app);
        MapApi(app, options, session, ensemble);
        return app;
    }

    /// <summary>The address the started <paramref name="app"/> listens on, such as http://127.0.0.1:8080/.</summary>
    public static string Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return address.TrimEnd('/') + "/";
    }

    /// <summary>The scenario as the page needs it: actors with their map colours, regions, outcomes, parameters, series.</summary>
    public static ScenarioDescription Describe(ServeOptions options, LiveSession session, EnsembleJob ensemble)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(ensemble);
        var def = session.Base.Definition;
        return new ScenarioDescription(
            def.Name,
            def.Description,
            def.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            def.TickDays,
            def.Horizon,
            session.Seed.ToString(CultureInfo.InvariantCulture),
            RequestBody.MaxSeed,
            ensemble.MaxRuns,
            [.. def.Actors.Select((a, i) => new ActorEntry(a.Id, a.Name, Hex(MapStyle.ActorColor(i))))],
            [.. def.Regions.Select(r => new RegionEntry(r.Id, r.Name))],
            [.. def.Outcomes.Select(o => new OutcomeEntry(o.Id, o.Expr.Type == ExpressionType.Bool, o.Description ?? ""))],
            options.Parameters,
            session.SeriesNames);
    }

    private static string Hex(SkiaSharp.SKColor c) => string.Create(CultureInfo.InvariantCulture, $"#{c.Red:x2}{c.Green:x2}{c.Blue:x2}");

    private static void Guard(HttpContext context, bool loopbackOnly)
    {
        var host = context.Request.Host.Host;
        if (loopbackOnly && !(host is "localhost" or "127.0.0.1" or "[::1]" or "::1"))
        {
            throw new BadRequestException($"host '{host}' refused: this server answers only to localhost (start it with --host to serve other names)", 403);
        }

        if (HttpMethods.IsPost(context.Request.Method) && context.Request.ContentLength is > 0
            && !(context.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequestException("a request body must be JSON (Content-Type: application/json)", 415);
        }
    }

    private static Task Error(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorAnswer(message), Contract<ErrorAnswer>());
    }

    private static void MapPage(WebApplication app)
    {
        var assembly = typeof(ServeServer).Assembly;
        byte[] Asset(string name)
        {
            using var stream = assembly.GetManifestResourceStream("Sim.Serve.Assets." + name) ?? throw new InvalidOperationException($"the page asset {name} is missing from the build");
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        }

        foreach (var (path, name, type) in (ReadOnlySpan<(string, string, string)>)[
            ("/", "index.html", "text/html; charset=utf-8"),
            ("/app.js", "app.js", "text/javascript; charset=utf-8"),
            ("/charts.js", "charts.js", "text/javascript; charset=utf-8"),
            ("/app.css", "app.css", "text/css; charset=utf-8")])
        {
            var bytes = Asset(name);
            app.MapGet(path, () => Results.Bytes(bytes, type));
        }

        // Browsers ask for an icon; there is none.
        app.MapGet("/favicon.ico", () => Results.NoContent());
    }

    private static void MapApi(WebApplication app, ServeOptions options, LiveSession session, EnsembleJob ensemble)
    {
        app.MapGet("/api/scenario", () => Answer(Describe(options, session, ensemble)));
        app.MapGet("/api/state", (HttpRequest request) => Answer(session.State(Since(request))));
        app.MapPost("/api/step", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request, StepFields).ConfigureAwait(false);
            return Answer(session.Step(body.Whole("ticks", 1, LiveSession.MaxStep, 1), Since(request)));
        });
        app.MapPost("/api/reset", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request, ResetFields).ConfigureAwait(false);
            var seed = body.Seed("seed", session.Seed);
            var parameters = body.Parameters("parameters");
            return Answer(session.Reset(seed, parameters));
        });
        app.MapGet("/api/frame", (HttpRequest request) =>
        {
            var width = QueryInt(request, "w", 400, 2400, 960);
            var height = QueryInt(request, "h", 300, 1600, 600);
            return Results.Bytes(session.Frame(width, height), "image/png");
        });
        app.MapPost("/api/view", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request, ViewFields).ConfigureAwait(false);
            switch (body.Text("action"))
            {
                case "zoom":
                    session.Zoom(body.RequiredNumber("x"), body.RequiredNumber("y"), Math.Clamp(body.RequiredNumber("factor"), 0.1, 10));
                    break;
                case "pan":
                    session.Pan(body.RequiredNumber("dx"), body.RequiredNumber("dy"));
                    break;
                case "fit":
                    session.Fit();
                    break;
                case "select" when body.Has("x"):
                    session.SelectAt(body.RequiredNumber("x"), body.RequiredNumber("y"));
                    break;
                case "select":
                    session.Select(body.Text("actor"), body.Text("region"));
                    break;
                case var other:
                    throw new BadRequestException($"action '{other}': not one of zoom, pan, fit, select");
            }

            return Answer(session.State(session.Tick));
        });
        app.MapGet("/api/ensemble", () => Answer(ensemble.Status()));
        app.MapPost("/api/ensemble", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync(request, EnsembleFields).ConfigureAwait(false);
            var runs = body.Whole("runs", 1, ensemble.MaxRuns, Math.Min(100, ensemble.MaxRuns));
            var seed = body.Seed("seed", 1);
            return ensemble.Start(session.Current, session.Changed, runs, seed)
                ? Answer(ensemble.Status(), 202)
                : Answer(new ErrorAnswer("an ensemble is already running: wait for it or cancel it"), 409);
        });
        app.MapPost("/api/ensemble/cancel", () =>
        {
            ensemble.Cancel();
            return Answer(ensemble.Status());
        });
        app.MapPost("/api/ensemble/baseline", () =>
        {
            ensemble.SaveBaseline();
            return Answer(ensemble.Status());
        });
        app.MapPost("/api/save", () =>
        {
            // The one write: the frame and the state, into the output folder given at start, under names the server picks.
            Directory.CreateDirectory(options.OutFolder);
            var stem = Path.Combine(options.OutFolder, string.Create(CultureInfo.InvariantCulture, $"serve-seed{session.Seed}-tick{session.Tick}"));
            File.WriteAllBytes(stem + ".png", session.Frame(1280, 800));
            File.WriteAllText(stem + ".json", JsonSerializer.Serialize(new SavedState(session.State(0), ensemble.Status()), Contract<SavedState>()));
            return Answer(new SavedFiles([stem + ".png", stem + ".json"]));
        });
    }

    private static int Since(HttpRequest request) => QueryInt(request, "since", 0, int.MaxValue, 0);

    private static int QueryInt(HttpRequest request, string name, int min, int max, int fallback)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return fallback;
        }

        var text = values.ToString();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new BadRequestException(string.Create(CultureInfo.InvariantCulture, $"{name}={text}: not a whole number from {min} to {max}"));
    }
}

/// <summary>The scenario as the page needs it (<c>GET /api/scenario</c>).</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Description">What it is about.</param>
/// <param name="Start">Date of tick 0 (yyyy-MM-dd).</param>
/// <param name="DaysPerTick">Days per tick.</param>
/// <param name="Horizon">Ticks in a run.</param>
/// <param name="Seed">The live run's seed.</param>
/// <param name="MaxSeed">The largest seed the page may send.</param>
/// <param name="MaxRuns">The most runs an ensemble may have.</param>
/// <param name="Actors">The actors, with their map colours.</param>
/// <param name="Regions">The regions.</param>
/// <param name="Outcomes">The outcomes.</param>
/// <param name="Parameters">The parameters' controls.</param>
/// <param name="Series">The recorded series' names.</param>
public sealed record ScenarioDescription(string Name, string? Description, string Start, int DaysPerTick, int Horizon, string Seed, ulong MaxSeed, int MaxRuns,
    IReadOnlyList<ActorEntry> Actors, IReadOnlyList<RegionEntry> Regions, IReadOnlyList<OutcomeEntry> Outcomes, IReadOnlyList<ParameterControl> Parameters,
    IReadOnlyList<string> Series);

/// <summary>An actor as the page lists it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Color">Its map colour, <c>#rrggbb</c>.</param>
public sealed record ActorEntry(string Id, string Name, string Color);

/// <summary>A region as the page lists it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
public sealed record RegionEntry(string Id, string Name);

/// <summary>An outcome as the page lists it.</summary>
/// <param name="Id">Its id.</param>
/// <param name="IsBool">Whether it is true/false.</param>
/// <param name="Description">What it measures ("" when undescribed).</param>
public sealed record OutcomeEntry(string Id, bool IsBool, string Description);

/// <summary>The answer to a refused request.</summary>
/// <param name="Error">What was wrong, and how to fix it.</param>
public sealed record ErrorAnswer(string Error);

/// <summary>What <c>POST /api/save</c> writes beside the frame.</summary>
/// <param name="State">The live run's state, its series from tick 0.</param>
/// <param name="Ensemble">The ensemble's status.</param>
public sealed record SavedState(ServeState State, EnsembleStatus Ensemble);

/// <summary>The files <c>POST /api/save</c> wrote.</summary>
/// <param name="Files">Their paths.</param>
public sealed record SavedFiles(IReadOnlyList<string> Files);

/// <summary>The JSON contracts of the API's answers, generated at build time.</summary>
[JsonSerializable(typeof(ScenarioDescription))]
[JsonSerializable(typeof(ServeState))]
[JsonSerializable(typeof(EnsembleStatus))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(SavedState))]
[JsonSerializable(typeof(SavedFiles))]
internal sealed partial class ServeJson : JsonSerializerContext;
