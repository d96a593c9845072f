using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Scenarios;

[TestFixture]
public sealed class ScenarioWordsTests
{
    [Test]
    public void EveryActorKind_HasTheWordScenariosUseForIt()
    {
        Assert.Multiple(() =>
        {
            foreach (var kind in Enum.GetValues<ActorKind>())
            {
                Assert.That(ScenarioWords.ActorKindOf(kind.Word()), Is.EqualTo(kind));
            }
            Assert.That(ActorKind.ArmedGroup.Word(), Is.EqualTo("armed_group"));
        });
    }

    [Test]
    public void EveryTreaty_HasTheWordScenariosUseForIt()
    {
        Assert.Multiple(() =>
        {
            foreach (var treaty in Enum.GetValues<Treaty>())
            {
                Assert.That(ScenarioWords.TreatyOf(treaty.Word()), Is.EqualTo(treaty));
            }
            Assert.That(Treaty.DefensePact.Word(), Is.EqualTo("defense_pact"));
        });
    }
}
