namespace Sim.Engine.Runs.Ensembles;

/// <summary>One finished run as the store keeps it: its outcomes and its recorded series.</summary>
/// <param name="Run">The run's index in the ensemble.</param>
/// <param name="Outcomes">Each outcome's value (1/0 for a bool outcome).</param>
/// <param name="Series">The recorded series (a controller as its actor index), column-major: <c>Series[column * ticks + tick]</c>.</param>
public sealed record RunRecord(long Run, double[] Outcomes, float[] Series);
