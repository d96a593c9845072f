using System.Reflection;

namespace Sim.Engine;

/// <summary>Facts about this build of the engine, for manifests.</summary>
public static class EngineInfo
{
    /// <summary>The engine's version, with the source revision when the build knows it.</summary>
    public static string Version { get; } =
        typeof(EngineInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
