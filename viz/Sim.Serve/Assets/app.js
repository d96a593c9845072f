// The dashboard of `sim serve`: controls, the live map, charts, the event feed and the ensemble panel.
'use strict';

const S = {
  scenario: null, series: [], tick: 0, ticks: 0, finished: false, running: false, busy: false,
  values: {}, loaded: {}, mapW: 660, mapH: 410, poll: null,
};
const $ = id => document.getElementById(id);

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const r = await fetch(path, init);
  const data = await r.json().catch(() => ({ error: `HTTP ${r.status}` }));
  if (!r.ok) throw new Error(data.error || `HTTP ${r.status}`);
  return data;
}

function say(text, error) {
  const m = $('message');
  m.textContent = text || '';
  m.title = text || '';
  m.classList.toggle('error', !!error);
}

const fmt = (v, digits = 3) => Number.isFinite(v) ? String(+v.toFixed(digits)) : String(v);
const pct = v => Number.isFinite(v) ? (100 * v).toFixed(0) + '%' : '–';
const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function dateOf(tick) {
  const d = new Date(S.scenario.start + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + tick * S.scenario.daysPerTick);
  return d.toISOString().slice(0, 10);
}

// ---- controls -------------------------------------------------------------------------------------------------

function buildControls() {
  for (const p of S.scenario.parameters) {
    S.loaded[p.id] = p.value;
    S.values[p.id] = p.value;
    const div = document.createElement('div');
    div.className = 'param';
    div.id = 'param-' + p.id;
    const range = p.min === null || p.max === null ? 'any' : `${fmt(p.min)} to ${fmt(p.max)}`;
    div.innerHTML = `<div class="label" title="${esc(p.description)}\n\nSource: ${esc(p.source)}\nRange: ${esc(range)}; set by ${esc(p.setBy)}">`
      + `<span>${esc(p.id)}</span><span class="hint">${esc(range)}</span></div><div class="row"></div><div class="error"></div>`;
    const row = div.querySelector('.row');
    const num = document.createElement('input');
    num.type = 'number';
    num.value = p.value;
    num.step = 'any';
    num.name = p.id;
    let slider = null;
    if (p.min !== null && p.max !== null) {
      slider = document.createElement('input');
      slider.type = 'range';
      slider.min = p.min;
      slider.max = p.max;
      const whole = Number.isInteger(p.min) && Number.isInteger(p.max) && Number.isInteger(p.value) && p.max - p.min >= 10;
      slider.step = whole ? 1 : (p.max - p.min) / 100;
      slider.value = p.value;
      slider.addEventListener('input', () => { num.value = slider.value; });
      slider.addEventListener('change', () => setParameter(p.id, slider.value));
      row.appendChild(slider);
    }
    num.addEventListener('change', () => setParameter(p.id, num.value));
    row.appendChild(num);
    (p.owner === 'scenario' ? $('own') : $('engine')).appendChild(div);
  }
}

function showParameter(id) {
  const div = $('param-' + id);
  const v = S.values[id];
  div.querySelector('input[type=number]').value = v;
  const slider = div.querySelector('input[type=range]');
  if (slider) slider.value = v;
  div.classList.toggle('changed', v !== S.loaded[id]);
}

async function setParameter(id, text) {
  const div = $('param-' + id);
  const v = Number(text);
  const before = S.values[id];
  if (v === before && text.trim() !== '' && !div.querySelector('.error').textContent) return;
  const changed = changedParameters();
  changed[id] = text.trim() === '' ? NaN : v;
  if (!Number.isFinite(changed[id])) {
    fail(div, `${id}: "${text}" is not a number`);
    return;
  }
  if (changed[id] === S.loaded[id]) delete changed[id];
  try {
    await reset(changed);
    div.querySelector('.error').textContent = '';
    div.querySelector('input[type=number]').classList.remove('bad');
    S.values[id] = v;
    showParameter(id);
    say(`${id} = ${fmt(v, 6)}: the run starts again`);
  } catch (e) {
    S.values[id] = before;
    fail(div, e.message);
  }

  function fail(d, message) {
    d.querySelector('.error').textContent = message;
    d.querySelector('input[type=number]').classList.add('bad');
    say(message, true);
    const slider = d.querySelector('input[type=range]');
    if (slider) slider.value = before;
  }
}

