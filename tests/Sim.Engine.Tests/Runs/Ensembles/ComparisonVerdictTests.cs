using Sim.Engine.Runs.Ensembles;

namespace Sim.Engine.Tests.Runs.Ensembles;

/// <summary>The "changed" verdict of a comparison never contradicts the interval printed beside it.</summary>
public class ComparisonVerdictTests
{
    private sealed class Table(string label, params double[] values) : IOutcomeTable
    {
        public string Label => label;

        public ulong Seed => 1;

        public int PointCount => 1;

        public IReadOnlyList<long> Runs { get; } = Enumerable.Range(0, values.Length).Select(i => (long)i).ToList();

        public IReadOnlyList<string> Outcomes { get; } = ["fatalities"];

        public IReadOnlyList<bool> OutcomeIsBool { get; } = [false];

        public double[] OutcomeValues(int outcome, int point = -1) => (double[])values.Clone();
    }

    [Test]
    public void RankTestSignificant_MeanIntervalSpansZero_NotChanged_SaysWhy()
    {
        // Thirty runs one higher in B and one run a hundred lower: the signed ranks say B is higher, the mean
        // difference (-2.3) has an interval spanning zero.
        var a = new Table("A", new double[31]);
        var b = new Table("B", [.. Enumerable.Repeat(1.0, 30), -100.0]);
        var row = EnsembleComparison.Compare(a, b).Single();
        Assert.That(row.Test.Test, Is.EqualTo("Wilcoxon signed-rank"));
        Assert.That(row.Significant, Is.True, "the rank test alone rejects");
        Assert.That(row.Test.Difference.Low, Is.LessThan(0));
        Assert.That(row.Test.Difference.High, Is.GreaterThan(0));
        Assert.That(row.Changed, Is.False);
        Assert.That(row.Verdict, Does.Contain("interval spans 0").And.Contain("Wilcoxon"));
    }

    [Test]
    public void TestAndIntervalAgree_Changed()
    {
        var a = new Table("A", new double[31]);
        var b = new Table("B", [.. Enumerable.Range(0, 31).Select(i => 1.0 + (i % 3))]);
        var row = EnsembleComparison.Compare(a, b).Single();
        Assert.That(row.Changed, Is.True);
        Assert.That(row.Verdict, Is.EqualTo("yes"));
    }
}
