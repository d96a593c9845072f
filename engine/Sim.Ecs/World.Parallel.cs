namespace Sim.Ecs;

public sealed partial class World
{
    /// <summary>Rows per block in parallel queries: big enough to amortise scheduling, small enough to balance two to sixteen cores.</summary>
    public const int DefaultBlockSize = 16_384;

    private Block[] _blocks = new Block[16];
    private CommandBuffer[] _blockBuffers = [];
    private BlockRunner? _runner;

    /// <summary>
    /// Upper bound on worker threads for parallel queries (default: all cores). Blocks are fixed
    /// by row count, not by thread, so this changes speed, never results.
    /// </summary>
    public int MaxThreads { get; set; } = Environment.ProcessorCount;

    private interface IBlockBody
    {
        void Run(Archetype table, int start, int end, CommandBuffer commands);
    }

    private void RunBlocks(Query query, int blockSize, IBlockBody body)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        var blockCount = 0;
        foreach (var table in query.Tables)
        {
            for (var start = 0; start < table.Count; start += blockSize)
            {
                if (blockCount == _blocks.Length)
                {
                    Array.Resize(ref _blocks, _blocks.Length * 2);
                }

                _blocks[blockCount++] = new Block(table, start, Math.Min(start + blockSize, table.Count));
            }
        }

        if (_blockBuffers.Length < blockCount)
        {
            var grown = new CommandBuffer[Math.Max(blockCount, _blockBuffers.Length * 2)];
            _blockBuffers.CopyTo(grown, 0);
            for (var b = _blockBuffers.Length; b < grown.Length; b++)
            {
                grown[b] = new CommandBuffer();
            }

            _blockBuffers = grown;
        }

        // A query that threw leaves its blocks' commands unplayed; they must not leak into this one.
        for (var b = 0; b < blockCount; b++)
        {
            _blockBuffers[b].Clear();
        }

        EnterIteration();
        try
        {
            var blocks = _blocks;
            var buffers = _blockBuffers;
            if (MaxThreads <= 1 || blockCount <= 1)
            {
                for (var b = 0; b < blockCount; b++)
                {
                    body.Run(blocks[b].Table, blocks[b].Start, blocks[b].End, buffers[b]);
                }
            }
            else
            {
                (_runner ??= new BlockRunner()).Run(blocks, buffers, blockCount, body, MaxThreads);
            }
        }
        finally
        {
            ExitIteration();
        }

        for (var b = 0; b < blockCount; b++)
        {
            if (_blockBuffers[b].Count > 0)
            {
                _blockBuffers[b].Playback(this);
            }
        }
    }

    private readonly record struct Block(Archetype Table, int Start, int End);

    /// <summary>
    /// Runs one query's blocks on the calling thread and on <see cref="BlockWorkers"/>. The
    /// runner is itself the work item, posted once per worker, and blocks are claimed with one
    /// atomic counter, so a parallel query allocates nothing; <c>Parallel.For</c> allocated a
    /// closure, options and its own state per call.
    /// </summary>
    /// <remarks>
    /// The calling thread never waits for a worker to start: when it has run out of blocks it
    /// closes the run and waits only for workers already inside it. A worker that starts late
    /// sees the run closed and leaves, or joins a later run of the same world, which is safe
    /// because every run re-opens with its own blocks. So busy workers (many worlds running
    /// parallel queries at once, as in an ensemble) cost parallelism, never a stall.
    /// </remarks>
    private sealed class BlockRunner : IThreadPoolWorkItem
    {
        private Block[] _blocks = [];
        private CommandBuffer[] _buffers = [];
        private IBlockBody? _body;
        private int _count;
        private int _next;
        private int _inside;
        private int _queued;
        private int _closed = 1;
        private Exception? _error;

        public void Run(Block[] blocks, CommandBuffer[] buffers, int count, IBlockBody body, int maxThreads)
        {
            _blocks = blocks;
            _buffers = buffers;
            _body = body;
            _count = count;
            _next = 0;
            _error = null;
            Volatile.Write(ref _closed, 0);
            var workers = Math.Min(maxThreads, count) - 1;
            while (Volatile.Read(ref _queued) < workers)
            {
                Interlocked.Increment(ref _queued);
                if (!BlockWorkers.TryPost(this))
                {
                    Interlocked.Decrement(ref _queued);
                    break;
                }
            }

            Work();
            Interlocked.Exchange(ref _closed, 1);
            var spin = default(SpinWait);
            while (Volatile.Read(ref _inside) > 0)
            {
                spin.SpinOnce();
            }

            _body = null;
            if (_error is { } error)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
        }

        void IThreadPoolWorkItem.Execute()
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _inside);
            if (Volatile.Read(ref _closed) == 0)
            {
                Work();
            }

            Interlocked.Decrement(ref _inside);
        }

        private void Work()
        {
            int b;
            while ((b = Interlocked.Increment(ref _next) - 1) < _count && Volatile.Read(ref _error) is null)
            {
                try
                {
                    _body!.Run(_blocks[b].Table, _blocks[b].Start, _blocks[b].End, _buffers[b]);
                }
                catch (Exception e)
                {
                    // The first error is rethrown on the calling thread; the other blocks stop being claimed.
                    Interlocked.CompareExchange(ref _error, e, null);
                }
            }
        }
    }
}

/// <summary>
/// The worker threads of parallel queries, shared by every world in the process: one fewer than
/// the cores, started on first use, parked on a semaphore when idle. Queueing to the .NET
/// thread pool allocates on the queuing thread as its global queue cycles through segments;
/// this queue is a fixed ring, so posting work allocates nothing. Only scheduling lives here:
/// no simulation state, so runs stay independent of each other.
/// </summary>
internal static class BlockWorkers
{
    private static readonly Lock Gate = new();
    private static readonly IThreadPoolWorkItem?[] Ring = new IThreadPoolWorkItem?[256];
    private static readonly SemaphoreSlim Signal = new(0);
    private static int _head;
    private static int _count;
    private static int _threads;

    /// <summary>Queues one execution of <paramref name="work"/>; false when there are no workers or the ring is full.</summary>
    public static bool TryPost(IThreadPoolWorkItem work)
    {
        lock (Gate)
        {
            if (_threads == 0)
            {
                Start(Environment.ProcessorCount - 1);
            }

            if (_threads == 0 || _count == Ring.Length)
            {
                return false;
            }

            Ring[(_head + _count) % Ring.Length] = work;
            _count++;
        }

        Signal.Release();
        return true;
    }

    private static void Start(int threads)
    {
        for (var t = 0; t < threads; t++)
        {
            new Thread(Loop) { IsBackground = true, Name = "Sim.Ecs block worker" }.Start();
        }

        _threads = threads;
    }

    private static void Loop()
    {
        while (true)
        {
            Signal.Wait();
            IThreadPoolWorkItem? work;
            lock (Gate)
            {
                work = Ring[_head];
                Ring[_head] = null;
                _head = (_head + 1) % Ring.Length;
                _count--;
            }

            work!.Execute();
        }
    }
}
