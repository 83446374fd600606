// The HTML rendition in a real browser (Debian's chromium, headless, driven by playwright-core):
// it must load without errors or failed requests, axe-core's audit (WCAG 2.x A and AA rules,
// the base of KWCAG 2.2, and best practices) must find no violation at a 390 px phone's width
// nor at a 1280 px desktop's, and the page must fit the phone without sideways scrolling of the
// page itself: wide tables scroll in their own box, which shows a shadow where more is hidden
// and keeps its first column in view (reported as `regions`). The page links the PDF and the
// 한글 document (`downloads`), and the summary's 추진전략 column takes no more than a quarter of
// the desktop width (`strategy_share`). Screenshots at both widths are written for people to
// look at.
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
const report = { url, errors: [], requests: [], violations: [], overflow: {}, screenshots: [], regions: {}, passes: 0 };
try {
  for (const width of [390, 1280]) {
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
    // Each table region wider than its box: whether it shows the scroll cue (its background
    // shadows) and keeps its first column in view (sticky row names).
    report.regions[width] = await page.evaluate(() => [...document.querySelectorAll('.scroll')]
      .filter((r) => r.scrollWidth > r.clientWidth + 1)
      .map((r) => {
        const first = r.querySelector('tbody th:first-child:not([colspan])');
        return {
          label: r.getAttribute('aria-label'),
          cue: getComputedStyle(r).backgroundImage.includes('gradient'),
          sticky: first !== null && getComputedStyle(first).position === 'sticky',
        };
      }));
    if (width === 1280) {
      report.downloads = await page.evaluate(() => [...document.querySelectorAll('a[download]')]
        .map((a) => a.getAttribute('href')));
      report.strategy_share = await page.evaluate(() => {
        const table = document.querySelector('table.strategies');
        return table.querySelector('thead th').getBoundingClientRect().width / table.getBoundingClientRect().width;
      });
    }
    const shot = join(shots, `index-${width}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    report.screenshots.push(shot);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
    report.passes = Math.min(report.passes || result.passes.length, result.passes.length);
    report.violations.push(...result.violations.map((v) => ({
      width, id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
      first: v.nodes[0]?.target?.join(' '),
    })));
    await context.close();
  }
} finally {
  await browser.close();
}
const regions = Object.values(report.regions).flat();
const failed = report.errors.length > 0 || report.requests.length > 0 || report.violations.length > 0
  || report.overflow[390] > 390 || regions.some((r) => !r.cue || !r.sticky)
  || !(report.strategy_share <= 0.25);
console.log(JSON.stringify(report, null, 2));
process.exit(failed ? 1 : 0);
