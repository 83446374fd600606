// The HTML rendition in a real browser (Debian's chromium, headless, driven by playwright-core):
// it must load without errors or failed requests, axe-core's audit (WCAG 2.x A and AA rules,
// the base of KWCAG 2.2) must find no serious or critical violation, and the page must fit a
// 360 px phone without sideways scrolling of the page itself (wide tables scroll in their own
// box). Screenshots at 360 px and 1280 px width are written for people to look at.
//
// usage: node check.mjs <index.html> <screenshot dir>
// Prints one JSON report on stdout; exits 1 when a check fails.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [page_path, shots] = process.argv.slice(2);
if (!page_path || !shots) {
  console.error('usage: node check.mjs <index.html> <screenshot dir>');
  process.exit(2);
}
const url = pathToFileURL(resolve(page_path)).href;
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
const report = { url, errors: [], requests: [], violations: [], overflow: {}, screenshots: [] };
try {
  for (const width of [360, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') report.errors.push(`${width}px console: ${m.text()}`); });
    page.on('pageerror', (e) => report.errors.push(`${width}px page: ${e.message}`));
    page.on('requestfailed', (r) => report.requests.push(`${width}px ${r.url()}: ${r.failure()?.errorText}`));
    page.on('request', (r) => {
      // Self-contained: nothing but the page itself (and the PDF link, which is not loaded).
      if (r.url() !== url) report.requests.push(`${width}px loads ${r.url()}`);
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response || !response.ok()) report.errors.push(`${width}px: page did not load`);
    report.overflow[width] = await page.evaluate(() => document.documentElement.scrollWidth);
    const shot = join(shots, `index-${width}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    report.screenshots.push(shot);
    if (width === 360) {
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
      report.passes = result.passes.length;
      report.violations = result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
        first: v.nodes[0]?.target?.join(' '),
      }));
    }
    await context.close();
  }
} finally {
  await browser.close();
}
const serious = report.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
const failed = report.errors.length > 0 || report.requests.length > 0 || serious.length > 0
  || report.overflow[360] > 360;
console.log(JSON.stringify(report, null, 2));
process.exit(failed ? 1 : 0);
