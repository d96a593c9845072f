using System.Text;
using NUnit.Framework;
using Sim.Engine.Scenarios;
using static Sim.Engine.Tests.Scenarios.ScenarioTestHelpers;

namespace Sim.Engine.Tests.Scenarios;

/// <summary>Every kind of problem a scenario author can make, with the exact position it is reported at.</summary>
[TestFixture]
public sealed class ScenarioDiagnosticsTests
{
    [Test]
    public void Load_MinimalHeader_Succeeds()
    {
        var result = LoadText(Header);
        Assert.That(result.Diagnostics, Is.Empty, () => string.Join("\n", result.Diagnostics));
        Assert.That(result.Definition!.Actors, Has.Length.EqualTo(2));
    }

    [Test]
    public void Diagnostic_ToString_FormatsFileLineColumnAndHint()
    {
        var d = new Diagnostic("a.yaml", 3, 7, "unknown actor 'MLX'", "did you mean 'MLI'?");
        Assert.That(d.ToString(), Is.EqualTo("a.yaml:3:7: error: unknown actor 'MLX' (did you mean 'MLI'?)"));
        Assert.That((d with { Hint = null }).ToString(), Is.EqualTo("a.yaml:3:7: error: unknown actor 'MLX'"));
    }

    [Test]
    public void Load_SyntaxError_ReportsPosition()
    {
        var result = LoadText("scenario:\n  name: [unclosed\n  start: 2024-01-01\n");
        Assert.That(result.Definition, Is.Null);
        var d = result.Diagnostics.Single();
        Assert.That(d.Message, Does.StartWith("YAML syntax error"));
        Assert.That(d.File, Is.EqualTo(FileName));
        Assert.That(d.Line, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void Load_BadIndentation_ReportsSyntaxErrorAtLine()
    {
        var result = LoadText("scenario:\n  name: T\n start: 2024-01-01\n");
        var d = result.Diagnostics.Single();
        Assert.That(d.Message, Does.StartWith("YAML syntax error"));
        Assert.That(d.Line, Is.EqualTo(3));
    }

    [TestCase("")]
    [TestCase("# only a comment\n")]
    [TestCase("~\n")]
    public void Load_EmptyFile_ReportsEmpty(string text)
    {
        var d = AssertDiagnostic(LoadText(text), "the file is empty", 1, 1);
        Assert.That(d.Hint, Does.Contain("scenario"));
    }

    [Test]
    public void Load_BinaryFile_ReportsBinary()
    {
        var bytes = new byte[] { (byte)'a', (byte)':', (byte)' ', 1, 0, 2, 3 };
        var result = ScenarioLoader.LoadFromMemory("b.yaml", new Dictionary<string, byte[]> { ["b.yaml"] = bytes });
        AssertDiagnostic(result, "binary", 1, 5, "b.yaml");
    }

    [Test]
    public void Load_InvalidUtf8_ReportsPositionOfBadByte()
    {
        var bytes = Encoding.UTF8.GetBytes("scenario:\n  name: caf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        var result = ScenarioLoader.LoadFromMemory("l.yaml", new Dictionary<string, byte[]> { ["l.yaml"] = bytes });
        var d = AssertDiagnostic(result, "not valid UTF-8", 2, 12, "l.yaml");
        Assert.That(d.Message, Does.Contain("0xE9"));
    }

    [Test]
    public void Load_Utf8Bom_IsAccepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Header)).ToArray();
        var result = ScenarioLoader.LoadFromMemory("bom.yaml", new Dictionary<string, byte[]> { ["bom.yaml"] = bytes });
        Assert.That(result.Diagnostics, Is.Empty, () => string.Join("\n", result.Diagnostics));
    }

    [Test]
    public void Load_TopLevelList_ReportsNotAMapping()
    {
        AssertDiagnostic(LoadText("- a\n- b\n"), "must be a mapping", 1, 1);
    }

