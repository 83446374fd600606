// gongsi studio in a real browser (Debian's chromium, headless, driven by playwright-core).
// The Rust test (tests/it/studio.rs) starts two studios — one on a copy of the reference plan,
// one without a plan — and passes their addresses. This script:
// 1. opens the plan: every page drawn, findings listed, nothing fetched from elsewhere;
// 2. chooses a finding with a printed figure: its page is scrolled to and the figure marked;
// 3. edits a figure on disk: only the changed pages are fetched again, the scroll stays, and
//    a second tab shows the same pages;
// 3b. zooms in to 200 % (pixel ratio 2, half the CSS width): every page is asked for again with
//    the pixels it now covers, so no page is blurred; every page image has at least as many pixels as it covers;
// 4. uses the page by keyboard only (Tab to a finding, Enter marks it);
// 5. runs axe-core (WCAG 2.x A/AA and best practice) at 1280 px and 390 px: 0 violations,
//    and the page fits 390 px without sideways scrolling;
// 6. compares with the draft before the edit (its path typed, Enter): the change list; the
//    change chosen shows its redlined page with its line outlined; a second edit saved
//    while compared is compared again by itself;
// 7. downloads the PDF and the workbook (the Rust test compares them with the commands');
// 8. uploads a workbook into the studio without a plan and sees its pages;
// and writes screenshots for the user guide.
//
// usage: node studio.mjs <config.json>
//   { "plan_url", "open_url", "old", "edit": {"file","from","to","again","again_inserted"},
//     "workbook", "shots", "downloads" }
// Prints one JSON report on stdout; exits 1 when a check fails.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const report = { errors: [], foreign: [], violations: {}, overflow: {}, screenshots: [], downloads: {} };
const fail = (message) => report.errors.push(message);

const pagesDrawn = (page) => page.waitForFunction(() => {
  const imgs = [...document.querySelectorAll('figure.page img')];
  return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0);
}, null, { timeout: 60000 });

// axe is added to the page by the test (the studio's own policy allows no inline script; the
// contexts bypass it for this one script).
async function audit(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
  report.violations[label] = result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, first: v.nodes[0]?.target?.join(' '),
  }));
}

async function shot(page, name, full = false) {
  const path = join(config.shots, name);
  await page.screenshot({ path, fullPage: full });
  report.screenshots.push(path);
}

