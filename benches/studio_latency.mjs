// The studio's whole loop, measured (이슈 24의 성능): from the write of a plan file to the
// changed page drawn in the browser (its new image loaded, decoded and the next frame
// painted, timed in the page), for
// EDITS edits of one figure's text in the reference plan, interleaved with cold `gongsi build`
// runs of the same plan (whole process) in the same run; then the studio's memory (VmRSS)
// after the first edit and after MEMORY_EDITS edits.
//
// With a second binary (AGAINST=<gongsi binary>), a second studio of that binary on its own
// copy of the plan, in its own tab, gets the same edits in turn (A, B, B, A, A, B …, so
// neither always goes first after a cold build): an A/B of the whole loop in one run.
//
// Each edit is also split into steps: the server's stages (the state carries them when the
// studio runs with GONGSI_STUDIO_TIMING=1, which this sets), the state's arrival, the image's
// request and bytes (resource timing), its load, decode and the next frame.
//
// With TINYMIST=<tinymist-anchor binary> (benches/tinymist-anchor), tinymist's own preview of the
// plan's emitted Typst sources (`gongsi build --emit-typst`), in its own tab, gets the same edit —
// the same words in the emitted `tasks.typ` — in the same interleaved turns: the anchor of
// 이슈 24. Its page is drawn when the preview's last DOM change for the edit has been followed by
// a frame (its renderer patches the page's SVG in place; a change is over when the DOM has been
// still for QUIET ms). With TINYMIST_PARTIAL=1 the anchor draws only the pages in view (the
// default of tinymist's VS Code extension; its command line draws all), and the edited page is
// scrolled into view first.
//
// usage: [AGAINST=<gongsi binary>] [TINYMIST=<tinymist-anchor>] node benches/studio_latency.mjs <gongsi binary> [EDITS=20] [MEMORY_EDITS=200]
// Needs chromium and tests/browser/node_modules (bash .ci/setup). Prints one JSON report.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = await import(join(root, 'tests/browser/node_modules/playwright-core/index.mjs'));
const [binary, editsArg, memoryArg] = process.argv.slice(2);
const EDITS = Number(editsArg ?? 20);
const MEMORY_EDITS = Number(memoryArg ?? 200);
const WAS = '관내 청년 창업 희망자 25명';
const dir = mkdtempSync(join(tmpdir(), 'gongsi-studio-bench-'));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const range = (xs) => [Math.min(...xs), Math.max(...xs)];
const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const round = (x) => Math.round(x * 10) / 10;

function coldBuild(plan) {
  const started = process.hrtime.bigint();
  const out = spawnSync(binary, ['build', plan, '-o', join(dir, 'cold.pdf')], { stdio: 'ignore' });
  if (out.status !== 0) throw new Error('gongsi build failed');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

// In the page: when each state arrived (and the server's stages it carries), each page image's
// request (resource timing), its load, decode and the next frame after it.
function instrument() {
  window.__drawn = [];
  window.__state = [];
  window.__marks = { sse: [], timing: [], fetch: [], loaded: [], decoded: [] };
  const now = () => performance.timeOrigin + performance.now();
  const listen = EventSource.prototype.addEventListener;
  EventSource.prototype.addEventListener = function (type, handler, ...rest) {
    const timed = type !== 'state' ? handler : (event) => {
      window.__marks.sse.push(now());
      const timing = JSON.parse(event.data).timing;
      if (timing) window.__marks.timing.push(timing);
      return handler(event);
    };
    return listen.call(this, type, timed, ...rest);
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name.includes('/page/')) {
        const at = (t) => performance.timeOrigin + t;
        window.__marks.fetch.push({ start: at(e.startTime), first: at(e.responseStart), end: at(e.responseEnd) });
      }
    }
  }).observe({ type: 'resource', buffered: true });
  // Drawn: the new image loaded, decoded, and the next frame painted with it.
  document.addEventListener('load', (e) => {
    if (e.target.tagName !== 'IMG') return;
    window.__marks.loaded.push(now());
    e.target.decode().catch(() => {}).then(() => {
      window.__marks.decoded.push(now());
      requestAnimationFrame(() => window.__drawn.push(now()));
    });
  }, true);
  // The new state applied (the page sets body[data-version]).
  new MutationObserver(() => window.__state.push(now()))
    .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-version'] });
}

