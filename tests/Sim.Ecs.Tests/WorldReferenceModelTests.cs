namespace Sim.Ecs.Tests;

/// <summary>
/// Drives a world and a plain dictionary model with the same long run of random operations
/// and checks after every few steps that they agree on every entity, component and query.
/// </summary>
[TestFixture]
public class WorldReferenceModelTests
{
    private const int Operations = 6_000;
    private const int CheckEvery = 25;

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(2024)]
    [TestCase(987_654_321)]
    public void RandomOperations_FixedSeed_WorldMatchesModel(int seed)
    {
        var run = new ModelRun(seed);
        for (var op = 1; op <= Operations; op++)
        {
            run.Step();
            if (op % CheckEvery == 0)
            {
                run.CompareAll();
            }
        }

        run.CompareAll();
        Assert.That(run.Stats.Values.Min(), Is.GreaterThan(50), "every kind of operation ran often enough to matter");
    }

    /// <summary>What the model holds for one entity: null means the component is absent.</summary>
    private sealed class ModelEntity
    {
        public int? Health;
        public long? Wealth;
        public double? Morale;
        public bool Frozen;

        public bool Has(int component) => component switch
        {
            0 => Health.HasValue,
            1 => Wealth.HasValue,
            2 => Morale.HasValue,
            _ => Frozen,
        };
    }

    private sealed class ModelRun(int seed)
    {
        private const int ComponentKinds = 4;
        private readonly Random _random = new(seed);
        private readonly World _world = new();
        private readonly Dictionary<Entity, ModelEntity> _model = [];
        private readonly List<Entity> _live = [];
        private readonly List<Entity> _dead = [];

        public Dictionary<string, int> Stats { get; } = new()
        {
            ["create"] = 0,
            ["destroy"] = 0,
            ["add"] = 0,
            ["remove"] = 0,
            ["set"] = 0,
            ["get"] = 0,
            ["query"] = 0,
            ["stale"] = 0,
        };

        public void Step()
        {
            var roll = _random.Next(100);
            if (_live.Count < 20 || roll < 22)
            {
                Create();
            }
            else if (roll < 34)
            {
                Destroy();
            }
            else if (roll < 52)
            {
                Add();
            }
            else if (roll < 64)
            {
                Remove();
            }
            else if (roll < 76)
            {
                Set();
            }
            else if (roll < 88)
            {
                GetHas();
            }
            else if (roll < 96)
            {
                Query();
            }
            else
            {
                Stale();
            }
        }

        public void CompareAll()
        {
            Assert.That(_world.Count, Is.EqualTo(_model.Count), "live entity count");
            Assert.That(_world.Archetypes.Sum(a => a.Count), Is.EqualTo(_model.Count), "rows across tables");
            var seen = new HashSet<Entity>();
            foreach (var table in _world.Archetypes)
            {
                foreach (var entity in table.Entities)
                {
                    Assert.That(seen.Add(entity), Is.True, $"{entity} appears in one row only");
                    Assert.That(_model.ContainsKey(entity), Is.True, $"{entity} in a table is live in the model");
                }
            }

            foreach (var (entity, expected) in _model)
            {
                CompareEntity(entity, expected);
            }

            foreach (var entity in _dead)
            {
                Assert.That(_world.IsAlive(entity), Is.False, $"destroyed {entity} stays dead");
            }
        }

        private void CompareEntity(Entity entity, ModelEntity expected)
        {
            Assert.That(_world.IsAlive(entity), Is.True, $"{entity} alive");
            Assert.That(_world.Has<Health>(entity), Is.EqualTo(expected.Health.HasValue), $"{entity} has Health");
            Assert.That(_world.Has<Wealth>(entity), Is.EqualTo(expected.Wealth.HasValue), $"{entity} has Wealth");
            Assert.That(_world.Has<Morale>(entity), Is.EqualTo(expected.Morale.HasValue), $"{entity} has Morale");
            Assert.That(_world.Has<Frozen>(entity), Is.EqualTo(expected.Frozen), $"{entity} has Frozen");
            if (expected.Health is { } health)
            {
                Assert.That(_world.Get<Health>(entity).Value, Is.EqualTo(health), $"{entity} Health");
            }

            if (expected.Wealth is { } wealth)
            {
                Assert.That(_world.Get<Wealth>(entity).Value, Is.EqualTo(wealth), $"{entity} Wealth");
            }

            if (expected.Morale is { } morale)
            {
                Assert.That(_world.TryGet<Morale>(entity, out var actual), Is.True);
                Assert.That(actual.Value, Is.EqualTo(morale), $"{entity} Morale");
            }
            else
            {
                Assert.That(_world.TryGet<Morale>(entity, out _), Is.False, $"{entity} TryGet Morale");
            }
        }

        private void Create()
        {
            Stats["create"]++;
            var m = new ModelEntity();
            var h = new Health(_random.Next(-1000, 1000));
            var w = new Wealth(_random.NextInt64(-1_000_000_000_000, 1_000_000_000_000));
            var mo = new Morale(Math.Round(_random.NextDouble(), 3));

            // Exercise both the typed Create overloads and Create-then-Add.
            Entity entity;
            switch (_random.Next(8))
            {
                case 0:
                    entity = _world.Create();
                    break;
                case 1:
                    entity = _world.Create(h);
                    m.Health = h.Value;
                    break;
                case 2:
                    entity = _world.Create(h, w);
                    (m.Health, m.Wealth) = (h.Value, w.Value);
                    break;
                case 3:
                    entity = _world.Create(w, mo, default(Frozen));
                    (m.Wealth, m.Morale, m.Frozen) = (w.Value, mo.Value, true);
                    break;
                case 4:
                    entity = _world.Create(mo, h, default(Frozen), w);
                    (m.Health, m.Wealth, m.Morale, m.Frozen) = (h.Value, w.Value, mo.Value, true);
                    break;
                default:
                    entity = _world.Create();
                    for (var c = 0; c < ComponentKinds; c++)
                    {
                        if (_random.Next(2) == 0)
                        {
                            AddComponent(entity, m, c);
                        }
                    }

                    break;
            }

            Assert.That(_model.ContainsKey(entity), Is.False, $"new {entity} is not a live handle");
            _model.Add(entity, m);
            _live.Add(entity);
        }

        private void Destroy()
        {
            Stats["destroy"]++;
            var index = _random.Next(_live.Count);
            var entity = _live[index];
            _world.Destroy(entity);
            _live[index] = _live[^1];
            _live.RemoveAt(_live.Count - 1);
            _model.Remove(entity);
            _dead.Add(entity);
        }

        private void Add()
        {
            Stats["add"]++;
            var entity = PickLive();
            AddComponent(entity, _model[entity], _random.Next(ComponentKinds));
        }

        private void AddComponent(Entity entity, ModelEntity m, int component)
        {
            // Add overwrites a component the entity already has.
            switch (component)
            {
                case 0:
                    var h = _random.Next();
                    _world.Add(entity, new Health(h));
                    m.Health = h;
                    break;
                case 1:
                    var w = _random.NextInt64();
                    _world.Add(entity, new Wealth(w));
                    m.Wealth = w;
                    break;
                case 2:
                    var mo = _random.NextDouble();
                    _world.Add(entity, new Morale(mo));
                    m.Morale = mo;
                    break;
                default:
                    _world.Add<Frozen>(entity);
                    m.Frozen = true;
                    break;
            }
        }

        private void Remove()
        {
            Stats["remove"]++;
            var entity = PickLive();
            var m = _model[entity];
            switch (_random.Next(ComponentKinds))
            {
                case 0:
                    _world.Remove<Health>(entity);
                    m.Health = null;
                    break;
                case 1:
                    _world.Remove<Wealth>(entity);
                    m.Wealth = null;
                    break;
                case 2:
                    _world.Remove<Morale>(entity);
                    m.Morale = null;
                    break;
                default:
                    _world.Remove<Frozen>(entity);
                    m.Frozen = false;
                    break;
            }
        }

        private void Set()
        {
            Stats["set"]++;
            var entity = PickLive();
            var m = _model[entity];
            var value = _random.Next(-50, 50);
            if (_random.Next(2) == 0)
            {
                if (m.Health.HasValue)
                {
                    _world.Set(entity, new Health(value));
                    m.Health = value;
                }
                else
                {
                    Assert.Throws<InvalidOperationException>(() => _world.Set(entity, new Health(value)));
                }
            }
            else if (m.Wealth.HasValue)
            {
                // Writes through the returned reference must land in the table.
                _world.Get<Wealth>(entity).Value += value;
                m.Wealth += value;
            }
            else
            {
                Assert.Throws<InvalidOperationException>(() => _world.Get<Wealth>(entity));
            }
        }

        private void GetHas()
        {
            Stats["get"]++;
            var entity = PickLive();
            CompareEntity(entity, _model[entity]);
        }

        private void Query()
        {
            Stats["query"]++;
            var all = new bool[ComponentKinds];
            var any = new bool[ComponentKinds];
            var none = new bool[ComponentKinds];
            var description = new QueryDescription();
            for (var c = 0; c < ComponentKinds; c++)
            {
                switch (_random.Next(6))
                {
                    case 0:
                        all[c] = true;
                        description = With(description, 0, c);
                        break;
                    case 1:
                        any[c] = true;
                        description = With(description, 1, c);
                        break;
                    case 2:
                        none[c] = true;
                        description = With(description, 2, c);
                        break;
                }
            }

            bool Matches(ModelEntity m)
            {
                var anyHit = !any.Contains(true);
                for (var c = 0; c < ComponentKinds; c++)
                {
                    if ((all[c] && !m.Has(c)) || (none[c] && m.Has(c)))
                    {
                        return false;
                    }

                    anyHit |= any[c] && m.Has(c);
                }

                return anyHit;
            }

            var matching = _model.Where(p => Matches(p.Value)).ToList();
            Assert.That(_world.CountEntities(description), Is.EqualTo(matching.Count), "query count");

            // Sum Health over the matches that have it (the lambda query adds Health to WithAll).
            long expectedSum = matching.Where(p => p.Value.Health.HasValue).Sum(p => (long)p.Value.Health!.Value);
            var expectedVisits = matching.Count(p => p.Value.Health.HasValue);
            long sum = 0;
            var visits = 0;
            _world.Query(in description, (ref Health h) =>
            {
                sum += h.Value;
                visits++;
            });
            Assert.That((visits, sum), Is.EqualTo((expectedVisits, expectedSum)), "Health visits and sum");

            var visited = new HashSet<Entity>();
            _world.Query(in description, (Entity e, ref Health h) =>
            {
                Assert.That(h.Value, Is.EqualTo(_model[e].Health));
                visited.Add(e);
            });
            Assert.That(visited, Is.EquivalentTo(matching.Where(p => p.Value.Health.HasValue).Select(p => p.Key)));
        }

        private void Stale()
        {
            Stats["stale"]++;
            if (_dead.Count == 0)
            {
                return;
            }

            var entity = _dead[_random.Next(_dead.Count)];
            Assert.That(_world.IsAlive(entity), Is.False);
            Assert.Throws<InvalidOperationException>(() => _world.Has<Health>(entity));
            Assert.Throws<InvalidOperationException>(() => _world.Add(entity, new Health(1)));
            Assert.Throws<InvalidOperationException>(() => _world.Destroy(entity));
        }

        private Entity PickLive() => _live[_random.Next(_live.Count)];

        private static QueryDescription With(QueryDescription d, int list, int component) => (list, component) switch
        {
            (0, 0) => d.WithAll<Health>(),
            (0, 1) => d.WithAll<Wealth>(),
            (0, 2) => d.WithAll<Morale>(),
            (0, _) => d.WithAll<Frozen>(),
            (1, 0) => d.WithAny<Health>(),
            (1, 1) => d.WithAny<Wealth>(),
            (1, 2) => d.WithAny<Morale>(),
            (1, _) => d.WithAny<Frozen>(),
            (_, 0) => d.WithNone<Health>(),
            (_, 1) => d.WithNone<Wealth>(),
            (_, 2) => d.WithNone<Morale>(),
            _ => d.WithNone<Frozen>(),
        };
    }
}
