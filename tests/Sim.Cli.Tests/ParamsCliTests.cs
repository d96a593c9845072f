using System.Text.Json;
using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Cli.Tests;

/// <summary><c>sim params</c>: every parameter of a scenario, its own and the engine's, with value, range, meaning and source.</summary>
public class ParamsCliTests
{
    [Test]
    public void Params_Text_ListsEveryParameter_Aligned_WithWhatSetIt()
    {
        var (code, output, err) = Cli.Sim("params", Cli.Scenario("sahel-2024"), "--set", "un_sanctions=1", "--set", "attrition=0.02");
        Assert.That(code, Is.Zero, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[1];
        Assert.That(header, Does.StartWith("PARAMETER").And.Contain("VALUE").And.Contain("RANGE").And.Contain("SET BY").And.Contain("MEANING").And.Contain("SOURCE"));
        var valueColumn = header.IndexOf("VALUE", StringComparison.Ordinal);
        var rangeColumn = header.IndexOf("RANGE", StringComparison.Ordinal);
        foreach (var id in new[] { "pmc_presence", "un_sanctions" }.Concat(ModelParameters.All.Select(p => p.Id)))
        {
            var row = lines.SingleOrDefault(l => l.StartsWith(id + " ", StringComparison.Ordinal));
            Assert.That(row, Is.Not.Null, id);
            Assert.That(row![valueColumn - 1], Is.EqualTo(' '), id);
            Assert.That(row[valueColumn], Is.Not.EqualTo(' '), $"{id}: value aligned under VALUE");
            Assert.That(row[rangeColumn], Is.Not.EqualTo(' '), $"{id}: range aligned under RANGE");
        }

        Assert.That(lines.Single(l => l.StartsWith("un_sanctions ", StringComparison.Ordinal)), Does.Contain("--set (was 0)").And.Contain("Policy lever"));
        Assert.That(lines.Single(l => l.StartsWith("attrition ", StringComparison.Ordinal)), Does.Contain(" 0.02 ").And.Contain("--set (was 0.01)").And.Contain("Lanchester"));
        Assert.That(lines.Single(l => l.StartsWith("battle_chance ", StringComparison.Ordinal)), Does.Contain("[0.0025, 0.14]").And.Contain(" engine "));
        Assert.That(lines.Max(l => l.Length), Is.LessThan(260), "meaning and source wrap");
    }

    [Test]
    public void Params_Csv_And_Json_CarryEveryField()
    {
        var (code, csv, _) = Cli.Sim("params", Cli.Tutorial, "--format", "csv");
        Assert.That(code, Is.Zero);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows[0], Is.EqualTo("id,value,min,max,owner,set_by,file_value,engine_default,description,source"));
        Assert.That(rows, Has.Length.EqualTo(1 + 1 + ModelParameters.All.Count));
        Assert.That(rows[1], Does.StartWith("\"backing\",0.5,0,1,\"scenario\",\"scenario\",0.5,,"));

        var (jsonCode, json, _) = Cli.Sim("params", Cli.Tutorial, "--format", "JSON", "--set", "backing=0.25");
        Assert.That(jsonCode, Is.Zero);
        using var doc = JsonDocument.Parse(json);
        var parameters = doc.RootElement.GetProperty("parameters");
        Assert.That(parameters.GetArrayLength(), Is.EqualTo(1 + ModelParameters.All.Count));
        var backing = parameters[0];
        Assert.That(backing.GetProperty("value").GetDouble(), Is.EqualTo(0.25));
        Assert.That(backing.GetProperty("set_by").GetString(), Is.EqualTo("--set"));
        var activity = parameters.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "activity");
        Assert.That(activity.GetProperty("owner").GetString(), Is.EqualTo("engine"));
        Assert.That(activity.GetProperty("source").GetString(), Is.Not.Empty);
    }

    [Test]
    public void Params_BadOverrideOrFormat_ExitsTwo_WithFix()
    {
        var (code, _, err) = Cli.Sim("params", Cli.Tutorial, "--set", "bakcing=1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("backing"));

        (code, _, err) = Cli.Sim("params", Cli.Tutorial, "--format", "xml");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--format xml").And.Contain("text, csv, json"));
    }
}