// One studio of `exe` on its own copy of the plan, in its own tab.
async function open(browser, exe, name) {
  const plan = join(dir, name);
  cpSync(join(root, 'content/2021-인천서구'), plan, { recursive: true });
  const file = join(plan, 'strategies/01-youth.yaml');
  const original = readFileSync(file, 'utf8');
  const studio = spawn(exe, ['studio', '--no-open', plan], {
    stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GONGSI_STUDIO_TIMING: '1' },
  });
  const url = await new Promise((ok) => createInterface({ input: studio.stdout }).once('line', (l) => ok(l.split(': ')[1])));
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.addInitScript(instrument);
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('figure.page img').length > 30
    && [...document.querySelectorAll('figure.page img')].every((i) => i.complete), null, { timeout: 120000 });
  const s = { exe, plan, studio, page, times: [], stateTimes: [], steps: {}, counter: 0 };
  const step = (key, ms) => { if (Number.isFinite(ms)) (s.steps[key] ??= []).push(ms); };
  s.once = async (record = true) => {
    await page.evaluate(() => {
      window.__drawn = []; window.__state = [];
      window.__marks = { sse: [], timing: [], fetch: [], loaded: [], decoded: [] };
    });
    const wrote = performance.timeOrigin + performance.now();
    writeFileSync(file, original.replace(WAS, `관내 청년 창업 희망자 ${100 + s.counter++}명`));
    await page.waitForFunction((t) => window.__drawn.some((d) => d > t), wrote, { timeout: 60000, polling: 'raf' });
    const [drawn, state, marks] = await page.evaluate(() => [Math.max(...window.__drawn), Math.max(...window.__state), window.__marks]);
    await page.waitForTimeout(100);
    if (!record) return;
    s.times.push(drawn - wrote);
    s.stateTimes.push(state - wrote);
    const timing = marks.timing.at(-1);
    const sse = Math.max(...marks.sse);
    if (timing) {
      step('write → builder takes the job (debounce)', timing.job_at - wrote);
      for (const [stage, ms] of timing.stages) step('server ' + stage, ms);
      step('server published → state event arrives', sse - timing.published_at);
    }
    step('event → state applied', state - sse);
    const fetch = marks.fetch.at(-1);
    if (fetch) {
      step('state applied → image asked', fetch.start - state);
      step('image asked → first byte', fetch.first - fetch.start);
      step('first byte → last byte', fetch.end - fetch.first);
      step('last byte → load event', Math.max(...marks.loaded) - fetch.end);
    }
    step('load event → decoded', Math.max(...marks.decoded) - Math.max(...marks.loaded));
    step('decoded → next frame', drawn - Math.max(...marks.decoded));
    step('images drawn per edit', marks.loaded.length);
  };
  s.report = () => ({
    binary: exe,
    studio_ms: { median: median(s.times), range: range(s.times) },
    state_applied_ms: { median: median(s.stateTimes), range: range(s.stateTimes) },
    steps_median: Object.fromEntries(Object.entries(s.steps).map(([k, v]) => [k, round(median(v))])),
  });
  return s;
}

const QUIET = 150;

