using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Sim.Ecs;

/// <summary>
/// A SHA-256 of a world's whole state: every table's entity handles and component bytes.
/// Two worlds with equal hashes hold the same data; used to prove runs reproducible across
/// threads, processes and machines.
/// </summary>
public static class StateHash
{
    /// <summary>The hash of <paramref name="world"/> as lowercase hex.</summary>
    public static string Of(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in world.Archetypes)
        {
            if (table.Count == 0)
            {
                continue;
            }

            hash.AppendData(MemoryMarshal.AsBytes(table.Entities));

            // Columns in type-name order: component ids are numbered by first use in the
            // process, which may differ between processes that hold the same state.
            var columns = new List<(string Name, int Column)>();
            for (var c = 0; c < table.ComponentIds.Length; c++)
            {
                columns.Add((table.Ops(c).Type.FullName ?? table.Ops(c).Type.Name, c));
            }

            columns.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            foreach (var (name, column) in columns)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(name));
                var ops = table.Ops(column);
                var bytes = MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(
                    ref MemoryMarshal.GetArrayDataReference(table.Column(column)), ops.Size * table.Count));
                hash.AppendData(bytes);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
