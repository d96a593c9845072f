using System.Runtime.CompilerServices;

namespace Sim.Engine.Model;

/// <summary>A rung as a share of the top of the 0-9 ladder, <c>rung / 9.0</c>, which hostility and costs read.</summary>
internal static class RungShare
{
    // rung / 9.0 for each rung of the ladder, the same values the division gives: perception and decisions ask for it
    // for every pair every tick, and a division costs several times a load.
    private static readonly double[] Shares = [0 / 9.0, 1 / 9.0, 2 / 9.0, 3 / 9.0, 4 / 9.0, 5 / 9.0, 6 / 9.0, 7 / 9.0, 8 / 9.0, 9 / 9.0];

    /// <summary><c>rung / 9.0</c>: from the table on the ladder, by division off it.</summary>
    /// <remarks>Forced inline: left to itself the JIT kept it a call, about 2% of a run.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(int rung) => (uint)rung < (uint)Shares.Length ? Shares[rung] : rung / 9.0;
}
