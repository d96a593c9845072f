using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Sim.Engine.Scenarios.Expressions;

namespace Sim.Engine.Scenarios;

/// <summary>One parsed file of a scenario: its top-level mapping and whether it is the root.</summary>
internal sealed record LoadedFile(SourceFile File, YMapping Root, bool IsRoot);

/// <summary>
/// Turns the loaded documents into a <see cref="ScenarioDefinition"/>. Two passes: the first collects
/// every id (so items may refer to ids defined later or in other files), the second reads and resolves
/// everything. Problems become diagnostics; a definition is returned only when there are none.
/// </summary>
internal sealed partial class ScenarioReader
{
    private readonly List<Diagnostic> _d;
    private readonly Dictionary<string, List<YNode>> _sections = new(StringComparer.Ordinal);
    private YMapping? _scenarioNode;
    private YNode? _recordNode;

    // Ids from pass 1. Actors and regions share one namespace so an id means one thing in expressions.
    private readonly Dictionary<string, int> _actors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YNode> _entityIdAt = new(StringComparer.Ordinal);
    private readonly Dictionary<YNode, int> _indexOfItem = new(ReferenceEqualityComparer.Instance);

    private ExpressionScope _scope = null!;
    private DateOnly? _start;
    private int _tickDays = 1;

    public ScenarioReader(List<Diagnostic> diagnostics) => _d = diagnostics;

    private void Error(YNode at, string message, string? hint = null) =>
        _d.Add(new Diagnostic(at.File.DisplayPath, at.Line, at.Column, message, hint));

    private static string At(YNode n) => string.Create(CultureInfo.InvariantCulture, $"{n.File.DisplayPath}:{n.Line}:{n.Column}");

    public ScenarioDefinition? Read(IReadOnlyList<LoadedFile> files, IReadOnlyList<string> overrides, string hash)
    {
        var errorsBefore = _d.Count;
        foreach (var f in files)
        {
            CollectSections(f);
        }
        if (_scenarioNode is null)
        {
            var root = files[0].Root;
            Error(root, "the root file has no 'scenario' section", "add scenario: {name: ..., start: YYYY-MM-DD}");
        }

        // Pass 1: ids.
        CollectIds("parameters", "parameter", _parameters, shareEntityNamespace: false);
        // The engine's model parameters exist in every scenario; a scenario may redeclare one to change its default or range.
        foreach (var engine in Model.ModelParameters.All)
        {
            _parameters.TryAdd(engine.Id, _parameters.Count);
        }

        CollectIds("actors", "actor", _actors, shareEntityNamespace: true);
        CollectIds("regions", "region", _regions, shareEntityNamespace: true);
        var actions = CollectActions();
        CheckUniqueIds("rules", "rule");
        CheckUniqueIds("outcomes", "outcome");

        // Pass 2: everything else.
        var header = ReadScenarioHeader();
        var parameters = ReadParameters(overrides);
        _scope = new ExpressionScope
        {
            Actors = _actors,
            Regions = _regions,
            Actions = _actions,
            Parameters = _parameters,
            TickDays = _tickDays,
        };
        var actors = ReadActors();
        var regions = ReadRegions();
        var forces = Section("forces").Select(ReadForce).OfType<ForceDefinition>().ToImmutableArray();
        CheckTotalStrength(forces);
        var relations = ReadRelations();
        var rules = Section("rules").Select(ReadRule).OfType<RuleDefinition>().ToImmutableArray();
        var timeline = Section("timeline").Select(ReadTimelineEntry).OfType<TimelineEntry>()
            .OrderBy(t => t.Tick).ToImmutableArray(); // OrderBy is stable: file order within a tick.
        var outcomes = Section("outcomes").Select(ReadOutcome).OfType<OutcomeDefinition>().ToImmutableArray();
        var record = _recordNode is null ? new RecordDefinition() : ReadRecord(_recordNode);

        if (_d.Count > errorsBefore)
        {
            return null;
        }
        return new ScenarioDefinition
        {
            Name = header.Name,
            Description = header.Description,
            Start = _start ?? default,
            TickDays = _tickDays,
            Horizon = header.Horizon,
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
            ActorIds = _actors,
            RegionIds = _regions,
            ActionIds = _actions,
            ParameterIds = _parameters,
        };
    }

    private List<YNode> Section(string name) => _sections.TryGetValue(name, out var l) ? l : [];

