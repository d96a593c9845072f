namespace Sim.Ecs;

public sealed partial class World
{
    /// <summary>Rows per block in parallel queries: big enough to amortise scheduling, small enough to balance two to sixteen cores.</summary>
    public const int DefaultBlockSize = 16_384;

    private Block[] _blocks = new Block[16];
    private CommandBuffer[] _blockBuffers = [];

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
                Parallel.For(
                    0,
                    blockCount,
                    new ParallelOptions { MaxDegreeOfParallelism = MaxThreads },
                    b => body.Run(blocks[b].Table, blocks[b].Start, blocks[b].End, buffers[b]));
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
}