function changedParameters() {
  const out = {};
  for (const [id, v] of Object.entries(S.values)) if (v !== S.loaded[id]) out[id] = v;
  return out;
}

// ---- the run --------------------------------------------------------------------------------------------------

function absorb(state) {
  if (state.from === 0) S.series = state.series.map(s => s.slice());
  else state.series.forEach((s, c) => { S.series[c].length = state.from; S.series[c].push(...s); });
  S.tick = state.tick;
  S.ticks = state.ticks;
  S.finished = state.finished;
  $('clock').textContent = `${state.date} · tick ${state.tick} of ${state.ticks}`;
  $('seed').value = state.seed;
  $('event-count').textContent = `${state.eventCount} so far`;
  drawFeed(state.events);
  drawOutcomesNow(state.outcomes);
  drawSelection(state.selection);
  drawCharts();
  if (S.finished && S.running) toggleRun();
}

async function reset(parameters) {
  S.queued = 0;
  const seedText = $('seed').value.trim();
  const body = { parameters: parameters ?? changedParameters() };
  if (seedText !== '') body.seed = /^\d+$/.test(seedText) ? seedText : Number(seedText);
  const state = await api('POST', '/api/reset', body);
  absorb(state);
  await refreshMap();
}

// Steps asked for while a step is under way (a quick second click) are kept and run next, not dropped.
async function step(ticks) {
  if (S.busy) { S.queued = (S.queued || 0) + ticks; return; }
  S.busy = true;
  try {
    absorb(await api('POST', `/api/step?since=${S.tick}`, { ticks }));
    await refreshMap();
  } catch (e) {
    S.queued = 0;
    say(e.message, true);
    if (S.running) toggleRun();
  } finally {
    S.busy = false;
  }
  if (S.queued > 0) {
    const more = Math.min(S.queued, 5000);
    S.queued = 0;
    await step(more);
  }
}

// Loads the frame of the tick shown into an image of its own, then shows it: every call's promise settles, however
// the calls overlap, and a slow frame never replaces a newer one.
let frameSeq = 0, shownSeq = 0;
function refreshMap() {
  const seq = ++frameSeq, tick = S.tick;
  return new Promise(resolve => {
    const probe = new Image();
    probe.onload = async () => {
      if (seq > shownSeq) {
        shownSeq = seq;
        const img = $('map');
        img.src = probe.src;
        await img.decode().catch(() => {});
        img.dataset.tick = tick;
        img.dataset.seq = seq;
      }
      resolve();
    };
    probe.onerror = () => resolve();
    probe.src = `/api/frame?w=${S.mapW}&h=${S.mapH}&tick=${tick}&n=${seq}-${Date.now()}`;
  });
}

function toggleRun() {
  S.running = !S.running && !S.finished;
  $('run').textContent = S.running ? 'Pause' : 'Run';
  $('run').classList.toggle('on', S.running);
  if (S.running) loop();
}

async function loop() {
  while (S.running) {
    const perSecond = Number($('speed').value);
    const ticks = Math.max(1, Math.round(perSecond / 8));
    const started = performance.now();
    await step(ticks);
    const wait = (1000 * ticks) / perSecond - (performance.now() - started);
    if (wait > 0) await new Promise(r => setTimeout(r, wait));
  }
}

// ---- charts and panels ----------------------------------------------------------------------------------------

function column(name) { return S.scenario.series.indexOf(name); }

