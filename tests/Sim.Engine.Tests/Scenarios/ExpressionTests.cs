using NUnit.Framework;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Tests.Scenarios;

[TestFixture]
public sealed class ExpressionTests
{
    private const int MLI = 0, CSP = 1, DZA = 2, RUS = 3;
    private const int Kidal = 0, Tin = 1;
    private const int DroneStrike = 0, Clash = 1;

    private static readonly ExpressionScope Scope = new()
    {
        Actors = new Dictionary<string, int> { ["MLI"] = MLI, ["CSP"] = CSP, ["DZA"] = DZA, ["RUS"] = RUS },
        Regions = new Dictionary<string, int> { ["kidal"] = Kidal, ["tinzaouatene"] = Tin },
        Actions = new Dictionary<string, int> { ["drone_strike"] = DroneStrike, ["clash"] = Clash },
        Parameters = new Dictionary<string, int> { ["pmc_aggression"] = 0, ["threshold"] = 1 },
        TickDays = 7,
    };

    private static FakeScenarioState State()
    {
        var s = new FakeScenarioState(4, 2, 2) { Tick = 3 };
        s.Parameters[0] = 0.6;
        s.Parameters[1] = 2;
        s.AffinityValues[DZA, MLI] = 0.1;
        s.AffinityValues[DZA, RUS] = 0.4;
        s.EscalationValues[MLI, CSP] = 7;
        s.MaxEscalationValues[MLI, CSP] = 8;
        s.Controller[Kidal] = MLI;
        s.Controller[Tin] = CSP;
        s.PowerValues[RUS] = 3.5;
        s.CohesionValues[MLI] = 0.6;
        s.StrengthValues[CSP, Kidal] = 100;
        s.StrengthValues[CSP, Tin] = 1200;
        s.PopulationValues[Tin] = 5000;
        s.DisplacedValues[Tin] = 700;
        s.Events.Add((DroneStrike, MLI, CSP, Tin, 1, 21, 20));
        s.Events.Add((DroneStrike, MLI, CSP, Kidal, 3, 2, 0));
        s.Events.Add((Clash, CSP, MLI, Tin, 2, 50, 0));
        return s;
    }

    private static CompiledExpression Compile(string text, ExpressionType? expected = null)
    {
        var errors = new List<ExpressionError>();
        var e = ExpressionCompiler.Compile(text, Scope, expected, errors);
        Assert.That(errors, Is.Empty, () => string.Join("\n", errors));
        return e!;
    }

    private static ExpressionError CompileError(string text, ExpressionType? expected = null)
    {
        var errors = new List<ExpressionError>();
        var e = ExpressionCompiler.Compile(text, Scope, expected, errors);
        Assert.That(e, Is.Null, "an expression with errors must not compile");
        Assert.That(errors, Is.Not.Empty);
        return errors[0];
    }

    private static double Num(string text) => Compile(text).EvaluateNumber(State());

    private static bool Bool(string text) => Compile(text, ExpressionType.Bool).EvaluateBool(State());

    /// <summary>A call of <paramref name="f"/> with every argument given, built from its declaration alone.</summary>
    private static string CallOf(FunctionDeclaration f)
    {
        static string Sample(ArgType t) => t switch
        {
            ArgType.Actor => "MLI",
            ArgType.Region => "kidal",
            ArgType.Action => "drone_strike",
            ArgType.Bool => "true",
            _ => "2",
        };
        var args = f.Shape switch
        {
            CallShape.Numbers => ["1", "2", "3"],
            CallShape.Condition => ["tick > 1", "1", "2"],
            _ => f.Positional.Select(Sample).Concat(f.Named.Select(n => $"{n.Name}: {Sample(n.Type)}")).ToArray(),
        };
        return $"{f.Name}({string.Join(", ", args)})";
    }

    [Test]
    public void EveryDeclaredFunction_CompilesFromItsDeclarationAndYieldsItsResultType()
    {
        foreach (var f in ExpressionFunctions.All)
        {
            var e = Compile(CallOf(f));
            var expected = f.Result == FunctionResult.Bool ? ExpressionType.Bool : ExpressionType.Number;
            Assert.That(e.Type, Is.EqualTo(expected), e.Text);
            Assert.That(double.IsFinite(e.EvaluateNumber(State())), e.Text);
        }
    }