    [Test]
    public void Load_TwoDocuments_ReportsSecondDocument()
    {
        AssertDiagnostic(LoadText(Header + "\n---\nscenario: {name: U}\n"), "second one", 7, 1);
    }

    [Test]
    public void Load_DuplicateKey_ReportsSecondOccurrence()
    {
        var d = AssertDiagnostic(LoadText(Header + "\n  - {id: r2, lat: 1, lat: 2, lon: 0}"), "duplicate key 'lat'", 7, 22);
        Assert.That(d.Hint, Does.Contain("line 7"));
    }

    [Test]
    public void Load_UnknownKey_HintsClosestKey()
    {
        var d = AssertDiagnostic(LoadText(Header + "\n  - {id: r2, lat: 1, lon: 0, populaton: 5}"), "unknown key 'populaton' in region", 7, 30);
        Assert.That(d.Hint, Is.EqualTo("did you mean 'population'?"));
    }

    [Test]
    public void Load_UnknownTopLevelKey_HintsClosest()
    {
        var d = AssertDiagnostic(LoadText(Header + "\nrelation:\n  - between: [A, B]"), "unknown top-level key 'relation'", 7, 1);
        Assert.That(d.Hint, Is.EqualTo("did you mean 'relations'?"));
    }

    [Test]
    public void Load_UnknownActorReference_HintsClosestId()
    {
        var text = """
            scenario: {name: T, start: 2024-01-01}
            actors:
              - {id: MLI, kind: junta}
              - {id: WAG, kind: pmc, patron: MLX}
            """;
        var d = AssertDiagnostic(LoadText(text), "unknown actor 'MLX'", 4, 34);
        Assert.That(d.Hint, Is.EqualTo("did you mean 'MLI'?"));
        Assert.That(d.ToString(), Is.EqualTo("s.yaml:4:34: error: unknown actor 'MLX' (did you mean 'MLI'?)"));
    }

    [Test]
    public void Load_RegionWhereActorExpected_SaysWhatItIs()
    {
        AssertDiagnostic(LoadText(Header + "\nforces:\n  - {owner: r1, region: r1, strength: 1}"), "'r1' is a region, but an actor is expected", 8, 13);
    }

    [Test]
    public void Load_DuplicateIdAcrossActorsAndRegions_Reported()
    {
        var d = AssertDiagnostic(LoadText(Header + "\n  - {id: A, lat: 0, lon: 0}"), "duplicate id 'A'", 7, 10);
        Assert.That(d.Hint, Does.Contain("s.yaml:3:"));
    }

    [Test]
    public void Load_DuplicateActorId_Reported()
    {
        AssertDiagnostic(LoadText(Header.Replace("id: B", "id: A", StringComparison.Ordinal)), "duplicate id 'A'", 4, 10);
    }

