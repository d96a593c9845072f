using System.Reflection;

namespace Sim.Engine.Scenarios;

/// <summary>
/// Reads a table declared as an enum whose every member carries one attribute: the member is the typed handle
/// code refers to, its value is the entry's position, and its attribute is the entry. So an entry is declared
/// once, and the handles and the table cannot fall out of order.
/// </summary>
internal static class Declarations
{
    /// <summary>
    /// The entries of <typeparamref name="TEnum"/>'s members in value order, made by <paramref name="entry"/> from each
    /// member and its <typeparamref name="TAttribute"/>. Throws when a member has no attribute, when the values are not
    /// 0, 1, 2 ... in order, or when two entries share an id.
    /// </summary>
    public static TEntry[] Read<TEnum, TAttribute, TEntry>(Func<TEnum, TAttribute, TEntry> entry, Func<TEntry, string> id)
        where TEnum : struct, Enum
        where TAttribute : Attribute
    {
        var members = Enum.GetValues<TEnum>();
        var entries = new TEntry[members.Length];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < members.Length; i++)
        {
            var name = $"{typeof(TEnum).Name}.{members[i]}";
            if ((int)(object)members[i] != i)
            {
                throw new InvalidOperationException($"{name} has the value {(int)(object)members[i]}, not {i}: members are numbered by their order, 0 first.");
            }

            var attribute = typeof(TEnum).GetField(members[i].ToString(), BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<TAttribute>()
                ?? throw new InvalidOperationException($"{name} has no [{typeof(TAttribute).Name}]: each member declares its entry.");
            entries[i] = entry(members[i], attribute);
            if (!ids.Add(id(entries[i])))
            {
                throw new InvalidOperationException($"{name} declares the id '{id(entries[i])}', which an earlier member already has.");
            }
        }

        return entries;
    }
}
