using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Tests.Scenarios;

/// <summary>Whatever a file holds, loading reports diagnostics and never throws.</summary>
[TestFixture]
public sealed class LoaderRobustnessTests
{
    private static ScenarioLoadResult LoadBytes(byte[] bytes) =>
        ScenarioLoader.LoadFromMemory("f.yaml", new Dictionary<string, byte[]> { ["f.yaml"] = bytes });

    [Test]
    public void Load_IncludesNestedTooDeep_IsADiagnosticAtTheDeepestEntry_NotAStackOverflow()
    {
        const int Depth = 10_000;
        var files = new Dictionary<string, byte[]>
        {
            ["f0.yaml"] = Encoding.UTF8.GetBytes("scenario: {name: x, start: 2024-01-01}\ninclude: [f1.yaml]\n"),
        };
        for (var i = 1; i < Depth; i++)
        {
            files[$"f{i}.yaml"] = Encoding.UTF8.GetBytes($"include: [f{i + 1}.yaml]\n");
        }

        var result = ScenarioLoader.LoadFromMemory("f0.yaml", files);
        var d = result.Diagnostics.Single();
        Assert.That(d.Message, Does.Contain($"deeper than {Limits.IncludeDepth}"));
        Assert.That(d.File, Is.EqualTo($"f{Limits.IncludeDepth - 1}.yaml"));
    }

    [Test]
    public void Load_MoreActorsThanTheLimit_IsADiagnosticAtTheFirstBeyond()
    {
        var yaml = new StringBuilder("scenario: {name: x, start: 2024-01-01}\nactors:\n");
        for (var a = 0; a <= Limits.Actors; a++)
        {
            yaml.Append("  - {id: A").Append(a).Append(", kind: state}\n");
        }

        var d = LoadBytes(Encoding.UTF8.GetBytes(yaml.ToString())).Diagnostics.Single();
        Assert.That(d.Message, Does.Contain($"more than the {Limits.Actors}"));
        Assert.That(d.Line, Is.EqualTo(3 + Limits.Actors));
    }

    [TestCase("regions: *a")]
    [TestCase("outcomes: *a")]
    [TestCase("rules: *a")]
    public void Load_OneListAliasedAsTwoSections_IsADiagnosticAtTheItem(string second)
    {
        var result = LoadBytes(Encoding.UTF8.GetBytes($"scenario: {{name: x, start: 2024-01-01}}\nactors: &a\n  - {{id: A, kind: state}}\n{second}\n"));
        Assert.That(result.Success, Is.False);
        var d = result.Diagnostics.Single(d => d.Message.Contains("through a YAML alias", StringComparison.Ordinal));
        Assert.That((d.Line, d.Column), Is.EqualTo((3, 5)));
    }

    [TestCase("a\\0b.yaml", "holds a NUL character")]
    [TestCase("", "is empty")]
    public void Load_IncludePathNoFileCanHave_IsADiagnosticAtTheEntry(string path, string expected)
    {
        var result = LoadBytes(Encoding.UTF8.GetBytes($"scenario: {{name: x, start: 2024-01-01}}\ninclude: [\"{path}\"]\n"));
        var d = result.Diagnostics.Single();
        Assert.That(d.Message, Does.Contain(expected));
        Assert.That((d.Line, d.Column), Is.EqualTo((2, 11)));
    }

    [Test]
    public void Load_EveryTruncationOfExample_ReportsWithoutThrowing()
    {
        var text = File.ReadAllText(ScenarioTestHelpers.DataPath("example.yaml"));
        var failures = 0;
        for (var n = 0; n < text.Length; n += 3)
        {
            var result = LoadBytes(Encoding.UTF8.GetBytes(text[..n]));
            Assert.That(result.Success || result.Diagnostics.Count > 0, Is.True);
            failures += result.Success ? 0 : 1;
        }
        Assert.That(failures, Is.GreaterThan(0), "truncated files must produce diagnostics");
    }

    [Test]
    public void Load_RandomByteMutations_ReportWithoutThrowing()
    {
        var original = File.ReadAllBytes(ScenarioTestHelpers.DataPath("example.yaml"));
        var rng = new Random(20240720);
        const string alphabet = "-:[]{},'\"\\|>&*!#%@` \n\tA0.";
        for (var round = 0; round < 400; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = 0; k < 3; k++)
            {
                bytes[rng.Next(bytes.Length)] = (byte)alphabet[rng.Next(alphabet.Length)];
            }
            var result = LoadBytes(bytes);
            Assert.That(result.Definition is not null || result.Diagnostics.Count > 0, Is.True);
            Assert.That(result.Diagnostics.All(d => d.Line >= 1 && d.Column >= 1), Is.True, () => string.Join("\n", result.Diagnostics));
        }
    }

    [Test]
    public void Load_ArbitraryText_NeverThrows()
    {
        Prop.ForAll<string>(s =>
        {
            var result = LoadBytes(Encoding.UTF8.GetBytes(s ?? ""));
            return result.Definition is not null || result.Diagnostics.Count > 0;
        }).QuickCheckThrowOnFailure();
    }

    [Test]
    public void Compile_ArbitraryText_NeverThrows()
    {
        var scope = new ExpressionScope
        {
            Actors = new Dictionary<string, int> { ["A"] = 0 },
            Regions = new Dictionary<string, int> { ["r"] = 0 },
            Actions = new Dictionary<string, int> { ["clash"] = 0 },
            Parameters = new Dictionary<string, int> { ["p"] = 0 },
        };
        Prop.ForAll<string>(s =>
        {
            var errors = new List<ExpressionError>();
            var e = ExpressionCompiler.Compile(s ?? "", scope, null, errors);
            return (e is null) == (errors.Count > 0) && errors.All(x => x.Offset >= 0 && x.Offset <= (s ?? "").Length);
        }).QuickCheckThrowOnFailure();
    }
}
