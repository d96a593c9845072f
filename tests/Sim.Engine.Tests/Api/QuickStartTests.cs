using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Sim.Engine.Tests.Api;

/// <summary>The code of docs/library.md compiles against the engine as it is, and the quick start runs.</summary>
[NonParallelizable] // The quick start writes to Console.Out and reads paths relative to the current folder.
public partial class QuickStartTests
{
    // What a new console project has (the SDK's implicit usings), so blocks read as a user would paste them.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    // The recipes continue the quick start: the engine's room namespaces and a loaded scenario.
    private const string RecipeUsings = "using Sim;\nusing Sim.Engine.Model;\nusing Sim.Engine.Core;\n";
    private const string RecipeScenario = "var scenario = Scenario.Load(\"scenarios/sahel-2024/scenario.yaml\");\n";

    private static readonly string Doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "library.md"));

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    private static string[] Blocks() => [.. CodeBlock().Matches(Doc).Select(m => m.Groups[1].Value)];

    [Test]
    public void QuickStart_AtMost15Lines_CompilesAndRunsAsWritten()
    {
        var quickStart = Blocks()[0];
        Assert.That(quickStart.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.LessThanOrEqualTo(15));

        var output = Run(Compile(quickStart));

        Assert.That(output, Does.Contain("DZA-MLI on rung"));
        Assert.That(output, Does.Contain(" dead"));
        Assert.That(Regex.Matches(output, @"^\w+: \S+ \[\S+, \S+\]$", RegexOptions.Multiline), Has.Count.EqualTo(Scenario.Load(RepoPaths.Scenario("sahel-2024")).Outcomes.Count));
    }

    [Test]
    public void Recipes_EveryOtherBlock_Compiles()
    {
        var recipes = Blocks()[1..];
        Assert.That(recipes, Has.Length.GreaterThanOrEqualTo(3));
        foreach (var recipe in recipes)
        {
            var code = RecipeUsings + (recipe.Contains("var scenario =", StringComparison.Ordinal) ? "" : RecipeScenario) + recipe;
            Assert.DoesNotThrow(() => Compile(code), recipe);
        }
    }

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest);

    [Test]
    public void Readme_CSharpBlocks_Compile()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var blocks = CodeBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        Assert.That(blocks, Is.Not.Empty);
        foreach (var block in blocks)
        {
            Assert.DoesNotThrow(() => Compile("using Sim;\n" + block), block);
        }
    }

    [Test]
    public void Validation_CSharpBlocks_Compile()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "validation.md"));
        var blocks = CodeBlock().Matches(doc).Select(m => m.Groups[1].Value).ToList();
        Assert.That(blocks, Is.Not.Empty);
        foreach (var block in blocks)
        {
            Assert.DoesNotThrow(() => Compile(block), block);
        }
    }

    private static byte[] Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(Scenario).Assembly.Location)
            .Append(typeof(Ecs.World).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("QuickStart",
            [CSharpSyntaxTree.ParseText(code, Options), CSharpSyntaxTree.ParseText(ImplicitUsings, Options)],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        return errors.Count == 0 ? image.ToArray() : throw new InvalidOperationException(string.Join('\n', errors));
    }

    private static string Run(byte[] image)
    {
        var context = new AssemblyLoadContext("quick start", isCollectible: true);
        var folder = Environment.CurrentDirectory;
        var console = Console.Out;
        using var output = new StringWriter();
        try
        {
            Environment.CurrentDirectory = RepoPaths.Root;
            Console.SetOut(output);
            var entry = context.LoadFromStream(new MemoryStream(image)).EntryPoint!;
            entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        }
        catch (TargetInvocationException e)
        {
            throw new InvalidOperationException($"the quick start threw: {e.InnerException}", e.InnerException);
        }
        finally
        {
            Console.SetOut(console);
            Environment.CurrentDirectory = folder;
            context.Unload();
        }

        return output.ToString();
    }
}
