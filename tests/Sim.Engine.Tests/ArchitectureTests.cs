using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sim.Engine.Tests;

/// <summary>
/// The engine's rooms depend one way (docs/architecture.md): every name each source file uses is resolved by the
/// compiler, and a room may use only the rooms below it.
/// </summary>
public class ArchitectureTests
{
    // Each room and the rooms it may use, bottom up. Sim.Engine (the root: InputException, EngineInfo) is usable by all.
    private static readonly (string Room, string[] Uses)[] Rooms =
    [
        ("Sim.Engine.Core", []),
        ("Sim.Engine.Scenarios", []),
        ("Sim.Engine.Model", ["Sim.Engine.Core", "Sim.Engine.Scenarios"]),
        ("Sim.Engine.Runs", ["Sim.Engine.Core", "Sim.Engine.Scenarios", "Sim.Engine.Model"]),
        ("Sim", ["Sim.Engine.Core", "Sim.Engine.Scenarios", "Sim.Engine.Model", "Sim.Engine.Runs"]),
        ("Sim.Engine.Evidence", ["Sim.Engine.Core", "Sim.Engine.Scenarios", "Sim.Engine.Model", "Sim.Engine.Runs", "Sim"]),
    ];

    [Test]
    public void EngineRooms_DependOneWay()
    {
        var folder = Path.Combine(RepoPaths.Root, "engine", "Sim.Engine");
        var trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Latest), f))
            .ToList();
        // The SDK's implicit usings, which the project file turns on.
        var implicitUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
            new CSharpParseOptions(LanguageVersion.Latest));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).Equals("Sim.Engine.dll", StringComparison.Ordinal))
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Sim.Engine", [.. trees, implicitUsings], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        // CS8795: the regular expressions' generated halves, which source generators add in a real build.
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS8795").Take(5).ToList();
        Assert.That(errors.Select(e => e.ToString()), Is.Empty, "the engine's sources should compile on their own");

        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            var root = tree.GetRoot();
            var own = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().First().Name.ToString();
            var room = RoomOf(own);
            var allowed = Rooms.First(r => r.Room == room).Uses;
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                // Namespace names and doc links are not dependencies of the code.
                if (name.Ancestors().Any(a => a is UsingDirectiveSyntax or XmlCrefAttributeSyntax || (a is BaseNamespaceDeclarationSyntax n && n.Name.Span.Contains(name.Span))))
                {
                    continue;
                }

                var symbol = model.GetSymbolInfo(name).Symbol;
                var ns = (symbol as ITypeSymbol ?? symbol?.ContainingType)?.ContainingNamespace?.ToDisplayString();
                if (ns is null || !(ns == "Sim" || ns.StartsWith("Sim.Engine", StringComparison.Ordinal)) || ns == "Sim.Engine")
                {
                    continue;
                }

                var used = RoomOf(ns);
                if (used != room && !allowed.Contains(used))
                {
                    var line = name.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    violations.Add($"{Path.GetRelativePath(folder, tree.FilePath)}:{line}: {room} uses {used} ({symbol})");
                }
            }
        }

        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    [Test]
    public void HandWrittenSources_AtMost600Lines()
    {
        var sep = Path.DirectorySeparatorChar;
        var tooLong = Directory.EnumerateFiles(RepoPaths.Root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal)
                && !f.EndsWith(".g.cs", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(RepoPaths.Root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 600)
            .Select(f => $"{f.File}: {f.Lines} lines");
        Assert.That(tooLong, Is.Empty, "split a long file by role (see docs/architecture.md)");
    }

    private static string RoomOf(string ns) => Rooms.Select(r => r.Room)
        .Where(r => ns == r || ns.StartsWith(r + ".", StringComparison.Ordinal))
        .OrderByDescending(r => r.Length)
        .FirstOrDefault() ?? ns;
}