    [Test]
    public void EveryDeclaredFunction_ReportsAMissingArgumentWithItsUsage()
    {
        foreach (var f in ExpressionFunctions.All.Where(f => f.Shape != CallShape.Fixed || f.Required > 0))
        {
            var error = CompileError($"{f.Name}()");
            Assert.That(error.Hint, Is.EqualTo($"usage: {f.Usage}"), f.Name);
        }
    }

    [TestCase("1 + 2 * 3", 7)]
    [TestCase("(1 + 2) * 3", 9)]
    [TestCase("10 - 4 - 3", 3)]
    [TestCase("2 * 3 % 4", 2)]
    [TestCase("-2 * 3", -6)]
    [TestCase("--2", 2)]
    [TestCase("1.5e1 / 3", 5)]
    [TestCase("7 % 4", 3)]
    [TestCase("5 / 0", 0)]
    [TestCase("5 % 0", 0)]
    [TestCase(".5 + 1", 1.5)]
    public void Evaluate_Arithmetic_FollowsPrecedence(string text, double expected)
    {
        Assert.That(Num(text), Is.EqualTo(expected).Within(1e-12));
    }

    [TestCase("1 < 2 and 2 < 1 or true", true)]
    [TestCase("false or true and false", false)]
    [TestCase("not 1 > 2", true)]
    [TestCase("not true or true", true)]
    [TestCase("not (true or true)", false)]
    [TestCase("1 + 1 == 2", true)]
    [TestCase("1 != 1", false)]
    [TestCase("true == (1 < 2)", true)]
    [TestCase("3 >= 3 and 3 <= 3", true)]
    public void Evaluate_Logic_FollowsPrecedence(string text, bool expected)
    {
        Assert.That(Bool(text), Is.EqualTo(expected));
    }