function drawCharts() {
  const sc = S.scenario;
  const xLabel = t => dateOf(t + 1).slice(5);
  const f = column('fatalities'), c = column('civilian_fatalities');
  Charts.line($('fatalities'), [
    { name: 'everyone killed', color: '#b42318', values: f >= 0 ? S.series[f] : [] },
    { name: 'civilians', color: '#e8a33d', values: c >= 0 ? S.series[c] : [] },
  ], { ticks: S.ticks, yMin: 0, xLabel });
  const kind = $('pair-kind').value;
  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];
  const pairs = sc.series.map((name, i) => ({ name, i })).filter(s => s.name.startsWith(kind + '.'));
  Charts.line($('pairs'), pairs.map((s, k) => ({ name: s.name.slice(kind.length + 1).replace('.', '→'), color: palette[k % palette.length], values: S.series[s.i] })),
    kind === 'escalation' ? { ticks: S.ticks, yMin: 0, yMax: 9, xLabel } : { ticks: S.ticks, yMin: -1, yMax: 1, xLabel });
  const rows = sc.series.map((name, i) => ({ name, i })).filter(s => s.name.startsWith('controller.'))
    .map(s => ({ name: regionName(s.name.slice('controller.'.length)), values: S.series[s.i] }));
  Charts.strip($('control'), rows, sc.actors, { ticks: S.ticks });
}

function regionName(id) { const r = S.scenario.regions.find(x => x.id === id); return r ? r.name : id; }

function drawFeed(events) {
  const body = $('feed').querySelector('tbody');
  body.innerHTML = events.map(e => `<tr class="${e.fatalities > 0 ? 'deadly' : ''}"><td title="${esc(e.date)}, tick ${e.tick}">${esc(e.date.slice(5))}</td><td>${esc(e.actor ?? '')}${e.target ? '→' + esc(e.target) : ''}</td>`
    + `<td>${esc(e.action)}${e.region ? ' · ' + esc(e.region) : ''}</td><td>${esc(e.cameo)}</td><td>${esc(e.acled ?? '')}</td><td>${e.fatalities || ''}${e.civilians ? ` (${e.civilians} civ.)` : ''}</td></tr>`).join('');
}

function drawOutcomesNow(outcomes) {
  const kinds = Object.fromEntries(S.scenario.outcomes.map(o => [o.id, o]));
  $('outcomes-now').innerHTML = outcomes.map(o => `<tr title="${esc(kinds[o.id]?.description)}"><td>${esc(o.id)}</td><td>${kinds[o.id]?.isBool ? (o.value ? 'yes' : 'no') : fmt(o.value, 2)}</td></tr>`).join('');
}

function drawSelection(sel) {
  $('selection').innerHTML = sel ? `<b>${esc(sel.name)}</b> (${esc(sel.kind)} ${esc(sel.id)})<br>${sel.lines.map(esc).join('<br>')}` : '<span class="hint">Nothing selected: click an actor or a region on the map.</span>';
  $('pick').value = sel ? `${sel.kind}:${sel.id}` : '';
}

// ---- map interaction ------------------------------------------------------------------------------------------

async function view(body) {
  try {
    absorb(await api('POST', '/api/view', body));
    await refreshMap();
  } catch (e) { say(e.message, true); }
}

function mapPoint(ev) {
  const r = $('map').getBoundingClientRect();
  return [(ev.clientX - r.left) * S.mapW / r.width, (ev.clientY - r.top) * S.mapH / r.height];
}

