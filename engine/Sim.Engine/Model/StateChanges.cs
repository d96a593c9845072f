using Sim.Engine.Core;

namespace Sim.Engine.Model;

/// <summary>
/// The parts of a run's state a system may change. Each model system declares its own
/// (<see cref="IModelSystem.Changes"/>); a checked run verifies after each system that it changed nothing
/// else, and holds it to what each declared change promises (<see cref="Invariants"/>).
/// </summary>
[Flags]
public enum StateChanges
{
    /// <summary>Changes nothing.</summary>
    None = 0,

    /// <summary>Appends events.</summary>
    Events = 1 << 0,

    /// <summary>Perceived threats.</summary>
    Threat = 1 << 1,

    /// <summary>Affinities and the baselines they drift back to.</summary>
    Affinity = 1 << 2,

    /// <summary>Dyads' tension.</summary>
    Tension = 1 << 3,

    /// <summary>Dyads' rungs, and the highest each reached.</summary>
    Escalation = 1 << 4,

    /// <summary>Actors' military power and their strike, artillery and air defence assets.</summary>
    Power = 1 << 5,

    /// <summary>Actors' economies.</summary>
    Economy = 1 << 6,

    /// <summary>Actors' cohesion, resolve, rationality and ruling faction.</summary>
    Politics = 1 << 7,

    /// <summary>Who controls each region.</summary>
    Control = 1 << 8,

    /// <summary>Moves people of a region from its population to its displaced.</summary>
    Displacement = 1 << 9,

    /// <summary>Kills: removes force strength and civilians, exactly as many as its events report killed.</summary>
    Casualties = 1 << 10,

    /// <summary>Adds, removes or creates force strength at will (resupply, withdrawals, scenario effects), reporting no deaths.</summary>
    Strength = 1 << 11,

    /// <summary>Moves forces, each at most one hop (to an adjacent region) a tick.</summary>
    Marches = 1 << 12,

    /// <summary>PMC contracts: payments, endings, new contracts.</summary>
    Contracts = 1 << 13,

    /// <summary>Parameters' current values.</summary>
    Parameters = 1 << 14,

    /// <summary>Treaties between actors (and the partner index built from them).</summary>
    Treaties = 1 << 15,

    /// <summary>Diplomatic regimes (sanctions, broken relations, closed airspace, expelled missions, recognitions): imposed, lifted, lapsed.</summary>
    Regimes = 1 << 16,

    /// <summary>What scenario effects (timeline entries, rules) may change; scripted acts have their consequences (a strike kills, an arms delivery adds power).</summary>
    ScenarioEffects = Events | Affinity | Tension | Escalation | Power | Economy | Politics | Control | Casualties | Strength | Contracts | Parameters | Treaties | Regimes,
}

/// <summary>A system of the model's tick that declares what it may change.</summary>
public interface IModelSystem : ISystem
{
    /// <summary>The parts of the state this system may change; it changes nothing else.</summary>
    StateChanges Changes { get; }
}
