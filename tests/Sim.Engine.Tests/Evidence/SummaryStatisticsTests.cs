using Sim.Engine.Evidence;
using Sim.Engine.Model;
using static Sim.Engine.Tests.Evidence.ObservationsTests;

namespace Sim.Engine.Tests.Evidence;

/// <summary>Summary statistics: hand-checked values, and one code path for observed and simulated events.</summary>
[TestFixture]
public sealed class SummaryStatisticsTests
{
    [Test]
    public void Observed_GedSample_HandCheckedValues()
    {
        var observed = Observations.Load(Path.Combine(Data, "ged-sample.csv"), TestScenario());
        var s = SummaryStatistics.Observed(observed, Year2023);
        // Mapped 2023 events (see ObservationsTests): Jan IS-civilians menaka 4 and JNIM-civilians mopti 1; Feb IS and
        // JNIM against civilians in gao, 2 and 8; Sep and Oct MLI-CSP in kidal, 2 and 3.
        Assert.That(s["events.total.2023-01"], Is.EqualTo(2));
        Assert.That(s["fatalities.total.2023-01"], Is.EqualTo(5));
        Assert.That(s["events.total.2023-02"], Is.EqualTo(2));
        Assert.That(s["fatalities.total.2023-02"], Is.EqualTo(10));
        Assert.That(s["events.total.2023-03"], Is.Zero);
        Assert.That(s["fatalities.region.kidal.2023-10"], Is.EqualTo(3));
        Assert.That(s["events.dyad.MLI~CSP.2023-09"], Is.EqualTo(1));
        Assert.That(s["fatalities.dyad.JNIM~civilians.2023-02"], Is.EqualTo(8));
        Assert.That(s["events.type.one_sided.2023-02"], Is.EqualTo(2));
        Assert.That(s["fatalities.type.state_based.2023-09"], Is.EqualTo(2));
        // Days from 1 January: one-sided on day 0 (1 Jan), state-based on day 272 (30 Sep), non-state never (365).
        Assert.That(s["first.type.one_sided"], Is.Zero);
        Assert.That(s["first.type.state_based"], Is.EqualTo(272));
        Assert.That(s["first.type.non_state"], Is.EqualTo(365));
        Assert.That(s["first.dyad.IS~civilians"], Is.EqualTo(4));
        Assert.That(double.IsNaN(s["control.total.2023-11"]), "GED gives no control changes: unknown, not zero");
        Assert.That(s.Values.Where((v, i) => s.Names[i].StartsWith("events.total.", StringComparison.Ordinal)).Sum(), Is.EqualTo(6));
        // The 2022 row lies 59 km from mopti: mapped within 60 km, it counts in a 2022 window and not in 2023's.
        var wider = Observations.Load(Path.Combine(Data, "ged-sample.csv"), TestScenario(), new ObservationOptions { MaxDistanceKm = 60 });
        var y2022 = SummaryStatistics.Observed(wider, new SummaryWindow(new DateOnly(2022, 1, 1), new DateOnly(2022, 1, 31)));
        Assert.That(y2022["events.dyad.JNIM~civilians.2022-01"], Is.EqualTo(1));
        Assert.That(SummaryStatistics.Observed(wider, Year2023).Values, Is.EqualTo(s.Values));
    }

    [Test]
    public void Layout_NamesAreOrderedAndIndependentOfEvents()
    {
        var layout = new SummaryLayout(TestScenario().Definition, new SummaryWindow(new DateOnly(2023, 11, 5), new DateOnly(2023, 12, 20)));
        Assert.That(layout.Names.Take(4), Is.EqualTo(new[] { "events.total.2023-11", "events.total.2023-12", "fatalities.total.2023-11", "fatalities.total.2023-12" }));
        // Observable actors in scenario order: MLI WAG CSP JNIM IS (RUS declares no observed_as).
        Assert.That(layout.Dyads, Is.EqualTo(new[]
        {
            "MLI~WAG", "MLI~CSP", "MLI~JNIM", "MLI~IS", "WAG~CSP", "WAG~JNIM", "WAG~IS", "CSP~JNIM", "CSP~IS", "JNIM~IS",
            "MLI~civilians", "WAG~civilians", "CSP~civilians", "JNIM~civilians", "IS~civilians",
        }));
        Assert.That(layout.Names, Is.Unique);
        Assert.That(layout.Names.Count, Is.EqualTo((2 * 2) + (5 * 4) + (15 * 4) + (3 * 4) + 3 + 15 + 2 + 5));
        Assert.That(layout.MonthlySeries[2], Is.EqualTo("events.region.kidal"));
        Assert.That(layout.Names[layout.SeriesOffset(2) + 1], Is.EqualTo("events.region.kidal.2023-12"));
    }