function wireMap() {
  const img = $('map');
  let drag = null;
  img.addEventListener('mousedown', ev => { drag = { at: mapPoint(ev), moved: 0 }; });
  img.addEventListener('mousemove', ev => { if (drag) { const p = mapPoint(ev); drag.moved = Math.max(drag.moved, Math.hypot(p[0] - drag.at[0], p[1] - drag.at[1])); } });
  img.addEventListener('mouseup', ev => {
    if (!drag) return;
    const p = mapPoint(ev);
    if (drag.moved < 4) view({ action: 'select', x: p[0], y: p[1] });
    else view({ action: 'pan', dx: p[0] - drag.at[0], dy: p[1] - drag.at[1] });
    drag = null;
  });
  img.addEventListener('wheel', ev => {
    ev.preventDefault();
    const p = mapPoint(ev);
    view({ action: 'zoom', x: p[0], y: p[1], factor: ev.deltaY < 0 ? 1.25 : 0.8 });
  }, { passive: false });
  $('zoom-in').onclick = () => view({ action: 'zoom', x: (S.mapW - 300) / 2, y: (S.mapH - 110) / 2, factor: 1.5 });
  $('zoom-out').onclick = () => view({ action: 'zoom', x: (S.mapW - 300) / 2, y: (S.mapH - 110) / 2, factor: 1 / 1.5 });
  $('fit').onclick = () => view({ action: 'fit' });
  const pick = $('pick');
  pick.innerHTML = '<option value="">(nothing)</option>'
    + S.scenario.actors.map(a => `<option value="actor:${esc(a.id)}">${esc(a.name)}</option>`).join('')
    + S.scenario.regions.map(r => `<option value="region:${esc(r.id)}">${esc(r.name)} (region)</option>`).join('');
  pick.onchange = () => {
    const [kind, id] = pick.value.split(':');
    view(kind === 'actor' ? { action: 'select', actor: id } : kind === 'region' ? { action: 'select', region: id } : { action: 'select', actor: null, region: null });
  };
}

// ---- ensemble -------------------------------------------------------------------------------------------------

async function startEnsemble() {
  const runs = Number($('runs').value), seed = $('ens-seed').value.trim();
  try {
    const status = await api('POST', '/api/ensemble', { runs, seed: /^\d+$/.test(seed) ? seed : Number(seed) });
    drawEnsemble(status);
    pollEnsemble();
  } catch (e) { say(e.message, true); $('ens-status').textContent = e.message; }
}

function pollEnsemble() {
  clearTimeout(S.poll);
  S.poll = setTimeout(async () => {
    const status = await api('GET', '/api/ensemble').catch(e => ({ state: 'failed', error: e.message }));
    drawEnsemble(status);
    if (status.state === 'running') pollEnsemble();
  }, 300);
}

