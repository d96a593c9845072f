using Sim.Engine.Scenarios;

namespace Sim.Engine.Model;

/// <summary>A diplomatic regime one actor holds toward another until it is lifted or lapses.</summary>
public enum Regime
{
    /// <summary>Sanctions (<c>sanction</c>, CAMEO 163).</summary>
    Sanctions,

    /// <summary>Reduced relations (<c>reduce_relations</c>, CAMEO 160).</summary>
    ReducedRelations,

    /// <summary>Broken relations (<c>break_relations</c>, CAMEO 161).</summary>
    BrokenRelations,

    /// <summary>Airspace closed to the target's aircraft (<c>close_airspace</c>, CAMEO 191).</summary>
    AirspaceClosed,

    /// <summary>The target's ambassador or mission expelled (<c>expel_mission</c>, CAMEO 166).</summary>
    MissionExpelled,

    /// <summary>The target recognized (<c>recognize</c>, CAMEO 054); it never lapses.</summary>
    Recognition,
}

/// <summary>
/// The diplomatic regimes of a run, per directed dyad: for each (imposer, target, regime) the tick it was imposed, or
/// -1 while it does not hold. An act that imposes a regime already held records nothing (<see cref="Acts"/>), so a
/// regime is one event however often its imposer's hostility would repeat it. Regimes end when lifted or when they
/// lapse (<see cref="Review"/>).
/// </summary>
public sealed class Regimes
{
    /// <summary>Number of regime kinds.</summary>
    public const int Count = 6;

    private readonly ModelState _state;
    private readonly int _n;
    private readonly int[] _since;
    private readonly Regime?[] _byAction;

    // The slots of the hostile regimes that hold, in no particular order: regimes are few, and Review visits only them
    // instead of every dyad's every slot. Room for every slot up to HeldRoom of them, so that a run of a real scenario
    // never grows it in the tick loop; a larger (generated) one grows it by doubling when it needs to.
    private const int HeldRoom = 1024;
    private int[] _held;
    private int _heldCount;

    internal Regimes(ModelState state)
    {
        _state = state;
        _n = state.ActorCount;
        _since = new int[_n * _n * Count];
        Array.Fill(_since, -1);
        _held = new int[Math.Min(_since.Length, HeldRoom)];
        _byAction = new Regime?[state.Definition.Actions.Length];
        _byAction[state.Action(DefaultAction.Sanction)] = Regime.Sanctions;
        _byAction[state.Action(DefaultAction.ReduceRelations)] = Regime.ReducedRelations;
        _byAction[state.Action(DefaultAction.BreakRelations)] = Regime.BrokenRelations;
        _byAction[state.Action(DefaultAction.CloseAirspace)] = Regime.AirspaceClosed;
        _byAction[state.Action(DefaultAction.ExpelMission)] = Regime.MissionExpelled;
        _byAction[state.Action(DefaultAction.Recognize)] = Regime.Recognition;
    }

    /// <summary>Every (imposer, target, regime) slot's imposition tick, or -1; for checked runs' snapshots.</summary>
    internal ReadOnlySpan<int> Since => _since;

    /// <summary>The regime catalog action <paramref name="action"/> imposes, if any.</summary>
    public Regime? Of(int action) => (uint)action < (uint)_byAction.Length ? _byAction[action] : null;

    /// <summary>Whether <paramref name="imposer"/> holds <paramref name="regime"/> toward <paramref name="target"/>.</summary>
    public bool Holds(int imposer, int target, Regime regime) => _since[Slot(imposer, target, regime)] >= 0;

    /// <summary>The tick <paramref name="imposer"/> imposed <paramref name="regime"/> on <paramref name="target"/>, or -1 when it does not hold.</summary>
    public int SinceTick(int imposer, int target, Regime regime) => _since[Slot(imposer, target, regime)];

    /// <summary>
    /// Imposes a regime from this tick; false, changing nothing, when it already holds. Breaking relations lifts a
    /// recognition and recognizing lifts broken relations and an expelled mission: they exclude each other.
    /// </summary>
    internal bool Impose(int imposer, int target, Regime regime)
    {
        var slot = Slot(imposer, target, regime);
        ref var since = ref _since[slot];
        if (since >= 0)
        {
            return false;
        }

        since = _state.Tick;
        if (regime != Regime.Recognition) // a recognition never lapses: Review has nothing to do with it
        {
            if (_heldCount == _held.Length)
            {
                Array.Resize(ref _held, Math.Max(1, _held.Length * 2));
            }

            _held[_heldCount++] = slot;
        }

        if (regime == Regime.BrokenRelations)
        {
            Lift(imposer, target, Regime.Recognition);
        }
        else if (regime == Regime.Recognition)
        {
            Lift(imposer, target, Regime.BrokenRelations);
            Lift(imposer, target, Regime.MissionExpelled);
        }

        return true;
    }

    /// <summary>Ends a regime (nothing when it does not hold).</summary>
    internal void Lift(int imposer, int target, Regime regime)
    {
        var slot = Slot(imposer, target, regime);
        if (_since[slot] < 0)
        {
            return;
        }

        if (regime == Regime.Recognition)
        {
            _since[slot] = -1; // never on the held list: it does not lapse
            return;
        }

        // Lifted by an opposite act (rare): found by a search of the held list.
        Release(_held.AsSpan(0, _heldCount).IndexOf(slot));
    }

    /// <summary>Ends the regime at place <paramref name="at"/> of the held list, moving the last one there.</summary>
    private void Release(int at)
    {
        var slot = _held[at];
        _since[slot] = -1;
        _held[at] = _held[--_heldCount];
    }

    /// <summary>
    /// Once a tick: a hostile regime lapses after <c>regime_lapse</c> ticks, and is lifted earlier once its imposer has
    /// no grievance left (affinity toward the target at least 0 and the dyad at rung 0, the state in which no hostile
    /// act is chosen). A recognition holds until relations are broken.
    /// </summary>
    internal void Review()
    {
        var lapse = _state.P(ModelParameter.RegimeLapse);
        var tick = _state.Tick;
        var affinities = _state.Affinity.AsSpan();
        var rungs = _state.Escalation.AsSpan();

        // Backwards, so that a release, which moves the last held slot into the released one's place, moves one
        // already reviewed. Each slot's fate depends only on itself and its dyad, so the order changes nothing.
        for (var h = _heldCount - 1; h >= 0; h--)
        {
            var slot = _held[h];
            var dyad = slot / Count;
            var calm = affinities[dyad] >= 0 && rungs[dyad] == 0;
            if (calm || tick - _since[slot] >= lapse)
            {
                Release(h);
            }
        }
    }

    /// <summary>The index of an (imposer, target, regime) slot in <see cref="Since"/>, among <paramref name="n"/> actors.</summary>
    internal static int SlotOf(int n, int imposer, int target, Regime regime) => (((imposer * n) + target) * Count) + (int)regime;

    private int Slot(int imposer, int target, Regime regime) => SlotOf(_n, imposer, target, regime);
}
