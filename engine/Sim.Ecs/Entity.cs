using System.Globalization;

namespace Sim.Ecs;

/// <summary>
/// A handle to an entity: its slot id and the version of that slot when the handle was made.
/// Destroying an entity bumps the slot's version, so an old handle is detected as stale
/// rather than silently reaching whatever entity reuses the slot.
/// </summary>
public readonly struct Entity : IEquatable<Entity>
{
    /// <summary>The handle that never refers to a live entity.</summary>
    public static readonly Entity Null;

    /// <summary>Creates a handle; worlds and command buffers make these, users rarely do.</summary>
    public Entity(int id, int version)
    {
        Id = id;
        Version = version;
    }

    /// <summary>Slot index in the world (negative for command-buffer placeholders).</summary>
    public int Id { get; }

    /// <summary>Version of the slot when this handle was issued; live versions start at 1.</summary>
    public int Version { get; }

    /// <inheritdoc/>
    public bool Equals(Entity other) => Id == other.Id && Version == other.Version;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Entity other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Version);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Entity({Id}v{Version})");

    /// <summary>Equality of id and version.</summary>
    public static bool operator ==(Entity left, Entity right) => left.Equals(right);

    /// <summary>Inequality of id or version.</summary>
    public static bool operator !=(Entity left, Entity right) => !left.Equals(right);
}
