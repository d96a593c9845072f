using Sim.Engine.Scenarios;
using Sim.Viz.Geo;
using Sim.Viz.Scene;

namespace Sim.Viz.Tests.Scene;

public class MapLayoutTests
{
    [Test]
    public void RegionCells_EachHoldsItsOwnPointAndNoOther()
    {
        var layout = new MapLayout(TestData.Sahel(), CountryMap.ForScenario(TestData.SahelFile));
        var regions = layout.Definition.Regions;
        Assert.Multiple(() =>
        {
            for (var r = 0; r < regions.Length; r++)
            {
                Assert.That(layout.RegionCells[r], Is.Not.Empty, regions[r].Id);
                for (var s = 0; s < regions.Length; s++)
                {
                    Assert.That(Polygons.Contains(layout.RegionCells[r], regions[s].Lon, regions[s].Lat), Is.EqualTo(r == s), $"cell of {regions[r].Id}, point of {regions[s].Id}");
                }
            }
        });
    }

    [Test]
    public void RegionCells_WithoutAMap_SplitTheArea()
    {
        var layout = new MapLayout(TestData.Sahel(), CountryMap.Empty);
        var region = layout.Definition.Regions.Single(r => r.Id == "kidal");
        Assert.That(Polygons.Contains(layout.RegionCells[region.Index], region.Lon, region.Lat), Is.True);
    }

    [Test]
    public void ActorAnchors_CapitalElseLargestForceElseOffMap()
    {
        var d = TestData.Sahel();
        var layout = new MapLayout(d, CountryMap.ForScenario(TestData.SahelFile));
        int Actor(string id) => d.Actors.Single(a => a.Id == id).Index;
        int Region(string id) => d.Regions.Single(r => r.Id == id).Index;
        Assert.Multiple(() =>
        {
            Assert.That(layout.ActorAnchors[Actor("MLI")], Is.EqualTo(Region("bamako")));
            Assert.That(layout.ActorAnchors[Actor("WAG")], Is.EqualTo(Region("kidal")));
            Assert.That(layout.ActorAnchors[Actor("RUS")], Is.EqualTo(-1));
            Assert.That(layout.OffMapActors, Is.EquivalentTo(new[] { Actor("RUS"), Actor("TUR"), Actor("UNSC") }));
        });
    }

    [Test]
    public void CountryMap_SahelFile_HasTheScenarioCountries()
    {
        var map = CountryMap.ForScenario(TestData.SahelFile);
        Assert.That(map.Countries.Select(c => c.Name), Is.SupersetOf(new[] { "Algeria", "Mali", "Niger", "Burkina Faso", "Libya" }));
        Assert.That(map.Source, Does.Contain("Natural Earth"));
    }

    [Test]
    public void KarabakhMap_EachRegionInItsCountry_AndCellsHoldTheirOwnPoint()
    {
        var file = Path.Combine(TestData.Root, "scenarios", "nagorno-karabakh-2020", "scenario.yaml");
        var result = ScenarioLoader.Load(file);
        Assert.That(result.Success, Is.True, string.Join('\n', result.Diagnostics));
        var map = CountryMap.ForScenario(file);
        var layout = new MapLayout(result.Definition!, map);
        var names = new Dictionary<string, string> { ["AZE"] = "Azerbaijan", ["ARM"] = "Armenia", ["IRN"] = "Iran" };
        var regions = layout.Definition.Regions;
        Assert.Multiple(() =>
        {
            foreach (var region in regions)
            {
                var country = map.Countries.Single(c => c.Name == names[layout.Definition.Actors[region.Country.Index].Id]);
                Assert.That(country.Rings.Any(r => Polygons.Contains(r, region.Lon, region.Lat)), Is.True, $"{region.Id} in {country.Name}");
                Assert.That(Polygons.Contains(layout.RegionCells[region.Index], region.Lon, region.Lat), Is.True, $"cell of {region.Id}");
            }
        });
    }

    [Test]
    public void CountryMap_MalformedFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"countries-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"countries\": 3}");
        try
        {
            Assert.That(() => CountryMap.Load(path), Throws.TypeOf<InvalidDataException>().With.Message.Contains(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Viewport_ToGeoInvertsToScreen_AndZoomKeepsThePointUnderTheCursor()
    {
        var layout = new MapLayout(TestData.Sahel(), CountryMap.Empty);
        var view = Viewport.Fit(layout, 1280, 800);
        var p = view.ToScreen(2.5, 18);
        var (lon, lat) = view.ToGeo(p.X, p.Y);
        Assert.That(lon, Is.EqualTo(2.5).Within(1e-4));
        Assert.That(lat, Is.EqualTo(18.0).Within(1e-4));

        var zoomed = view.ZoomAt(p.X, p.Y, 2);
        var q = zoomed.ToScreen(2.5, 18);
        Assert.That(zoomed.Scale, Is.EqualTo(view.Scale * 2).Within(1e-9));
        Assert.That(Math.Abs(q.X - p.X) + Math.Abs(q.Y - p.Y), Is.LessThan(0.01));
    }
}
