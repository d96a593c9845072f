using NUnit.Framework;
using Sim.Engine.Scenarios;
using Sim.Engine.Scenarios.Expressions;
using static Sim.Engine.Tests.Scenarios.ScenarioTestHelpers;

namespace Sim.Engine.Tests.Scenarios;

[TestFixture]
public sealed class ScenarioLoaderTests
{
    private static ScenarioDefinition LoadExample(params string[] overrides)
    {
        var result = ScenarioLoader.Load(DataPath("example.yaml"), overrides);
        Assert.That(result.Diagnostics, Is.Empty, () => string.Join("\n", result.Diagnostics));
        Assert.That(result.Success, Is.True);
        return result.Definition!;
    }

    [Test]
    public void Load_Example_ResolvesHeader()
    {
        var d = LoadExample();
        Assert.Multiple(() =>
        {
            Assert.That(d.Name, Is.EqualTo("Sahel test"));
            Assert.That(d.Start, Is.EqualTo(new DateOnly(2024, 7, 20)));
            Assert.That(d.TickDays, Is.EqualTo(1));
            Assert.That(d.Horizon, Is.EqualTo(120));
            Assert.That(d.Files, Has.Length.EqualTo(2));
            Assert.That(d.Files[1], Does.EndWith("example-regions.yaml"));
            Assert.That(d.DateOf(5), Is.EqualTo(new DateOnly(2024, 7, 25)));
        });
    }