function drawEnsemble(st) {
  const running = st.state === 'running';
  $('ens-run').disabled = running;
  $('ens-cancel').disabled = !running;
  $('ens-baseline').disabled = running || !st.last;
  $('ens-progress').max = Math.max(1, st.total || 1);
  $('ens-progress').value = st.done || 0;
  $('ens-status').textContent = running ? `running: ${st.done} of ${st.total} runs`
    : st.state === 'done' ? `${st.last.runs} runs, seed ${st.last.seed}, in ${st.seconds} s${Object.keys(st.last.parameters).length ? '; set: ' + Object.entries(st.last.parameters).map(([k, v]) => `${k}=${fmt(v)}`).join(', ') : ''}`
    : st.state === 'cancelled' ? 'cancelled (its runs were dropped)' : st.state === 'failed' ? 'failed: ' + st.error : `up to ${st.maxRuns} runs`;
  const out = [];
  const compared = Object.fromEntries((st.comparison || []).map(c => [c.id, c]));
  if (st.comparison) {
    out.push(`<div class="hint">Against the baseline: ${st.baseline.runs} runs, seed ${st.baseline.seed}${Object.keys(st.baseline.parameters).length ? '; ' + Object.entries(st.baseline.parameters).map(([k, v]) => `${k}=${fmt(v)}`).join(', ') : ''}; ${st.paired ? 'paired runs' : 'independent runs'}. Bold: changed.</div>`);
    if (st.note) out.push(`<div class="hint">${esc(st.note)}</div>`);
  } else if (st.baseline && !running) {
    out.push(`<div class="hint">Baseline kept (${st.baseline.runs} runs, seed ${st.baseline.seed}). Change a parameter and run another ensemble to compare.</div>`);
  }
  if (st.last && !running) {
    out.push(`<table id="ens-outcomes"><tr><th>outcome</th><th>estimate [95%]</th><th title="${st.comparison ? 'This ensemble minus the baseline; probabilities in percentage points' : ''}">${st.comparison ? 'change [95%]' : ''}</th></tr>`);
    for (const o of st.last.outcomes) {
      const n = x => fmt(x, Math.abs(x) >= 10 ? 0 : 2);
      const text = o.isBool ? `${pct(o.value)} [${pct(o.low)}, ${pct(o.high)}]` : `${n(o.value)} [${n(o.low)}, ${n(o.high)}]`;
      const c = compared[o.id];
      let third = o.isBool ? `<div class="bar"><div class="fill" style="width:${90 * o.value}px"></div><div class="ci" style="left:${90 * o.low}px;width:${Math.max(1, 90 * (o.high - o.low))}px"></div></div>` : '';
      if (c) {
        const d = x => (x >= 0 ? '+' : '') + (c.isBool ? (100 * x).toFixed(0) : fmt(x, Math.abs(x) >= 10 ? 0 : 2));
        third = `<span class="${c.changed ? 'changed' : ''}" title="baseline ${c.isBool ? pct(c.a) : fmt(c.a, 2)}, now ${c.isBool ? pct(c.b) : fmt(c.b, 2)}; difference ${d(c.difference)}${c.isBool ? ' percentage points' : ''}; ${esc(c.test)}, Holm-adjusted p = ${fmt(c.adjustedP, 4)}; changed: ${esc(c.verdict)}">${d(c.difference)} [${d(c.low)}, ${d(c.high)}]</span>`;
      }
      out.push(`<tr data-outcome="${esc(o.id)}"><td class="id" title="${esc(S.scenario.outcomes.find(x => x.id === o.id)?.description)}">${esc(o.id)}</td><td class="num">${text}</td><td class="num">${third}</td></tr>`);
    }
    out.push('</table>');
  }
  $('ensemble').innerHTML = out.join('');
}

// ---- start ----------------------------------------------------------------------------------------------------

async function main() {
  S.scenario = await api('GET', '/api/scenario');
  document.title = `Sim: ${S.scenario.name}`;
  $('name').textContent = S.scenario.name;
  $('name').title = S.scenario.description || '';
  $('runs').max = S.scenario.maxRuns;
  buildControls();
  wireMap();
  $('step').onclick = () => step(1);
  $('run').onclick = toggleRun;
  $('reset').onclick = async () => { try { if (S.running) toggleRun(); await reset(); say('reset to tick 0'); } catch (e) { say(e.message, true); } };
  $('seed').onchange = $('reset').onclick;
  $('pair-kind').onchange = drawCharts;
  $('save').onclick = async () => { try { const r = await api('POST', '/api/save'); say('saved ' + r.files.join(', ')); } catch (e) { say(e.message, true); } };
  $('ens-run').onclick = startEnsemble;
  $('ens-cancel').onclick = async () => drawEnsemble(await api('POST', '/api/ensemble/cancel'));
  $('ens-baseline').onclick = async () => { try { drawEnsemble(await api('POST', '/api/ensemble/baseline')); } catch (e) { say(e.message, true); } };
  document.addEventListener('keydown', ev => {
    if (ev.target.tagName === 'INPUT' || ev.target.tagName === 'SELECT') return;
    if (ev.key === ' ') { ev.preventDefault(); toggleRun(); } else if (ev.key === 'ArrowRight') step(1);
  });
  window.addEventListener('resize', drawCharts);
  absorb(await api('GET', '/api/state'));
  await refreshMap();
  drawEnsemble(await api('GET', '/api/ensemble'));
  document.body.dataset.ready = 'true';
}

main().catch(e => say(e.message, true));
