using Sim.Engine.Runs.Ensembles;
using Sim.Engine.Scenarios;
using Sim.Output;

namespace Sim.Engine.Tests.Runs.Ensembles;

public class PlanTests
{
    private static readonly ScenarioDefinition Sahel = ScenarioLoader.Load(RepoPaths.Scenario("sahel-2024")).Definition!;

    private static EnsemblePlan Plan(int runs = 10, ParameterDesign? design = null, ulong seed = 1) =>
        EnsemblePlan.Create(Sahel, "scenario.yaml", seed, runs, 30, [], design ?? new ParameterDesign.OnePoint());

    private static ParameterDesign.Grid Grid(params (string Name, double From, double To, int Count)[] axes) =>
        new ParameterDesign.Grid([.. axes.Select(a => ParameterDesign.Axis.Range(a.Name, a.From, a.To, a.Count))]);

    [Test]
    public void SeedOf_DependsOnMasterSeedAndRunOnly()
    {
        var a = Plan(runs: 10);
        var b = Plan(runs: 1000);
        Assert.That(Enumerable.Range(0, 10).Select(i => a.SeedOf(i)), Is.EqualTo(Enumerable.Range(0, 10).Select(i => b.SeedOf(i))));
        Assert.That(Enumerable.Range(0, 1000).Select(i => b.SeedOf(i)).Distinct().Count(), Is.EqualTo(1000));
        Assert.That(Plan(seed: 2).SeedOf(0), Is.Not.EqualTo(a.SeedOf(0)));
    }

    [Test]
    public void Create_Grid_LastAxisVariesFastest()
    {
        var plan = Plan(runs: 3, Grid(("pmc_presence", 0, 1, 3), ("un_sanctions", 0, 1, 2)));
        Assert.That(plan.Varied, Is.EqualTo(new[] { "pmc_presence", "un_sanctions" }));
        Assert.That(plan.Points.Select(p => $"{p[0]}/{p[1]}"), Is.EqualTo(new[] { "0/0", "0/1", "0.5/0", "0.5/1", "1/0", "1/1" }));
        Assert.That(plan.RunCount, Is.EqualTo(18));
        Assert.That(plan.PointOf(17), Is.EqualTo(5));
        Assert.That(plan.OverridesOf(2), Is.EqualTo(new[] { "pmc_presence=0.5", "un_sanctions=0" }));
    }

    [Test]
    public void Create_BadGrid_ThrowsInputExceptionInTheApiWords()
    {
        string Message(ParameterDesign design) => Assert.Throws<InputException>(() => Plan(design: design))!.Message;
        Assert.That(Message(Grid(("nope", 0, 1, 3))), Does.Contain("no parameter 'nope'"));
        Assert.That(Message(Grid(("pmc_presence", 0, 5, 3))), Does.Contain("outside pmc_presence's range"));
        Assert.That(Message(Grid(("pmc_presence", 0, 1, 2), ("pmc_presence", 0, 1, 3))), Does.Contain("swept twice"));
        Assert.That(Message(new ParameterDesign.LatinHypercube(0, [])), Does.Contain("from 1 to 1000000 points"));
        Assert.That(Assert.Throws<InputException>(() => Plan(runs: 0))!.Message, Does.Contain("at least 1"));
        foreach (var message in new[] { Message(Grid(("nope", 0, 1, 3))), Message(Grid(("pmc_presence", 0, 5, 3))) })
        {
            Assert.That(message, Does.Not.Contain("--"), "a library caller passed no command-line option");
        }
    }

    [Test]
    public void Create_LatinHypercube_OnePointPerStratumInEveryDimension()
    {
        const int K = 50;
        var plan = Plan(runs: 1, new ParameterDesign.LatinHypercube(K, []));
        Assert.That(plan.Points, Has.Count.EqualTo(K));
        for (var d = 0; d < plan.Varied.Count; d++)
        {
            var p = Sahel.Parameters[Sahel.ParameterIndex(plan.Varied[d])];
            var strata = plan.Points.Select(pt => (int)Math.Floor((pt[d] - p.Min) / (p.Max - p.Min) * K)).OrderBy(s => s);
            Assert.That(strata, Is.EqualTo(Enumerable.Range(0, K)), plan.Varied[d]);
        }

        Assert.That(Plan(runs: 1, new ParameterDesign.LatinHypercube(K, [])).Points, Is.EqualTo(plan.Points), "same seed, same design");
    }

    [Test]
    public void Create_LatinHypercube_DefaultsToScenarioParameters_VaryPicksOthers()
    {
        Assert.That(Plan(design: new ParameterDesign.LatinHypercube(4, [])).Varied, Is.EqualTo(new[] { "pmc_presence", "demarche_chance", "demarche_toll", "un_sanctions" }));
        Assert.That(Plan(design: new ParameterDesign.LatinHypercube(4, ["attrition"])).Varied, Is.EqualTo(new[] { "attrition" }));
    }
}

public class ShardTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        key => vars.FirstOrDefault(v => v.Key == key).Value;

    [Test]
    public void Resolve_NoOptionNoEnvironment_IsWholeEnsemble() =>
        Assert.That(Shard.Resolve(null, Env()), Is.EqualTo(Shard.All));

    [Test]
    public void Resolve_Explicit() => Assert.That(Shard.Resolve("2/5", Env()), Is.EqualTo(new Shard(2, 5)));

    [Test]
    public void Resolve_SlurmArray_UsesTaskIdMinusMin()
    {
        var env = Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "4"));
        Assert.That(Shard.Resolve(null, env), Is.EqualTo(new Shard(3, 4)));
    }

    [Test]
    public void Resolve_KubernetesIndexedJob_TakesCountFromOption()
    {
        var env = Env(("JOB_COMPLETION_INDEX", "7"));
        Assert.That(Shard.Resolve("8", env), Is.EqualTo(new Shard(7, 8)));
        Assert.Throws<InputException>(() => Shard.Resolve(null, env), "count unknown");
    }

    [TestCase("3/3")]
    [TestCase("-1/3")]
    [TestCase("a/b")]
    [TestCase("1/0")]
    [TestCase("4")]
    public void Resolve_Bad_ThrowsInputException(string option) =>
        Assert.Throws<InputException>(() => Shard.Resolve(option, Env()));

    [Test]
    public void Shards_PartitionEveryRunExactlyOnce()
    {
        const int K = 7;
        const long N = 100;
        var owners = Enumerable.Range(0, (int)N).Select(r => Enumerable.Range(0, K).Count(i => new Shard(i, K).Owns(r)));
        Assert.That(owners, Is.All.EqualTo(1));
        Assert.That(Enumerable.Range(0, K).Sum(i => new Shard(i, K).RunsOf(N)), Is.EqualTo(N));
    }
}
