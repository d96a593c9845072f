using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;
using Sim.Engine.Model;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>
/// The model's invariants (see <see cref="Invariants"/>) over many seeds of the shipped scenarios and over random
/// small valid scenarios with random parameter values; and the checker itself, which must catch each kind of breakage.
/// </summary>
[TestFixture]
public sealed class InvariantTests
{
    private static string Shipped(string name) => Path.Combine(Scenarios.ScenarioTestHelpers.RepoRoot(), "scenarios", name, "scenario.yaml");

    [TestCaseSource(typeof(RepoPaths), nameof(RepoPaths.ShippedScenarios))]
    public void CheckedRun_ShippedScenarioAnySeed_NoInvariantBroken(string scenario)
    {
        var definition = ScenarioLoader.Load(Shipped(scenario)).Definition!;
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue).Select(s => (ulong)s)), seed =>
        {
            new ScenarioRun(definition, seed, options: new RunOptions { Check = true }).Run();
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    [Test]
    public void CheckedRun_RandomValidScenario_NoInvariantBroken()
    {
        Prop.ForAll(Arb.From(RandomScenario()), s =>
        {
            var result = ScenarioLoader.LoadFromMemory("r.yaml", new Dictionary<string, byte[]> { ["r.yaml"] = Encoding.UTF8.GetBytes(s.Yaml) }, s.Overrides);
            Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty, s.Yaml);
            try
            {
                new ScenarioRun(result.Definition!, s.Seed, 60, options: new RunOptions { Check = true }).Run();
            }
            catch (InvariantViolationException e)
            {
                Assert.Fail($"{e.Message}\n--set {string.Join(" --set ", s.Overrides)} --seed {s.Seed}\n{s.Yaml}");
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Test]
    public void CheckedRun_SameBytesAsUnchecked()
    {
        var definition = ScenarioLoader.Load(Shipped("sahel-2024")).Definition!;
        var plain = new ScenarioRun(definition, 7);
        var checkedRun = new ScenarioRun(definition, 7, options: new RunOptions { Check = true });
        plain.Run();
        checkedRun.Run();
        Assert.That(checkedRun.State.Events.All.ToArray(), Is.EqualTo(plain.State.Events.All.ToArray()));
        Assert.That(checkedRun.EvaluateOutcomes(), Is.EqualTo(plain.EvaluateOutcomes()));
    }

    [TestCase("affinity", "affinity(NORTH, SOUTH) = 1.5 is outside [-1, 1]")]
    [TestCase("rung", "escalation(NORTH, SOUTH) = 12")]
    [TestCase("nan", "NORTH has power NaN")]
    [TestCase("strength", "strength -5")]
    [TestCase("population", "region riverford has population -1")]
    [TestCase("controller", "region northgate is controlled by actor index 17, which does not exist")]
    public void CheckedRun_BrokenState_StopsAtFirstSystemNamingEntities(string breakage, string expected)
    {
        var run = new ScenarioRun(ScenarioLoader.Load(Shipped("tutorial")).Definition!, 1, 10, options: new RunOptions { Check = true });
        var s = run.State;
        switch (breakage)
        {
            case "affinity": s.Affinity[0, 1] = 1.5; break;
            case "rung": s.Escalation[0, 1] = s.Escalation[1, 0] = s.MaxEscalation[0, 1] = s.MaxEscalation[1, 0] = 12; break;
            case "nan": s.CapabilityOf(0).Power = double.NaN; break;
            case "strength": s.Strengths.Scale(0, 1, -5.0 / 400); break;
            case "population": s.RegionOf(1).Population = -1; break;
            default: s.RegionOf(0).Controller = 17; break;
        }

        var e = Assert.Throws<InvariantViolationException>(() => run.Run());
        Assert.That(e!.Violation.Tick, Is.EqualTo(0));
        Assert.That(e.Violation.After, Is.EqualTo("timeline"));
        Assert.That(e.Message, Does.StartWith("invariant broken at tick 0, after system 'timeline': ").And.Contains(expected));
    }

    [Test]
    public void CheckConservation_StrengthLostWithoutAReport_Violation()
    {
        var run = new ScenarioRun(ScenarioLoader.Load(Shipped("tutorial")).Definition!, 1, 10);
        var invariants = new Invariants(run.State);
        invariants.Before();
        Assert.That(invariants.CheckConservation(), Is.Null);
        run.State.Strengths.Scale(0, 0, 0.5); // 1000 of NORTH's 2000 at northgate vanish, no event says they died
        Assert.That(invariants.CheckConservation(), Does.StartWith("0 combatants reported killed but 1000 strength removed from forces"));
    }

    [Test]
    public void CheckConservation_DeathsReportedButNobodyRemoved_Violation()
    {
        var run = new ScenarioRun(ScenarioLoader.Load(Shipped("tutorial")).Definition!, 1, 10);
        var invariants = new Invariants(run.State);
        invariants.Before();
        var clash = run.Definition.ActionIndex("clash");
        run.State.Emit(new SimEvent { Tick = 0, Action = clash, Actor = new ActorId(0), Target = new ActorId(2), Region = new RegionId(1), Goldstein = -10, Fatalities = 30, CivilianFatalities = 5, Origin = EventOrigin.Fighting });
        Assert.That(invariants.CheckConservation(), Does.StartWith("25 combatants reported killed but 0 strength removed").And.Contains("clash NORTH -> FRONT in riverford: 30 killed, 5 civilians"));
    }

    [Test]
    public void CheckStrikesInReach_ChosenShellingBeyondRange_Violation_ScriptedOrInReach_Fine()
    {
        // The River Front's guns reach 15 km from Riverford, which it holds; Northgate is about 78 km away.
        var run = new ScenarioRun(ScenarioLoader.Load(Shipped("tutorial")).Definition!, 1, 10);
        var invariants = new Invariants(run.State);
        var shell = run.Definition.ActionIndex("shell");
        SimEvent Shell(int region, EventOrigin origin) => new() { Tick = 0, Action = shell, Actor = new ActorId(2), Target = new ActorId(0), Region = new RegionId(region), Goldstein = -10, Origin = origin };
        invariants.Before();
        run.State.Emit(Shell(1, EventOrigin.Decision));
        run.State.Emit(Shell(0, EventOrigin.Timeline));
        Assert.That(invariants.CheckStrikesInReach(), Is.Null);
        run.State.Emit(Shell(0, EventOrigin.Decision));
        Assert.That(invariants.CheckStrikesInReach(), Does.StartWith("FRONT's shell hit northgate, 78").And.EndWith("km from its nearest base, beyond its range of 15 km"));
    }

    [Test]
    public void CheckRegimes_SanctionRecordedWhileHeld_Violation_FirstImposition_Fine()
    {
        var run = new ScenarioRun(ScenarioLoader.Load(Shipped("tutorial")).Definition!, 1, 10);
        var invariants = new Invariants(run.State);
        var sanction = run.Definition.ActionIndex("sanction");
        var rng = new Sim.Ecs.Rng(1);
        invariants.Before();
        Assert.That(run.State.Acts.Perform(sanction, 0, 1, RegionId.None, EventOrigin.Decision, ref rng), Is.True);
        Assert.That(run.State.Acts.Perform(sanction, 0, 1, RegionId.None, EventOrigin.Decision, ref rng), Is.False, "a held regime is not imposed again");
        Assert.That(invariants.CheckChanges(StateChanges.Events | StateChanges.Regimes), Is.Null);
        Assert.That(invariants.CheckChanges(StateChanges.Events), Is.EqualTo("a diplomatic regime changed, but the system declares only these changes: Events"));

        invariants.Before();
        run.State.Emit(sanction, EventOrigin.Decision, actor: new ActorId(0), target: new ActorId(1), region: RegionId.None);
        Assert.That(invariants.CheckChanges(StateChanges.Events | StateChanges.Regimes), Is.EqualTo("NORTH imposed Sanctions on SOUTH again (sanction) while it held since tick 0"));

        invariants.Before();
        run.State.Regimes.Impose(2, 3, Regime.AirspaceClosed);
        Assert.That(invariants.CheckChanges(StateChanges.Regimes), Is.EqualTo("FRONT holds AirspaceClosed toward EAST since tick 0 (before: -1) with no act imposing it this tick"));
    }

    [Test]
    public void CheckConquests_RegionTakenWhileItsHolderStands_Violation()
    {
        var run = new ScenarioRun(ScenarioLoader.Load(Shipped("tutorial")).Definition!, 1, 10);
        var invariants = new Invariants(run.State);
        invariants.Before();
        run.State.RegionOf(1).Controller = 0; // Northland's 400 stand in Riverford, but so do the Front's 500, unbroken
        Assert.That(invariants.CheckChanges(StateChanges.Control), Is.EqualTo("region riverford passed from FRONT to NORTH while an unbroken force of FRONT held it"));
        Assert.That(invariants.CheckChanges(StateChanges.ScenarioEffects), Is.Null, "a scenario's effects may hand a region over");
    }

    [Test]
    public void CheckMarches_TwoHopsInOneTick_Violation_OneHop_Fine()
    {
        // northgate - riverford - southport: a force may step to riverford, not jump to southport.
        var run = new ScenarioRun(ScenarioLoader.Load(Shipped("tutorial")).Definition!, 1, 10);
        var invariants = new Invariants(run.State);
        var table = run.State.World.GetQuery(new Sim.Ecs.QueryDescription().WithAll<Force>()).Tables[0];
        var forces = table.GetSpan<Force>();
        invariants.Before();
        forces[0].Region = 1;
        Assert.That(invariants.CheckMarches(), Is.Null);
        forces[0].Region = 2;
        Assert.That(invariants.CheckMarches(), Is.EqualTo("a force of NORTH moved from northgate to southport, which is not adjacent, in one tick"));
    }

    [Test]
    public void CheckChanges_UndeclaredChange_NamesIt_DeclaredChange_Fine()
    {
        var run = new ScenarioRun(ScenarioLoader.Load(Shipped("tutorial")).Definition!, 1, 10);
        var invariants = new Invariants(run.State);
        invariants.Before();
        run.State.Affinity[0, 1] = 0.25;
        Assert.That(invariants.CheckChanges(StateChanges.Affinity), Is.Null);
        Assert.That(invariants.CheckChanges(StateChanges.Threat | StateChanges.Power),
            Is.EqualTo("an affinity or its baseline changed, but the system declares only these changes: Threat, Power"));
    }

    [Test]
    public void CheckChanges_StrengthOrPlaceChangedWithoutDeclaringIt_Violation()
    {
        var run = new ScenarioRun(ScenarioLoader.Load(Shipped("tutorial")).Definition!, 1, 10);
        var invariants = new Invariants(run.State);
        var forces = run.State.World.GetQuery(new Sim.Ecs.QueryDescription().WithAll<Force>()).Tables[0].GetSpan<Force>();
        invariants.Before();
        forces[0].Region = 1;
        Assert.That(invariants.CheckChanges(StateChanges.Marches), Is.Null);
        Assert.That(invariants.CheckChanges(StateChanges.None), Is.EqualTo("a force of NORTH moved from northgate to riverford, but the system declares no marches"));

        forces[0].Region = 0;
        run.State.Strengths.Scale(0, 0, 0.5);
        Assert.That(invariants.CheckChanges(StateChanges.Strength), Is.Null);
        Assert.That(invariants.CheckChanges(StateChanges.Events), Is.EqualTo("the strength of NORTH went from 2400 to 1400, but the system declares no change of strength"));
        Assert.That(invariants.CheckChanges(StateChanges.Casualties), Does.StartWith("0 combatants reported killed but 1000 strength removed from forces"));
    }

    [Test]
    public void ModelSystems_EachDeclaresWhatItChanges()
    {
        var systems = ModelSystems.Create(new ScenarioRun(ScenarioLoader.Load(Shipped("tutorial")).Definition!, 1, 10).State);
        Assert.That(systems.Where(s => s.Changes.HasFlag(StateChanges.Marches)).Select(s => s.Name), Is.EqualTo(new[] { "fighting" }));
        Assert.That(systems.Where(s => s.Changes.HasFlag(StateChanges.Casualties)).Select(s => s.Name), Is.EqualTo(new[] { "timeline", "decisions", "fighting", "rules" }));
        Assert.That(systems.Select(s => s.Changes), Has.None.EqualTo(StateChanges.None));
    }

    private sealed record RandomInput(string Yaml, string[] Overrides, ulong Seed)
    {
        public override string ToString() => Yaml;
    }

    /// <summary>Small valid scenarios: 2-5 actors of every kind (a PMC with a patron and a host), 1-4 connected regions, forces, relations, engine parameters anywhere in their ranges.</summary>
    private static Gen<RandomInput> RandomScenario() =>
        from actors in Gen.Choose(2, 5)
        from regions in Gen.Choose(1, 4)
        from seed in Gen.Choose(0, int.MaxValue)
        from draws in Gen.ArrayOf(Gen.Choose(0, 1_000_000), 200)
        from parameters in Gen.SubListOf(ModelParameters.All.ToArray())
        from fractions in Gen.ArrayOf(Gen.Choose(0, 1000), ModelParameters.All.Count)
        select Build(actors, regions, (ulong)seed, draws, parameters, fractions);

    private static RandomInput Build(int actorCount, int regionCount, ulong seed, int[] draws, IEnumerable<ModelParameterInfo> parameters, int[] fractions)
    {
        var d = 0;
        double U() => draws[d++ % draws.Length] / 1_000_000.0;
        int I(int n) => (int)(U() * n) % n;
        string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        string[] kinds = ["state", "junta", "separatist", "armed_group", "state"];
        string[] treaties = ["none", "defense_pact", "non_aggression", "entente"];
        var sb = new StringBuilder("scenario: {name: random, start: 2024-01-01, tick: 1d, horizon: 60}\nactors:\n");
        for (var a = 0; a < actorCount; a++)
        {
            // The last actor is a PMC working for the first (and the third, with four or more), backed by the second, whenever there are three or more.
            var pmc = actorCount >= 3 && a == actorCount - 1;
            sb.Append(CultureInfo.InvariantCulture, $"  - {{id: A{a}, name: A{a}, kind: {(pmc ? "pmc" : kinds[I(kinds.Length)])}, power: {N(U() * 5)}, economy: {N(U() * 5)}, cohesion: {N(U())}, resolve: {N(U())}, rationality: {N(U() * 6)}");
            // Any kind may own strike means; regions lie 111 km apart, so reaches of 0-300 km hit none to a few of them.
            sb.Append(CultureInfo.InvariantCulture, $", aircraft: {{assets: {I(20)}, range_km: {N(U() * 300)}}}, artillery: {{assets: {I(10)}, range_km: {N(U() * 150)}}}");
            sb.Append(CultureInfo.InvariantCulture, $", air_defence: {{effectiveness: {N(U())}, range_km: {N(U() * 300)}}}");
            var second = actorCount >= 4 ? $", {{host: A2, payment: {N(U() * 0.01)}}}" : "";
            sb.Append(pmc ? $", patron: A1, contracts: [{{host: A0, payment: {N(U() * 0.01)}}}{second}]}}\n" : "}\n");
        }

        sb.Append("regions:\n");
        for (var r = 0; r < regionCount; r++)
        {
            var adjacent = r + 1 < regionCount ? $", adjacent: [R{r + 1}]" : "";
            var controller = U() < 0.2 ? "" : $", controller: A{I(actorCount)}";
            sb.Append(CultureInfo.InvariantCulture, $"  - {{id: R{r}, name: R{r}, lat: {N(r)}, lon: 0, population: {N(U() < 0.2 ? 0 : U() * 1e6)}{controller}{adjacent}}}\n");
        }

        sb.Append("forces:\n");
        for (var f = 0; f < actorCount + regionCount; f++)
        {
            var owner = I(actorCount);
            var contract = actorCount >= 3 && owner == actorCount - 1 ? (actorCount >= 4 && U() < 0.5 ? ", contract: A2" : ", contract: A0") : "";
            sb.Append(CultureInfo.InvariantCulture, $"  - {{owner: A{owner}, region: R{I(regionCount)}, strength: {N(U() < 0.1 ? 0 : U() * 5000)}{contract}}}\n");
        }

        sb.Append("relations:\n");
        for (var a = 0; a < actorCount; a++)
        {
            for (var b = a + 1; b < actorCount; b++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  - {{between: [A{a}, A{b}], affinity: {N((U() * 2) - 1)}, escalation: {I(10)}, treaty: {treaties[I(treaties.Length)]}}}\n");
            }
        }

        // Rules that change treaties, power, economy and a baseline, reinforce the PMC (a force for its host) and take it over.
        sb.Append(CultureInfo.InvariantCulture, $"rules:\n  - {{id: shift, when: 'tick == {I(20)}', then: [{{treaty: {{a: A0, b: A1, type: {treaties[I(treaties.Length)]}}}}}, {{power: {{actor: A1, add: {N((U() * 2) - 1)}}}}}, {{economy: {{actor: A0, set: {N(U())}}}}}, {{affinity: {{from: A1, to: A0, set: {N((U() * 2) - 1)}, baseline: true}}}}]}}\n");
        if (actorCount >= 3)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  - {{id: pmc, when: 'tick == {I(40)}', then: [{{strength: {{actor: A{actorCount - 1}, region: R{I(regionCount)}, add: {N(U() * 1000)}}}}}, {{takeover: {{pmc: A{actorCount - 1}}}}}]}}\n");
        }

        var overrides = parameters.Select((p, i) => string.Create(CultureInfo.InvariantCulture,
            $"{p.Id}={p.Min + ((p.Max - p.Min) * fractions[i] / 1000.0)}")).ToArray();
        return new RandomInput(sb.ToString(), overrides, seed);
    }
}