// In tinymist's page: every DOM change, and the frame after it.
function instrumentTinymist() {
  window.__changed = [];
  window.__drawn = [];
  const now = () => performance.timeOrigin + performance.now();
  new MutationObserver(() => {
    window.__changed.push(now());
    requestAnimationFrame(() => window.__drawn.push(now()));
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}

// tinymist's preview of the plan's emitted sources, in its own tab.
async function openTinymist(browser, exe) {
  const sources = join(dir, 'tinymist');
  const built = spawnSync(binary, ['build', join(root, 'content/2021-인천서구'), '-o', join(dir, 'emitted.pdf'),
    '--emit-typst', sources], { stdio: 'ignore' });
  if (built.status !== 0) throw new Error('gongsi build --emit-typst failed');
  const file = join(sources, 'tasks.typ');
  const original = readFileSync(file, 'utf8');
  if (original.split(WAS).length !== 2) throw new Error('the figure is not once in tasks.typ');
  const anchor = spawn(exe, [sources, join(root, 'fonts')], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((ok) => createInterface({ input: anchor.stdout }).once('line', (l) => ok(l.split(': ')[1])));
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.addInitScript(instrumentTinymist);
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('.typst-page').length > 30, null, { timeout: 120000 });
  if (process.env.TINYMIST_PARTIAL) {
    // Only the pages in view are drawn: bring the edited one into view first.
    const found = await page.evaluate(async (was) => {
      // Pages are replaced as they are drawn: look each up again after scrolling to it.
      const page = (i) => document.querySelectorAll('.typst-page')[i];
      for (let i = 0; page(i); i++) {
        page(i).scrollIntoView();
        await new Promise((ok) => setTimeout(ok, 300));
        if (page(i)?.textContent.includes(was)) return true;
      }
      return false;
    }, WAS);
    if (!found) throw new Error('the edited page is not in tinymist\'s preview');
  }
  await page.waitForTimeout(2000);
  const s = { exe, studio: anchor, page, times: [], changedTimes: [], counter: 0 };
  s.once = async () => {
    await page.evaluate(() => { window.__changed = []; window.__drawn = []; });
    const wrote = performance.timeOrigin + performance.now();
    writeFileSync(file, original.replace(WAS, `관내 청년 창업 희망자 ${100 + s.counter++}명`));
    await page.waitForFunction((t) => window.__drawn.some((d) => d > t), wrote, { timeout: 60000, polling: 'raf' });
    await page.waitForFunction((quiet) => performance.timeOrigin + performance.now() - Math.max(...window.__changed) > quiet
      && window.__drawn.length > 0 && Math.max(...window.__drawn) > Math.max(...window.__changed), QUIET, { timeout: 60000, polling: 10 });
    const [drawn, changed] = await page.evaluate(() => [Math.max(...window.__drawn), Math.max(...window.__changed)]);
    // Checked after the time is taken: the page now says the new figure.
    const shown = await page.evaluate((words) => document.body.textContent.includes(words), `희망자 ${100 + s.counter - 1}명`);
    if (!shown) throw new Error('tinymist did not show the edit');
    s.times.push(drawn - wrote);
    s.changedTimes.push(changed - wrote);
  };
  s.report = () => ({
    binary: exe,
    tinymist_ms: { median: median(s.times), range: range(s.times) },
    dom_patched_ms: { median: median(s.changedTimes), range: range(s.changedTimes) },
  });
  return s;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const report = { load_before: loadavg(), edits: EDITS, memory_edits: MEMORY_EDITS };
const studios = [];
let tinymist = null;
try {
  studios.push(await open(browser, binary, 'a'));
  if (process.env.AGAINST) studios.push(await open(browser, process.env.AGAINST, 'b'));
  tinymist = process.env.TINYMIST ? await openTinymist(browser, process.env.TINYMIST) : null;
  const [a] = studios;
  const everyone = tinymist ? [...studios, tinymist] : studios;
  const coldTimes = [];
  let first = 0;
  for (let n = 0; n < EDITS; n++) {
    if (n % 4 === 0) coldTimes.push(coldBuild(a.plan));
    const turn = n % 2 === 0 ? everyone : [...everyone].reverse();
    for (const s of turn) await s.once();
    if (n === 0) first = rss(a.studio.pid);
  }
  report.cold_build_ms = { median: median(coldTimes), range: range(coldTimes), runs: coldTimes.length };
  report.studios = studios.map((s) => ({ ...s.report(), ratio_to_cold: median(s.times) / report.cold_build_ms.median }));
  if (studios.length === 2) report.a_over_b = median(a.times) / median(studios[1].times);
  if (tinymist) {
    report.tinymist = { ...tinymist.report(), ratio_to_cold: median(tinymist.times) / report.cold_build_ms.median };
    report.studio_over_tinymist = median(a.times) / median(tinymist.times);
  }
  for (let n = EDITS; n < MEMORY_EDITS; n++) await a.once(false);
  const last = rss(a.studio.pid);
  report.memory_kb = { after_first: first, after_all: last, ratio: last / first };
  report.load_after = loadavg();
} finally {
  await browser.close();
  for (const s of studios) s.studio.kill('SIGINT');
  if (tinymist) tinymist.studio.kill('SIGINT');
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