    [Test]
    public void Load_InvalidId_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\n  - {id: 2x, lat: 0, lon: 0}"), "'2x' is not a valid id", 7, 10);
    }

    [Test]
    public void Load_WrongType_ReportsExpectedNumber()
    {
        var text = Header.Replace("{id: A, kind: state}", "{id: A, kind: state, power: abc}", StringComparison.Ordinal);
        AssertDiagnostic(LoadText(text), "expected a number for 'power', got 'abc'", 3, 33);
    }

    [TestCase("power: -1", "power must be >= 0, got -1")]
    [TestCase("cohesion: 1.5", "cohesion must be in [0, 1], got 1.5")]
    [TestCase("resolve: -0.1", "resolve must be in [0, 1], got -0.1")]
    [TestCase("rationality: -2", "rationality must be >= 0, got -2")]
    public void Load_ActorValueOutOfRange_Reported(string field, string message)
    {
        var text = Header.Replace("{id: A, kind: state}", "{id: A, kind: state, " + field + "}", StringComparison.Ordinal);
        var col = 26 + field.IndexOf(':', StringComparison.Ordinal) + 2;
        AssertDiagnostic(LoadText(text), message, 3, col);
    }

    [TestCase("lat: 91, lon: 0", "lat must be in [-90, 90], got 91", 19)]
    [TestCase("lat: 0, lon: -181", "lon must be in [-180, 180], got -181", 27)]
    [TestCase("lat: 0, lon: 0, population: -5", "population must be >= 0, got -5", 42)]
    public void Load_RegionValueOutOfRange_Reported(string fields, string message, int col)
    {
        AssertDiagnostic(LoadText(Header + "\n  - {id: r2, " + fields + "}"), message, 7, col);
    }

    [Test]
    public void Load_AffinityOutOfRange_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nrelations:\n  - between: [A, B]\n    affinity: 1.5"), "affinity must be in [-1, 1], got 1.5", 9, 15);
    }

    [Test]
    public void Load_EscalationOutOfRange_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nrelations:\n  - between: [A, B]\n    escalation: 10"), "escalation must be in [0, 9], got 10", 9, 17);
    }

    [Test]
    public void Load_EscalationNotWhole_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nrelations:\n  - between: [A, B]\n    escalation: 2.5"), "expected a whole number for 'escalation'", 9, 17);
    }

    [Test]
    public void Load_NegativeStrength_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nforces:\n  - {owner: A, region: r1, strength: -3}"), "strength must be >= 0, got -3", 8, 38);
    }

    [Test]
    public void Load_SelfRelation_Reported()
    {
        var d = AssertDiagnostic(LoadText(Header + "\nrelations:\n  - between: [A, A]"), "with itself", 8, 18);
        Assert.That(d.Hint, Does.Contain("two different actors"));
    }

    [Test]
    public void Load_DuplicateRelation_ReportedEvenReversed()
    {
        var d = AssertDiagnostic(LoadText(Header + "\nrelations:\n  - between: [A, B]\n  - between: [B, A]\n    directed: true"),
            "already defined", 9, 5);
        Assert.That(d.Hint, Does.Contain("s.yaml:8:5"));
    }

    [Test]
    public void Load_DirectedRelationsBothWays_AreAllowed()
    {
        var result = LoadText(Header + "\nrelations:\n  - {between: [A, B], directed: true, affinity: 0.5}\n  - {between: [B, A], directed: true, affinity: -0.5}");
        Assert.That(result.Diagnostics, Is.Empty, () => string.Join("\n", result.Diagnostics));
    }

    [Test]
    public void Load_RuleChanceOutOfRange_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nrules:\n  - id: r\n    when: tick > 3\n    chance: 1.2\n    then:\n      - control: {region: r1, actor: A}"),
            "chance must be in [0, 1], got 1.2", 10, 13);
    }

    [Test]
    public void Load_MissingRequiredKey_ReportedAtItem()
    {
        AssertDiagnostic(LoadText(Header + "\n  - {id: r2, lat: 1}"), "region is missing required key 'lon'", 7, 5);
    }

    [Test]
    public void Load_MissingScenarioSection_Reported()
    {
        AssertDiagnostic(LoadText("actors:\n  - {id: A, kind: state}\n"), "no 'scenario' section", 1, 1);
    }

    [Test]
    public void Load_UnknownActorKind_HintsClosest()
    {
        var d = AssertDiagnostic(LoadText(Header.Replace("A, kind: state}", "A, kind: stat}", StringComparison.Ordinal)), "unknown kind 'stat'", 3, 19);
        Assert.That(d.Hint, Is.EqualTo("did you mean 'state'?"));
    }

    [Test]
    public void Load_BadDate_Reported()
    {
        AssertDiagnostic(LoadText(Header.Replace("2024-01-01", "2024-13-01", StringComparison.Ordinal)), "expected a date (YYYY-MM-DD) for 'start'", 1, 28);
    }

    [Test]
    public void Load_BadTickLength_Reported()
    {
        AssertDiagnostic(LoadText(Header.Replace("start: 2024-01-01", "start: 2024-01-01, tick: 3m", StringComparison.Ordinal)),
            "expected a tick length", 1, 46);
    }

    [Test]
    public void Load_WeeklyTicks_ConvertTimelineDates()
    {
        var text = Header.Replace("start: 2024-01-01", "start: 2024-01-01, tick: 1w", StringComparison.Ordinal)
            + "\ntimeline:\n  - date: 2024-01-16\n    then: [{control: {region: r1, actor: A}}]";
        var result = LoadText(text);
        Assert.That(result.Diagnostics, Is.Empty, () => string.Join("\n", result.Diagnostics));
        Assert.That(result.Definition!.Timeline[0].Tick, Is.EqualTo(2));
        Assert.That(result.Definition.TickDays, Is.EqualTo(7));
    }

    [Test]
    public void Load_TimelineBeforeStart_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\ntimeline:\n  - date: 2023-12-31\n    then: [{control: {region: r1, actor: A}}]"),
            "before the scenario start", 8, 11);
    }

    [Test]
    public void Load_TimelineWithDateAndTick_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\ntimeline:\n  - date: 2024-01-02\n    tick: 3\n    then: [{control: {region: r1, actor: A}}]"),
            "either 'date' or 'tick', not both", 8, 5);
    }

    [Test]
    public void Load_ParameterOutsideDeclaredRange_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nparameters:\n  - {id: p, value: 2, range: [0, 1]}"),
            "parameter 'p' value 2 is outside its declared range [0, 1]", 8, 20);
    }

    [Test]
    public void Load_EmptyParameterRange_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nparameters:\n  - {id: p, value: 0, range: [1, 0]}"), "is empty", 8, 30);
    }

    [Test]
    public void Load_ReservedParameterId_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nparameters:\n  - {id: tick, value: 0}"), "reserved word", 8, 10);
    }

    [Test]
    public void Load_ContractsOnNonPmc_Reported()
    {
        var text = Header.Replace("{id: A, kind: state}", "{id: A, kind: state, contracts: [{host: B}]}", StringComparison.Ordinal);
        AssertDiagnostic(LoadText(text), "only pmc actors have contracts", 3, 37);
    }

    [Test]
    public void Load_OwnPatron_Reported()
    {
        var text = Header.Replace("{id: A, kind: state}", "{id: A, kind: state, patron: A}", StringComparison.Ordinal);
        AssertDiagnostic(LoadText(text), "cannot be its own patron", 3, 34);
    }

    [Test]
    public void Load_SelfAdjacency_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\n  - {id: r2, lat: 0, lon: 0, adjacent: [r2]}"), "adjacent to itself", 7, 41);
    }

    [Test]
    public void Load_BadCameo_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nactions:\n  - {id: x, cameo: \"215\", goldstein: 0}"), "'215' is not a CAMEO code", 8, 20);
    }

    [Test]
    public void Load_GoldsteinOutOfRange_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nactions:\n  - {id: x, cameo: \"19\", goldstein: -11}"), "goldstein must be in [-10, 10], got -11", 8, 37);
    }

    [Test]
    public void Load_UnknownAcledType_HintsClosest()
    {
        var d = AssertDiagnostic(LoadText(Header + "\nactions:\n  - {id: x, cameo: \"19\", goldstein: -1, acled: Battle}"), "unknown acled 'Battle'", 8, 48);
        Assert.That(d.Hint, Is.EqualTo("did you mean 'Battles'?"));
    }

    [Test]
    public void Load_NewActionWithoutCameo_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nactions:\n  - {id: x, goldstein: 1}"), "action is missing required key 'cameo'", 8, 5);
    }

    [Test]
    public void Load_DuplicateRuleId_Reported()
    {
        const string rule = "\n  - {id: r, when: tick > 1, then: [{control: {region: r1, actor: A}}]}";
        AssertDiagnostic(LoadText(Header + "\nrules:" + rule + rule), "duplicate rule id 'r'", 9, 10);
    }

    [Test]
    public void Load_UnknownEffect_HintsClosest()
    {
        var d = AssertDiagnostic(LoadText(Header + "\nrules:\n  - id: r\n    when: tick > 1\n    then:\n      - afinity: {from: A, to: B, add: 1}"),
            "unknown effect 'afinity'", 11, 9);
        Assert.That(d.Hint, Is.EqualTo("did you mean 'affinity'?"));
    }

    [Test]
    public void Load_EffectWithAddAndSet_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nrules:\n  - id: r\n    when: tick > 1\n    then:\n      - cohesion: {actor: A, add: 1, set: 0}"),
            "both 'add' and 'set'", 11, 19);
    }

    [Test]
    public void Load_EffectSelfAffinity_Reported()
    {
        AssertDiagnostic(LoadText(Header + "\nrules:\n  - id: r\n    when: tick > 1\n    then:\n      - affinity: {from: A, to: A, add: 1}"),
            "are the same actor", 11, 33);
    }

    [Test]
    public void Load_EffectValueExpressionError_PointsInsideValue()
    {
        AssertDiagnostic(LoadText(Header + "\nrules:\n  - id: r\n    when: tick > 1\n    then:\n      - cohesion: {actor: A, add: \"power(B) * cohesoin\"}"),
            "unknown name 'cohesoin'", 11, 47);
    }

    [Test]
    public void Load_EffectKeysUnknown_HintsClosest()
    {
        var d = AssertDiagnostic(LoadText(Header + "\ntimeline:\n  - tick: 1\n    then:\n      - event: {action: clash, actr: A}"),
            "unknown key 'actr' in event effect", 10, 32);
        Assert.That(d.Hint, Is.EqualTo("did you mean 'actor'?"));
    }

    [Test]
    public void Load_ScenarioInInclude_Reported()
    {
        var result = LoadFiles(new Dictionary<string, string>
        {
            ["root.yaml"] = Header + "\ninclude: [inc.yaml]",
            ["inc.yaml"] = "scenario: {name: X}\n",
        });
        AssertDiagnostic(result, "only allowed in the root file", 1, 1, "inc.yaml");
    }

    [Test]
    public void Load_IncludeCycle_ReportedAtIncludeEntry()
    {
        var result = LoadFiles(new Dictionary<string, string>
        {
            ["root.yaml"] = Header + "\ninclude: [a.yaml]",
            ["a.yaml"] = "# a\ninclude: [b.yaml]\n",
            ["b.yaml"] = "include:\n  - a.yaml\n",
        });
        var d = AssertDiagnostic(result, "include cycle: a.yaml -> b.yaml -> a.yaml", 2, 5, "b.yaml");
        Assert.That(d.Hint, Does.Contain("remove"));
    }

    [Test]
    public void Load_IncludeOfItself_Reported()
    {
        var result = LoadFiles(new Dictionary<string, string> { ["root.yaml"] = Header + "\ninclude: [root.yaml]" });
        AssertDiagnostic(result, "include cycle: root.yaml -> root.yaml", 7, 11, "root.yaml");
    }

    [Test]
    public void Load_MissingInclude_ReportedAtIncludeEntry()
    {
        var result = LoadFiles(new Dictionary<string, string> { ["root.yaml"] = Header + "\ninclude: [nope.yaml]" });
        AssertDiagnostic(result, "cannot read 'nope.yaml': file not found", 7, 11, "root.yaml");
    }

    [Test]
    public void Load_SyntaxErrorInInclude_NamesTheInclude()
    {
        var result = LoadFiles(new Dictionary<string, string>
        {
            ["root.yaml"] = Header + "\ninclude: [inc.yaml]",
            ["inc.yaml"] = "regions:\n  - {id: r9, lat: 1\n",
        });
        var d = result.Diagnostics.Single();
        Assert.That((d.File, d.Message), Is.EqualTo(("inc.yaml", d.Message)));
        Assert.That(d.Message, Does.StartWith("YAML syntax error"));
    }

    [Test]
    public void Load_ManyErrors_AllReportedInFileOrder()
    {
        var text = """
            scenario: {name: T, start: 2024-01-01}
            actors:
              - {id: A, kind: stat}
              - {id: B, kind: state, power: -1}
            regions:
              - {id: r1, lat: 100, lon: 0, controller: C}
            relations:
              - {between: [A, A]}
            """;
        var result = LoadText(text);
        Assert.That(result.Definition, Is.Null);
        Assert.That(result.Diagnostics.Select(d => (d.Line, d.Column)),
            Is.EqualTo(new[] { (3, 19), (4, 33), (6, 19), (6, 44), (8, 19) }), () => string.Join("\n", result.Diagnostics));
    }

    [Test]
    public void Load_OverrideUnknownName_HintsClosest()
    {
        var result = LoadText(Header + "\nparameters:\n  - {id: pmc_aggression, value: 0.5, range: [0, 1]}", "pmc_agression=0.7");
        var d = AssertDiagnostic(result, "unknown parameter 'pmc_agression'", 1, 1, "--set");
        Assert.That(d.ToString(), Is.EqualTo("--set:1:1: error: unknown parameter 'pmc_agression' (did you mean 'pmc_aggression'?)"));
    }

    [Test]
    public void Load_OverrideNotANumber_PointsAtValue()
    {
        var result = LoadText(Header + "\nparameters:\n  - {id: p, value: 0.5}", "p=0.1", "p=abc");
        AssertDiagnostic(result, "value 'abc' for parameter 'p' is not a number", 2, 3, "--set");
    }

    [Test]
    public void Load_OverrideOutOfRange_Reported()
    {
        var result = LoadText(Header + "\nparameters:\n  - {id: p, value: 0.5, range: [0, 1]}", "p=1.5");
        AssertDiagnostic(result, "value 1.5 for parameter 'p' is outside its declared range [0, 1]", 1, 3, "--set");
    }

    [Test]
    public void Load_OverrideWithoutEquals_Reported()
    {
        AssertDiagnostic(LoadText(Header, "p"), "expected name=value", 1, 1, "--set");
    }

    [Test]
    public void Load_SourcedValueWithUnknownKey_Reported()
    {
        var text = Header.Replace("{id: A, kind: state}", "{id: A, kind: state, power: {value: 1, sorce: x}}", StringComparison.Ordinal);
        var d = AssertDiagnostic(LoadText(text), "unknown key 'sorce'", 3, 44);
        Assert.That(d.Hint, Is.EqualTo("did you mean 'source'?"));
    }

    [Test]
    public void Load_ListElementWithSource_KeepsIt()
    {
        var result = LoadText(Header + "\n  - {id: r2, lat: 0, lon: 0, adjacent: [{value: r1, source: map}]}");
        Assert.That(result.Diagnostics, Is.Empty, () => string.Join("\n", result.Diagnostics));
        Assert.That(result.Definition!.Regions[1].SourceOf("adjacent[0]"), Is.EqualTo("map"));
    }

    [Test]
    public void Load_AnchorsAndAliases_AreResolved()
    {
        var result = LoadText(Header + "\n  - &r {id: r2, lat: 5, lon: 6}\nforces:\n  - {owner: A, region: r2, strength: 1}");
        Assert.That(result.Diagnostics, Is.Empty, () => string.Join("\n", result.Diagnostics));
    }

    [Test]
    public void Load_ItemWithRejectedId_StillReportsItsOtherProblems()
    {
        var text = Header + "\n  - {id: 9r, lat: 0, lon: 500, controller: Z}";
        var result = LoadText(text);
        Assert.That(result.Diagnostics.Select(d => d.Column), Is.EqualTo(new[] { 10, 27, 44 }), () => string.Join("\n", result.Diagnostics));
    }
}
