using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Sim.Ecs;

namespace Sim.Benchmarks.Engine;

/// <summary>
/// A check that a change to the engine leaves the scale scenario's outputs as they were: runs it with a given
/// number of forces for a given number of ticks and prints a SHA-256 of the world (forces, regions, actors) and of
/// the event log after each tick. Run before and after a change and compare the lines:
/// <c>dotnet run -c Release -- --scale-digest 100000 10</c>.
/// </summary>
internal static class ScaleDigest
{
    public static void Print(int forces, int ticks)
    {
        var run = ScaleScenario.Build(ScaleScenario.Load(), forces);
        for (var t = 0; t < ticks; t++)
        {
            run.Simulation.Step();
            var events = SHA256.HashData(MemoryMarshal.AsBytes(run.State.Events.All));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"tick {t + 1}: world {StateHash.Of(run.State.World)[..16]} events {run.State.Events.Count} {Convert.ToHexStringLower(events)[..16]}"));
        }
    }
}
