using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using NUnit.Framework;
using Sim.Cli.Commands;
using Sim.Serve;

namespace Sim.Cli.Tests;

/// <summary>
/// The server of <c>sim serve</c> on the Sahel scenario, on a free loopback port: what the page does, and every bad
/// input answered with a JSON error (400, 404, 405, 403, 415, 409), never a crash; the session goes on after each.
/// </summary>
[NonParallelizable]
public sealed class ServeTests : IDisposable
{
    private LiveSession _session = null!;
    private EnsembleJob _ensemble = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _out = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var path = Cli.Scenario("sahel-2024");
        var scenario = Scenario.Load(path);
        _out = Path.Combine(Path.GetTempPath(), $"sim-serve-test-{Environment.ProcessId}");
        var options = new ServeOptions { Port = 0, MaxRuns = 50, Threads = 2, OutFolder = _out, Parameters = ServeCommand.Controls(scenario) };
        _session = new LiveSession(scenario, CommonOptions.LoadMap(path), 1);
        _ensemble = new EnsembleJob(options.MaxRuns, options.Threads);
        _app = ServeServer.Build(options, _session, _ensemble);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(ServeServer.Address(_app)) };
    }

    public void Dispose()
    {
        _http?.Dispose();
        _session?.Dispose();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Dispose();
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, true);
        }
    }

    [TearDown]
    public async Task StillServes()
    {
        // Whatever a test sent, the session answers afterwards.
        using var r = await _http.GetAsync(new Uri("api/state", UriKind.Relative));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpMethod method, string path, string? json = null, string type = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, type);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), $"{method} {path}: {text}");
        using var doc = JsonDocument.Parse(text);
        return (response.StatusCode, doc.RootElement.Clone());
    }

    private static string Error(JsonElement body) => body.GetProperty("error").GetString()!;

    [Test]
    public async Task Scenario_ListsParametersWithRangesAndSources_AsSimParamsDoes()
    {
        var (status, body) = await Send(HttpMethod.Get, "api/scenario");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var pmc = body.GetProperty("parameters").EnumerateArray().First(p => p.GetProperty("id").GetString() == "pmc_presence");
        Assert.Multiple(() =>
        {
            Assert.That(pmc.GetProperty("min").GetDouble(), Is.Zero);
            Assert.That(pmc.GetProperty("max").GetDouble(), Is.EqualTo(1));
            Assert.That(pmc.GetProperty("source").GetString(), Does.Contain("Policy lever"));
            Assert.That(body.GetProperty("series").EnumerateArray().Select(s => s.GetString()), Does.Contain("fatalities").And.Contain("controller.kidal"));
        });
    }

    [Test]
    public async Task Step_RunsTicks_AndSendsOnlyTheSeriesSinceAsked()
    {
        await Send(HttpMethod.Post, "api/reset", "{\"seed\": 3}");
        var (status, body) = await Send(HttpMethod.Post, "api/step?since=0", "{\"ticks\": 10}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("tick").GetInt32(), Is.EqualTo(10));
        Assert.That(body.GetProperty("series")[0].GetArrayLength(), Is.EqualTo(10));
        (_, body) = await Send(HttpMethod.Post, "api/step?since=10", "{\"ticks\": 2}");
        Assert.That(body.GetProperty("from").GetInt32(), Is.EqualTo(10));
        Assert.That(body.GetProperty("series")[0].GetArrayLength(), Is.EqualTo(2));
        (_, body) = await Send(HttpMethod.Post, "api/step", "{\"ticks\": 5000}");
        Assert.That(body.GetProperty("finished").GetBoolean(), Is.True);
        (status, body) = await Send(HttpMethod.Post, "api/step", "{}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "stepping a finished run is not an error");
        Assert.That(body.GetProperty("tick").GetInt32(), Is.EqualTo(365));
    }

    [TestCase("{\"parameters\": {\"pmc_presence\": 3}}", "outside its declared range [0, 1]")]
    [TestCase("{\"parameters\": {\"no_such\": 1}}", "no parameter 'no_such'")]
    [TestCase("{\"parameters\": {\"pmc_presence\": \"high\"}}", "parameter pmc_presence \"high\": not a number")]
    [TestCase("{\"parameters\": [1, 2]}", "must be an object of parameter id to number")]
    [TestCase("{\"seed\": -1}", "seed -1: not a whole number from 0 to 9007199254740991")]
    [TestCase("{\"seed\": 1.5}", "seed 1.5: not a whole number")]
    [TestCase("{\"seed\": 9007199254740992}", "not a whole number from 0 to 9007199254740991")]
    [TestCase("{\"seed\": \"abc\"}", "seed \"abc\": not a whole number")]
    [TestCase("{\"sed\": 1}", "unknown field 'sed' (this endpoint takes: seed, parameters)")]
    [TestCase("{\"seed\": ", "not valid JSON")]
    [TestCase("[1]", "must be a JSON object")]
    public async Task Reset_BadInput_Is400WithTheReason_AndTheRunIsKept(string json, string message)
    {
        await Send(HttpMethod.Post, "api/reset", "{\"seed\": 5, \"parameters\": {\"pmc_presence\": 0.5}}");
        await Send(HttpMethod.Post, "api/step", "{\"ticks\": 4}");
        var (status, body) = await Send(HttpMethod.Post, "api/reset", json);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Error(body), Does.Contain(message));
        var (_, state) = await Send(HttpMethod.Get, "api/state");
        Assert.That(state.GetProperty("tick").GetInt32(), Is.EqualTo(4), "a refused reset leaves the run as it was");
        Assert.That(state.GetProperty("parameters").GetProperty("pmc_presence").GetDouble(), Is.EqualTo(0.5));
    }

    [TestCase("{\"ticks\": 0}", "ticks 0: not a whole number from 1 to 5000")]
    [TestCase("{\"ticks\": 1e9}", "not a whole number from 1 to 5000")]
    [TestCase("{\"ticks\": \"1\"}", "not a whole number")]
    public async Task Step_BadTicks_Is400(string json, string message)
    {
        var (status, body) = await Send(HttpMethod.Post, "api/step", json);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Error(body), Does.Contain(message));
    }

    [TestCase("{\"runs\": 51}", "runs 51: not a whole number from 1 to 50")]
    [TestCase("{\"runs\": 1000000000000}", "not a whole number from 1 to 50")]
    [TestCase("{\"runs\": 0}", "runs 0")]
    [TestCase("{\"runs\": 5, \"seed\": -3}", "seed -3")]
    public async Task Ensemble_TooLargeOrBad_Is400(string json, string message)
    {
        var (status, body) = await Send(HttpMethod.Post, "api/ensemble", json);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Error(body), Does.Contain(message));
    }

    [Test]
    public async Task Ensemble_RunsInMemory_AndComparesWithTheBaselineInPairs()
    {
        await Send(HttpMethod.Post, "api/reset", "{\"parameters\": {}}");
        var (status, _) = await Send(HttpMethod.Post, "api/ensemble", "{\"runs\": 6, \"seed\": 2}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
        // The same request again: refused while the first runs; if the first has already finished, it runs the same
        // ensemble again, so the baseline below is seed 2's either way.
        var (busy, busyBody) = await Send(HttpMethod.Post, "api/ensemble", "{\"runs\": 6, \"seed\": 2}");
        if (busy == HttpStatusCode.Conflict)
        {
            Assert.That(Error(busyBody), Does.Contain("already running"));
        }

        await _ensemble.Running!;
        var (_, done) = await Send(HttpMethod.Get, "api/ensemble");
        Assert.That(done.GetProperty("state").GetString(), Is.EqualTo("done"));
        var protest = done.GetProperty("last").GetProperty("outcomes").EnumerateArray().First(o => o.GetProperty("id").GetString() == "algeria_un_protest");
        Assert.That(protest.GetProperty("low").GetDouble(), Is.LessThanOrEqualTo(protest.GetProperty("value").GetDouble()));
        await Send(HttpMethod.Post, "api/ensemble/baseline");
        await Send(HttpMethod.Post, "api/reset", "{\"parameters\": {\"pmc_presence\": 0}}");
        await Send(HttpMethod.Post, "api/ensemble", "{\"runs\": 6, \"seed\": 2}");
        await _ensemble.Running!;
        var (_, compared) = await Send(HttpMethod.Get, "api/ensemble");
        Assert.That(compared.GetProperty("paired").GetBoolean(), Is.True);
        Assert.That(compared.GetProperty("comparison").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(compared.GetProperty("last").GetProperty("parameters").GetProperty("pmc_presence").GetDouble(), Is.Zero);
    }

    [Test]
    public async Task Ensemble_Cancelled_StopsAndKeepsTheLastFinishedOne()
    {
        var (status, _) = await Send(HttpMethod.Post, "api/ensemble", "{\"runs\": 50, \"seed\": 9}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted));
        var (_, cancelled) = await Send(HttpMethod.Post, "api/ensemble/cancel");
        Assert.That(cancelled.GetProperty("state").GetString(), Is.AnyOf("running", "cancelled", "done"));
        await _ensemble.Running!;
        var (_, after) = await Send(HttpMethod.Get, "api/ensemble");
        var state = after.GetProperty("state").GetString();
        Assert.That(state, Is.AnyOf("cancelled", "done"), "a cancel either stops the ensemble or comes after its last run");
        if (state == "cancelled")
        {
            Assert.That(after.GetProperty("done").GetInt64(), Is.LessThan(50));
        }
    }

    [TestCase("GET", "api/nothing", 404, "no endpoint GET /api/nothing")]
    [TestCase("GET", "etc/passwd", 404, "no endpoint")]
    [TestCase("GET", "../../scenarios/sahel-2024/scenario.yaml", 404, "no endpoint")]
    [TestCase("DELETE", "api/step", 405, "does not take DELETE")]
    [TestCase("GET", "api/frame?w=10&h=10", 400, "w=10: not a whole number from 400 to 2400")]
    [TestCase("GET", "api/frame?w=abc", 400, "w=abc")]
    [TestCase("GET", "api/state?since=-1", 400, "since=-1")]
    public async Task UnknownEndpointsAndBadQueries_GetAJsonError(string method, string path, int status, string message)
    {
        var (code, body) = await Send(new HttpMethod(method), path);
        Assert.That((int)code, Is.EqualTo(status));
        Assert.That(Error(body), Does.Contain(message));
    }

    [Test]
    public async Task View_BadAction_Is400_AndUnknownActorNamesTheActors()
    {
        var (status, body) = await Send(HttpMethod.Post, "api/view", "{\"action\": \"explode\"}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Error(body), Does.Contain("not one of zoom, pan, fit, select"));
        (status, body) = await Send(HttpMethod.Post, "api/view", "{\"action\": \"select\", \"actor\": \"XXX\"}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Error(body), Does.Contain("no actor 'XXX'").And.Contain("MLI"));
        (status, body) = await Send(HttpMethod.Post, "api/view", "{\"action\": \"select\", \"actor\": \"MLI\"}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("selection").GetProperty("name").GetString(), Does.Contain("Mali"));
    }

    [Test]
    public async Task Frame_IsAPng()
    {
        var bytes = await _http.GetByteArrayAsync(new Uri("api/frame?w=800&h=500", UriKind.Relative));
        Assert.That(bytes[..4], Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }));
    }

    [Test]
    public async Task OtherHostNames_And_NonJsonBodies_AreRefused()
    {
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/state", UriKind.Relative)))
        {
            request.Headers.Host = "attacker.example";
            using var response = await _http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("answers only to localhost"));
        }

        var (status, body) = await Send(HttpMethod.Post, "api/reset", "seed=1", "application/x-www-form-urlencoded");
        Assert.That(status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(Error(body), Does.Contain("must be JSON"));
        (status, body) = await Send(HttpMethod.Post, "api/step", new string(' ', 100 * 1024));
        Assert.That((int)status, Is.EqualTo(413));
    }

    [Test]
    public async Task Save_WritesOnlyIntoTheOutputFolder()
    {
        var (status, body) = await Send(HttpMethod.Post, "api/save");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        foreach (var file in body.GetProperty("files").EnumerateArray())
        {
            Assert.That(Path.GetFullPath(file.GetString()!), Does.StartWith(Path.GetFullPath(_out)));
            Assert.That(File.Exists(file.GetString()), Is.True);
        }
    }

    [TestCase("--port", "70000", "--port 70000: not a port")]
    [TestCase("--host", "my laptop", "--host my laptop: not an IP address")]
    [TestCase("--max-runs", "0", "--max-runs 0: must be from 1 to 10000")]
    [TestCase("--seed", "9007199254740992", "the page handles seeds up to 9007199254740991")]
    public void Serve_BadOption_ExitsTwo(string option, string value, string message)
    {
        var (code, _, err) = Cli.Sim("serve", Cli.Tutorial, option, value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain(message).And.Not.Contain("   at "));
    }

    [Test]
    public void Serve_BadParameter_ExitsTwo()
    {
        var (code, _, err) = Cli.Sim("serve", Cli.Tutorial, "--set", "nope=1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("nope"));
    }
}
