using Sim.Engine.Runs.Calibration;

namespace Sim.Engine.Runs.Ensembles;

/// <summary>Where in parameter space an ensemble or experiment runs: one point, a full grid, a Latin hypercube, or draws from a posterior.</summary>
public abstract record ParameterDesign
{
    private ParameterDesign()
    {
    }

    /// <summary>The scenario as it is: one point.</summary>
    public sealed record OnePoint : ParameterDesign;

    /// <summary>Every combination of the axes' values; the last axis varies fastest.</summary>
    /// <param name="Axes">One axis per parameter.</param>
    public sealed record Grid(IReadOnlyList<Axis> Axes) : ParameterDesign;

    /// <summary><paramref name="Points"/> points, one per stratum of each parameter's declared range, drawn from the master seed.</summary>
    /// <param name="Points">How many points.</param>
    /// <param name="Vary">The parameters to vary (empty: the scenario's own parameters, not the engine's).</param>
    public sealed record LatinHypercube(int Points, IReadOnlyList<string> Vary) : ParameterDesign;

    /// <summary>
    /// One point whose runs each draw their values of the sample's parameters from <paramref name="Sample"/>, by weight, from
    /// the run's seed alone: every run carries the parameter uncertainty the sample describes, and replays from its seed.
    /// </summary>
    /// <param name="Sample">A weighted sample, such as a calibration's posterior.</param>
    public sealed record Posterior(PosteriorSample Sample) : ParameterDesign;

    /// <summary>Points given one by one (a sensitivity design), each inside the declared ranges.</summary>
    /// <param name="Vary">The parameters the points set.</param>
    /// <param name="Values">Each point's values of <paramref name="Vary"/>.</param>
    /// <param name="Label">How the points were made, for the plan's <see cref="EnsemblePlan.Design"/> (such as <c>sobol:N</c>).</param>
    public sealed record Listed(IReadOnlyList<string> Vary, IReadOnlyList<double[]> Values, string Label) : ParameterDesign;

    /// <summary>The values one parameter takes in a grid.</summary>
    /// <param name="Name">The parameter's id.</param>
    /// <param name="Values">Its values, in order.</param>
    public sealed record Axis(string Name, double[] Values)
    {
        /// <summary><paramref name="count"/> evenly spaced values from <paramref name="from"/> to <paramref name="to"/>.</summary>
        public static Axis Range(string name, double from, double to, int count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
            var values = new double[count];
            for (var k = 0; k < count; k++)
            {
                values[k] = count == 1 ? from : from + ((to - from) * k / (count - 1));
            }

            return new Axis(name, values);
        }
    }
}