    [Test]
    public void Select_GroupsAndWholeNames_InLayoutOrder()
    {
        var layout = new SummaryLayout(TestScenario().Definition, new SummaryWindow(new DateOnly(2023, 11, 1), new DateOnly(2023, 12, 31)));
        var picked = layout.Select(["fatalities.total", "events.total.2023-12", "events.type"]);
        Assert.That(picked.Select(i => layout.Names[i]), Is.EqualTo(new[]
        {
            "events.total.2023-12", "fatalities.total.2023-11", "fatalities.total.2023-12",
            "events.type.state_based.2023-11", "events.type.state_based.2023-12", "events.type.non_state.2023-11",
            "events.type.non_state.2023-12", "events.type.one_sided.2023-11", "events.type.one_sided.2023-12",
        }));
    }

    [TestCase("events.typ")]
    [TestCase("events.type.state")]
    [TestCase("nothing")]
    public void Select_APrefixNotEndingAtADot_NamesNothing(string group)
    {
        var layout = new SummaryLayout(TestScenario().Definition, new SummaryWindow(new DateOnly(2023, 11, 1), new DateOnly(2023, 12, 31)));
        var e = Assert.Throws<InputException>(() => layout.Select([group]));
        Assert.That(e!.Message, Does.Contain($"'{group}'").And.Contain("events.type").And.Contain("fatalities.dyad"));
    }

    [TestCase("ged-sample.csv")]
    [TestCase("acled-sample.csv")]
    public void ObservedAndSimulated_SameEvents_SameStatistics(string file)
    {
        var scenario = TestScenario();
        var observed = Observations.Load(Path.Combine(Data, file), scenario);
        var events = observed.Events.Select(e => AsRunEvent(scenario, e)).ToList();
        var window = new SummaryWindow(new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 1));
        var o = SummaryStatistics.Observed(observed, window);
        var s = SummaryStatistics.Simulated(events, scenario, window);
        Assert.That(s.Names, Is.EqualTo(o.Names));
        for (var i = 0; i < o.Values.Length; i++)
        {
            if (!(observed.GivesControlChanges == false && o.Names[i].StartsWith("control.", StringComparison.Ordinal)))
            {
                Assert.That(s.Values[i], Is.EqualTo(o.Values[i]), o.Names[i]);
            }
        }

