using System.Globalization;
using Sim.Engine;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Output;

/// <summary>
/// Joins the shard folders of one ensemble into one folder that is indistinguishable from the ensemble run in
/// one process: same <c>ensemble.json</c>, same runs, hence the same result bytes.
/// </summary>
public static class EnsembleMerge
{
    /// <summary>
    /// Checks that <paramref name="shardFolders"/> are all the shards of one ensemble (same fingerprint and shard
    /// count, each shard exactly once, each complete) and writes the merged <c>ensemble.json</c> and store into
    /// <paramref name="folder"/>. Returns the merged description.
    /// </summary>
    public static EnsembleInfo Merge(IReadOnlyList<string> shardFolders, string folder, bool force)
    {
        ArgumentNullException.ThrowIfNull(shardFolders);
        if (shardFolders.Count == 0)
        {
            throw new InputException("error: give the shard folders to merge (for example: sim merge out/shard-* --out out/ensemble).");
        }

        var shards = new List<(string Folder, EnsembleResults Results)>();
        foreach (var shardFolder in shardFolders)
        {
            if (SameFolder(shardFolder, folder))
            {
                throw new InputException($"error: --out {folder} is also one of the shards to merge; merging into it would replace that shard (fix: choose another --out).");
            }

            shards.Add((shardFolder, EnsembleResults.Load(shardFolder)));
        }

        var first = shards[0].Results.Info;
        var count = first.ShardValue.Count;
        var seen = new Dictionary<int, string>();
        foreach (var (shardFolder, results) in shards)
        {
            var info = results.Info;
            if (info.Fingerprint != first.Fingerprint)
            {
                throw new InputException($"error: {shardFolder} belongs to another ensemble than {shards[0].Folder} (scenario, engine, seed, runs, parameters or ticks differ; compare their {Ensemble.PlanFile}).");
            }

            var shard = info.ShardValue;
            if (shard.Count != count)
            {
                throw new InputException($"error: {shardFolder} is shard {shard} but {shards[0].Folder} is shard {first.Shard}: the shard counts differ.");
            }

            if (!seen.TryAdd(shard.Index, shardFolder))
            {
                throw new InputException($"error: shard {shard} is given twice: {seen[shard.Index]} and {shardFolder}.");
            }
        }

        var missing = Enumerable.Range(0, count).Where(i => !seen.ContainsKey(i)).ToList();
        if (missing.Count > 0)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"error: shard{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(i => $"{i}/{count}"))} missing: {shards.Count} of {count} given (fix: run the missing shards with 'sim mc ... --shard i/{count}' and merge all)."));
        }

        PrepareFolder(folder, force);
        var merged = first with { Shard = Shard.All.ToString() };
        merged.Write(folder);
        var (store, _) = RunStore.Open(Path.Combine(folder, RunStore.FileName), merged.Fingerprint, merged.Outcomes.Count, merged.SeriesLength);
        using (store)
        {
            foreach (var (shardFolder, _) in shards.OrderBy(s => s.Results.Info.ShardValue.Index))
            {
                // Records are copied as stored: the same bytes as appending them decoded, without decompressing them.
                foreach (var record in RunStore.ReadStored(Path.Combine(shardFolder, RunStore.FileName), merged.Fingerprint, merged.Outcomes.Count, merged.SeriesLength))
                {
                    store.Append(record);
                }
            }
        }

        return merged;
    }

    /// <summary>Whether two paths name one folder, links resolved (a missing folder is compared by its full path).</summary>
    private static bool SameFolder(string a, string b)
    {
        static string Resolve(string path)
        {
            var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
            var target = Directory.Exists(full) ? new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true) : null;
            return target?.FullName.TrimEnd(Path.DirectorySeparatorChar) ?? full;
        }

        return string.Equals(Resolve(a), Resolve(b), StringComparison.Ordinal);
    }

    private static void PrepareFolder(string folder, bool force)
    {
        if (File.Exists(Path.Combine(folder, Ensemble.PlanFile)) || File.Exists(Path.Combine(folder, RunStore.FileName)))
        {
            if (!force)
            {
                throw new InputException($"error: {folder} already holds an ensemble (fix: choose another --out, or add --force to replace it).");
            }

            Ensemble.RemoveOwnedFiles(folder);
        }

        Directory.CreateDirectory(folder);
    }
}
