namespace Sim.Ecs.Tests.Space;

/// <summary>Bytes a warm operation allocates on the calling thread.</summary>
internal static class Allocation
{
    /// <summary>Runs <paramref name="action"/> once to warm it up, then returns what a second run allocates.</summary>
    public static long OfSecondCall(Action action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
