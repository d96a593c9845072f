using Sim.Engine.Evidence;

namespace Sim.Engine.Tests.Evidence;

/// <summary>The importer on committed GED and ACLED samples, mapped row by row by hand (see data/README.md).</summary>
[TestFixture]
public sealed class ObservationsTests
{
    internal static readonly string Data = Path.Combine(RepoPaths.Root, "tests", "Sim.Engine.Tests", "Evidence", "data");

    internal static Scenario TestScenario() => Scenario.Load(Path.Combine(Data, "mali-2023-test.yaml"));

    internal static readonly SummaryWindow Year2023 = new(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 1));

    [Test]
    public void Load_GedSample_MapsEachRowAsCheckedByHand()
    {
        var observed = Observations.Load(Path.Combine(Data, "ged-sample.csv"), TestScenario(), new ObservationOptions { Window = Year2023 });
        var report = observed.Report;
        Assert.That(report.Format, Is.EqualTo("UCDP GED"));
        Assert.That(report.Rows, Is.EqualTo(13));
        // 488047 (2022) is outside; 493895 and 473726 have best 0; 462554 names Dan na Ambassagou; 467772 is placed
        // only in Mali (precision 6); 486357 lies 117 km and 467738 71 km from the nearest region point.
        Assert.That(report.Unmapped[UnmappedReason.OutsideWindow], Is.EqualTo(1));
        Assert.That(report.Unmapped[UnmappedReason.NoDeaths], Is.EqualTo(2));
        Assert.That(report.Unmapped[UnmappedReason.OtherEventType], Is.Zero);
        Assert.That(report.Unmapped[UnmappedReason.ActorUnknown], Is.EqualTo(1));
        Assert.That(report.Unmapped[UnmappedReason.RegionUnknown], Is.EqualTo(1));
        Assert.That(report.Unmapped[UnmappedReason.RegionTooFar], Is.EqualTo(2));
        Assert.That(report.MappedByAdmin, Is.EqualTo(5));
        Assert.That(report.MappedByDistance, Is.EqualTo(1));
        Assert.That(report.Mapped + report.Unmapped.Values.Sum(), Is.EqualTo(report.Rows), "every row is mapped or counted");
        Assert.That(report.UnknownActors, Is.EqualTo(new[] { new NameCount("Dan na Ambassagou", 1) }));
        Assert.That(report.FirstDate, Is.EqualTo(new DateOnly(2022, 1, 1)));
        Assert.That(report.LastDate, Is.EqualTo(new DateOnly(2023, 10, 6)));

        var rows = observed.Events.Select(e => $"{e.SourceId} {e.Date:yyyy-MM-dd} {e.Actor}-{e.Target ?? "civilians"} {e.Region} {e.Class} {e.Fatalities}").ToList();
        Assert.That(rows, Is.EqualTo(new[]
        {
            "494323 2023-09-30 MLI-CSP kidal StateBased 2",
            "493779 2023-10-05 MLI-CSP kidal StateBased 3",
            "470528 2023-02-02 IS-civilians gao OneSided 2",
            "467755 2023-02-03 JNIM-civilians gao OneSided 8",
            "462928 2023-01-05 IS-civilians menaka OneSided 4",
            "467692 2023-01-01 JNIM-civilians mopti OneSided 1",
        }));
        // A record with a quoted field over several lines is named by the line it starts on.
        Assert.That(observed.Events[1].Row, Does.EndWith("ged-sample.csv:4"));
        Assert.That(observed.Events[2].Row, Does.EndWith("ged-sample.csv:12"));
        Assert.That(observed.Events[4].DistanceKm, Is.EqualTo(32.7).Within(1.0));
        Assert.That(observed.Events[0].DistanceKm, Is.Null);
    }

    [Test]
    public void Load_GedSample_WiderDistanceMapsTheFarRows()
    {
        var observed = Observations.Load(Path.Combine(Data, "ged-sample.csv"), TestScenario(), new ObservationOptions { MaxDistanceKm = 150 });
        Assert.That(observed.Report.Unmapped[UnmappedReason.RegionTooFar], Is.Zero);
        Assert.That(observed.Report.Unmapped[UnmappedReason.OutsideWindow], Is.Zero, "no window: every date is kept");
        // 462928 (33 km), 488047 (59 km from mopti, the 2022 row), 467738 (71 km) and 486357 (117 km).
        Assert.That(observed.Report.MappedByDistance, Is.EqualTo(4));
        var far = observed.Events.Single(e => e.SourceId == "486357");
        Assert.That((far.Actor, far.Target, far.Region, far.Class), Is.EqualTo(("IS", "JNIM", "menaka", EventClass.NonState)));
    }

    [Test]
    public void Load_AcledShapedSample_MapsEachRowAsCheckedByHand()
    {
        var observed = Observations.Load(Path.Combine(Data, "acled-sample.csv"), TestScenario());
        var report = observed.Report;
        Assert.That(report.Format, Is.EqualTo("ACLED"));
        Assert.That(observed.GivesControlChanges, Is.True);
        Assert.That(report.Rows, Is.EqualTo(9));
        Assert.That(report.MappedByAdmin, Is.EqualTo(3));
        Assert.That(report.MappedByDistance, Is.EqualTo(2));
        Assert.That(report.Unmapped[UnmappedReason.OtherEventType], Is.EqualTo(1));
        Assert.That(report.Unmapped[UnmappedReason.NoDeaths], Is.EqualTo(1));
        Assert.That(report.Unmapped[UnmappedReason.ActorUnknown], Is.EqualTo(1));
        Assert.That(report.Unmapped[UnmappedReason.RegionTooFar], Is.EqualTo(1));
        Assert.That(report.UnknownActors.Select(n => n.Name), Is.EqualTo(new[] { "Unidentified Armed Group (Mali)" }));
        Assert.That(report.UnknownAdmin.Select(n => n.Name), Is.EqualTo(new[] { "Timbuktu / Goundam" }));
        var rows = observed.Events.Select(e => $"{e.SourceId} {e.Date:yyyy-MM-dd} {e.Actor}-{e.Target ?? "civilians"} {e.Region} {e.Class} {e.Fatalities}").ToList();
        Assert.That(rows, Is.EqualTo(new[]
        {
            "TST0001 2023-11-14 MLI-CSP kidal ControlChange 0",
            "TST0002 2023-11-03 JNIM-MLI mopti StateBased 5",
            "TST0003 2023-11-12 WAG-civilians mopti OneSided 12",
            "TST0006 2023-11-25 MLI-CSP kidal StateBased 8",
            "TST0007 2023-11-28 IS-JNIM menaka NonState 20",
        }));
        Assert.That(observed.Events[3].Row, Does.EndWith("acled-sample.csv:8"), "the two-line record before it shifts the lines");
    }

    [Test]
    public void Parse_BadRows_ReportEachWithFileAndLine()
    {
        var lines = File.ReadAllText(Path.Combine(Data, "ged-sample.csv")).Split('\n').ToList();
        // Line 16 starts record 486357, line 22 record 467692: break a date and a death count there.
        lines[15] = lines[15].Replace(",2023-01-01,2023-01-31,", ",2023-13-01,2023-01-31,", StringComparison.Ordinal);
        lines[21] = lines[21].Replace(",0,0,1,0,1,1,1,", ",0,0,1,0,one,1,1,", StringComparison.Ordinal);
        var e = Assert.Throws<ObservationException>(() => Observations.Parse(string.Join('\n', lines), "bad.csv", TestScenario()))!;
        Assert.That(e.Errors.Select(x => x.Line), Is.EqualTo(new[] { 16, 22 }));
        Assert.That(e.Message, Does.Contain("bad.csv:16: date_start '2023-13-01' is not a date"));
        Assert.That(e.Message, Does.Contain("bad.csv:22: best 'one' is not a whole number >= 0"));
        Assert.That(e.Message, Does.EndWith("2 bad rows in bad.csv; nothing was read."));
        Assert.That(e, Is.InstanceOf<InputException>(), "shown as a message with exit code 2");
    }

    [Test]
    public void Parse_WrongFieldCountOrOpenQuote_IsAnError()
    {
        const string header = "event_date,event_type,sub_event_type,actor1,actor2,admin1,admin2,latitude,longitude,fatalities\n";
        var short_ = Assert.Throws<ObservationException>(() => Observations.Parse(header + "2023-01-01,Battles,Armed clash,JNIM,IS\n", "a.csv", TestScenario()))!;
        Assert.That(short_.Message, Does.StartWith("a.csv:2: expected 10 fields as in the header, got 5"));
        var open = Assert.Throws<ObservationException>(() => Observations.Parse(header + "2023-01-01,Battles,\"Armed clash,JNIM\n", "b.csv", TestScenario()))!;
        Assert.That(open.Message, Does.StartWith("b.csv:2: a quoted field opened here is never closed"));
        var neither = Assert.Throws<ObservationException>(() => Observations.Parse("a,b\n1,2\n", "c.csv", TestScenario()))!;
        Assert.That(neither.Message, Does.StartWith("c.csv:1: the header is neither UCDP GED's"));
        var missing = Assert.Throws<ObservationException>(() => Observations.Load(Path.Combine(Data, "no-such.csv"), TestScenario()))!;
        Assert.That(missing.Message, Does.Contain("cannot read the observed events"));
    }

    [Test]
    public void Parse_AcledDates_AcceptIsoAndLongForm()
    {
        const string header = "event_date,event_type,sub_event_type,actor1,actor2,admin1,admin2,latitude,longitude,fatalities\r\n";
        var observed = Observations.Parse(header + "3 March 2023,Battles,Armed clash,JNIM: Group for Support of Islam and Muslims,Islamic State (Sahel),Gao region,,,,7\r\n", "d.csv", TestScenario());
        var e = observed.Events.Single();
        Assert.That((e.Date, e.Region, e.Class), Is.EqualTo((new DateOnly(2023, 3, 3), "gao", EventClass.NonState)));
    }

    [Test]
    public void Scenario_ObservedNameDeclaredTwice_IsADiagnostic()
    {
        var yaml = File.ReadAllText(Path.Combine(Data, "mali-2023-test.yaml"))
            .Replace("observed_as: [\"Wagner Group\"]", "observed_as: [\"wagner group\", \"JNIM\"]", StringComparison.Ordinal)
            .Replace("admin: [\"Gao region\"]", "admin: [\"KIDAL\"]", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => Scenario.Parse(yaml, "dup.yaml"))!;
        Assert.That(e.Diagnostics.Select(d => d.Message), Is.EquivalentTo(new[]
        {
            "'JNIM' in 'observed_as' of 'JNIM' is already declared by 'WAG'",
            "'KIDAL' in 'admin' of 'gao' is already declared by 'kidal'",
        }));
    }

    [Test]
    public void Parse_BothSidesOneActor_IsCountedAsSameActor()
    {
        const string header = "event_date,event_type,sub_event_type,actor1,actor2,admin1,admin2,latitude,longitude,fatalities\n";
        var observed = Observations.Parse(header + "2023-03-03,Battles,Armed clash,JNIM,JNIM: Group for Support of Islam and Muslims,Gao region,,,,2\n", "e.csv", TestScenario());
        Assert.That(observed.Events, Is.Empty);
        Assert.That(observed.Report.Unmapped[UnmappedReason.SameActor], Is.EqualTo(1));
    }
}
