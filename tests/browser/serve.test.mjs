// The dashboard of `sim serve` in a real browser: Debian's chromium driven by playwright-core.
// Starts the server on a free port, opens the page at 1280x800, changes a parameter (and is refused a bad value),
// steps the run and sees the map and the charts change, selects an actor, runs two small ensembles and sees their
// probabilities and the paired comparison. Screenshots go to tests/browser/artifacts/ (not committed).
//
// Run: cd tests/browser && npm ci && node --test serve.test.mjs
// SIM: the command that runs sim (default: the Release build); CHROMIUM: the browser (default: /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const artifacts = join(here, 'artifacts');
const sim = (process.env.SIM || `dotnet ${join(repo, 'engine/Sim.Cli/bin/Release/net10.0/sim.dll')}`).split(' ');
let server, browser, page, url, out;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  out = mkdtempSync(join(tmpdir(), 'sim-serve-'));
  server = spawn(sim[0], [...sim.slice(1), 'serve', 'scenarios/sahel-2024/scenario.yaml', '--port', '0', '--out', out], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', d => { stderr += d; });
  url = await new Promise((ok, fail) => {
    let text = '';
    const timer = setTimeout(() => fail(new Error(`sim serve printed no address in 60 s: ${text} ${stderr}`)), 60000);
    server.stdout.on('data', d => {
      text += d;
      const m = text.match(/serving (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    server.on('exit', code => fail(new Error(`sim serve exited with ${code}: ${stderr}`)));
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', e => { throw e; });
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 30000 });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (out) rmSync(out, { recursive: true, force: true });
});

const shot = name => page.screenshot({ path: join(artifacts, name) });
const mapPixels = async () => (await page.locator('#map').screenshot()).toString('base64');
// Polls every 100 ms: the default waits on animation frames, which a page that draws nothing new may not get.
const waitFor = (fn, arg, options) => page.waitForFunction(fn, arg, { polling: 100, ...options });
// The last frame asked for is on screen (and every one asked before it has settled).
const frameShown = () => waitFor(() => document.getElementById('map').dataset.seq === String(frameSeq));
const text = selector => page.locator(selector).innerText();
const tickNow = async () => +(await text('#clock')).match(/tick (\d+)/)[1];

test('the page shows the scenario, its parameters, the map and the charts', async () => {
  assert.equal(await text('#name'), 'Sahel 2024');
  assert.ok(await page.locator('#own .param').count() >= 4, 'the scenario\'s own parameters have controls');
  assert.match(await page.locator('#param-pmc_presence .label').getAttribute('title'), /Source: Policy lever/);
  assert.ok(await page.locator('#map').evaluate(img => img.complete && img.naturalWidth > 600), 'the map frame loaded');
  assert.match(await text('#clock'), /tick 0 of 365/);
  await shot('01-start.png');
});

test('a bad parameter value is refused with a message, a good one restarts the run', async () => {
  const field = page.locator('#param-demarche_toll input[type=number]');
  await field.fill('500');
  await field.dispatchEvent('change');
  await waitFor(() => document.querySelector('#param-demarche_toll .error').textContent.length > 0);
  assert.match(await text('#param-demarche_toll .error'), /outside its declared range \[1, 50\]/);
  assert.match(await text('#message'), /outside/);
  await shot('02-bad-value.png');
  await field.fill('2');
  await field.dispatchEvent('change');
  await page.waitForSelector('#param-demarche_toll.changed');
  assert.equal(await text('#param-demarche_toll .error'), '');
});

test('stepping changes the map and the charts', async () => {
  const mapBefore = await mapPixels();
  const lines = page.locator('#fatalities polyline');
  const lineBefore = await lines.count() > 0 ? await lines.first().getAttribute('points') : '';
  for (let i = 0; i < 3; i++) {
    const before = await tickNow();
    await page.click('#step');
    await waitFor(n => +document.getElementById('clock').textContent.match(/tick (\d+)/)[1] > n, before);
  }
  await page.selectOption('#speed', '100');
  await page.click('#run');
  await waitFor(() => +document.getElementById('clock').textContent.match(/tick (\d+)/)[1] >= 60, null, { timeout: 60000 });
  await page.click('#run');
  await waitFor(() => document.getElementById('run').textContent === 'Run');
  await waitFor(() => document.getElementById('map').complete);
  assert.notEqual(await mapPixels(), mapBefore, 'the map changed');
  const lineAfter = await page.locator('#fatalities polyline').first().getAttribute('points');
  assert.notEqual(lineAfter, lineBefore, 'the fatalities chart changed');
  assert.ok(lineAfter.split(' ').length >= 60, 'the fatalities chart has a point per tick');
  assert.ok(await page.locator('#control rect[data-holder]').count() >= 4, 'the control strip shows who holds the regions');
  assert.ok(await page.locator('#feed tbody tr').count() > 0, 'the event feed lists events');
  assert.match(await text('#feed tbody'), /\d{2}-\d{2}\t\S+\t.+\t\d{2,4}\t/, 'date, who, action, CAMEO code');
  await page.selectOption('#pick', 'actor:MLI');
  await waitFor(() => document.getElementById('selection').textContent.includes('Mali'));
  await shot('03-stepped.png');
});

test('an ensemble of 20 runs shows outcome probabilities, and a second one the paired comparison', async () => {
  await page.fill('#runs', '20');
  await page.click('#ens-run');
  await page.waitForSelector('#ens-outcomes tr[data-outcome]', { timeout: 180000 });
  const row = await text('#ens-outcomes tr[data-outcome=algeria_un_protest]');
  assert.match(row, /\d+% \[\d+%, \d+%\]/, 'a probability with its interval');
  assert.match(await text('#ens-status'), /20 runs, seed 1/);
  await shot('04-ensemble.png');
  await page.click('#ens-baseline');
  await waitFor(() => document.getElementById('ensemble').textContent.includes('Baseline kept'));
  const field = page.locator('#param-pmc_presence input[type=number]');
  await field.fill('0');
  await field.dispatchEvent('change');
  await page.waitForSelector('#param-pmc_presence.changed');
  await page.click('#ens-run');
  await waitFor(() => document.getElementById('ensemble').textContent.includes('Against the baseline'), null, { timeout: 180000 });
  assert.match(await text('#ensemble'), /paired runs/);
  assert.match(await text('#ens-outcomes tr[data-outcome=algeria_un_protest]'), /[+-]\d+ \[[+-]?\d+, [+-]?\d+\]/, 'a change with its interval');
  const before = await tickNow();
  await page.click('#step');
  await waitFor(n => +document.getElementById('clock').textContent.match(/tick (\d+)/)[1] > n, before);
  await frameShown();
  await shot('05-compare.png');
  // The frame of docs/images/serve.png: a run some weeks in, an actor selected, the comparison beside it.
  await page.click('#run');
  await waitFor(() => +document.getElementById('clock').textContent.match(/tick (\d+)/)[1] >= 90, null, { timeout: 60000 });
  await page.click('#run');
  await waitFor(() => document.getElementById('run').textContent === 'Run');
  await page.selectOption('#pick', 'actor:DZA');
  await waitFor(() => document.getElementById('selection').textContent.includes('Algeria'));
  await frameShown();
  await shot('06-dashboard.png');
});

test('unknown endpoints and bad requests get a JSON error, and the page goes on', async () => {
  const r = await page.evaluate(async () => {
    const a = await fetch('/api/nothing');
    const b = await fetch('/api/ensemble', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"runs": 100000}' });
    return [a.status, (await a.json()).error, b.status, (await b.json()).error];
  });
  assert.equal(r[0], 404);
  assert.match(r[1], /no endpoint GET \/api\/nothing/);
  assert.equal(r[2], 400);
  assert.match(r[3], /runs 100000: not a whole number from 1 to 1000/);
  const before = await tickNow();
  await page.click('#step');
  await waitFor(n => +document.getElementById('clock').textContent.match(/tick (\d+)/)[1] > n, before);
});
