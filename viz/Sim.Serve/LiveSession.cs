using System.Diagnostics;
using System.Globalization;
using Sim.Engine.Core;
using Sim.Viz;
using Sim.Viz.Geo;
using Sim.Viz.Headless;
using Sim.Viz.Scene;
using SkiaSharp;

namespace Sim.Serve;

/// <summary>
/// The one run a served page drives: the scenario with the page's parameter values, its seed, the run stepped tick by
/// tick through a <see cref="ViewSession"/> (so its frames are the pixels <c>sim view</c> shows), and the map's view.
/// Every member takes one lock, so requests arriving together see the run between ticks, never during one.
/// </summary>
public sealed class LiveSession : IDisposable
{
    /// <summary>Most events a state carries for the feed.</summary>
    public const int FeedLength = 40;

    /// <summary>Most ticks one step request may run.</summary>
    public const int MaxStep = 5000;

    private readonly Lock _gate = new();
    private readonly CountryMap _countries;
    private ViewSession _view;
    private HeadlessRenderer? _renderer;
    private Viewport _viewport;
    private bool _fitted = true;

    /// <summary>A session on <paramref name="scenario"/> (the scenario as loaded, with any overrides given at start), at tick 0.</summary>
    public LiveSession(Scenario scenario, CountryMap countries, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Base = scenario;
        Current = scenario;
        _countries = countries;
        _view = new ViewSession(scenario.Definition, countries, seed);
        _viewport = Viewport.Fit(_view.Layout, 960, 600);
    }

    /// <summary>The scenario as loaded; the page's parameter values apply on top of it.</summary>
    public Scenario Base { get; }

    /// <summary>The scenario the run uses: <see cref="Base"/> with <see cref="Changed"/>.</summary>
    public Scenario Current { get; private set; }

