using NUnit.Framework;
using static Sim.Engine.Tests.Scenarios.ScenarioTestHelpers;

namespace Sim.Engine.Tests.Scenarios;

/// <summary>Errors inside expressions point at the offending token in the file, whatever the YAML scalar style.</summary>
[TestFixture]
public sealed class ScalarPositionTests
{
    private static string Rule(string when) =>
        Header + "\nrules:\n  - id: r\n    then: [{control: {region: r1, actor: A}}]\n    when: " + when;

    [Test]
    public void ExpressionError_PlainScalar_PointsAtToken()
    {
        AssertDiagnostic(LoadText(Rule("tick > 0 and power(AX) > 0")), "unknown actor 'AX'", 10, 30);
    }

    [Test]
    public void ExpressionError_DoubleQuotedWithEscape_PointsAtToken()
    {
        // "\t" is two characters in the file but one in the value.
        AssertDiagnostic(LoadText(Rule("\"tick >\\t0 and power(AX) > 0\"")), "unknown actor 'AX'", 10, 32);
    }

    [Test]
    public void ExpressionError_SingleQuotedWithDoubledQuote_PointsAtToken()
    {
        AssertDiagnostic(LoadText(Rule("'tick > 0 and ''x'''")), "unexpected character", 10, 25);
    }

    [Test]
    public void ExpressionError_LiteralBlock_PointsAtLineAndColumn()
    {
        AssertDiagnostic(LoadText(Rule("|\n      tick > 0 and\n      power(AX) > 0")), "unknown actor 'AX'", 12, 13);
    }

    [Test]
    public void ExpressionError_MultiLinePlain_PointsAtLineAndColumn()
    {
        AssertDiagnostic(LoadText(Rule("tick > 0 and\n      power(AX) > 0")), "unknown actor 'AX'", 11, 13);
    }

    [Test]
    public void ExpressionError_SourcedExpression_PointsInsideValue()
    {
        AssertDiagnostic(LoadText(Rule("{value: power(AX) > 0, source: x}")), "unknown actor 'AX'", 10, 25);
    }
}
