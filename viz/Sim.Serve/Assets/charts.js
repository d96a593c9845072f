// Small SVG charts for the dashboard: a line chart over ticks and a strip of who holds each region.
'use strict';

const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';

  function el(name, attrs, parent, text) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  function size(svg) {
    const w = svg.clientWidth || 300, h = svg.clientHeight || 120;
    svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    return [w, h];
  }

  // Round numbers for an axis from lo to hi: about n of them.
  function ticks(lo, hi, n) {
    const span = hi - lo || 1, raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(m => m * mag).find(s => s >= raw) || raw;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(+v.toFixed(10));
    return out;
  }

  function label(v) {
    const a = Math.abs(v);
    return a >= 10000 ? (v / 1000).toFixed(0) + 'k' : a >= 1000 ? (v / 1000).toFixed(1) + 'k' : a >= 10 || Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1);
  }

  // lines: [{name, color, values}]; opts: {ticks (the run's length), yMin, yMax, xLabel(tick)}.
  function line(svg, lines, opts) {
    const [w, h] = size(svg);
    const left = 38, right = 8, top = 6, bottom = 26;
    const n = Math.max(2, opts.ticks || 2);
    let lo = opts.yMin, hi = opts.yMax;
    const all = lines.flatMap(l => l.values).filter(v => Number.isFinite(v));
    if (lo === undefined) lo = Math.min(0, ...all);
    if (hi === undefined) hi = Math.max(1, ...all);
    if (hi <= lo) hi = lo + 1;
    const x = t => left + (w - left - right) * (t / (n - 1));
    const y = v => top + (h - top - bottom) * (1 - (v - lo) / (hi - lo));
    for (const v of ticks(lo, hi, 4)) {
      el('line', { class: 'grid', x1: left, x2: w - right, y1: y(v), y2: y(v) }, svg);
      el('text', { x: left - 4, y: y(v) + 3, 'text-anchor': 'end' }, svg, label(v));
    }
    for (const t of ticks(0, n - 1, 6)) {
      el('text', { x: x(t), y: h - bottom + 12, 'text-anchor': 'middle' }, svg, opts.xLabel ? opts.xLabel(t) : String(t));
    }
    el('line', { class: 'axis', x1: left, x2: left, y1: top, y2: h - bottom }, svg);
    el('line', { class: 'axis', x1: left, x2: w - right, y1: h - bottom, y2: h - bottom }, svg);
    let lx = left + 4;
    for (const l of lines) {
      if (l.values.length > 0) {
        const pts = l.values.map((v, t) => `${x(t).toFixed(1)},${y(Number.isFinite(v) ? v : lo).toFixed(1)}`);
        el('polyline', { points: pts.join(' '), fill: 'none', stroke: l.color, 'stroke-width': 1.6, 'data-name': l.name, 'data-last': l.values[l.values.length - 1] }, svg);
      }
      const key = el('g', {}, svg);
      el('rect', { x: lx, y: h - 10, width: 10, height: 3, fill: l.color }, key);
      const t = el('text', { x: lx + 13, y: h - 6 }, key, l.name);
      lx += 18 + Math.min(150, t.getComputedTextLength ? t.getComputedTextLength() : l.name.length * 6);
    }
  }

  // rows: [{name, values (actor index per tick, -1 none)}]; actors: [{id, color}].
  function strip(svg, rows, actors, opts) {
    const [w, h] = size(svg);
    const left = 84, right = 6, top = 2, bottom = 14;
    const n = Math.max(1, opts.ticks || 1);
    const rowH = Math.max(6, (h - top - bottom) / Math.max(1, rows.length));
    const x = t => left + (w - left - right) * (t / n);
    const used = new Set();
    rows.forEach((r, i) => {
      const y0 = top + i * rowH;
      el('text', { x: left - 4, y: y0 + rowH / 2 + 3, 'text-anchor': 'end' }, svg, r.name);
      el('rect', { x: left, y: y0 + 1, width: w - left - right, height: rowH - 2, fill: '#f1f2f4' }, svg);
      let start = 0;
      for (let t = 1; t <= r.values.length; t++) {
        if (t === r.values.length || r.values[t] !== r.values[start]) {
          const a = r.values[start];
          if (a >= 0) used.add(a);
          el('rect', { x: x(start), y: y0 + 1, width: Math.max(0.5, x(t) - x(start)), height: rowH - 2,
            fill: a >= 0 && actors[a] ? actors[a].color : '#c8c8c8', 'data-holder': a >= 0 && actors[a] ? actors[a].id : '' }, svg);
          start = t;
        }
      }
    });
    let lx = left;
    for (const a of [...used].sort((p, q) => p - q)) {
      el('rect', { x: lx, y: h - 10, width: 8, height: 8, fill: actors[a].color }, svg);
      el('text', { x: lx + 11, y: h - 3 }, svg, actors[a].id);
      lx += 16 + actors[a].id.length * 7;
    }
  }

  return { line, strip };
})();