    private void CollectSections(LoadedFile f)
    {
        var keys = f.IsRoot ? ScenarioKeys.Root : ScenarioKeys.IncludedRoot;
        foreach (var (key, value) in f.Root.Entries)
        {
            if (!keys.Contains(key.Value))
            {
                if (!f.IsRoot && key.Value is "scenario" or "record")
                {
                    Error(key, $"'{key.Value}' is only allowed in the root file", "included files may hold lists (actors, regions, ...) and include");
                }
                else
                {
                    Error(key, $"unknown top-level key '{key.Value}'",
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
                        _scenarioNode = m;
                    }
                    else
                    {
                        Error(value, $"expected a mapping for 'scenario', got {value.Describe()}");
                    }
                    break;
                case "record":
                    _recordNode = value;
                    break;
                default:
                    if (value is YScalar { IsNull: true })
                    {
                        break;
                    }
                    if (value is not YSequence seq)
                    {
                        Error(value, $"expected a list for '{key.Value}', got {value.Describe()}", $"write each item on a line starting with '- '");
                        break;
                    }
                    if (!_sections.TryGetValue(key.Value, out var list))
                    {
                        _sections[key.Value] = list = [];
                    }
                    list.AddRange(seq.Items);
                    break;
            }
        }
    }

    /// <summary>The <c>id</c> scalar of an item if it is well formed, else null (reported).</summary>
    private YScalar? IdOf(YNode item, string what)
    {
        if (item is not YMapping m)
        {
            return null; // reported when the item is read
        }
        var node = m.Get("id");
        if (node is null || node is YScalar { IsNull: true })
        {
            Error(item, $"{what} is missing required key 'id'");
            return null;
        }
        if (node is not YScalar s)
        {
            Error(node, $"expected an id for '{what}', got {node.Describe()}");
            return null;
        }
        if (!ItemReader.IdPattern().IsMatch(s.Value))
        {
            Error(s, $"'{s.Value}' is not a valid id", "ids are letters, digits and '_', not starting with a digit");
            return null;
        }
        return s;
    }

    private void CollectIds(string section, string what, Dictionary<string, int> ids, bool shareEntityNamespace)
    {
        var firstAt = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var item in Section(section))
        {
            if (IdOf(item, what) is not { } id)
            {
                continue;
            }
            if (shareEntityNamespace && _entityIdAt.TryGetValue(id.Value, out var other))
            {
                var kind = _actors.ContainsKey(id.Value) ? "an actor" : "a region";
                Error(id, $"duplicate id '{id.Value}'", $"already used by {kind} at {At(other)}; actor and region ids share one namespace");
                continue;
            }
            if (!shareEntityNamespace && firstAt.TryGetValue(id.Value, out var first))
            {
                Error(id, $"duplicate {what} id '{id.Value}'", $"first defined at {At(first)}");
                continue;
            }
            if (section == "parameters" && ExpressionCompiler.IsReserved(id.Value))
            {
                Error(id, $"'{id.Value}' is a reserved word and cannot be a parameter id");
                continue;
            }
            firstAt[id.Value] = id;
            if (shareEntityNamespace)
            {
                _entityIdAt[id.Value] = id;
            }
            _indexOfItem[item] = ids.Count;
            ids[id.Value] = ids.Count;
        }
    }

