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

        using var scratch = new ScratchFolder("sim-cli-format-");
        var folder = scratch["out"];
        var (code, _, err) = Cli.Sim("run", Cli.Tutorial, "--ticks", "3", "--format", "PARQUET", "--out", folder, "--quiet");
        Assert.That(code, Is.Zero, err);
        Assert.That(File.Exists(Path.Combine(folder, "events.parquet")), Is.True);
    }
}

/// <summary>Where <c>sim mc</c> writes without <c>--out</c>: one folder per design, so a sweep does not meet the plain ensemble's folder.</summary>
public class McDefaultFolderTests
{
    private static string Folder(string[]? sets = null, string[]? sweeps = null, string? sample = null, int? ticks = null, Sim.Output.Shard? shard = null) =>
        Commands.McCommand.DefaultFolder(Cli.Tutorial, 1, shard ?? Sim.Output.Shard.All, ticks, sets ?? [], sweeps ?? [], sample, [], null);

    [Test]
    public void Plain_KeepsTheDocumentedName()
    {
        Assert.That(Folder(), Is.EqualTo(Path.Combine("out", "tutorial-mc-seed1")));
    }

    [Test]
    public void SweepsSamplesAndOverrides_GetFoldersOfTheirOwn()
    {
        string[] folders =
        [
            Folder(),
            Folder(sweeps: ["backing=0:1:5"]),
            Folder(sweeps: ["backing=0:1:3"]),
            Folder(sweeps: ["backing=0:1:5", "activity=0.05:0.1:2"]),
            Folder(sample: "lhs:16"),
            Folder(sets: ["backing=1"]),
            Folder(ticks: 30),
            Folder(sweeps: ["backing=0:1:5"], shard: new Sim.Output.Shard(0, 2)),
        ];
        Assert.That(folders, Is.Unique);
        Assert.That(folders[1], Is.EqualTo(Path.Combine("out", "tutorial-mc-seed1-sweep-backing-0-1-5")));
        Assert.That(folders, Has.All.Not.Contain(":").And.Not.Contain("="));
    }

    [Test]
    public void LongDesign_ShortNameWithADigest()
    {
        var sweeps = Enumerable.Range(0, 12).Select(i => $"param_number_{i}=0:1:3").ToArray();
        var a = Folder(sweeps: sweeps);
        var b = Folder(sweeps: [.. sweeps.Take(11), "param_number_11=0:1:4"]);
        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That(Path.GetFileName(a).Length, Is.LessThan(120));
    }
}

/// <summary>A value of the wrong kind is named by the kind wanted, never by a .NET type.</summary>
public class OptionValueTests
{
    [TestCase("run", "--seed", "-1", "a whole number, 0 or more")]
    [TestCase("run", "--ticks", "x", "a whole number")]
    [TestCase("mc", "--runs", "1.5", "a whole number")]
    [TestCase("calibrate", "--alpha", "half", "a number")]
    public void BadValue_ExitsTwo_SaysTheKindWanted(string command, string option, string value, string wanted)
    {
        var (code, _, err) = Cli.Sim(command, Cli.Tutorial, option, value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain($"{option} {value}: not {wanted}"));
        Assert.That(err, Does.Not.Contain("System.").And.Not.Contain("Nullable").And.Not.Contain("expected type"));
    }
}
