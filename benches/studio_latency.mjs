// The studio's whole loop, measured (이슈 24의 성능): from the write of a plan file to the
// changed page drawn in the browser (its new image loaded, decoded and the next frame
// painted, timed in the page), for
// EDITS edits of one figure's text in the reference plan, interleaved with cold `gongsi build`
// runs of the same plan (whole process) in the same run; then the studio's memory (VmRSS)
// after the first edit and after MEMORY_EDITS edits.
//
// usage: node benches/studio_latency.mjs <gongsi binary> [EDITS=20] [MEMORY_EDITS=200]
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
const plan = join(dir, 'plan');
cpSync(join(root, 'content/2021-인천서구'), plan, { recursive: true });
const file = join(plan, 'strategies/01-youth.yaml');
const original = readFileSync(file, 'utf8');
let counter = 0;
const edit = () => writeFileSync(file, original.replace(WAS, `관내 청년 창업 희망자 ${100 + counter++}명`));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const range = (xs) => [Math.min(...xs), Math.max(...xs)];
const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

function coldBuild() {
  const started = process.hrtime.bigint();
  const out = spawnSync(binary, ['build', plan, '-o', join(dir, 'cold.pdf')], { stdio: 'ignore' });
  if (out.status !== 0) throw new Error('gongsi build failed');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const studio = spawn(binary, ['studio', '--no-open', plan], { stdio: ['ignore', 'pipe', 'ignore'] });
const url = await new Promise((ok) => createInterface({ input: studio.stdout }).once('line', (l) => ok(l.split(': ')[1])));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const report = { load_before: loadavg(), edits: EDITS, memory_edits: MEMORY_EDITS };
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.addInitScript(() => {
    window.__drawn = [];
    window.__state = [];
    const now = () => performance.timeOrigin + performance.now();
    // Drawn: the new image loaded, decoded, and the next frame painted with it.
    document.addEventListener('load', (e) => {
      if (e.target.tagName !== 'IMG') return;
      e.target.decode().catch(() => {}).then(() => requestAnimationFrame(() => window.__drawn.push(now())));
    }, true);
    // The new state applied (the page sets body[data-version]): what the server took, apart
    // from fetching and drawing the changed page's image.
    new MutationObserver(() => window.__state.push(now()))
      .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-version'] });
  });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('figure.page img').length > 30
    && [...document.querySelectorAll('figure.page img')].every((i) => i.complete), null, { timeout: 120000 });
  const stateTimes = [];
  const once = async () => {
    await page.evaluate(() => { window.__drawn = []; window.__state = []; });
    const wrote = performance.timeOrigin + performance.now();
    edit();
    await page.waitForFunction((t) => window.__drawn.some((d) => d > t), wrote, { timeout: 60000, polling: 'raf' });
    const [drawn, state] = await page.evaluate(() => [Math.max(...window.__drawn), Math.max(...window.__state)]);
    stateTimes.push(state - wrote);
    await page.waitForTimeout(100);
    return drawn - wrote;
  };
  const studioTimes = [];
  const coldTimes = [];
  let first = 0;
  for (let n = 0; n < EDITS; n++) {
    if (n % 4 === 0) coldTimes.push(coldBuild());
    studioTimes.push(await once());
    if (n === 0) first = rss(studio.pid);
  }
  report.studio_ms = { median: median(studioTimes), range: range(studioTimes) };
  report.state_applied_ms = { median: median(stateTimes), range: range(stateTimes) };
  report.cold_build_ms = { median: median(coldTimes), range: range(coldTimes), runs: coldTimes.length };
  report.ratio_to_cold = report.studio_ms.median / report.cold_build_ms.median;
  for (let n = EDITS; n < MEMORY_EDITS; n++) await once();
  const last = rss(studio.pid);
  report.memory_kb = { after_first: first, after_all: last, ratio: last / first };
  report.load_after = loadavg();
} finally {
  await browser.close();
  studio.kill('SIGINT');
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(report, null, 2));