function watchRequests(page, origin, label) {
  page.on('console', (m) => { if (m.type() === 'error') fail(`${label} console: ${m.text()}`); });
  page.on('pageerror', (e) => fail(`${label} page: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(origin)) report.foreign.push(r.url()); });
}

async function choose(page) {
  // The first finding whose figure is printed: its page shown, the figure marked.
  const index = await page.evaluate(() => {
    const buttons = [...document.querySelectorAll('button.finding')];
    return buttons.findIndex((b) => b.textContent.includes('구성비'));
  });
  if (index < 0) return fail('no finding about a printed figure');
  await page.locator('button.finding').nth(index).click();
  const marked = await page.evaluate(() => {
    const mark = [...document.querySelectorAll('.mark')].find((m) => !m.hidden);
    if (!mark) return null;
    const box = mark.getBoundingClientRect();
    return { page: mark.parentElement.id, inView: box.top >= 0 && box.bottom <= window.innerHeight, w: box.width, h: box.height };
  });
  report.marked = marked;
  if (!marked || !marked.inView || marked.w < 2 || marked.h < 2) fail(`finding not marked in view: ${JSON.stringify(marked)}`);
}

async function edit(page, origin) {
  const idsOf = (p) => p.evaluate(() => [...document.querySelectorAll('figure.page img')].map((i) => i.dataset.id));
  const ids = () => idsOf(page);
  // A second tab on the same studio: it must show the same pages after the edit.
  const other = await page.context().newPage();
  await other.goto(origin + '/', { waitUntil: 'load' });
  await pagesDrawn(other);
  const before = await ids();
  await page.evaluate(() => window.scrollTo(0, 1500));
  const scrolled = await page.evaluate(() => window.scrollY);
  const fetched = [];
  page.on('request', (r) => { if (r.url().startsWith(origin + '/page/')) fetched.push(r.url()); });
  const text = readFileSync(config.edit.file, 'utf8');
  if (!text.includes(config.edit.from)) return fail('the edit is not in the file');
  writeFileSync(config.edit.file, text.replace(config.edit.from, config.edit.to));
  await page.waitForFunction((old) => {
    const now = [...document.querySelectorAll('figure.page img')].map((i) => i.dataset.id);
    return now.some((id, n) => id !== old[n]);
  }, before, { timeout: 60000 });
  await pagesDrawn(page);
  const after = await ids();
  await other.waitForFunction((want) => {
    const now = [...document.querySelectorAll('figure.page img')].map((i) => i.dataset.id);
    return now.join() === want.join();
  }, after, { timeout: 60000 });
  await other.close();
  const changed = after.filter((id, n) => id !== before[n]);
  report.edit = { pages: after.length, changed: changed.length, fetched: fetched.length, scrolled, scrollAfter: await page.evaluate(() => window.scrollY) };
  if (changed.length < 1 || changed.length > 2) fail(`an edit of one figure changed ${changed.length} pages`);
  if (fetched.length !== changed.length) fail(`${fetched.length} pages fetched for ${changed.length} changed`);
  if (report.edit.scrollAfter !== scrolled) fail('the scroll position moved');
}

// Every page image has as many pixels as the screen shows it with (not blurred).
const sharpness = (page) => page.evaluate(() => {
  const imgs = [...document.querySelectorAll('figure.page img')];
  const ratio = window.devicePixelRatio;
  return {
    ratio,
    blurred: imgs.filter((i) => !i.complete || i.naturalWidth < Math.floor(i.clientWidth * ratio)).length,
    png: imgs.every((i) => /[?]w=[0-9]+$/.test(i.src)),
  };
});

async function zoom(page, origin) {
  report.sharp = { before: await sharpness(page) };
  const asked = [];
  page.on('request', (r) => { if (r.url().startsWith(origin + '/page/')) asked.push(r.url()); });
  // The browser's zoom to 200 %: twice the pixels per CSS pixel, half the CSS width.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 640, height: 450, deviceScaleFactor: 2, mobile: false });
  await page.waitForFunction(() => window.devicePixelRatio === 2);
  await page.waitForFunction(() => [...document.querySelectorAll('figure.page img')]
    .every((i) => i.complete && i.naturalWidth >= Math.floor(i.clientWidth * 2)), null, { timeout: 60000 });
  report.sharp.zoomed = { ...(await sharpness(page)), asked: asked.length };
  await cdp.send('Emulation.clearDeviceMetricsOverride');
  await cdp.detach();
  const pages = await page.locator('figure.page').count();
  if (report.sharp.before.blurred || report.sharp.zoomed.blurred) fail(`blurred pages: ${JSON.stringify(report.sharp)}`);
  if (!report.sharp.before.png) fail('a page image is not asked for by its width in pixels');
  if (asked.length !== pages) fail(`zoomed in: ${asked.length} pages asked again of ${pages}`);
}

async function keyboard(page) {
  await page.evaluate(() => { window.scrollTo(0, 0); document.activeElement?.blur(); document.querySelectorAll('.mark').forEach((m) => { m.hidden = true; }); });
  let reached = false;
  for (let n = 0; n < 60 && !reached; n++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.matches('button.finding') && document.activeElement.textContent.includes('구성비'));
  }
  if (!reached) return fail('no finding reached by Tab');
  await page.keyboard.press('Enter');
  const marked = await page.evaluate(() => [...document.querySelectorAll('.mark')].some((m) => !m.hidden));
  report.keyboard = { reached, marked };
  if (!marked) fail('Enter on a finding marked nothing');
}

async function compareDrafts(page) {
  // The earlier draft (the plan before the edit) by its path, from the keyboard.
  await page.fill('#old-path', config.old);
  await page.focus('#old-path');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#changes h3', { timeout: 60000 });
  report.compared = {
    summary: await page.textContent('#changes p'),
    sections: await page.locator('#changes h3').count(),
    inserted: await page.locator('#changes ins').allTextContents(),
  };
  // The change chosen: its redlined page shown, with its line outlined.
  await page.locator('#changes button.change').first().click();
  await page.waitForFunction(() => {
    const imgs = [...document.querySelectorAll('#review-pages figure.page img')];
    return imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  }, null, { timeout: 60000 });
  report.compared.redlined = await page.evaluate(() => {
    const marked = [...document.querySelectorAll('#review-pages .mark')].filter((m) => !m.hidden);
    const figure = marked[0]?.closest('figure');
    const box = figure?.getBoundingClientRect();
    return {
      pages: document.querySelectorAll('#review-pages figure.page').length,
      shown: !document.getElementById('review-pages').hidden && document.getElementById('pages').hidden,
      marked: marked.length,
      page: figure ? Number(figure.id.replace('review-page-', '')) : 0,
      inView: !!box && box.top < window.innerHeight && box.bottom > 0,
      listed: document.querySelector('#changes button.change .place:last-child')?.textContent,
    };
  });
}

// An edit saved while a comparison is shown: the changes follow the plan by themselves.
async function compareFollows(page) {
  const file = config.edit.file;
  writeFileSync(file, readFileSync(file, 'utf8').replace(config.edit.to, config.edit.again));
  await page.waitForFunction((want) => [...document.querySelectorAll('#changes ins')].some((i) => i.textContent === want),
    config.edit.again_inserted, { timeout: 60000 });
  report.compared.followed = await page.locator('#changes ins').allTextContents();
}

async function download(page, selector, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(config.downloads, name);
  await file.saveAs(path);
  report.downloads[name] = { path, suggested: file.suggestedFilename() };
}

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  const origin = new URL(config.plan_url).origin;
  const wide = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, bypassCSP: true });
  const page = await wide.newPage();
  watchRequests(page, origin, '1280px');
  await page.goto(config.plan_url, { waitUntil: 'load' });
  await pagesDrawn(page);
  report.pages = await page.locator('figure.page').count();
  report.findings = await page.locator('.finding').count();
  report.headings = await page.locator('#outline button').count();
  report.address = page.url();
  await shot(page, 'studio-1280.png');
  await choose(page);
  await shot(page, 'studio-finding.png');
  await edit(page, origin);
  await zoom(page, origin);
  await keyboard(page);
  await compareDrafts(page);
  await shot(page, 'studio-compare.png');
  await audit(page, '1280');
  await compareFollows(page);
  await page.click('#view-plan');
  await download(page, '#downloads a[href="/download/pdf"]', 'studio.pdf');
  await download(page, '#downloads a[href="/download/xlsx"]', 'studio.xlsx');
  await wide.close();

  const narrow = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, bypassCSP: true });
  const phone = await narrow.newPage();
  watchRequests(phone, origin, '390px');
  await phone.goto(config.plan_url, { waitUntil: 'load' });
  await pagesDrawn(phone);
  report.overflow[390] = await phone.evaluate(() => document.documentElement.scrollWidth);
  if (report.overflow[390] > 390) fail(`390px: the page is ${report.overflow[390]}px wide`);
  await shot(phone, 'studio-390.png');
  await audit(phone, '390');
  await narrow.close();

  const empty = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const start = await empty.newPage();
  const openOrigin = new URL(config.open_url).origin;
  watchRequests(start, openOrigin, 'open');
  await start.goto(config.open_url, { waitUntil: 'load' });
  await start.waitForSelector('#open:not([hidden])');
  await audit(start, 'open');
  await shot(start, 'studio-open.png');
  await start.setInputFiles('#file', config.workbook);
  await start.waitForFunction(() => document.getElementById('title').textContent.includes('2021'), null, { timeout: 60000 });
  await pagesDrawn(start);
  report.uploaded = { title: await start.textContent('#title'), pages: await start.locator('figure.page').count(), sharp: await sharpness(start) };
  if (report.uploaded.sharp.blurred) fail(`uploaded: blurred pages: ${JSON.stringify(report.uploaded.sharp)}`);
  await empty.close();
} catch (error) {
  fail(`exception: ${error.stack || error}`);
} finally {
  await browser.close();
}
for (const [label, list] of Object.entries(report.violations)) {
  if (list.length) fail(`${label}: ${list.length} axe violations`);
}
if (report.foreign.length) fail('requests outside the studio');
console.log(JSON.stringify(report, null, 2));
process.exit(report.errors.length ? 1 : 0);