    /// <summary>The parameters the page set, by id (empty: the scenario's own values).</summary>
    public IReadOnlyDictionary<string, double> Changed { get; private set; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The run's seed.</summary>
    public ulong Seed
    {
        get
        {
            lock (_gate)
            {
                return _view.Run.Seed;
            }
        }
    }

    /// <summary>The names of the recorded series, in the order a state lists them.</summary>
    public IReadOnlyList<string> SeriesNames
    {
        get
        {
            lock (_gate)
            {
                return _view.Run.SeriesNames;
            }
        }
    }

    /// <summary>Ticks run so far.</summary>
    public int Tick
    {
        get
        {
            lock (_gate)
            {
                return _view.Tick;
            }
        }
    }

    /// <summary>Runs up to <paramref name="ticks"/> ticks (fewer at the end of the run) and returns the state after them.</summary>
    public ServeState Step(int ticks, int since)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ticks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ticks, MaxStep);
        lock (_gate)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < ticks && _view.Step(); i++)
            {
            }

            var ms = watch.Elapsed.TotalMilliseconds;
            return StateLocked(since, ms);
        }
    }

    /// <summary>The state now, with the series from tick <paramref name="since"/> on.</summary>
    public ServeState State(int since)
    {
        lock (_gate)
        {
            return StateLocked(since, 0);
        }
    }

    /// <summary>
    /// Starts a new run at tick 0 with <paramref name="seed"/> and <paramref name="parameters"/> set on the scenario as
    /// loaded (parameters not named keep its values).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown parameter, or a value that is not finite or outside its range.</exception>
    public ServeState Reset(ulong seed, IReadOnlyDictionary<string, double> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var scenario = parameters.Count == 0 ? Base : Base.With(parameters);
        lock (_gate)
        {
            var selectedActor = _viewport.SelectedActor;
            var selectedRegion = _viewport.SelectedRegion;
            var old = _view;
            _view = new ViewSession(scenario.Definition, _countries, seed);
            old.Dispose();
            Current = scenario;
            Changed = new Dictionary<string, double>(parameters, StringComparer.Ordinal);
            _viewport = _viewport with { SelectedActor = selectedActor, SelectedRegion = selectedRegion };
            return StateLocked(0, 0);
        }
    }

    /// <summary>The map as <c>sim view</c> draws it at <paramref name="width"/> x <paramref name="height"/>, as PNG.</summary>
    public byte[] Frame(int width, int height)
    {
        lock (_gate)
        {
            if (_renderer is null || _renderer.Info.Width != width || _renderer.Info.Height != height)
            {
                _renderer?.Dispose();
                _renderer = new HeadlessRenderer(width, height);
                _viewport = _fitted
                    ? Viewport.Fit(_view.Layout, width, height) with { SelectedActor = _viewport.SelectedActor, SelectedRegion = _viewport.SelectedRegion }
                    : _viewport.Resize(width, height);
            }

            _renderer.Render(_view, _viewport);
            var info = _renderer.Info;
            using var image = SKImage.FromPixelCopy(info, _renderer.Pixels);
            using var pixmap = image.PeekPixels();

            // Fast zlib: the frame crosses a loopback socket once, so encoding time matters more than bytes.
            using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1)) ?? throw new InvalidOperationException("the map frame could not be encoded as PNG");
            return data.ToArray();
        }
    }

    /// <summary>Zooms the map by <paramref name="factor"/> about a point of the frame.</summary>
    public void Zoom(double x, double y, double factor)
    {
        lock (_gate)
        {
            _viewport = _viewport.ZoomAt(x, y, factor);
            _fitted = false;
        }
    }

    /// <summary>Moves the map by a number of pixels.</summary>
    public void Pan(double dx, double dy)
    {
        lock (_gate)
        {
            _viewport = _viewport.PanBy(dx, dy);
            _fitted = false;
        }
    }

    /// <summary>Shows the scenario's whole area of interest again.</summary>
    public void Fit()
    {
        lock (_gate)
        {
            _viewport = Viewport.Fit(_view.Layout, _viewport.Width, _viewport.Height) with { SelectedActor = _viewport.SelectedActor, SelectedRegion = _viewport.SelectedRegion };
            _fitted = true;
        }
    }

    /// <summary>Selects what lies under a point of the frame (nothing there clears the selection).</summary>
    public void SelectAt(double x, double y)
    {
        lock (_gate)
        {
            var (actor, region) = _view.Scene.HitTest(_viewport, (float)x, (float)y);
            _viewport = _viewport with { SelectedActor = actor, SelectedRegion = region };
        }
    }

    /// <summary>Selects an actor or a region by id (both null clears the selection).</summary>
    /// <exception cref="ArgumentException">No actor or region has that id.</exception>
    public void Select(string? actor, string? region)
    {
        lock (_gate)
        {
            var def = _view.Layout.Definition;
            var a = actor is null ? -1 : def.ActorIndex(actor);
            var r = region is null ? -1 : def.RegionIndex(region);
            if (actor is not null && a < 0)
            {
                throw new ArgumentException($"no actor '{actor}' (actors: {string.Join(", ", def.Actors.Select(x => x.Id))})");
            }

            if (region is not null && r < 0)
            {
                throw new ArgumentException($"no region '{region}' (regions: {string.Join(", ", def.Regions.Select(x => x.Id))})");
            }

            _viewport = _viewport with { SelectedActor = a, SelectedRegion = a >= 0 ? -1 : r };
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _renderer?.Dispose();
        _view.Dispose();
    }

    private ServeState StateLocked(int since, double stepMs)
    {
        var run = _view.Run;
        var def = run.Definition;
        var recorder = run.Recorder;
        var from = Math.Clamp(since, 0, recorder.Ticks);
        var series = new double[recorder.Columns.Count][];
        for (var c = 0; c < series.Length; c++)
        {
            series[c] = recorder.Series(c)[from..].ToArray();
        }

        var events = run.State.Events.All;
        var feed = new List<FeedEvent>(Math.Min(FeedLength, events.Length));
        for (var i = events.Length - 1; i >= 0 && feed.Count < FeedLength; i--)
        {
            ref readonly var e = ref events[i];
            var action = def.Actions[e.Action];
            feed.Add(new FeedEvent(e.Tick, def.DateOf(e.Tick).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), action.Id, def.Actor(e.Actor)?.Id,
                def.Actor(e.Target)?.Id, def.Region(e.Region)?.Name, action.Cameo, action.Acled, e.Fatalities, e.CivilianFatalities));
        }

        var values = run.EvaluateOutcomes();
        var outcomes = new OutcomeNow[values.Length];
        for (var o = 0; o < values.Length; o++)
        {
            outcomes[o] = new OutcomeNow(def.Outcomes[o].Id, values[o]);
        }

        return new ServeState(run.Tick, run.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), run.Ticks, run.IsFinished, run.Seed.ToString(CultureInfo.InvariantCulture),
            new Dictionary<string, double>(Changed, StringComparer.Ordinal), from, series, feed, events.Length, outcomes, Selection(run), Math.Round(stepMs, 3));
    }

    private SelectionInfo? Selection(ScenarioRun run)
    {
        var def = run.Definition;
        if (_viewport.SelectedActor is var a and >= 0 && a < def.Actors.Length)
        {
            var actor = def.Actors[a];
            var politics = run.State.PoliticsOf(a);
            List<string> lines =
            [
                string.Create(CultureInfo.InvariantCulture, $"power {run.State.CapabilityOf(a).Power:0.##}, cohesion {politics.Cohesion:0.00}"),
                string.Create(CultureInfo.InvariantCulture, $"forces' strength {run.State.Strengths.Of(a, -1):0.#}"),
            ];
            for (var b = 0; b < def.Actors.Length; b++)
            {
                if (b != a && (run.State.Escalation[a, b] > 0 || Math.Abs(run.State.Affinity[a, b]) >= 0.3))
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"toward {def.Actors[b].Id}: affinity {run.State.Affinity[a, b]:+0.00;-0.00;0.00}, escalation rung {run.State.Escalation[a, b]}"));
                }
            }

            return new SelectionInfo("actor", actor.Id, actor.Name, lines);
        }

        if (_viewport.SelectedRegion is var r and >= 0 && r < def.Regions.Length)
        {
            var region = def.Regions[r];
            var controller = run.State.RegionOf(r).Controller;
            List<string> lines =
            [
                $"held by {(controller >= 0 ? def.Actors[controller].Name : "no one")}",
                string.Create(CultureInfo.InvariantCulture, $"fatalities {run.State.Queries.Fatalities(r, false):0}, of them civilians {run.State.Queries.Fatalities(r, true):0}"),
            ];
            for (var b = 0; b < def.Actors.Length; b++)
            {
                var s = run.State.Strengths.Of(b, r);
                if (s > 0)
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"{def.Actors[b].Id} forces, strength {s:0.#}"));
                }
            }

            return new SelectionInfo("region", region.Id, region.Name, lines);
        }

        return null;
    }
}

