using System.Text;
using NUnit.Framework;
using Sim.Engine.Model;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Scenarios;

/// <summary>
/// Inputs that once crashed, hung or broke an invariant (found by fuzz/Sim.Fuzz, kept in fuzz-corpus/ with the
/// finding that made them), plus generated inputs of the kinds that are too big to commit. Each must load as a
/// valid scenario that runs with its invariants checked, or give diagnostics at real positions; never throw.
/// </summary>
[TestFixture]
public sealed class FuzzCorpusTests
{
    // A guard against hangs (a hung test would otherwise stall the suite), not a speed target: the inputs take well under a second.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private static string CorpusDir => Path.Combine(ScenarioTestHelpers.RepoRoot(), "tests", "Sim.Engine.Tests", "Scenarios", "fuzz-corpus");

    private static IEnumerable<TestCaseData> Corpus()
    {
        // Test cases are enumerated before a test context exists, so find the corpus from the source file's place.
        var dir = Path.Combine(Path.GetDirectoryName(ThisFile())!, "fuzz-corpus");
        foreach (var d in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
        {
            yield return new TestCaseData(Path.GetFileName(d)).SetArgDisplayNames(Path.GetFileName(d));
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    [TestCaseSource(nameof(Corpus))]
    public void Load_FuzzFinding_DiagnosesOrRunsChecked(string name)
    {
        var dir = Path.Combine(CorpusDir, name);
        var files = Directory.GetFiles(dir, "*.yaml").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
        var set = Path.Combine(dir, "set.txt");
        var overrides = File.Exists(set) ? File.ReadAllLines(set).Where(l => l.Length > 0).ToArray() : [];
        LoadsOrDiagnoses(files, overrides);
    }

    [TestCase("[", "]", 300_000)]
    [TestCase("{a: ", "}", 100_000)]
    [TestCase("- ", "", 2_000)]
    public void Load_DeeplyNestedYaml_DiagnosesDepth(string open, string close, int depth)
    {
        var text = open == "- "
            ? "actors:\n" + string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i * 2) + "-\n"))
            : "actors: " + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "\n";
        var result = LoadsOrDiagnoses(new() { [FuzzFile] = Encoding.UTF8.GetBytes(text) }, []);
        Assert.That(result.Diagnostics.Select(d => d.Message), Has.Some.Contains("nest more than"));
    }

    [TestCase("(", ")", 200_000)]
    [TestCase("-", "", 200_000)]
    [TestCase("not ", "", 50_000)]
    [TestCase("abs(", ")", 50_000)]
    [TestCase("1 + ", "", 50_000)]
    [TestCase("1 < 2 and ", "", 20_000)]
    public void Load_DeeplyNestedExpression_DiagnosesDepth(string open, string close, int depth)
    {
        var expr = string.Concat(Enumerable.Repeat(open, depth)) + (open == "not " || open.Contains('<', StringComparison.Ordinal) ? "true" : "1") + string.Concat(Enumerable.Repeat(close, depth));
        var text = Tutorial().Replace("expr: \"fatalities()\"", $"expr: \"{expr}\"", StringComparison.Ordinal);
        var result = LoadsOrDiagnoses(new() { [FuzzFile] = Encoding.UTF8.GetBytes(text) }, []);
        Assert.That(result.Diagnostics.Select(d => d.Message), Has.Some.Contains("nests more than"));
    }

    [Test]
    public void Load_AliasBomb_DiagnosesWithoutExpanding()
    {
        var bomb = new StringBuilder("b0: &b0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            bomb.Append($"b{i}: &b{i} [").AppendJoin(", ", Enumerable.Repeat($"*b{i - 1}", 10)).Append("]\n");
        }

        var result = LoadsOrDiagnoses(new() { [FuzzFile] = Encoding.UTF8.GetBytes(bomb + "relations: *b11\n" + Tutorial().Replace("relations:", "relations_:", StringComparison.Ordinal)) }, []);
        Assert.That(result.Success, Is.False);
    }

    [Test]
    public void Load_HundredMegabyteFile_RefusedBySize()
    {
        var big = new StringBuilder(Tutorial(), 101 << 20).Append("forces2:\n");
        while (big.Length < 100 << 20)
        {
            big.Append("  - {owner: NORTH, region: riverford, strength: 1}\n");
        }

        var result = LoadsOrDiagnoses(new() { [FuzzFile] = Encoding.UTF8.GetBytes(big.ToString()) }, []);
        Assert.That(result.Diagnostics.Select(d => d.ToString()), Has.Some.StartsWith("s.yaml:1:1: error: 's.yaml' is larger than 16 MB"));
    }

    [TestCase("b.yaml", "include: [s.yaml]\n", "include cycle")]
    [TestCase("s.yaml", null, "include cycle")]
    public void Load_IncludeCycle_Diagnoses(string included, string? other, string expected)
    {
        var files = new Dictionary<string, byte[]> { [FuzzFile] = Encoding.UTF8.GetBytes($"include: [{included}]\n" + Tutorial()) };
        if (other is not null)
        {
            files[included] = Encoding.UTF8.GetBytes(other);
        }

        var result = LoadsOrDiagnoses(files, []);
        Assert.That(result.Diagnostics.Select(d => d.Message), Has.Some.Contains(expected));
    }

    private const string FuzzFile = "s.yaml";

    private static string Tutorial() => File.ReadAllText(Path.Combine(ScenarioTestHelpers.RepoRoot(), "scenarios", "tutorial", "scenario.yaml"));

    /// <summary>The property every input must have; returns the load result for further checks.</summary>
    private static ScenarioLoadResult LoadsOrDiagnoses(Dictionary<string, byte[]> files, string[] overrides)
    {
        var root = files.ContainsKey("scenario.yaml") ? "scenario.yaml" : FuzzFile;
        var size = files.Values.Sum(f => (long)f.Length);
        ScenarioLoadResult? result = null;
        long allocated = 0;
        var work = Task.Factory.StartNew(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            result = ScenarioLoader.LoadFromMemory(root, files, overrides);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (result.Definition is { } definition)
            {
                new ScenarioRun(definition, 1, Math.Min(40, definition.Horizon), options: new RunOptions { Check = true }).Run();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.That(work.Wait(HangGuard), Is.True, "the input hung the loader or the run");
        Assert.That(result!.Success, Is.EqualTo(result.Diagnostics.Count == 0));
        Assert.That(result.Diagnostics, Has.All.Matches<Diagnostic>(d => d.Line >= 1 && d.Column >= 1 && d.Message.Length > 0 && d.Message.Length < 2_000));
        // A tree with positions costs a multiple of the text; an expanded alias or a quadratic hint costs far more.
        Assert.That(allocated, Is.LessThan((size * 64) + (256L << 20)), "bytes allocated while loading");
        return result;
    }
}