    private void CheckUniqueIds(string section, string what)
    {
        var firstAt = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var item in Section(section))
        {
            if (IdOf(item, what) is not { } id)
            {
                continue;
            }
            if (firstAt.TryGetValue(id.Value, out var first))
            {
                Error(id, $"duplicate {what} id '{id.Value}'", $"first defined at {At(first)}");
                continue;
            }
            firstAt[id.Value] = id;
            _indexOfItem[item] = firstAt.Count - 1;
        }
    }

    // ---- resolution helpers -------------------------------------------------------------------

    private int ResolveActor(YScalar s) => Resolve(s, _actors, "actor");

    private int ResolveRegion(YScalar s) => Resolve(s, _regions, "region");

    private int Resolve(YScalar s, Dictionary<string, int> ids, string what)
    {
        if (ids.TryGetValue(s.Value, out var i))
        {
            return i;
        }
        if (what == "actor" && _regions.ContainsKey(s.Value))
        {
            Error(s, $"'{s.Value}' is a region, but an actor is expected here");
        }
        else if (what == "region" && _actors.ContainsKey(s.Value))
        {
            Error(s, $"'{s.Value}' is an actor, but a region is expected here");
        }
        else
        {
            Error(s, $"unknown {what} '{s.Value}'", Hints.DidYouMean(s.Value, ids.Keys));
        }
        return -1;
    }

    private int OptionalActor(ItemReader r, string key, bool required = false) =>
        r.Scalar(key, required, "an actor id") is { } s ? ResolveActor(s) : -1;

    private int OptionalRegion(ItemReader r, string key, bool required = false) =>
        r.Scalar(key, required, "a region id") is { } s ? ResolveRegion(s) : -1;

    // ---- scenario header ----------------------------------------------------------------------

    private sealed record Header(string Name, string? Description, int Horizon);

    private Header ReadScenarioHeader()
    {
        if (_scenarioNode is null)
        {
            return new Header("", null, 0);
        }
        var r = new ItemReader(_d, _scenarioNode, "scenario", ScenarioKeys.Scenario);
        var name = r.String("name", required: true) ?? "";
        var description = r.String("description");
        if (r.Scalar("start", required: true, "a date") is { } start)
        {
            _start = ParseDate(start, "start");
        }
        if (r.Scalar("tick", expected: "a tick length") is { } tick)
        {
            var m = TickPattern().Match(tick.Value);
            var n = m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
            if (n <= 0)
            {
                Error(tick, $"expected a tick length such as '1d' or '1w', got {tick.Describe()}", "Nd for N days, Nw for N weeks");
            }
            else
            {
                _tickDays = m.Groups[2].Value == "w" ? n * 7 : n;
            }
        }
        var horizon = r.Integer("horizon", 365, 1, 1_000_000);
        return new Header(name, description, horizon);
    }

    private DateOnly? ParseDate(YScalar s, string key)
    {
        if (DateOnly.TryParseExact(s.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        Error(s, $"expected a date (YYYY-MM-DD) for '{key}', got {s.Describe()}");
        return null;
    }

    [GeneratedRegex("^([0-9]+)([dw])$")]
    private static partial Regex TickPattern();

    // ---- parameters ---------------------------------------------------------------------------

    private ImmutableArray<ParameterDefinition> ReadParameters(IReadOnlyList<string> overrides)
    {
        var result = new ParameterDefinition?[_parameters.Count];
        foreach (var item in Section("parameters"))
        {
            var r = new ItemReader(_d, item, "parameter", ScenarioKeys.Parameter);
            if (!r.IsValid)
            {
                continue;
            }
            // Items whose id was rejected in pass 1 are still read, so all their problems show up at once.
            var hasIndex = _indexOfItem.TryGetValue(item, out var index);
            var id = r.String("id") ?? "";
            var min = double.NegativeInfinity;
            var max = double.PositiveInfinity;
            if (r.Raw("range") is { } rangeNode)
            {
                var bounds = r.ScalarList("range");
                if (rangeNode is YSequence && bounds.Count != 2)
                {
                    Error(rangeNode, $"range must be a list of two numbers [min, max], got {bounds.Count}");
                }
                else if (bounds.Count == 2)
                {
                    min = r.CheckNumber(bounds[0], "range", double.NegativeInfinity, double.NegativeInfinity, double.PositiveInfinity);
                    max = r.CheckNumber(bounds[1], "range", double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity);
                    if (min > max)
                    {
                        Error(rangeNode, $"range [{ItemReader.Format(min)}, {ItemReader.Format(max)}] is empty", "write [min, max] with min <= max");
                        (min, max) = (double.NegativeInfinity, double.PositiveInfinity);
                    }
                }
            }
            var valueNode = r.Scalar("value", required: true, "a number");
            var value = 0.0;
            if (valueNode is not null)
            {
                value = r.CheckNumber(valueNode, "value", 0, double.NegativeInfinity, double.PositiveInfinity);
                if (value < min || value > max)
                {
                    Error(valueNode, $"parameter '{id}' value {ItemReader.Format(value)} is outside its declared range [{ItemReader.Format(min)}, {ItemReader.Format(max)}]");
                }
            }
            if (!hasIndex)
            {
                continue;
            }
            result[index] = new ParameterDefinition
            {
                Index = index,
                Id = id,
                Value = value,
                FileValue = value,
                Min = min,
                Max = max,
                Description = r.String("description"),
                Source = r.Source,
                FieldSources = r.FieldSources,
                Location = r.Location,
            };
        }

        foreach (var engine in Model.ModelParameters.All)
        {
            var index = _parameters[engine.Id];
            result[index] ??= new ParameterDefinition
            {
                Index = index,
                Id = engine.Id,
                Value = engine.Default,
                FileValue = engine.Default,
                Min = engine.Min,
                Max = engine.Max,
                Description = engine.Description,
                Source = engine.Source,
            };
        }

        // --set name=value: the "line" of a diagnostic is the override's position on the command line.
        for (var i = 0; i < overrides.Count; i++)
        {
            var text = overrides[i];
            var line = i + 1;
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                _d.Add(new Diagnostic("--set", line, 1, $"expected name=value, got '{text}'", "e.g. --set pmc_aggression=0.8"));
                continue;
            }
            var name = text[..eq].Trim();
            var valueText = text[(eq + 1)..].Trim();
            if (!_parameters.TryGetValue(name, out var index))
            {
                _d.Add(new Diagnostic("--set", line, 1, $"unknown parameter '{name}'",
                    Hints.DidYouMean(name, _parameters.Keys) ?? (_parameters.Count == 0 ? "the scenario declares no parameters" : null)));
                continue;
            }
            var col = eq + 2;
            if (!ItemReader.TryNumber(valueText, out var v))
            {
                _d.Add(new Diagnostic("--set", line, col, $"value '{valueText}' for parameter '{name}' is not a number"));
                continue;
            }
            if (result[index] is not { } p)
            {
                continue;
            }
            if (v < p.Min || v > p.Max)
            {
                _d.Add(new Diagnostic("--set", line, col,
                    $"value {ItemReader.Format(v)} for parameter '{name}' is outside its declared range [{ItemReader.Format(p.Min)}, {ItemReader.Format(p.Max)}]"));
                continue;
            }
            // Later overrides of the same name win, as with most command lines.
            result[index] = p with { Value = v };
        }
        return [.. result.OfType<ParameterDefinition>()];
    }

    // ---- actions ------------------------------------------------------------------------------

    private ImmutableArray<ActionDefinition> CollectActions()
    {
        var list = new List<ActionDefinition>();
        foreach (var e in DefaultActions.All)
        {
            _actions[e.Id] = list.Count;
            list.Add(new ActionDefinition
            {
                Index = list.Count,
                Id = e.Id,
                Name = e.Name,
                Cameo = e.Cameo,
                Goldstein = e.Goldstein,
                Acled = e.Acled,
                Rung = e.Rung,
                IsDefault = true,
                Source = DefaultActions.Source,
            });
        }
        var firstAt = new Dictionary<string, YNode>(StringComparer.Ordinal);
        foreach (var item in Section("actions"))
        {
            var id = IdOf(item, "action");
            var r = new ItemReader(_d, item, "action", ScenarioKeys.Action);
            if (id is null || !r.IsValid)
            {
                continue;
            }
            if (firstAt.TryGetValue(id.Value, out var first))
            {
                Error(id, $"duplicate action id '{id.Value}'", $"first defined at {At(first)}");
                continue;
            }
            firstAt[id.Value] = id;
            var existing = _actions.TryGetValue(id.Value, out var index) ? list[index] : null;
            var cameo = existing?.Cameo ?? "01";
            if (r.Scalar("cameo", required: existing is null, "a CAMEO code") is { } c)
            {
                if (!CameoPattern().IsMatch(c.Value) || int.Parse(c.Value.AsSpan(0, 2), CultureInfo.InvariantCulture) is < 1 or > 20)
                {
                    Error(c, $"'{c.Value}' is not a CAMEO code", "2 to 4 digits whose first two are a root 01..20, e.g. \"195\"");
                }
                else
                {
                    cameo = c.Value;
                }
            }
            var acled = existing?.Acled;
            if (r.Has("acled"))
            {
                acled = r.Choice("acled", DefaultActions.AcledEventTypes);
            }
            var def = new ActionDefinition
            {
                Index = existing?.Index ?? list.Count,
                Id = id.Value,
                Name = r.String("name") ?? existing?.Name ?? id.Value,
                Cameo = cameo,
                Goldstein = r.Number("goldstein", existing?.Goldstein ?? 0, -10, 10, required: existing is null),
                Acled = acled,
                Rung = r.Integer("rung", existing?.Rung ?? 0, 0, 9),
                IsDefault = false,
                Source = r.Source ?? existing?.Source,
                FieldSources = r.FieldSources,
                Location = r.Location,
            };
            if (existing is null)
            {
                _actions[id.Value] = list.Count;
                list.Add(def);
            }
            else
            {
                list[index] = def;
            }
        }
        return [.. list];
    }

    [GeneratedRegex("^[0-9]{2,4}$")]
    private static partial Regex CameoPattern();

    // ---- actors and regions -------------------------------------------------------------------

    private ImmutableArray<ActorDefinition> ReadActors()
    {
        var result = new ActorDefinition?[_actors.Count];
        foreach (var item in Section("actors"))
        {
            var r = new ItemReader(_d, item, "actor", ScenarioKeys.Actor);
            if (!r.IsValid)
            {
                continue;
            }
            var hasIndex = _indexOfItem.TryGetValue(item, out var index);
            if (!hasIndex)
            {
                index = -1;
            }
            var id = r.String("id") ?? "";
            var kindText = r.Choice("kind", ScenarioKeys.ActorKinds, required: true);
            var kind = kindText switch
            {
                "junta" => ActorKind.Junta,
                "separatist" => ActorKind.Separatist,
                "pmc" => ActorKind.Pmc,
                "armed_group" => ActorKind.ArmedGroup,
                "organization" => ActorKind.Organization,
                _ => ActorKind.State,
            };
            var patron = -1;
            if (r.Scalar("patron", expected: "an actor id") is { } ps)
            {
                patron = ResolveActor(ps);
                if (patron == index)
                {
                    Error(ps, $"actor '{id}' cannot be its own patron");
                }
            }
            var contracts = ImmutableArray.CreateBuilder<ContractDefinition>();
            var contractItems = r.List("contracts");
            if (contractItems.Count > 0 && kindText is not null && kind != ActorKind.Pmc)
            {
                Error(r.Raw("contracts")!, $"only pmc actors have contracts; '{id}' is a {kindText}");
            }
            foreach (var c in contractItems)
            {
                var cr = new ItemReader(_d, c, "contract", ScenarioKeys.Contract);
                if (!cr.IsValid)
                {
                    continue;
                }
                contracts.Add(new ContractDefinition
                {
                    Host = OptionalActor(cr, "host", required: true),
                    Payment = cr.Number("payment", 0, 0, ItemReader.MaxMagnitude),
                    Source = cr.Source,
                    FieldSources = cr.FieldSources,
                    Location = cr.Location,
                });
            }
            var claims = r.ScalarList("claims").Select(ResolveRegion).ToImmutableArray();
            var actor = new ActorDefinition
            {
                Index = index,
                Id = id,
                Name = r.String("name") ?? id,
                Kind = kind,
                Power = r.Number("power", 0, 0, ItemReader.MaxMagnitude),
                Economy = r.Number("economy", 0, 0, ItemReader.MaxMagnitude),
                Cohesion = r.Number("cohesion", 0.5, 0, 1),
                Resolve = r.Number("resolve", 0.5, 0, 1),
                Rationality = r.Number("rationality", 1, 0, ItemReader.MaxMagnitude),
                Capital = OptionalRegion(r, "capital"),
                Patron = patron,
                Contracts = contracts.ToImmutable(),
                Claims = claims,
                Source = r.Source,
                FieldSources = r.FieldSources,
                Location = r.Location,
            };
            if (hasIndex)
            {
                result[index] = actor;
            }
        }
        return [.. result.OfType<ActorDefinition>()];
    }

    private ImmutableArray<RegionDefinition> ReadRegions()
    {
        var result = new RegionDefinition?[_regions.Count];
        var adjacency = new SortedSet<int>[_regions.Count];
        for (var i = 0; i < adjacency.Length; i++)
        {
            adjacency[i] = [];
        }
        foreach (var item in Section("regions"))
        {
            var r = new ItemReader(_d, item, "region", ScenarioKeys.Region);
            if (!r.IsValid)
            {
                continue;
            }
            var hasIndex = _indexOfItem.TryGetValue(item, out var index);
            if (!hasIndex)
            {
                index = -1;
            }
            var id = r.String("id") ?? "";
            foreach (var s in r.ScalarList("adjacent"))
            {
                var other = ResolveRegion(s);
                if (other == index)
                {
                    Error(s, $"region '{id}' cannot be adjacent to itself");
                }
                else if (other >= 0 && hasIndex)
                {
                    // Adjacency is symmetric: listing a border once, on either side, is enough.
                    adjacency[index].Add(other);
                    adjacency[other].Add(index);
                }
            }
            var region = new RegionDefinition
            {
                Index = index,
                Id = id,
                Name = r.String("name") ?? id,
                Lat = r.Number("lat", 0, -90, 90, required: true),
                Lon = r.Number("lon", 0, -180, 180, required: true),
                Country = OptionalActor(r, "country"),
                Controller = OptionalActor(r, "controller"),
                Population = r.Number("population", 0, 0, ItemReader.MaxMagnitude),
                Displaced = r.Number("displaced", 0, 0, ItemReader.MaxMagnitude),
                Source = r.Source,
                FieldSources = r.FieldSources,
                Location = r.Location,
            };
            if (hasIndex)
            {
                result[index] = region;
            }
        }
        return [.. result.OfType<RegionDefinition>().Select(x => x with { Adjacent = [.. adjacency[x.Index]] })];
    }

    // ---- forces and relations -----------------------------------------------------------------

    private ForceDefinition? ReadForce(YNode item)
    {
        var r = new ItemReader(_d, item, "force", ScenarioKeys.Force);
        if (!r.IsValid)
        {
            return null;
        }
        return new ForceDefinition
        {
            Owner = OptionalActor(r, "owner", required: true),
            Region = OptionalRegion(r, "region", required: true),
            Strength = r.Number("strength", 0, 0, ItemReader.MaxMagnitude, required: true),
            Contract = OptionalActor(r, "contract"),
            Source = r.Source,
            FieldSources = r.FieldSources,
            Location = r.Location,
        };
    }

    /// <summary>Reports the force at which the running total passes <see cref="ScenarioDefinition.MaxTotalStrength"/>.</summary>
    private void CheckTotalStrength(ImmutableArray<ForceDefinition> forces)
    {
        var total = 0.0;
        foreach (var f in forces)
        {
            total += f.Strength;
            if (total > ScenarioDefinition.MaxTotalStrength)
            {
                _d.Add(new Diagnostic(f.Location.File, f.Location.Line, f.Location.Column,
                    $"the forces' strengths add up to more than {ScenarioDefinition.MaxTotalStrength:0e0} by this force",
                    "strength counts personnel; the world's armed forces total about 3e7, and a larger count would overflow casualty counts"));
                return;
            }
        }
    }

    /// <summary>Reads a two-actor list such as <c>between: [A, B]</c>; null when malformed (reported).</summary>
    private (int A, int B)? ReadPair(YNode node, ItemReader r, string field, string what)
    {
        var items = node is YSequence seq ? seq.Items : null;
        if (items is null || items.Count != 2)
        {
            Error(node, $"'{field}' must list two actors, e.g. [DZA, RUS]");
            return null;
        }
        var a = r.Unwrap(items[0], field + "[0]", "an actor id");
        var b = r.Unwrap(items[1], field + "[1]", "an actor id");
        if (a is null || b is null)
        {
            return null;
        }
        var ia = ResolveActor(a);
        var ib = ResolveActor(b);
        if (ia < 0 || ib < 0)
        {
            return null;
        }
        if (ia == ib)
        {
            Error(b, $"{what} of '{a.Value}' with itself", "a relation needs two different actors");
            return null;
        }
        return (ia, ib);
    }

    private ImmutableArray<RelationDefinition> ReadRelations()
    {
        var result = ImmutableArray.CreateBuilder<RelationDefinition>();
        var seen = new Dictionary<(int, int), YNode>();
        foreach (var item in Section("relations"))
        {
            var r = new ItemReader(_d, item, "relation", ScenarioKeys.Relation);
            if (!r.IsValid)
            {
                continue;
            }
            (int A, int B)? pair = null;
            if (r.Raw("between") is { } between)
            {
                pair = ReadPair(between, r, "between", "relation");
            }
            else
            {
                r.Missing("between");
            }
            var directed = r.Bool("directed", false);
            var treatyText = r.Choice("treaty", ScenarioKeys.Treaties);
            var def = new RelationDefinition
            {
                A = pair?.A ?? -1,
                B = pair?.B ?? -1,
                Affinity = r.Number("affinity", 0, -1, 1),
                Escalation = r.Integer("escalation", 0, 0, 9),
                Treaty = treatyText switch
                {
                    "defense_pact" => Treaty.DefensePact,
                    "non_aggression" => Treaty.NonAggression,
                    "entente" => Treaty.Entente,
                    _ => Treaty.None,
                },
                Directed = directed,
                Source = r.Source,
                FieldSources = r.FieldSources,
                Location = r.Location,
            };
            if (pair is { } p)
            {
                // An undirected relation sets both directions, so it clashes with any other relation of the pair.
                var keys = directed ? [(p.A, p.B)] : new[] { (p.A, p.B), (p.B, p.A) };
                YNode? earlier = null;
                foreach (var k in keys)
                {
                    earlier ??= seen.GetValueOrDefault(k);
                }
                if (earlier is not null)
                {
                    Error(item, $"the relation between '{_actors.First(x => x.Value == p.A).Key}' and '{_actors.First(x => x.Value == p.B).Key}' is already defined",
                        $"first defined at {At(earlier)}");
                    continue;
                }
                foreach (var k in keys)
                {
                    seen[k] = item;
                }
            }
            result.Add(def);
        }
        return result.ToImmutable();
    }

    // ---- expressions --------------------------------------------------------------------------

    /// <summary>Compiles the text of a scalar, pointing errors at the exact character inside the file.</summary>
    private CompiledExpression? Compile(YScalar s, ExpressionType? expected)
    {
        var errors = new List<ExpressionError>();
        var compiled = ExpressionCompiler.Compile(s.Value, _scope, expected, errors);
        foreach (var e in errors)
        {
            var (line, col) = ScalarPositions.Map(s, e.Offset);
            _d.Add(new Diagnostic(s.File.DisplayPath, line, col, e.Message, e.Hint));
        }
        return compiled;
    }

    /// <summary>A number or a number expression (a plain number in the file is a constant).</summary>
    private CompiledExpression? NumberExpression(ItemReader r, string key, bool required, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var s = r.Scalar(key, required, "a number or an expression");
        if (s is null)
        {
            return null;
        }
        if (ItemReader.TryNumber(s.Value, out _))
        {
            return CompiledExpression.Constant(r.CheckNumber(s, key, 0, min, max));
        }
        return Compile(s, ExpressionType.Number);
    }

    // ---- rules, timeline, outcomes, effects ---------------------------------------------------

    private RuleDefinition? ReadRule(YNode item)
    {
        var r = new ItemReader(_d, item, "rule", ScenarioKeys.Rule);
        if (!r.IsValid)
        {
            return null;
        }
        var when = r.Scalar("when", required: true, "a condition") is { } w ? Compile(w, ExpressionType.Bool) : null;
        var chance = NumberExpression(r, "chance", false, 0, 1) ?? CompiledExpression.Constant(1);
        var once = r.Bool("once", false);
        var then = ReadEffects(r, "then");
        if (when is null)
        {
            return null;
        }
        return new RuleDefinition
        {
            Id = r.String("id") ?? "",
            When = when,
            Chance = chance,
            Once = once,
            Then = then,
            Source = r.Source,
            FieldSources = r.FieldSources,
            Location = r.Location,
        };
    }

    private TimelineEntry? ReadTimelineEntry(YNode item)
    {
        var r = new ItemReader(_d, item, "timeline entry", ScenarioKeys.Timeline);
        if (!r.IsValid)
        {
            return null;
        }
        var tick = -1;
        var hasDate = r.Has("date");
        var hasTick = r.Has("tick");
        if (hasDate == hasTick)
        {
            Error(item, hasDate ? "a timeline entry has either 'date' or 'tick', not both" : "a timeline entry needs 'date' or 'tick'");
        }
        else if (hasTick)
        {
            tick = r.Integer("tick", -1, 0, int.MaxValue);
        }
        else if (r.Scalar("date", expected: "a date") is { } ds && ParseDate(ds, "date") is { } date && _start is { } start)
        {
            var days = date.DayNumber - start.DayNumber;
            if (days < 0)
            {
                Error(ds, $"date {ds.Value} is before the scenario start {start:yyyy-MM-dd}");
            }
            else
            {
                // A date inside a multi-day tick falls on the tick that contains it.
                tick = days / _tickDays;
            }
        }
        var then = ReadEffects(r, "then");
        return new TimelineEntry
        {
            Tick = tick,
            Then = then,
            Source = r.Source,
            FieldSources = r.FieldSources,
            Location = r.Location,
        };
    }

    private OutcomeDefinition? ReadOutcome(YNode item)
    {
        var r = new ItemReader(_d, item, "outcome", ScenarioKeys.Outcome);
        if (!r.IsValid)
        {
            return null;
        }
        var expr = r.Scalar("expr", required: true, "an expression") is { } e ? Compile(e, null) : null;
        if (expr is null)
        {
            return null;
        }
        return new OutcomeDefinition
        {
            Id = r.String("id") ?? "",
            Description = r.String("description"),
            Expr = expr,
            Source = r.Source,
            FieldSources = r.FieldSources,
            Location = r.Location,
        };
    }

    private ImmutableArray<EffectDefinition> ReadEffects(ItemReader owner, string key)
    {
        var items = owner.List(key, required: true);
        if (items.Count == 0 && owner.Raw(key) is { } node && node is not YScalar { IsNull: true })
        {
            Error(node, $"'{key}' lists no effects", "add at least one effect, e.g. - affinity: {from: A, to: B, add: -0.1}");
        }
        var result = ImmutableArray.CreateBuilder<EffectDefinition>();
        foreach (var item in items)
        {
            if (ReadEffect(item) is { } e)
            {
                result.Add(e);
            }
        }
        return result.ToImmutable();
    }

    private EffectDefinition? ReadEffect(YNode item)
    {
        if (item is not YMapping m)
        {
            Error(item, $"expected an effect such as '- affinity: {{...}}', got {item.Describe()}",
                $"effects: {string.Join(", ", ScenarioKeys.Effects.Keys)}");
            return null;
        }
        var kinds = m.Entries.Where(e => e.Key.Value != ScenarioKeys.Source).ToList();
        if (kinds.Count != 1)
        {
            Error(item, kinds.Count == 0 ? "an effect needs one kind" : $"an effect has exactly one kind, got {kinds.Count}",
                $"one of: {string.Join(", ", ScenarioKeys.Effects.Keys)}; write each effect as its own list item");
            return null;
        }
        var (kindNode, body) = kinds[0];
        if (!ScenarioKeys.Effects.TryGetValue(kindNode.Value, out var keys))
        {
            Error(kindNode, $"unknown effect '{kindNode.Value}'",
                Hints.DidYouMean(kindNode.Value, ScenarioKeys.Effects.Keys) ?? $"one of: {string.Join(", ", ScenarioKeys.Effects.Keys)}");
            return null;
        }
        var outerSource = m.Get(ScenarioKeys.Source) is YScalar os ? os.Value : null;
        var r = new ItemReader(_d, body, $"{kindNode.Value} effect", keys);
        if (!r.IsValid)
        {
            return null;
        }
        var source = r.Source ?? outerSource;
        var location = kindNode.Location;

        (EffectMode Mode, CompiledExpression Value)? Amount()
        {
            var hasAdd = r.Has("add");
            var hasSet = r.Has("set");
            if (hasAdd == hasSet)
            {
                Error(body, hasAdd ? $"{r.What} has both 'add' and 'set'" : $"{r.What} needs 'add' or 'set'",
                    "give exactly one of them");
                return null;
            }
            var key = hasAdd ? "add" : "set";
            var v = NumberExpression(r, key, true);
            return v is null ? null : (hasAdd ? EffectMode.Add : EffectMode.Set, v);
        }

        void NotSelf(string a, string b, int ia, int ib)
        {
            if (ia >= 0 && ia == ib && r.Scalar(b) is { } s)
            {
                Error(s, $"{r.What}: '{a}' and '{b}' are the same actor", "a relation needs two different actors");
            }
        }

        switch (kindNode.Value)
        {
            case "event":
            {
                var action = r.Scalar("action", required: true, "an action id") is { } a ? Resolve(a, _actions, "action") : -1;
                var e = new EventEffect
                {
                    Action = action,
                    Actor = OptionalActor(r, "actor", required: true),
                    Target = OptionalActor(r, "target"),
                    Region = OptionalRegion(r, "region"),
                    Fatalities = NumberExpression(r, "fatalities", false, 0),
                    CivilianFatalities = NumberExpression(r, "civilian_fatalities", false, 0),
                    Source = source,
                    FieldSources = r.FieldSources,
                    Location = location,
                };
                return e;
            }
            case "affinity":
            {
                var from = OptionalActor(r, "from", required: true);
                var to = OptionalActor(r, "to", required: true);
                NotSelf("from", "to", from, to);
                var both = r.Bool("both", false);
                var amount = Amount();
                if (amount is null)
                {
                    return null;
                }
                if (amount.Value.Mode == EffectMode.Set && amount.Value.Value.IsConstant)
                {
                    _ = NumberExpression(r, "set", true, -1, 1); // a constant target must be a valid affinity
                }
                return new AffinityEffect
                {
                    From = from, To = to, Both = both, Mode = amount.Value.Mode, Value = amount.Value.Value,
                    Source = source, FieldSources = r.FieldSources, Location = location,
                };
            }
            case "escalation":
            {
                var a = OptionalActor(r, "a", required: true);
                var b = OptionalActor(r, "b", required: true);
                NotSelf("a", "b", a, b);
                var amount = Amount();
                if (amount is null)
                {
                    return null;
                }
                if (amount.Value.Mode == EffectMode.Set && amount.Value.Value.IsConstant)
                {
                    _ = NumberExpression(r, "set", true, 0, 9);
                }
                return new EscalationEffect
                {
                    A = a, B = b, Mode = amount.Value.Mode, Value = amount.Value.Value,
                    Source = source, FieldSources = r.FieldSources, Location = location,
                };
            }
            case "control":
                return new ControlEffect
                {
                    Region = OptionalRegion(r, "region", required: true),
                    Actor = OptionalActor(r, "actor", required: true),
                    Source = source, FieldSources = r.FieldSources, Location = location,
                };
            case "strength":
            {
                var actor = OptionalActor(r, "actor", required: true);
                var region = OptionalRegion(r, "region", required: true);
                var amount = Amount();
                return amount is null ? null : new StrengthEffect
                {
                    Actor = actor, Region = region, Mode = amount.Value.Mode, Value = amount.Value.Value,
                    Source = source, FieldSources = r.FieldSources, Location = location,
                };
            }
            case "cohesion":
            {
                var actor = OptionalActor(r, "actor", required: true);
                var amount = Amount();
                if (amount is null)
                {
                    return null;
                }
                if (amount.Value.Mode == EffectMode.Set && amount.Value.Value.IsConstant)
                {
                    _ = NumberExpression(r, "set", true, 0, 1);
                }
                return new CohesionEffect
                {
                    Actor = actor, Mode = amount.Value.Mode, Value = amount.Value.Value,
                    Source = source, FieldSources = r.FieldSources, Location = location,
                };
            }
            default: // param
            {
                var p = r.Scalar("id", required: true, "a parameter id") is { } ps ? Resolve(ps, _parameters, "parameter") : -1;
                var amount = Amount();
                return amount is null ? null : new ParameterEffect
                {
                    Parameter = p, Mode = amount.Value.Mode, Value = amount.Value.Value,
                    Source = source, FieldSources = r.FieldSources, Location = location,
                };
            }
        }
    }

    // ---- record -------------------------------------------------------------------------------

    private RecordDefinition ReadRecord(YNode node)
    {
        var r = new ItemReader(_d, node, "record", ScenarioKeys.Record);
        if (!r.IsValid)
        {
            return new RecordDefinition();
        }
        var pairs = ImmutableArray.CreateBuilder<(int, int)>();
        foreach (var p in r.List("pairs"))
        {
            if (ReadPair(p, r, "pairs", "a pair") is { } pair)
            {
                pairs.Add(pair);
            }
        }
        return new RecordDefinition
        {
            Pairs = pairs.ToImmutable(),
            Actors = [.. r.ScalarList("actors").Select(ResolveActor)],
            Regions = [.. r.ScalarList("regions").Select(ResolveRegion)],
            Source = r.Source,
            FieldSources = r.FieldSources,
            Location = r.Location,
        };
    }
}