/// <summary>The run as the page shows it after a step.</summary>
/// <param name="Tick">Ticks run.</param>
/// <param name="Date">The date reached.</param>
/// <param name="Ticks">Ticks the run lasts.</param>
/// <param name="Finished">Whether the run is over.</param>
/// <param name="Seed">The run's seed (a string: seeds may pass what a script's numbers hold exactly).</param>
/// <param name="Parameters">The parameters the page set.</param>
/// <param name="From">The first tick <paramref name="Series"/> holds.</param>
/// <param name="Series">Each recorded series (in the order the scenario lists them) from <paramref name="From"/> on.</param>
/// <param name="Events">The latest events, newest first.</param>
/// <param name="EventCount">Events so far.</param>
/// <param name="Outcomes">Each outcome's value now (1/0 for true/false).</param>
/// <param name="Selection">The selected actor or region, or null.</param>
/// <param name="StepMs">What the ticks of this request cost the server, milliseconds.</param>
public sealed record ServeState(int Tick, string Date, int Ticks, bool Finished, string Seed, IReadOnlyDictionary<string, double> Parameters, int From,
    double[][] Series, IReadOnlyList<FeedEvent> Events, int EventCount, IReadOnlyList<OutcomeNow> Outcomes, SelectionInfo? Selection, double StepMs);

/// <summary>One event of the feed.</summary>
/// <param name="Tick">Its tick.</param>
/// <param name="Date">Its date.</param>
/// <param name="Action">The scenario's action.</param>
/// <param name="Actor">Who acted.</param>
/// <param name="Target">Toward whom.</param>
/// <param name="Region">Where.</param>
/// <param name="Cameo">Its CAMEO code.</param>
/// <param name="Acled">Its ACLED event type, if any.</param>
/// <param name="Fatalities">People killed.</param>
/// <param name="Civilians">Civilians among them.</param>
public sealed record FeedEvent(int Tick, string Date, string Action, string? Actor, string? Target, string? Region, string Cameo, string? Acled, int Fatalities, int Civilians);

/// <summary>An outcome's value in the live run.</summary>
/// <param name="Id">The outcome.</param>
/// <param name="Value">Its value now.</param>
public sealed record OutcomeNow(string Id, double Value);

/// <summary>What the panel says about the selection.</summary>
/// <param name="Kind"><c>actor</c> or <c>region</c>.</param>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Lines">Facts about it now.</param>
public sealed record SelectionInfo(string Kind, string Id, string Name, IReadOnlyList<string> Lines);
