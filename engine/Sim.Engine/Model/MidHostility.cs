namespace Sim.Engine.Model;

/// <summary>
/// Maps the 0-9 escalation ladder to the Militarized Interstate Dispute hostility levels
/// (Correlates of War MID 5 codebook, Palmer et al. 2022): 1 no militarized action, 2 threat to
/// use force, 3 display of force, 4 use of force, 5 war.
/// </summary>
public static class MidHostility
{
    /// <summary>
    /// The MID hostility level (1-5) of a rung: 0-1 (normal, verbal protest) → 1; 2-4 (threats and
    /// UN complaints, sanctions, proxy support) → 2; 5 (mobilisation, show of force) → 3; 6-8
    /// (strikes, clashes, major combat) → 4; 9 → 5.
    /// </summary>
    public static int Of(int rung) => rung switch
    {
        <= 1 => 1,
        <= 4 => 2,
        5 => 3,
        <= 8 => 4,
        _ => 5,
    };
}
