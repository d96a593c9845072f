using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Scenarios;

/// <summary>
/// Includes stay in the scenario file's folder tree, after following links, and name scenario files: a scenario from
/// elsewhere cannot read a file of the machine and quote it back in a diagnostic.
/// </summary>
[TestFixture]
public sealed class IncludeConfinementTests
{
    private const string Secret = "TOPSECRET-LINE";
    private string _dir = "";
    private string _scenarioDir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("sim-include-").FullName;
        _scenarioDir = Directory.CreateDirectory(Path.Combine(_dir, "scenario")).FullName;
        // A file outside the scenario's folder that a diagnostic would quote if it were read.
        File.WriteAllText(Path.Combine(_dir, "outside.yaml"), Secret + "\n");
        Directory.CreateDirectory(Path.Combine(_scenarioDir, "parts"));
        File.WriteAllText(Path.Combine(_scenarioDir, "parts", "actors.yaml"), "actors:\n  - {id: A, kind: state}\n");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private ScenarioLoadResult Load(string include, bool outside = false)
    {
        var path = Path.Combine(_scenarioDir, "scenario.yaml");
        File.WriteAllText(path, $"scenario: {{name: x, start: 2024-01-01}}\ninclude: [\"{include}\"]\n");
        return ScenarioLoader.Load(path, [], outside);
    }

    [TestCase("../outside.yaml")]
    [TestCase("parts/../../outside.yaml")]
    [TestCase("link.yaml")]
    [TestCase("linked/outside.yaml")]
    [TestCase("linked-parts/../outside.yaml")]
    public void Load_IncludeLeadingOutsideTheFolder_IsADiagnostic_QuotingNothingOfTheFile(string include)
    {
        File.CreateSymbolicLink(Path.Combine(_scenarioDir, "link.yaml"), Path.Combine(_dir, "outside.yaml"));
        Directory.CreateSymbolicLink(Path.Combine(_scenarioDir, "linked"), _dir);
        // A link to a folder inside the tree, whose '..' the file system takes from where the link points.
        Directory.CreateSymbolicLink(Path.Combine(_scenarioDir, "linked-parts"), Path.Combine(_dir, "scenario", "parts", "..", ".."));

        var result = Load(include);
        var d = result.Diagnostics.Single();
        Assert.That(d.Message, Does.Contain("leads outside the scenario's folder"));
        Assert.That((d.Line, d.Column), Is.EqualTo((2, 11)));
        Assert.That(string.Join('\n', result.Diagnostics), Does.Not.Contain(Secret));
    }

    [TestCase("../../../../../../../../etc/passwd")]
    [TestCase("parts/notes.txt")]
    public void Load_IncludeOfANonScenarioFile_IsADiagnostic_NothingRead(string include)
    {
        File.WriteAllText(Path.Combine(_scenarioDir, "parts", "notes.txt"), Secret);
        var result = Load(include);
        var d = result.Diagnostics.Single();
        Assert.That(d.Message, Does.Contain("must name a scenario file (.yaml or .yml)"));
        Assert.That(string.Join('\n', result.Diagnostics), Does.Not.Contain(Secret).And.Not.Contain("root:"));
    }

    [Test]
    public void Load_IncludeBelowTheFolder_OrOutsideWhenAllowed_IsRead()
    {
        Assert.That(Load("parts/actors.yaml").Diagnostics, Is.Empty.Or.All.Property("Message").Not.Contains("outside"));
        var allowed = Load("../outside.yaml", outside: true);
        Assert.That(allowed.Diagnostics.Select(d => d.File), Has.Some.EndsWith("outside.yaml"), "the file was read and its own problem reported");
    }

    /// <summary>
    /// The include is a plain file inside the folder when it is checked, and is swapped for a link to a file outside
    /// just before it is opened: the open file is checked, not the path, so nothing of the outside file is read.
    /// </summary>
    [Test]
    public void Load_IncludeSwappedForALinkAfterTheCheck_IsRefused_QuotingNothing()
    {
        var part = Path.Combine(_scenarioDir, "parts", "swapped.yaml");
        File.WriteAllText(part, "actors:\n  - {id: A, kind: state}\n");
        var swaps = 0;
        ScenarioLoader.BeforeRead = path =>
        {
            if (path.EndsWith("swapped.yaml", StringComparison.Ordinal))
            {
                File.Delete(part);
                File.CreateSymbolicLink(part, Path.Combine(_dir, "outside.yaml"));
                swaps++;
            }
        };
        try
        {
            var result = Load("parts/swapped.yaml");
            Assert.That(swaps, Is.EqualTo(1), "the include was swapped once, after the check and before the read");
            var d = result.Diagnostics.Single();
            Assert.That(d.Message, Does.Contain("leads outside the scenario's folder"));
            Assert.That((d.Line, d.Column), Is.EqualTo((2, 11)));
            Assert.That(string.Join('\n', result.Diagnostics), Does.Not.Contain(Secret));
        }
        finally
        {
            ScenarioLoader.BeforeRead = null;
        }
    }

    [Test]
    public void Load_IncludeInsideTheFolder_ReadThroughTheOpenFileCheck()
    {
        File.CreateSymbolicLink(Path.Combine(_scenarioDir, "inner-link.yaml"), Path.Combine(_scenarioDir, "parts", "actors.yaml"));
        var result = Load("inner-link.yaml");
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Definition!.Actors.Select(a => a.Id), Is.EqualTo(new[] { "A" }));
    }
}
