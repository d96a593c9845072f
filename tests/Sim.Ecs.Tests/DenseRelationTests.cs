namespace Sim.Ecs.Tests;

[TestFixture]
public class DenseRelationTests
{
    [Test]
    public void Indexer_WritePair_ReadBackRowMajor()
    {
        var relation = new DenseRelation<int>(4);
        relation[1, 2] = 12;
        relation[2, 1] = 21;
        relation[3, 3] += 5;

        Assert.Multiple(() =>
        {
            Assert.That(relation[1, 2], Is.EqualTo(12));
            Assert.That(relation[2, 1], Is.EqualTo(21), "ordered pairs are distinct");
            Assert.That(relation.Row(1)[2], Is.EqualTo(12));
            Assert.That(relation.AsSpan()[(2 * 4) + 1], Is.EqualTo(21));
            Assert.That(relation[3, 3], Is.EqualTo(5));
            Assert.That(relation.AsSpan().ToArray().Count(v => v != 0), Is.EqualTo(3));
        });
    }

    [Test]
    public void Constructor_Initial_FillsEveryPair()
    {
        var relation = new DenseRelation<double>(3, 0.25);
        Assert.That(relation.AsSpan().ToArray(), Has.Length.EqualTo(9).And.All.EqualTo(0.25));
        Assert.That(relation.Size, Is.EqualTo(3));
    }

    [TestCase(-1, 0)]
    [TestCase(0, -1)]
    [TestCase(3, 0)]
    [TestCase(0, 3)]
    [TestCase(int.MinValue, int.MaxValue)]
    public void Indexer_OutOfBounds_Throws(int from, int to)
    {
        var relation = new DenseRelation<int>(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = relation[from, to]);
    }

    [TestCase(-1)]
    [TestCase(3)]
    public void Row_OutOfBounds_Throws(int from)
    {
        var relation = new DenseRelation<int>(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => relation.Row(from));
    }

    [Test]
    public void Constructor_NegativeSize_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new DenseRelation<int>(-1));

    [Test]
    public void CopyFrom_SameSize_CopiesEveryValue()
    {
        var source = new DenseRelation<int>(3);
        source[0, 2] = 7;
        var target = new DenseRelation<int>(3, 1);
        target.CopyFrom(source);
        Assert.That(target.AsSpan().ToArray(), Is.EqualTo(source.AsSpan().ToArray()));
    }

    [TestCase(2)]
    [TestCase(4)]
    public void CopyFrom_DifferentSize_Throws(int otherSize)
    {
        // A smaller source would otherwise be copied into the wrong pairs without complaint.
        var target = new DenseRelation<int>(3);
        Assert.Throws<ArgumentException>(() => target.CopyFrom(new DenseRelation<int>(otherSize)));
    }
}
