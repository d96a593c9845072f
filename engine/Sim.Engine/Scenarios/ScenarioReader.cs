using System.Collections.Immutable;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Scenarios;

/// <summary>One parsed file of a scenario: its top-level mapping and whether it is the root.</summary>
internal sealed record LoadedFile(SourceFile File, YMapping Root, bool IsRoot);

/// <summary>
/// Turns the loaded documents into a <see cref="ScenarioDefinition"/>. Two passes: the first collects
/// every id (so items may refer to ids defined later or in other files), the second reads and resolves
/// everything, one section reader after another. Problems become diagnostics; a definition is returned
/// only when there are none.
/// </summary>
internal sealed class ScenarioReader(List<Diagnostic> diagnostics)
{
    private readonly ReadContext _c = new(diagnostics);
    private readonly Dictionary<YNode, string> _sectionOf = new(ReferenceEqualityComparer.Instance);

    public ScenarioDefinition? Read(IReadOnlyList<LoadedFile> files, IReadOnlyList<string> overrides, string hash)
    {
        var c = _c;
        var errorsBefore = c.Diagnostics.Count;
        foreach (var f in files)
        {
            CollectSections(f);
        }
        if (c.ScenarioNode is null)
        {
            var root = files[0].Root;
            c.Error(root, "the root file has no 'scenario' section", "add scenario: {name: ..., start: YYYY-MM-DD}");
        }

        // Pass 1: ids.
        CollectIds("parameters", "parameter", c.Parameters, shareEntityNamespace: false);
        // The engine's model parameters exist in every scenario; a scenario may redeclare one to change its default or range.
        foreach (var engine in ModelParameters.All)
        {
            c.Parameters.TryAdd(engine.Id, c.Parameters.Count);
        }

        CollectIds("actors", "actor", c.Actors, shareEntityNamespace: true);
        CheckActorCount();
        CollectIds("regions", "region", c.Regions, shareEntityNamespace: true);
        CheckEntityIdCase();
        var actions = ActionsReader.Read(c);
        CheckUniqueIds("rules", "rule");
        CheckUniqueIds("outcomes", "outcome");
        CheckRunsTableColumns();

        // Pass 2: everything else.
        var header = HeaderReader.Read(c);
        var parameters = ParametersReader.Read(c, overrides);
        c.Scope = new ExpressionScope
        {
            Actors = c.Actors,
            Regions = c.Regions,
            Actions = c.Actions,
            Parameters = c.Parameters,
            TickDays = c.TickDays,
        };
        var actors = ActorsReader.Read(c);
        var regions = RegionsReader.Read(c);
        var forces = ForcesReader.Read(c);
        ContractsCheck.Check(c, actors, forces);
        var relations = RelationsReader.Read(c);
        var rules = RulesReader.ReadRules(c);
        var timeline = RulesReader.ReadTimeline(c);
        var outcomes = RulesReader.ReadOutcomes(c);
        var record = c.RecordNode is null ? new RecordDefinition() : RecordReader.Read(c, c.RecordNode);

        if (c.Diagnostics.Count > errorsBefore)
        {
            return null;
        }
        return new ScenarioDefinition
        {
            Name = header.Name,
            Description = header.Description,
            Start = c.Start ?? default,
            TickDays = c.TickDays,
            Horizon = header.Horizon,
            HorizonAt = header.HorizonAt,
            Parameters = parameters,
            Actors = actors,
            Regions = regions,
            Forces = forces,
            Relations = relations,
            Actions = actions,
            Rules = rules,
            Timeline = timeline,
            Outcomes = outcomes,
            Record = record,
            Files = [.. files.Select(f => f.File.DisplayPath)],
            Overrides = [.. overrides],
            Hash = hash,
            ActorIds = c.Actors,
            RegionIds = c.Regions,
            ActionIds = c.Actions,
            ParameterIds = c.Parameters,
        };
    }

