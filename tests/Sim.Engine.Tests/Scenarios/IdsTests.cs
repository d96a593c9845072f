using System.Reflection;
using System.Runtime.CompilerServices;
using NUnit.Framework;
using Sim.Engine.Scenarios;

namespace Sim.Engine.Tests.Scenarios;

[TestFixture]
public sealed class IdsTests
{
    [Test]
    public void None_IsIndexMinusOne_AndOnlyNoneIsNone()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ActorId.None.Index, Is.EqualTo(-1));
            Assert.That(RegionId.None.Index, Is.EqualTo(-1));
            Assert.That(ForceId.None.Index, Is.EqualTo(-1));
            Assert.That(ActorId.None.IsNone && RegionId.None.IsNone && ForceId.None.IsNone, Is.True);
            Assert.That(new ActorId(0).IsNone || new RegionId(0).IsNone || new ForceId(0).IsNone, Is.False);
            Assert.That(new ActorId(-1), Is.EqualTo(ActorId.None));
            Assert.That(new ActorId(2), Is.Not.EqualTo(new ActorId(3)));
        });
    }

    [Test]
    public void ToString_SaysWhatKindOfIdItIs()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new ActorId(3).ToString(), Is.EqualTo("actor 3"));
            Assert.That(new RegionId(12).ToString(), Is.EqualTo("region 12"));
            Assert.That(new ForceId(0).ToString(), Is.EqualTo("force 0"));
            Assert.That(ActorId.None.ToString(), Is.EqualTo("no actor"));
            Assert.That(RegionId.None.ToString(), Is.EqualTo("no region"));
            Assert.That(ForceId.None.ToString(), Is.EqualTo("no force"));
        });
    }

    [TestCase(typeof(ActorId))]
    [TestCase(typeof(RegionId))]
    [TestCase(typeof(ForceId))]
    public void Id_IsOneIntWithNoConversions(Type id)
    {
        var fields = id.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        var conversions = id.GetMethods(BindingFlags.Static | BindingFlags.Public)
            .Where(m => m.Name is "op_Implicit" or "op_Explicit");
        Assert.Multiple(() =>
        {
            Assert.That(id.IsValueType, Is.True, "a struct: passing one never allocates");
            Assert.That(fields.Select(f => f.FieldType), Is.EqualTo(new[] { typeof(int) }));
            Assert.That(SizeOf(id), Is.EqualTo(sizeof(int)), "no bigger than the index it wraps");
            Assert.That(conversions, Is.Empty, "an id is made from an int only by naming its kind");
        });
    }

    private static int SizeOf(Type id) =>
        (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(id).Invoke(null, null)!;
}
