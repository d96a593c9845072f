namespace Sim.Cli.Tests;

/// <summary>Runs <c>sim</c> in process and finds the repository, for the CLI tests.</summary>
internal static class Cli
{
    /// <summary>The repository root (the folder holding Sim.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The tutorial scenario, small and quick.</summary>
    public static string Tutorial { get; } = Path.Combine(Root, "scenarios", "tutorial", "scenario.yaml");

    /// <summary>A shipped scenario's file.</summary>
    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name, "scenario.yaml");

    /// <summary>Runs <c>sim</c> with <paramref name="args"/>; returns its exit code and what it printed.</summary>
    public static (int Code, string Out, string Err) Sim(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SimCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Sim.sln not found above the test folder.");
    }
}

/// <summary>A new empty folder in the system's temporary folder, removed with all it holds when disposed.</summary>
internal sealed class ScratchFolder(string prefix) : IDisposable
{
    /// <summary>The folder's full path.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The path of <paramref name="name"/> inside the folder.</summary>
    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