    private void CollectSections(LoadedFile f)
    {
        var keys = f.IsRoot ? ScenarioKeys.Root : ScenarioKeys.IncludedRoot;
        foreach (var (key, value) in f.Root.Entries)
        {
            if (!keys.Contains(key.Value))
            {
                if (!f.IsRoot && key.Value is "scenario" or "record")
                {
                    _c.Error(key, $"'{key.Value}' is only allowed in the root file", "included files may hold lists (actors, regions, ...) and include");
                }
                else
                {
                    _c.Error(key, $"unknown top-level key '{key.Value}'",
                        Hints.DidYouMean(key.Value, keys) ?? $"accepted keys: {string.Join(", ", keys)}");
                }
                continue;
            }
            switch (key.Value)
            {
                case "include":
                    break; // handled by the loader
                case "scenario":
                    if (value is YMapping m)
                    {
                        _c.ScenarioNode = m;
                    }
                    else
                    {
                        _c.Error(value, $"expected a mapping for 'scenario', got {value.Describe()}");
                    }
                    break;
                case "record":
                    _c.RecordNode = value;
                    break;
                default:
                    if (value is YScalar { IsNull: true })
                    {
                        break;
                    }
                    if (value is not YSequence seq)
                    {
                        _c.Error(value, $"expected a list for '{key.Value}', got {value.Describe()}", $"write each item on a line starting with '- '");
                        break;
                    }
                    if (!_c.Sections.TryGetValue(key.Value, out var list))
                    {
                        _c.Sections[key.Value] = list = [];
                    }

                    foreach (var item in seq.Items)
                    {
                        // A YAML alias can put one node in two sections (regions: *actors); items are indexed by node, so
                        // it would be read as both. Repeats within a section are duplicate ids, reported as such.
                        if (_sectionOf.TryGetValue(item, out var other) && other != key.Value)
                        {
                            _c.Error(item, $"this item is already in '{other}' (through a YAML alias); an item belongs to one section",
                                "write the item out again instead of aliasing it");
                            continue;
                        }

                        _sectionOf[item] = key.Value;
                        list.Add(item);
                    }

                    break;
            }
        }
    }