    [TestCase("affinity(DZA, MLI)", 0.1)]
    [TestCase("affinity(MLI, DZA)", 0)]
    [TestCase("escalation(MLI, CSP)", 7)]
    [TestCase("max_escalation(MLI, CSP)", 8)]
    [TestCase("power(RUS)", 3.5)]
    [TestCase("cohesion(MLI)", 0.6)]
    [TestCase("strength(CSP)", 1300)]
    [TestCase("strength(CSP, kidal)", 100)]
    [TestCase("population(tinzaouatene)", 5000)]
    [TestCase("displaced(tinzaouatene)", 700)]
    [TestCase("events(drone_strike)", 2)]
    [TestCase("events(drone_strike, region: tinzaouatene)", 1)]
    [TestCase("events(drone_strike, actor: MLI, target: CSP)", 2)]
    [TestCase("events(drone_strike, actor: CSP)", 0)]
    [TestCase("events(drone_strike, within: 1)", 1)]
    [TestCase("events(clash, within: threshold)", 1)]
    [TestCase("events(drone_strike, civilians: 1)", 1)]
    [TestCase("events(drone_strike, civilians: 20)", 1)]
    [TestCase("events(drone_strike, civilians: 21)", 0)]
    [TestCase("events(drone_strike, civilians: 0)", 2)]
    [TestCase("events(drone_strike, civilians: 19.5, within: 3)", 1)]
    [TestCase("first_tick(drone_strike)", 1)]
    [TestCase("first_tick(drone_strike, region: kidal)", 3)]
    [TestCase("first_tick(clash, actor: MLI)", -1)]
    [TestCase("fatalities()", 73)]
    [TestCase("fatalities(tinzaouatene)", 71)]
    [TestCase("civilian_fatalities()", 20)]
    [TestCase("civilian_fatalities(kidal)", 0)]
    [TestCase("tick", 3)]
    [TestCase("day", 21)]
    [TestCase("pmc_aggression * 10", 6)]
    [TestCase("min(3, 1, 2)", 1)]
    [TestCase("max(3, 1, 2)", 3)]
    [TestCase("abs(-4)", 4)]
    [TestCase("clamp(5, 0, 1)", 1)]
    [TestCase("clamp(-5, 1, 0)", 0)]
    [TestCase("if(controls(MLI, kidal), 10, 20)", 10)]
    [TestCase("if(controls(MLI, tinzaouatene), 10, 20)", 20)]
    public void Evaluate_Functions_ReadTheState(string text, double expected)
    {
        Assert.That(Num(text), Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Evaluate_ParameterChanges_AreSeenWithoutRecompiling()
    {
        var e = Compile("pmc_aggression > 0.5", ExpressionType.Bool);
        var s = State();
        Assert.That(e.EvaluateBool(s), Is.True);
        s.Parameters[0] = 0.4;
        Assert.That(e.EvaluateBool(s), Is.False);
    }

    [Test]
    public void Compile_OutcomeType_IsInferred()
    {
        Assert.That(Compile("max_escalation(MLI, CSP) >= 8").Type, Is.EqualTo(ExpressionType.Bool));
        Assert.That(Compile("civilian_fatalities()").Type, Is.EqualTo(ExpressionType.Number));
        Assert.That(Compile("if(true, false, true)").Type, Is.EqualTo(ExpressionType.Bool));
    }

    [Test]
    public void EvaluateNumber_OnBool_GivesOneOrZero()
    {
        Assert.That(Compile("1 < 2").EvaluateNumber(State()), Is.EqualTo(1));
        Assert.That(Compile("1 > 2").EvaluateNumber(State()), Is.EqualTo(0));
    }

    // Offsets are 0-based positions within the expression text.
    [TestCase("1 +", 3, "unexpected end of expression")]
    [TestCase("(1 + 2", 6, "where ')' was expected")]
    [TestCase("1 2", 2, "after the end of the expression")]
    [TestCase("a = 1", 2, "unexpected character '='")]
    [TestCase("tick && true", 5, "unexpected character '&'")]
    [TestCase("", 0, "the expression is empty")]
    [TestCase("power(MLI,)", 10, "where a value was expected")]
    [TestCase("and", 0, "where a value was expected")]
    public void Compile_SyntaxError_ReportsOffset(string text, int offset, string message)
    {
        var e = CompileError(text);
        Assert.That(e.Message, Does.Contain(message));
        Assert.That(e.Offset, Is.EqualTo(offset));
    }

    [Test]
    public void Compile_DoubleEquals_HintedForSingleEquals()
    {
        Assert.That(CompileError("tick = 1").Hint, Is.EqualTo("use '==' to compare"));
    }

    [TestCase("evnts(clash) > 0", 0, "unknown function 'evnts'", "did you mean 'events'?")]
    [TestCase("power(MLX) > 0", 6, "unknown actor 'MLX'", "did you mean 'MLI'?")]
    [TestCase("controls(MLI, kidl)", 14, "unknown region 'kidl'", "did you mean 'kidal'?")]
    [TestCase("events(drone_strik) > 0", 7, "unknown action 'drone_strik'", "did you mean 'drone_strike'?")]
    [TestCase("pmc_agression > 1", 0, "unknown name 'pmc_agression'", "did you mean 'pmc_aggression'?")]
    [TestCase("events(clash, regon: kidal) > 0", 14, "events() has no argument 'regon'", "did you mean 'region'?")]
    public void Compile_UnknownName_HintsClosest(string text, int offset, string message, string hint)
    {
        var e = CompileError(text);
        Assert.That((e.Offset, e.Message, e.Hint), Is.EqualTo((offset, message, hint)));
    }

    [TestCase("1 and true", 0, "'and' needs true/false on both sides, got a number")]
    [TestCase("true or 2", 8, "'or' needs true/false on both sides, got a number")]
    [TestCase("true + 1", 0, "'+' needs numbers on both sides, got true/false")]
    [TestCase("not 3", 4, "'not' needs true or false, got a number")]
    [TestCase("-true", 1, "'-' needs a number, got true/false")]
    [TestCase("1 == true", 2, "'==' compares a number with true/false")]
    [TestCase("power(kidal)", 6, "'kidal' is a region, but power() expects an actor here")]
    [TestCase("controls(MLI, CSP)", 14, "'CSP' is an actor, but controls() expects a region here")]
    [TestCase("power(1)", 6, "power() expects an actor id here")]
    [TestCase("affinity(MLI)", 0, "affinity() takes 2 arguments, got 1")]
    [TestCase("power(MLI, CSP)", 11, "power() takes 1 argument, got 2")]
    [TestCase("strength(MLI, kidal, tinzaouatene)", 21, "strength() takes 1 to 2 arguments, got 3")]
    [TestCase("abs(true)", 4, "abs() expects a number here, got true/false")]
    [TestCase("if(1, 2, 3)", 3, "if() expects true/false here, got a number")]
    [TestCase("if(true, 2, false)", 12, "if() needs both branches of the same type")]
    [TestCase("min(1)", 0, "min() takes at least 2 arguments, got 1")]
    [TestCase("MLI > 1", 0, "'MLI' is an actor, not a value")]
    [TestCase("power > 1", 0, "'power' is a function")]
    [TestCase("tick() > 1", 0, "'tick' is a value, not a function")]
    [TestCase("power(actor: MLI)", 6, "power() has no argument 'actor'")]
    [TestCase("events(clash, actor: MLI, actor: CSP)", 26, "argument 'actor' is given twice")]
    [TestCase("events(actor: MLI, clash)", 19, "positional arguments must come before named ones")]
    [TestCase("events(clash, within: -1)", 22, "within must be a number of ticks >= 0")]
    [TestCase("events(clash, civilians: -2)", 25, "civilians must be a number of civilian fatalities >= 0")]
    public void Compile_TypeError_ReportsOffsetAndMessage(string text, int offset, string message)
    {
        var e = CompileError(text);
        Assert.That(e.Message, Does.StartWith(message));
        Assert.That(e.Offset, Is.EqualTo(offset));
    }

    [Test]
    public void Compile_ConditionThatIsANumber_Rejected()
    {
        var e = CompileError("events(clash)", ExpressionType.Bool);
        Assert.That(e.Message, Does.Contain("must be true or false"));
        Assert.That(e.Hint, Does.Contain("> 0"));
    }

    [Test]
    public void Compile_NumberThatIsABool_Rejected()
    {
        Assert.That(CompileError("1 < 2", ExpressionType.Number).Message, Does.Contain("expected a number"));
    }

    [Test]
    public void Compile_SeveralTypeErrors_AllReported()
    {
        var errors = new List<ExpressionError>();
        ExpressionCompiler.Compile("power(MLX) > 0 and cohesion(CSX) > 0", Scope, ExpressionType.Bool, errors);
        Assert.That(errors.Select(e => e.Offset), Is.EqualTo(new[] { 6, 28 }));
    }

    [Test]
    public void Evaluate_AfterWarmUp_AllocatesNothing()
    {
        var exprs = new[]
        {
            Compile("events(drone_strike, region: tinzaouatene, within: threshold) > 0 and affinity(DZA, MLI) < 0.2 or not controls(MLI, kidal)"),
            Compile("max(strength(CSP), strength(CSP, kidal), 1) / min(power(RUS), 2) + clamp(day % 5, 0, 3) - abs(-tick)"),
            Compile("if(first_tick(clash) >= 0, fatalities() + civilian_fatalities(tinzaouatene), population(kidal) - displaced(kidal))"),
            Compile("max_escalation(MLI, CSP) >= 8 == (escalation(MLI, CSP) != 7) and cohesion(MLI) * pmc_aggression > 0"),
        };
        var s = State();
        var sink = 0.0;
        foreach (var e in exprs)
        {
            sink += e.EvaluateNumber(s) + (e.EvaluateBool(s) ? 1 : 0);
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            s.Tick = i % 7;
            foreach (var e in exprs)
            {
                sink += e.EvaluateNumber(s);
                sink += e.EvaluateBool(s) ? 1 : 0;
            }
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, $"evaluation allocated {allocated} bytes");
        Assert.That(sink, Is.Not.NaN);
    }

    [Test]
    public void Constant_IsConstantAndEvaluatesWithoutState()
    {
        var c = CompiledExpression.Constant(0.25);
        Assert.That(c.IsConstant, Is.True);
        Assert.That(c.EvaluateNumber(null!), Is.EqualTo(0.25));
        Assert.That(c.Text, Is.EqualTo("0.25"));
    }
}
