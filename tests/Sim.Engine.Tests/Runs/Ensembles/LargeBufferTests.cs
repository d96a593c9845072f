using Sim.Output;

namespace Sim.Engine.Tests.Runs.Ensembles;

/// <summary>The time-series pass's buffer outside the collected heap: what is written is read back, nothing outside it is reachable.</summary>
public class LargeBufferTests
{
    [TestCase(1)]
    [TestCase(1000)]
    [TestCase((2 << 20) + 3)] // past one 2 MB page of floats
    public void WrittenValues_ReadBack_ThroughIndexAndSlice(int length)
    {
        using var buffer = new LargeBuffer(length);
        for (long i = 0; i < length; i++)
        {
            buffer[i] = i * 0.5f;
        }

        Assert.That(buffer.Length, Is.EqualTo(length));
        Assert.That(buffer[length - 1], Is.EqualTo((length - 1) * 0.5f));
        var tail = buffer.Slice(length - 1, 1);
        Assert.That(tail[0], Is.EqualTo((length - 1) * 0.5f));
        tail[0] = -1f;
        Assert.That(buffer[length - 1], Is.EqualTo(-1f));
    }

    [Test]
    public void Scatter_WritesEveryStrideth_AndChecksItsBounds()
    {
        using var buffer = new LargeBuffer(12);
        for (var i = 0; i < 12; i++)
        {
            buffer[i] = -1;
        }

        buffer.Scatter([9, 1, 2, 3, 9], 1, 3, into: 2, stride: 4);
        Assert.That(buffer.Slice(0, 12).ToArray(), Is.EqualTo(new float[] { -1, -1, 1, -1, -1, -1, 2, -1, -1, -1, 3, -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Scatter([1, 2, 3, 4], 0, 4, into: 2, stride: 4), "past the end");
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Scatter([1, 2], 1, 2, into: 0, stride: 1), "past the values");
        Assert.That(buffer[2], Is.EqualTo(1), "nothing written by a refused call");
    }

    [Test]
    public void OutsideTheBuffer_Throws()
    {
        using var buffer = new LargeBuffer(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = buffer[10]);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = buffer[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(5, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(-1, 2));
        Assert.That(buffer.Slice(10, 0).Length, Is.Zero);
    }

    [Test]
    public void AfterDispose_Throws()
    {
        var buffer = new LargeBuffer(10);
        buffer.Dispose();
        buffer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => _ = buffer[0]);
        Assert.Throws<ObjectDisposedException>(() => buffer.Slice(0, 1));
    }
}
