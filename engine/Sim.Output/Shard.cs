using System.Globalization;
using Sim.Engine;
using Sim.Engine.Runs.Ensembles;

namespace Sim.Output;

/// <summary>
/// Shard <c>Index</c> of <c>Count</c> (0-based): the runs <c>Index, Index + Count, ...</c>. Strided rather than
/// contiguous so every shard gets a fair share of each parameter point and of slow and fast runs.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole ensemble as one shard.</summary>
    public static Shard All => new(0, 1);

    /// <summary>Whether this is the whole ensemble.</summary>
    public bool IsAll => Count == 1;

    /// <summary>Whether run <paramref name="run"/> is this shard's.</summary>
    public bool Owns(long run) => run % Count == Index;

    /// <summary>How many of <paramref name="total"/> runs this shard owns.</summary>
    public long RunsOf(long total) => total <= Index ? 0 : ((total - 1 - Index) / Count) + 1;

    /// <summary>"i/K".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>
    /// The shard to run from <c>--shard</c> (<c>i/K</c>, or <c>K</c> with i taken from the environment) and the
    /// environment of a Slurm array task (<c>SLURM_ARRAY_TASK_ID</c>, <c>SLURM_ARRAY_TASK_MIN</c>,
    /// <c>SLURM_ARRAY_TASK_COUNT</c>) or a Kubernetes Indexed Job (<c>JOB_COMPLETION_INDEX</c>).
    /// No option and no such environment: the whole ensemble.
    /// </summary>
    public static Shard Resolve(string? option, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        const string Fix = "(fix: --shard i/K with 0 <= i < K, for example --shard 3/8; or --shard K inside a Slurm array or a Kubernetes Indexed Job)";
        int? envIndex = null;
        int? envCount = null;
        string envSource = "";
        if (Int(environment("SLURM_ARRAY_TASK_ID")) is { } task)
        {
            envIndex = task - (Int(environment("SLURM_ARRAY_TASK_MIN")) ?? 0);
            envCount = Int(environment("SLURM_ARRAY_TASK_COUNT"));
            envSource = "SLURM_ARRAY_TASK_ID";
        }
        else if (Int(environment("JOB_COMPLETION_INDEX")) is { } completion)
        {
            envIndex = completion;
            envSource = "JOB_COMPLETION_INDEX";
        }

        int index;
        int count;
        if (string.IsNullOrWhiteSpace(option))
        {
            if (envIndex is null)
            {
                return All;
            }

            if (envCount is null)
            {
                throw new InputException($"error: {envSource} is set but the number of shards is not known {Fix}.");
            }

            (index, count) = (envIndex.Value, envCount.Value);
        }
        else
        {
            var slash = option.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                if (Int(option) is not { } k)
                {
                    throw new InputException($"error: --shard '{option}' is not i/K or K {Fix}.");
                }

                if (envIndex is null)
                {
                    throw new InputException($"error: --shard {option} gives only the shard count, and neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set {Fix}.");
                }

                (index, count) = (envIndex.Value, k);
            }
            else if (Int(option[..slash]) is { } i && Int(option[(slash + 1)..]) is { } k)
            {
                (index, count) = (i, k);
            }
            else
            {
                throw new InputException($"error: --shard '{option}' is not i/K {Fix}.");
            }
        }

        if (count < 1 || index < 0 || index >= count)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"error: shard {index}/{count} does not exist {Fix}."));
        }

        return new Shard(index, count);
    }

    private static int? Int(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