        Assert.That(o.Values.Sum(v => double.IsNaN(v) ? 0 : v), Is.GreaterThan(0));
    }

    [Test]
    public void Simulated_LeavesOutWhatNoDataCouldRecord()
    {
        var scenario = TestScenario();
        var day = new DateOnly(2023, 3, 4);
        RunEvent Clash(string actor, string? target, string? region, int deaths) => new()
        {
            Tick = 62,
            Date = day,
            Action = "clash",
            Actor = actor,
            Target = target,
            Region = region,
            Cameo = "190",
            Goldstein = -10,
            AcledType = "Battles",
            Fatalities = deaths,
            CivilianFatalities = 0,
            Origin = EventOrigin.Fighting,
        };
        var events = new[]
        {
            Clash("MLI", "JNIM", "mopti", 3),    // counts: state-based
            Clash("RUS", "JNIM", "mopti", 5),    // RUS declares no observed_as
            Clash("MLI", "JNIM", null, 7),       // no region
            Clash("MLI", "JNIM", "mopti", 0),    // nobody died
            Clash("JNIM", "IS", "menaka", 2),    // counts: non-state
            Clash("MLI", "JNIM", "mopti", 1) with { Action = "threaten", AcledType = null },   // not violence
            Clash("MLI", "CSP", "kidal", 0) with { Action = "occupy", AcledType = "Strategic developments" },   // a control change
        };
        var s = SummaryStatistics.Simulated(events, scenario, Year2023);
        Assert.That(s["events.total.2023-03"], Is.EqualTo(2));
        Assert.That(s["fatalities.total.2023-03"], Is.EqualTo(5));
        Assert.That(s["events.type.state_based.2023-03"], Is.EqualTo(1));
        Assert.That(s["events.type.non_state.2023-03"], Is.EqualTo(1));
        Assert.That(s["first.dyad.MLI~JNIM"], Is.EqualTo(62));
        Assert.That(s["control.total.2023-03"], Is.EqualTo(1));
        Assert.That(s["control.region.kidal"], Is.EqualTo(1));
    }

    [Test]
    public void Simulated_ARun_CountsItsLethalEvents()
    {
        var scenario = TestScenario();
        var run = scenario.StartRun(seed: 3);
        run.Run();
        var s = SummaryStatistics.Simulated(run.Events, scenario, Year2023);
        var lethal = run.Events.Count(e => e.Fatalities > 0 && e.Region is not null && e.AcledType is "Battles" or "Explosions/Remote violence" or "Violence against civilians"
            && scenario.Definition.Actors[scenario.Definition.ActorIndex(e.Actor!)].ObservedAs.Length > 0);
        Assert.That(s.Values.Where((v, i) => s.Names[i].StartsWith("events.total.", StringComparison.Ordinal)).Sum(), Is.EqualTo(lethal).And.GreaterThan(0));
    }

    /// <summary>The model event an observed event would be: the action of its class, and its actors and region.</summary>
    internal static RunEvent AsRunEvent(Scenario scenario, ObservedEvent e)
    {
        var (action, acled) = e.Class switch
        {
            EventClass.OneSided => ("attack_civilians", "Violence against civilians"),
            EventClass.ControlChange => ("occupy", "Strategic developments"),
            _ => ("clash", "Battles"),
        };
        return new RunEvent
        {
            Tick = e.Date.DayNumber - scenario.Start.DayNumber,
            Date = e.Date,
            Action = action,
            Actor = e.Actor,
            Target = e.Target,
            Region = e.Region,
            Cameo = "190",
            Goldstein = -10,
            AcledType = acled,
            Fatalities = e.Fatalities,
            CivilianFatalities = 0,
            Origin = EventOrigin.Rule,
        };
    }

    [Test]
    public void Observed_WholeGedExtract_AgreesWithAnIndependentCount()
    {
        // Expected values counted from the CSV with Python's csv module: rows of 2019-2023 with best >= 1, side A
        // (and side B unless one-sided) among the five names, admin2 or admin1 among the three units.
        var scenario = Scenario.Parse("""
            scenario: {name: GED check, start: 2019-01-01, tick: 1d, horizon: 10}
            actors:
              - {id: MLI, kind: junta, observed_as: ["Government of Mali"]}
              - {id: BFA, kind: junta, observed_as: ["Government of Burkina Faso"]}
              - {id: JNIM, kind: armed_group, observed_as: [JNIM]}
              - {id: IS, kind: armed_group, observed_as: [IS]}
              - {id: DNA, kind: armed_group, observed_as: ["Dan na Ambassagou"]}
            regions:
              - {id: mopti, lat: 0, lon: 0, admin: ["Mopti region"]}
              - {id: gao, lat: 0, lon: 0, admin: ["Gao region"]}
              - {id: sahel, lat: 0, lon: 0, admin: ["Sahel region"]}
            """);
        var observed = Observations.Load(Path.Combine(RepoPaths.Root, "data", "ucdp", "ucdp_ged_sahel_extract.csv"), scenario, new ObservationOptions { MaxDistanceKm = 0 });
        Assert.That(observed.Report.Rows, Is.EqualTo(4212));
        var s = SummaryStatistics.Observed(observed, new SummaryWindow(new DateOnly(2019, 1, 1), new DateOnly(2023, 12, 1)));
        double Sum(string prefix) => s.Values.Where((v, i) => s.Names[i].StartsWith(prefix, StringComparison.Ordinal)).Sum();
        Assert.That((Sum("events.total."), Sum("fatalities.total.")), Is.EqualTo((968.0, 9595.0)));
        Assert.That((Sum("events.type.state_based."), Sum("fatalities.type.state_based.")), Is.EqualTo((531.0, 5284.0)));
        Assert.That((Sum("events.type.non_state."), Sum("fatalities.type.non_state.")), Is.EqualTo((97.0, 1175.0)));
        Assert.That((Sum("events.type.one_sided."), Sum("fatalities.type.one_sided.")), Is.EqualTo((340.0, 3136.0)));
        // Ogossagou, 23 March 2019: 145 killed by Dan na Ambassagou, all of that month's one-sided deaths of the dyad.
        Assert.That((s["events.region.mopti.2019-03"], s["fatalities.region.mopti.2019-03"], s["fatalities.dyad.DNA~civilians.2019-03"]), Is.EqualTo((6.0, 189.0, 145.0)));
        // Solhan (Sahel region of Burkina Faso), 5 June 2021.
        Assert.That((s["events.region.sahel.2021-06"], s["fatalities.region.sahel.2021-06"]), Is.EqualTo((7.0, 212.0)));
    }

    [Test]
    public void Layout_TooManyObservableActors_IsRefused()
    {
        var actors = string.Concat(Enumerable.Range(0, SummaryLayout.MaxObservableActors + 1).Select(i => $"  - {{id: A{i}, kind: armed_group, observed_as: [group{i}]}}\n"));
        var scenario = Scenario.Parse($"scenario: {{name: many, start: 2023-01-01, tick: 1d, horizon: 10}}\nactors:\n{actors}regions:\n  - {{id: r, lat: 0, lon: 0}}\n");
        var e = Assert.Throws<InputException>(() => _ = new SummaryLayout(scenario.Definition, Year2023))!;
        Assert.That(e.Message, Does.Contain("201 actors declare observed_as"));
    }
}
