using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sim.Ecs;

/// <summary>
/// Records structural changes during a query and applies them, in recording order, on
/// <see cref="Playback"/>. Entities created here get placeholder handles (negative ids) that
/// later commands of the same buffer may use; playback maps them to real entities.
/// </summary>
/// <remarks>Component values are stored as bytes (components are unmanaged), so recording boxes nothing and, once the buffer has grown, allocates nothing.</remarks>
public sealed class CommandBuffer
{
    private Command[] _commands = new Command[16];
    private byte[] _data = new byte[256];
    private Entity[] _created = new Entity[4];
    private int _count;
    private int _dataLength;
    private int _createdCount;

    /// <summary>Number of recorded commands not yet played back.</summary>
    public int Count => _count;

    /// <summary>Records the creation of an empty entity; returns a placeholder usable in this buffer's later commands.</summary>
    public Entity Create()
    {
        var placeholder = new Entity(-(_createdCount + 1), 0);
        _createdCount++;
        Append(new Command(CommandKind.Create, placeholder, -1, 0, 0));
        return placeholder;
    }

    /// <summary>Records the destruction of an entity; entities already dead at playback are skipped.</summary>
    public void Destroy(Entity entity) => Append(new Command(CommandKind.Destroy, entity, -1, 0, 0));

    /// <summary>Records adding (or overwriting) a component.</summary>
    public void Add<T>(Entity entity, in T value = default)
        where T : unmanaged => AppendValue(CommandKind.Add, entity, value);

    /// <summary>Records overwriting an existing component.</summary>
    public void Set<T>(Entity entity, in T value)
        where T : unmanaged => AppendValue(CommandKind.Set, entity, value);

    /// <summary>Records removing a component.</summary>
    public void Remove<T>(Entity entity)
        where T : unmanaged => Append(new Command(CommandKind.Remove, entity, Component<T>.Id, 0, 0));

    /// <summary>Applies every recorded command to <paramref name="world"/> in order, then clears the buffer.</summary>
    public void Playback(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (_created.Length < _createdCount)
        {
            Array.Resize(ref _created, Math.Max(_createdCount, _created.Length * 2));
        }

        for (var i = 0; i < _count; i++)
        {
            ref readonly var command = ref _commands[i];
            var entity = Resolve(command.Entity);
            var value = new ReadOnlySpan<byte>(_data, command.Offset, command.Length);
            switch (command.Kind)
            {
                case CommandKind.Create:
                    _created[-command.Entity.Id - 1] = world.Create();
                    break;
                case CommandKind.Destroy:
                    if (world.IsAlive(entity))
                    {
                        world.Destroy(entity);
                    }

                    break;
                case CommandKind.Add:
                    world.AddComponent(entity, command.Component, value);
                    break;
                case CommandKind.Set:
                    world.SetComponent(entity, command.Component, value);
                    break;
                case CommandKind.Remove:
                    world.RemoveComponent(entity, command.Component);
                    break;
            }
        }

        Clear();
    }

    /// <summary>Drops every recorded command.</summary>
    public void Clear()
    {
        _count = 0;
        _dataLength = 0;
        _createdCount = 0;
    }

    private Entity Resolve(Entity entity) => entity.Id < 0 ? _created[-entity.Id - 1] : entity;

    private void AppendValue<T>(CommandKind kind, Entity entity, in T value)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if (_dataLength + size > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _dataLength + size));
        }

        MemoryMarshal.Write(_data.AsSpan(_dataLength, size), in value);
        Append(new Command(kind, entity, Component<T>.Id, _dataLength, size));
        _dataLength += size;
    }

    private void Append(in Command command)
    {
        if (_count == _commands.Length)
        {
            Array.Resize(ref _commands, _commands.Length * 2);
        }

        _commands[_count++] = command;
    }

    private enum CommandKind : byte
    {
        Create,
        Destroy,
        Add,
        Set,
        Remove,
    }

    private readonly record struct Command(CommandKind Kind, Entity Entity, int Component, int Offset, int Length);
}