    [Test]
    public void Load_Example_ResolvesActorsToIndexes()
    {
        var d = LoadExample();
        var wag = d.Actors[d.ActorIndex("WAG")];
        var mli = d.Actors[d.ActorIndex("MLI")];
        var csp = d.Actors[d.ActorIndex("CSP")];
        Assert.Multiple(() =>
        {
            Assert.That(d.Actors.Select(a => a.Id), Is.EqualTo(new[] { "MLI", "RUS", "DZA", "WAG", "CSP" }));
            Assert.That(d.Actors.Select(a => a.Index), Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
            Assert.That(mli.Kind, Is.EqualTo(ActorKind.Junta));
            Assert.That(mli.Power, Is.EqualTo(0.35));
            Assert.That(mli.Rationality, Is.EqualTo(2.0));
            Assert.That(mli.Capital, Is.EqualTo(d.RegionIdOf("bamako")));
            Assert.That(wag.Kind, Is.EqualTo(ActorKind.Pmc));
            Assert.That(wag.Patron, Is.EqualTo(d.ActorIdOf("RUS")));
            Assert.That(wag.Contracts.Single().Host, Is.EqualTo(d.ActorIdOf("MLI")));
            Assert.That(wag.Contracts.Single().Payment, Is.EqualTo(0.05));
            Assert.That(wag.Cohesion, Is.EqualTo(0.5), "defaults apply to omitted keys");
            Assert.That(csp.Claims, Is.EqualTo(new[] { d.RegionIndex("kidal"), d.RegionIndex("tinzaouatene") }));
            Assert.That(d.ActorIndex("nobody"), Is.EqualTo(-1));
            Assert.That(d.ActorIdOf("nobody"), Is.EqualTo(ActorId.None));
        });
    }

    [Test]
    public void Load_Example_RegionsFromIncludeWithSymmetricAdjacency()
    {
        var d = LoadExample();
        var kidal = d.Regions[d.RegionIndex("kidal")];
        var tin = d.Regions[d.RegionIndex("tinzaouatene")];
        Assert.Multiple(() =>
        {
            Assert.That(d.Regions, Has.Length.EqualTo(3));
            Assert.That(kidal.Lat, Is.EqualTo(18.44));
            Assert.That(kidal.Adjacent, Is.EqualTo(new[] { tin.Index }));
            Assert.That(tin.Adjacent, Is.EqualTo(new[] { kidal.Index }), "adjacency listed on one side is made symmetric");
            Assert.That(tin.Controller, Is.EqualTo(d.ActorIdOf("CSP")));
            Assert.That(tin.Country, Is.EqualTo(d.ActorIdOf("MLI")));
            Assert.That(tin.Displaced, Is.EqualTo(1000));
            Assert.That(kidal.Location.File, Does.EndWith("example-regions.yaml"));
            Assert.That(kidal.Location.Line, Is.EqualTo(10));
        });
    }

    [Test]
    public void Load_Example_ResolvesForcesAndRelations()
    {
        var d = LoadExample();
        Assert.Multiple(() =>
        {
            Assert.That(d.Forces, Has.Length.EqualTo(2));
            Assert.That(d.Forces[0].Owner, Is.EqualTo(d.ActorIdOf("WAG")));
            Assert.That(d.Forces[0].Region, Is.EqualTo(d.RegionIdOf("kidal")));
            Assert.That(d.Forces[0].Strength, Is.EqualTo(800));
            Assert.That(d.Forces[0].Contract, Is.EqualTo(d.ActorIdOf("MLI")));
            Assert.That(d.Forces[1].Contract, Is.EqualTo(ActorId.None));
            Assert.That(d.Relations, Has.Length.EqualTo(3));
            Assert.That(d.Relations[0].Treaty, Is.EqualTo(Treaty.Entente));
            Assert.That(d.Relations[0].Affinity, Is.EqualTo(0.4));
            Assert.That(d.Relations[1].Escalation, Is.EqualTo(7));
            Assert.That(d.Relations[2].Directed, Is.True);
            Assert.That(d.Relations[2].Directed, Is.True);
        });
    }

    [Test]
    public void Load_Example_MergesActionCatalog()
    {
        var d = LoadExample();
        var denounce = d.Actions[d.ActionIndex("denounce_un")];
        var raid = d.Actions[d.ActionIndex("pmc_raid")];
        var drone = d.Actions[d.ActionIndex("drone_strike")];
        Assert.Multiple(() =>
        {
            Assert.That(denounce.Rung, Is.EqualTo(3), "the scenario overrides the default rung");
            Assert.That(denounce.Cameo, Is.EqualTo("112"), "fields the override omits keep the default");
            Assert.That(denounce.IsDefault, Is.False);
            Assert.That(raid.Index, Is.EqualTo(d.Actions.Length - 1));
            Assert.That(raid.CameoRoot, Is.EqualTo(19));
            Assert.That(raid.Acled, Is.EqualTo("Battles"));
            Assert.That(drone.Goldstein, Is.EqualTo(-10));
            Assert.That(drone.Acled, Is.EqualTo("Explosions/Remote violence"));
            Assert.That(drone.Source, Does.Contain("Goldstein 1992"));
            Assert.That(d.Actions.Select(a => a.Index), Is.EqualTo(Enumerable.Range(0, d.Actions.Length)));
        });
    }

    [Test]
    public void Load_Example_CompilesRulesAndEffects()
    {
        var d = LoadExample();
        var protest = d.Rules[0];
        var push = d.Rules[1];
        Assert.Multiple(() =>
        {
            Assert.That(protest.Id, Is.EqualTo("algeria_protest"));
            Assert.That(protest.Once, Is.True);
            Assert.That(protest.When.Type, Is.EqualTo(ExpressionType.Bool));
            Assert.That(protest.Chance.IsConstant, Is.True);
            Assert.That(protest.Then[0], Is.TypeOf<EventEffect>());
            var ev = (EventEffect)protest.Then[0];
            Assert.That((ev.Action, ev.Actor, ev.Target, ev.Region),
                Is.EqualTo((d.ActionIndex("denounce_un"), d.ActorIdOf("DZA"), d.ActorIdOf("MLI"), RegionId.None)));
            var aff = (AffinityEffect)protest.Then[1];
            Assert.That((aff.From, aff.To, aff.Mode, aff.Both), Is.EqualTo((d.ActorIdOf("DZA"), d.ActorIdOf("RUS"), EffectMode.Add, false)));
            Assert.That(push.Once, Is.False);
            Assert.That(push.Chance.IsConstant, Is.False, "chance may be an expression");
            Assert.That(push.Then.Select(e => e.GetType()),
                Is.EqualTo(new[] { typeof(StrengthEffect), typeof(EscalationEffect), typeof(ParameterEffect), typeof(CohesionEffect) }));
        });
    }

    [Test]
    public void Load_Example_RuleExpressionsEvaluateAgainstState()
    {
        var d = LoadExample();
        var s = new FakeScenarioState(d.Actors.Length, d.Regions.Length, d.Parameters.Length);
        for (var i = 0; i < d.Parameters.Length; i++)
        {
            s.Parameters[i] = d.Parameters[i].Value;
        }
        var protest = d.Rules[0].When;
        Assert.That(protest.EvaluateBool(s), Is.False, "no drone strike yet");
        s.Events.Add((d.ActionIndex("drone_strike"), d.ActorIndex("MLI"), -1, d.RegionIndex("tinzaouatene"), 0, 10, 10));
        Assert.That(protest.EvaluateBool(s), Is.True);
        var strength = (StrengthEffect)d.Rules[1].Then[0];
        Assert.That(strength.Value.EvaluateNumber(s), Is.EqualTo(60).Within(1e-9));
        Assert.That(d.Rules[1].Chance.EvaluateNumber(s), Is.EqualTo(0.6));
    }

    [Test]
    public void Load_Example_TimelineDatesBecomeTicksAndSorted()
    {
        var d = LoadExample();
        Assert.Multiple(() =>
        {
            Assert.That(d.Timeline.Select(t => t.Tick), Is.EqualTo(new[] { 2, 5 }));
            var clash = (EventEffect)d.Timeline[1].Then[0];
            Assert.That(clash.Fatalities!.EvaluateNumber(null!), Is.EqualTo(80));
            Assert.That(clash.CivilianFatalities, Is.Null);
            var set = (AffinityEffect)d.Timeline[0].Then[0];
            Assert.That((set.Mode, set.Both), Is.EqualTo((EffectMode.Set, true)));
        });
    }

    [Test]
    public void Load_Example_OutcomesAndRecord()
    {
        var d = LoadExample();
        Assert.Multiple(() =>
        {
            Assert.That(d.Outcomes.Select(o => o.Expr.Type), Is.EqualTo(new[] { ExpressionType.Bool, ExpressionType.Number }));
            Assert.That(d.Outcomes[0].Description, Does.StartWith("Open war"));
            Assert.That(d.Record.Pairs, Is.EqualTo(new[] { (d.ActorIndex("DZA"), d.ActorIndex("RUS")), (d.ActorIndex("MLI"), d.ActorIndex("CSP")) }));
            Assert.That(d.Record.Actors, Is.EqualTo(new[] { d.ActorIndex("MLI"), d.ActorIndex("CSP") }));
            Assert.That(d.Record.Regions, Is.EqualTo(new[] { d.RegionIndex("kidal") }));
        });
    }

    [Test]
    public void Load_Example_KeepsProvenance()
    {
        var d = LoadExample();
        var mli = d.Actors[d.ActorIndex("MLI")];
        var kidal = d.Regions[d.RegionIndex("kidal")];
        Assert.Multiple(() =>
        {
            Assert.That(mli.SourceOf("power"), Is.EqualTo("SIPRI 2024"), "field source");
            Assert.That(mli.SourceOf("economy"), Is.EqualTo("World Bank 2024"), "falls back to the item source");
            Assert.That(mli.Source, Is.EqualTo("World Bank 2024"));
            Assert.That(kidal.SourceOf("population"), Is.EqualTo("INSTAT 2009 census"));
            Assert.That(kidal.SourceOf("lat"), Is.Null);
            Assert.That(d.Actors[d.ActorIndex("WAG")].Contracts[0].Source, Is.EqualTo("press reports"));
            Assert.That(d.Forces[1].SourceOf("strength"), Is.EqualTo("ACLED"));
            Assert.That(d.Parameters[1].SourceOf("value"), Is.EqualTo("ACLED 2024 Mali strikes"));
            Assert.That(d.Parameters[1].Value, Is.EqualTo(0.3));
            Assert.That(d.Parameters[0].Source, Is.EqualTo("analyst judgement"));
        });
    }

    [Test]
    public void Load_WithOverride_ReplacesParameterValue()
    {
        var d = LoadExample("pmc_aggression=0.9");
        var p = d.Parameters[d.ParameterIndex("pmc_aggression")];
        Assert.Multiple(() =>
        {
            Assert.That(p.Value, Is.EqualTo(0.9));
            Assert.That(p.FileValue, Is.EqualTo(0.6));
            Assert.That((p.Min, p.Max), Is.EqualTo((0.0, 1.0)));
            Assert.That(d.Overrides, Is.EqualTo(new[] { "pmc_aggression=0.9" }));
        });
    }

    [Test]
    public void Load_Example_HashIsStableHexAndChangesWithContent()
    {
        var a = LoadExample().Hash;
        var b = LoadExample("pmc_aggression=0.9").Hash;
        Assert.That(a, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(b, Is.EqualTo(a), "overrides are recorded beside the hash, not in it");

        var text = File.ReadAllText(DataPath("example.yaml"));
        var regions = File.ReadAllText(DataPath("example-regions.yaml"));
        var files = new Dictionary<string, string> { ["x/example.yaml"] = text, ["x/example-regions.yaml"] = regions };
        var same = LoadFiles(files).Definition!.Hash;
        var crlf = LoadFiles(new Dictionary<string, string>
        {
            ["x/example.yaml"] = text.Replace("\n", "\r\n", StringComparison.Ordinal),
            ["x/example-regions.yaml"] = regions,
        }).Definition!.Hash;
        files["x/example-regions.yaml"] = regions.Replace("5000", "5001", StringComparison.Ordinal);
        var changed = LoadFiles(files).Definition!.Hash;
        Assert.Multiple(() =>
        {
            Assert.That(same, Is.EqualTo(a), "the hash depends on content, not on where the files are");
            Assert.That(crlf, Is.EqualTo(a), "line endings are canonicalised");
            Assert.That(changed, Is.Not.EqualTo(a), "an edit in an include changes the hash");
        });
    }

    [Test]
    public void Load_MissingFile_ReportsDiagnosticNotException()
    {
        var result = ScenarioLoader.Load(DataPath("does-not-exist.yaml"));
        Assert.That(result.Success, Is.False);
        Assert.That(result.Diagnostics.Single().Message, Does.Contain("file not found"));
        Assert.That((result.Diagnostics[0].Line, result.Diagnostics[0].Column), Is.EqualTo((1, 1)));
    }

    [Test]
    public void Load_NestedIncludes_ConcatenatesListsInLoadOrder()
    {
        var result = LoadFiles(new Dictionary<string, string>
        {
            ["root.yaml"] = """
                scenario: {name: T, start: 2024-01-01}
                include: [a.yaml, sub/b.yaml]
                actors:
                  - {id: R0, kind: state}
                """,
            ["a.yaml"] = """
                actors:
                  - {id: A0, kind: state}
                """,
            ["sub/b.yaml"] = """
                include: [c.yaml]
                actors:
                  - {id: B0, kind: state, patron: C0}
                """,
            ["sub/c.yaml"] = """
                actors:
                  - {id: C0, kind: state}
                """,
        });
        Assert.That(result.Diagnostics, Is.Empty, () => string.Join("\n", result.Diagnostics));
        var d = result.Definition!;
        Assert.Multiple(() =>
        {
            Assert.That(d.Actors.Select(a => a.Id), Is.EqualTo(new[] { "R0", "A0", "B0", "C0" }));
            Assert.That(d.Files, Is.EqualTo(new[] { "root.yaml", "a.yaml", "sub/b.yaml", "sub/c.yaml" }));
            Assert.That(d.Actors[2].Patron, Is.EqualTo(new ActorId(3)), "ids resolve across files and forward");
        });
    }
}
