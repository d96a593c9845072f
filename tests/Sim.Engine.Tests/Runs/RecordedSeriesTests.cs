using Sim.Engine.Runs;

namespace Sim.Engine.Tests.Runs;

public class RecordedSeriesTests
{
    [Test]
    public void DocsTable_ListsEveryDeclaredSeries_InOrder()
    {
        var doc = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "scenarios.md"));
        var header = Array.IndexOf(doc, "| series | for | meaning |");
        Assert.That(header, Is.GreaterThan(0), "docs/scenarios.md has the table of recorded series");
        var rows = doc.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        var expected = RecordedSeries.All.Select(k => $"| {Names(k)} | {For(k.Scope)} | {k.Description} |");
        Assert.That(rows, Is.EqualTo(expected));
    }

    [Test]
    public void EveryValue_BelongsToExactlyOneSeries() =>
        Assert.That(RecordedSeries.All.Select(k => k.Value), Is.EquivalentTo(Enum.GetValues<SeriesValue>()));

    [Test]
    public void Recorder_MakesTheDeclaredColumns_ForTheRecordSection()
    {
        var run = Scenario.Load(RepoPaths.Scenario("tutorial")).StartRun(seed: 1, ticks: 3);
        run.Run();
        var record = run.Definition.Record;
        var expected = (record.Pairs.Length * 4) + (record.Actors.Length * 3) + record.Regions.Length + 3;
        Assert.That(run.SeriesNames, Has.Count.EqualTo(expected));
        Assert.That(run.SeriesNames, Is.Unique);
        Assert.That(run.Series("events")[^1], Is.EqualTo(run.State.Events.Count));
    }

    private static string Names(RecordedSeries k) => k.Scope switch
    {
        SeriesScope.DirectedPair => $"`{k.Name}.A.B`, `{k.Name}.B.A`",
        SeriesScope.Pair => $"`{k.Name}.A.B`",
        SeriesScope.Actor => $"`{k.Name}.A`",
        SeriesScope.Region => $"`{k.Name}.R`",
        _ => $"`{k.Name}`",
    };

    private static string For(SeriesScope scope) => scope switch
    {
        SeriesScope.DirectedPair => "each recorded pair, both ways",
        SeriesScope.Pair => "each recorded pair",
        SeriesScope.Actor => "each recorded actor",
        SeriesScope.Region => "each recorded region",
        _ => "the run",
    };
}
