using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Model;

/// <summary>Each effect a rule may apply changes what it says, and a checked run holds the change to what rules may change.</summary>
public class RuleEffectTests
{
    private const string Quiet = "activity=0";

    private static ScenarioRun Checked(string yaml, int ticks, params string[] overrides)
    {
        var run = new ScenarioRun(TinyWorld.Load(yaml, overrides), 1, ticks, options: new RunOptions { Check = true });
        run.Run();
        return run;
    }

    [Test]
    public void Treaty_SetByRule_BindsThePartnerFromTheNextEvent_AndEndsWhenSetToNone()
    {
        // C and B have no treaty at the start; a rule signs a defence pact, then A strikes B: C takes it as aimed at itself.
        const string Strike = "{event: {action: strike, actor: A, target: B}}";
        var signed = Checked(TinyWorld.Header + $$$"""
            timeline:
              - {tick: 0, then: [{treaty: {a: C, b: B, type: defense_pact}}, {{{Strike}}}]}
            """, 1, Quiet);
        Assert.That(signed.State.Treaties[2, 1], Is.EqualTo(Treaty.DefensePact));
        Assert.That(signed.State.Treaties[1, 2], Is.EqualTo(Treaty.DefensePact), "both ways unless directed");
        Assert.That(signed.State.Partners.Of(1).ToArray(), Is.EqualTo(new[] { 2 }), "the partner index is refreshed");
        Assert.That(signed.State.Tension[2, 0], Is.GreaterThan(0));
        Assert.That(signed.State.Affinity[2, 0], Is.LessThan(0));

        var ended = Checked(TinyWorld.Header + $$$"""
            relations:
              - {between: [C, B], treaty: defense_pact}
            timeline:
              - {tick: 0, then: [{treaty: {a: C, b: B, type: none}}, {{{Strike}}}]}
            """, 1, Quiet);
        Assert.That(ended.State.Treaties[2, 1], Is.EqualTo(Treaty.None));
        Assert.That(ended.State.Partners.Of(1).Length, Is.Zero);
        Assert.That(ended.State.Tension[2, 0], Is.Zero, "no treaty, no obligation");

        var directed = Checked(TinyWorld.Header + """
            timeline:
              - {tick: 0, then: [{treaty: {a: C, b: B, type: entente, directed: true}}]}
            """, 1, Quiet);
        Assert.That((directed.State.Treaties[2, 1], directed.State.Treaties[1, 2]), Is.EqualTo((Treaty.Entente, Treaty.None)));
    }

    [Test]
    public void ScriptedArmsDelivery_RaisesTheClientsPower_AndItsForcesStrength_ByTheirStartingStrength()
    {
        var run = Checked(TinyWorld.Header + """
            forces:
              - {owner: B, region: r2, strength: 300}
              - {owner: B, region: r1, strength: 100}
              - {owner: C, region: r2, strength: 50}
            timeline:
              - {tick: 0, then: [{strength: {actor: B, region: r2, set: 100}}]}
              - {tick: 1, then: [{event: {action: arm_client, actor: A, target: B}}, {event: {action: arm_client, actor: A, target: B}}]}
            """, 2, Quiet, "arms_transfer=0.1", "arms_race_fatigue=0", "arms_race_reaction=0");
        // Each delivery adds 0.1 of B's starting 400, shared by strength: 100 + 100 + 40 + 40 = 280.
        Assert.That(run.State.Strengths.Of(1, -1), Is.EqualTo(280).Within(1e-9));
        Assert.That(run.State.Strengths.Of(1, 1), Is.EqualTo(140).Within(1e-9), "in proportion to the strength where it stands");
        Assert.That(run.State.Strengths.Of(2, -1), Is.EqualTo(50), "no one else's");
        Assert.That(run.State.Power(1), Is.EqualTo(1.2).Within(1e-9));
    }

    [Test]
    public void Power_AndEconomy_AddAndSet_KeptAtOrAboveZero()
    {
        var run = Checked(TinyWorld.Header + """
            timeline:
              - {tick: 0, then: [{power: {actor: A, add: 0.5}}, {economy: {actor: A, set: 3}}, {power: {actor: B, add: -5}}, {economy: {actor: C, add: "-2 * power(C)"}}]}
            """, 1, Quiet, "arms_race_fatigue=0", "arms_race_reaction=0");
        Assert.That(run.State.Power(0), Is.EqualTo(1.5));
        Assert.That(run.State.CapabilityOf(0).Economy, Is.EqualTo(3));
        Assert.That(run.State.Power(1), Is.Zero, "power is never negative");
        Assert.That(run.State.CapabilityOf(2).Economy, Is.Zero, "nor is an economy");
    }

    [Test]
    public void Affinity_WithBaseline_HoldsAgainstDrift_WithoutItDriftsBack()
    {
        double After(string baseline) => Checked(TinyWorld.Header + $$$"""
            relations:
              - {between: [A, B], affinity: 0.5}
            timeline:
              - {tick: 0, then: [{affinity: {from: A, to: B, set: -0.5{{{baseline}}}}}]}
            """, 100, Quiet).State.Affinity[0, 1];
        Assert.That(After(""), Is.GreaterThan(0), "drifts back toward the starting 0.5");
        Assert.That(After(", baseline: true"), Is.EqualTo(-0.5).Within(1e-12), "the new baseline holds it");
    }

    [Test]
    public void NewEffects_BadValues_AreReportedAtTheirKey()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-effects-{Guid.NewGuid():N}.yaml");
        var text = TinyWorld.Header + """
            timeline:
              - {tick: 0, then: [{treaty: {a: A, b: A, type: alliance}}, {power: {actor: A, set: -1}}, {economy: {actor: A}}]}
            """;
        var line = Array.FindIndex(text.Split('\n'), l => l.Contains("{tick: 0", StringComparison.Ordinal)) + 1;
        File.WriteAllText(path, text);
        try
        {
            var messages = ScenarioLoader.Load(path).Diagnostics.Select(d => $"{d.Line}:{d.Message}").ToList();
            Assert.That(messages, Has.Some.Contains("'a' and 'b' are the same actor"));
            Assert.That(messages, Has.Some.Contains("alliance"));
            Assert.That(messages, Has.Some.Contains("economy effect needs 'add' or 'set'"));
            Assert.That(messages, Has.Count.EqualTo(4), "and a constant power below 0: " + string.Join(" | ", messages));
            Assert.That(messages, Has.All.StartsWith($"{line}:"), "on the timeline entry's line");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