    private void CollectIds(string section, string what, Dictionary<string, int> ids, bool shareEntityNamespace)
    {
        var firstAt = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var item in _c.Section(section))
        {
            if (IdOf(_c, item, what) is not { } id)
            {
                continue;
            }
            if (shareEntityNamespace && _c.EntityIdAt.TryGetValue(id.Value, out var other))
            {
                var kind = _c.Actors.ContainsKey(id.Value) ? "an actor" : "a region";
                _c.Error(id, $"duplicate id '{id.Value}'", $"already used by {kind} at {ReadContext.At(other)}; actor and region ids share one namespace");
                continue;
            }
            if (!shareEntityNamespace && firstAt.TryGetValue(id.Value, out var first))
            {
                _c.Error(id, $"duplicate {what} id '{id.Value}'", $"first defined at {ReadContext.At(first)}");
                continue;
            }
            if (section == "parameters" && ExpressionCompiler.IsReserved(id.Value))
            {
                _c.Error(id, $"'{id.Value}' is a reserved word and cannot be a parameter id");
                continue;
            }
            firstAt[id.Value] = id;
            if (shareEntityNamespace)
            {
                _c.EntityIdAt[id.Value] = id;
            }
            _c.IndexOfItem[item] = ids.Count;
            ids[id.Value] = ids.Count;
        }
    }

    private void CheckUniqueIds(string section, string what)
    {
        var firstAt = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var item in _c.Section(section))
        {
            if (IdOf(_c, item, what) is not { } id)
            {
                continue;
            }
            if (firstAt.TryGetValue(id.Value, out var first))
            {
                _c.Error(id, $"duplicate {what} id '{id.Value}'", $"first defined at {ReadContext.At(first)}");
                continue;
            }
            firstAt[id.Value] = id;
            _c.IndexOfItem[item] = firstAt.Count - 1;
        }
    }

    private void CheckActorCount()
    {
        if (_c.Actors.Count <= Limits.Actors)
        {
            return;
        }

        var first = _c.Section("actors").First(item => _c.IndexOfItem.TryGetValue(item, out var index) && index == Limits.Actors);
        _c.Error(first, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the scenario has {_c.Actors.Count} actors, more than the {Limits.Actors} a scenario may hold; this is the first beyond"),
            "relations are kept for every pair of actors; model many small groups as forces of fewer actors");
    }

    /// <summary>
    /// Actor and region ids name the columns of a run's time-series table (<c>power.MLI</c>, <c>controller.kidal</c>),
    /// whose names ignore case in DuckDB, Excel and R: two ids that differ only in letter case would be one column.
    /// </summary>
    private void CheckEntityIdCase()
    {
        var first = new Dictionary<string, YNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, node) in _c.EntityIdAt.OrderBy(e => e.Value.File.Order).ThenBy(e => e.Value.Line).ThenBy(e => e.Value.Column))
        {
            if (first.TryGetValue(id, out var earlier))
            {
                _c.Error(node, $"id '{id}' differs from '{((YScalar)earlier).Value}' at {ReadContext.At(earlier)} only in letter case",
                    "ids name the columns of the output tables, which ignore case; choose ids that differ in more than case");
                continue;
            }

            first[id] = node;
        }
    }

    /// <summary>The columns every ensemble's runs table has before the parameters and outcomes.</summary>
    internal static readonly string[] RunsTableColumns = ["run", "point", "replicate", "seed"];

    /// <summary>
    /// Parameters and outcomes become columns of an ensemble's runs table, whose column names ignore case (DuckDB,
    /// Excel, R): an id that names one of the table's own columns, or that another parameter or outcome already
    /// takes up to case, would be found only after every run of an ensemble was done.
    /// </summary>
    private void CheckRunsTableColumns()
    {
        var taken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in RunsTableColumns)
        {
            taken[column] = "a column of the runs table";
        }

        foreach (var engine in ModelParameters.All)
        {
            taken[engine.Id] = "the engine parameter";
        }

        foreach (var (section, what) in (ReadOnlySpan<(string, string)>)[("parameters", "parameter"), ("outcomes", "outcome")])
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in _c.Section(section))
            {
                // Ill-formed ids and exact repeats within a section are reported by the id checks already.
                if (item is not YMapping m || m.Get("id") is not YScalar { IsNull: false } id || !seen.Add(id.Value))
                {
                    continue;
                }

                var redeclared = section == "parameters" && ModelParameters.All.Any(e => e.Id == id.Value);
                if (!redeclared && taken.TryGetValue(id.Value, out var owner))
                {
                    _c.Error(id, $"{what} id '{id.Value}' would share a column of the ensemble runs table with {owner}",
                        "ids of parameters and outcomes must differ from each other, from run, point, replicate and seed, and from the engine's parameters, in more than letter case");
                    continue;
                }

                taken.TryAdd(id.Value, $"{what} '{id.Value}' at {ReadContext.At(id)}");
            }
        }
    }

    /// <summary>The <c>id</c> scalar of an item if it is well formed, else null (reported).</summary>
    internal static YScalar? IdOf(ReadContext c, YNode item, string what)
    {
        if (item is not YMapping m)
        {
            return null; // reported when the item is read
        }
        var node = m.Get("id");
        if (node is null || node is YScalar { IsNull: true })
        {
            c.Error(item, $"{what} is missing required key 'id'");
            return null;
        }
        if (node is not YScalar s)
        {
            c.Error(node, $"expected an id for '{what}', got {node.Describe()}");
            return null;
        }
        if (!ItemReader.IdPattern().IsMatch(s.Value))
        {
            c.Error(s, $"'{s.Value}' is not a valid id", "ids are letters, digits and '_', not starting with a digit");
            return null;
        }
        return s;
    }
}
