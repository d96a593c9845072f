using System.CommandLine;
using System.Globalization;
using Sim.Engine.Scenarios;

namespace Sim.Cli.Commands;

/// <summary><c>sim validate FILE</c>: checks a scenario and prints a one-screen summary.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = CommonOptions.ScenarioFile();
        var set = CommonOptions.Set();
        var command = new Command("validate", "Check a scenario file and print a summary; every error is reported as file:line:col.") { file, set };
        command.SetAction(parse =>
        {
            var definition = CommonOptions.Load(parse.GetValue(file)!, parse.GetValue(set)).Definition;
            Budgets.CheckRun(definition, definition.Horizon, ticksOption: false);
            parse.InvocationConfiguration.Output.Write(Summary(definition));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Summary(ScenarioDefinition d)
    {
        var inv = CultureInfo.InvariantCulture;
        var w = new StringWriter(inv);
        w.WriteLine($"{d.Name}: valid");
        if (!string.IsNullOrWhiteSpace(d.Description))
        {
            w.WriteLine($"  {d.Description.Trim().Split('\n')[0]}");
        }

        var end = d.DateOf(d.Horizon);
        w.WriteLine(string.Create(inv, $"  time      {d.Start:yyyy-MM-dd} to {end:yyyy-MM-dd}: {d.Horizon} ticks of {d.TickDays} day{(d.TickDays == 1 ? "" : "s")}"));
        var kinds = d.Actors.GroupBy(a => a.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.Word()}");
        w.WriteLine($"  actors    {d.Actors.Length} ({string.Join(", ", kinds)}): {string.Join(" ", d.Actors.Select(a => a.Id))}");
        w.WriteLine($"  regions   {d.Regions.Length}: {string.Join(" ", d.Regions.Select(r => r.Id))}");
        w.WriteLine(string.Create(inv, $"  forces    {d.Forces.Length}, total strength {d.Forces.Sum(f => f.Strength):0}"));
        w.WriteLine($"  relations {d.Relations.Length}");
        w.WriteLine($"  actions   {d.Actions.Length} ({d.Actions.Count(a => !a.IsDefault)} from the scenario)");
        w.WriteLine($"  rules     {d.Rules.Length}, timeline entries {d.Timeline.Length}");
        w.WriteLine($"  outcomes  {d.Outcomes.Length}: {string.Join(" ", d.Outcomes.Select(o => o.Id))}");
        w.WriteLine($"  params    {d.Parameters.Length}{(d.Overrides.IsEmpty ? "" : $", overridden: {string.Join(" ", d.Overrides)}")}");
        w.WriteLine($"  hash      {d.Hash}");
        return w.ToString();
    }
}
