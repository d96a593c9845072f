// Derives countries.json (country outlines clipped to the scenario's area) from the
// Natural Earth TopoJSON of npm's world-atlas package. No dependencies beyond node.
//
//   npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//   node derive-map.mjs package/countries-50m.json 18 7 42 25 > countries.json
//
// Arguments: the TopoJSON file, then the box west south east north in degrees.
import { readFileSync } from "node:fs";

const [file, ...box] = process.argv.slice(2);
const [west, south, east, north] = box.map(Number);
if (!file || [west, south, east, north].some(Number.isNaN)) {
  console.error("usage: node derive-map.mjs TOPOJSON WEST SOUTH EAST NORTH");
  process.exit(2);
}

const topo = JSON.parse(readFileSync(file, "utf8"));
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;

// Arcs are quantized and delta-encoded: undo both to get lon/lat.
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    x += dx; y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

function ring(indexes) {
  const points = [];
  for (const i of indexes) {
    const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    // Consecutive arcs share their end point.
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}

// Sutherland-Hodgman against each edge of the box: the box is convex, so any ring clips cleanly.
function clip(points) {
  const edges = [
    (p) => p[0] >= west, (p) => p[0] <= east, (p) => p[1] >= south, (p) => p[1] <= north,
  ];
  const cut = [
    (a, b) => lerp(a, b, (west - a[0]) / (b[0] - a[0])), (a, b) => lerp(a, b, (east - a[0]) / (b[0] - a[0])),
    (a, b) => lerp(a, b, (south - a[1]) / (b[1] - a[1])), (a, b) => lerp(a, b, (north - a[1]) / (b[1] - a[1])),
  ];
  let out = points;
  for (let e = 0; e < 4 && out.length; e++) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i], prev = input[(i + input.length - 1) % input.length];
      const inCur = edges[e](cur), inPrev = edges[e](prev);
      if (inCur) {
        if (!inPrev) out.push(cut[e](prev, cur));
        out.push(cur);
      } else if (inPrev) {
        out.push(cut[e](prev, cur));
      }
    }
  }
  return out;
}

const lerp = (a, b, t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
const round = (v) => Math.round(v * 100) / 100;

function flat(points) {
  const out = [];
  for (const [x, y] of points) {
    const rx = round(x), ry = round(y);
    if (out.length && out[out.length - 2] === rx && out[out.length - 1] === ry) continue;
    out.push(rx, ry);
  }
  return out;
}

const countries = [];
for (const g of topo.objects.countries.geometries) {
  const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
  const rings = [];
  for (const polygon of polygons) {
    for (const r of polygon) {
      const f = flat(clip(ring(r)));
      if (f.length >= 6) rings.push(f);
    }
  }
  if (rings.length) countries.push({ id: g.id ?? "", name: g.properties?.name ?? "", rings });
}
countries.sort((a, b) => a.name.localeCompare(b.name));

const out = {
  source: "Natural Earth 1:50m Admin 0 countries (public domain), via npm world-atlas 2.0.2 countries-50m.json; clipped by derive-map.mjs",
  box: [west, south, east, north],
  countries,
};
// One country per line keeps diffs of a re-derivation readable.
process.stdout.write("{\"source\":" + JSON.stringify(out.source) + ",\"box\":" + JSON.stringify(out.box) + ",\"countries\":[\n"
  + countries.map((c) => JSON.stringify(c)).join(",\n") + "\n]}\n");
