using NUnit.Framework;

namespace Sim.Cli.Tests;

/// <summary>How every command takes what it does not know: unknown options refused, choices spelt as words, never a .NET type name.</summary>
public class OptionsCliTests
{
    private static IEnumerable<string> Commands() => SimCommand.Build().Subcommands.Select(c => c.Name);

    [TestCaseSource(nameof(Commands))]
    public void UnknownOption_EveryCommand_ExitsTwo_NamingIt(string command)
    {
        // Two words first so commands taking several paths (merge, compare) have their minimum before the option.
        foreach (var args in new[] { new[] { command, "--no-such-option" }, [command, "a", "b", "--no-such-option"], [command, "--no-such-option", "a", "b"] })
        {
            var (code, _, err) = Cli.Sim(args);
            Assert.That(code, Is.EqualTo(2), string.Join(' ', args));
            Assert.That(err, Does.Contain($"unknown option --no-such-option for 'sim {command}'").And.Contain($"sim {command} --help"), string.Join(' ', args));
            Assert.That(err, Does.Not.Contain("not an ensemble folder").And.Not.Contain("neither").And.Not.Contain("   at "), string.Join(' ', args));
        }
    }

    [Test]
    public void Merge_TakesQuiet()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-shard-{Guid.NewGuid():N}");
        var (code, _, err) = Cli.Sim("merge", missing, missing + "b", "--quiet", "--out", missing + "-out");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain(missing).And.Not.Contain("--quiet"));
    }

    [TestCase("run")]
    [TestCase("mc")]
    [TestCase("merge")]
    [TestCase("export")]
    [TestCase("score")]
    [TestCase("calibrate")]
    public void Format_BadWord_NamesTheWords_NotADotNetType(string command)
    {
        var (code, _, err) = Cli.Sim(command, Cli.Tutorial, "--format", "json");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--format json").And.Contain("csv, parquet"));
        Assert.That(err, Does.Not.Contain("TableFormat").And.Not.Contain("Sim.Output").And.Not.Contain("Parquet").And.Not.Contain("Csv"));
    }

    [Test]
    public void Format_Help_ShowsWords_AndAcceptsAnyCase()
    {
        var (_, runHelp, _) = Cli.Sim("run", "--help");
        Assert.That(runHelp, Does.Contain("--format <csv|parquet>").And.Contain("[default: csv]").And.Not.Contain("Csv"));
        var (_, mcHelp, _) = Cli.Sim("mc", "--help");
        Assert.That(mcHelp, Does.Contain("[default: parquet]").And.Not.Contain("Parquet]"));

        var folder = Path.Combine(Path.GetTempPath(), $"run-fmt-{Guid.NewGuid():N}");
        var (code, _, err) = Cli.Sim("run", Cli.Tutorial, "--ticks", "3", "--format", "PARQUET", "--out", folder, "--quiet");
        Assert.That(code, Is.Zero, err);
        Assert.That(File.Exists(Path.Combine(folder, "events.parquet")), Is.True);
    }
}
