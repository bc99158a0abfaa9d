/**
 * The main window with a crowd of simulated IPMsg peers, in Chromium: how long until
 * all are in the contact list, and the long tasks (PerformanceObserver 'longtask',
 * over 50 ms by definition) while they arrive, on reload, and while scrolling. Beside
 * it, a plain DOM page drawing as many rows at once. Run with `npm run bench ui` (as
 * root: it builds its own lab); BENCH_UI_PEERS sets the crowds (default "300,1000").
 */
import type { Page } from 'playwright-core';
import { launchBrowserOn } from '../test/lab/browser';
import { startHeadlessOn } from '../test/lab/headless-on-host';
import { startCrowd } from '../test/lab/ipmsg-crowd';
import { createLan } from '../test/lab/lan';

const CROWDS = (process.env.BENCH_UI_PEERS ?? '300,1000').split(',').map(Number);
const GROUPS = 12;
const GROUP_ROW_PX = 30;
const CONTACT_ROW_PX = 44;

// Installed before any page script: every long task from the page's start is kept.
const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: true });
  // Long animation frames say which script a slow frame ran: the list, or the page's start.
  window.__slowFrames = [];
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries()) {
      if (frame.duration <= 50) continue;
      const top = [...frame.scripts].sort((a, b) => b.duration - a.duration)[0];
      const where = top
        ? top.invoker + ' ' + Math.round(top.duration) + ' ms' +
          (top.sourceFunctionName ? ' in ' + top.sourceFunctionName : '')
        : 'style, layout and paint';
      window.__slowFrames.push({ duration: Math.round(frame.duration), where });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
`;

interface LongTasks {
  max: number;
  count: number;
  /** What ran in the slowest frame (long-animation-frame attribution). */
  slowest?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function takeLongTasks(page: Page): Promise<LongTasks> {
  const tasks = (await page.evaluate(
    'window.__longTasks.splice(0, window.__longTasks.length)',
  )) as number[];
  const frames = ((await page.evaluate(
    'window.__slowFrames ? window.__slowFrames.splice(0, window.__slowFrames.length) : []',
  )) ?? []) as { duration: number; where: string }[];
  const slowest = frames.sort((a, b) => b.duration - a.duration)[0];
  return {
    max: Math.max(0, ...tasks),
    count: tasks.length,
    ...(slowest && { slowest: `${slowest.duration} ms frame: ${slowest.where}` }),
  };
}

/**
 * Every peer is in the contact list: its track is as tall as all their rows (a
 * virtualised list draws only some), or, in a list that draws them all, all are there.
 */
async function waitForAll(page: Page, count: number, px: number, timeoutMs = 60_000) {
  const check = `(() => {
    const list = document.querySelector('.contact-list');
    return !!list && (list.style.height === '${px}px' ||
      list.querySelectorAll('[role="listitem"]').length === ${count});
  })()`;
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(check).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`the contact list never held all ${count}`);
    await sleep(10);
  }
}

/** The Contacts tab, where the main window has one (it opens on Chats). */
async function showContacts(page: Page): Promise<void> {
  const tab = page.getByRole('tab', { name: 'Contacts' });
  // Once loaded, the window shows either tabs or (before them) the contact list.
  await tab
    .or(page.getByRole('list', { name: 'Contacts' }))
    .first()
    .waitFor({ state: 'attached' });
  if ((await tab.count()) > 0) await tab.click();
}

const describe = ({ max, count, slowest }: LongTasks) =>
  count === 0
    ? 'none'
    : `longest ${max} ms (${count} over 50 ms)${slowest ? `; slowest ${slowest}` : ''}`;

const lan = await createLan({
  hosts: [
    { name: 'desk', address: '10.96.0.10', hostname: 'desk-li' },
    { name: 'floor', address: '10.96.0.20' },
  ],
});
const browser = await launchBrowserOn(lan, 'desk');
try {
  for (const count of CROWDS) {
    const pigeon = await startHeadlessOn(lan, 'desk', [
      '--nick',
      'Li',
      '--group',
      'Dept 03',
      '--lang',
      'en',
      '--answer-delay-ms',
      '50',
    ]);
    const crowd = await startCrowd(lan, 'floor', { count, target: '10.96.0.10', groups: GROUPS });
    const page = await browser.newPage({ viewport: { width: 380, height: 720 } });
    await page.addInitScript(OBSERVE_LONG_TASKS);
    const height = Math.min(GROUPS, count) * GROUP_ROW_PX + count * CONTACT_ROW_PX;
    try {
      await page.goto(pigeon.url);
      await showContacts(page);
      await sleep(500);
      await takeLongTasks(page);
      // Self-check: the observer sees a deliberate 80 ms task in this very page.
      await page.evaluate(
        'setTimeout(() => { const end = performance.now() + 80; while (performance.now() < end); })',
      );
      await sleep(1000);
      if ((await takeLongTasks(page)).count === 0)
        throw new Error('The long-task observer saw nothing: the figures would mean nothing.');

      const started = Date.now();
      // Spread over a second, as a floor of machines switched on: a single burst of a
      // thousand datagrams overflows the socket buffer of a busy 2-core machine.
      await crowd.announce(1000);
      const lastSent = Date.now();
      await waitForAll(page, count, height);
      const drawnMs = Date.now() - started;
      const afterLastMs = Date.now() - lastSent;
      await sleep(1000);
      const arriving = await takeLongTasks(page);

      await page.reload();
      await showContacts(page);
      await waitForAll(page, count, height);
      await sleep(1000);
      const reloading = await takeLongTasks(page);

      const box = await page.locator('.contact-scroll').boundingBox();
      if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const scrollStarted = Date.now();
      for (let step = 0; step * 400 < height; step += 1) {
        await page.mouse.wheel(0, 400);
        await sleep(16);
      }
      const scrollMs = Date.now() - scrollStarted;
      await sleep(500);
      const scrolling = await takeLongTasks(page);

      // Baseline: a plain page drawing as many two-line rows in one go.
      const plain = await browser.newPage({ viewport: { width: 380, height: 720 } });
      await plain.setContent('<!doctype html><body style="font-family:sans-serif"></body>');
      await plain.evaluate(OBSERVE_LONG_TASKS);
      await sleep(300);
      await takeLongTasks(plain);
      await plain.evaluate(`setTimeout(() => {
        const list = document.createElement('div');
        for (let i = 0; i < ${count}; i += 1) {
          const row = document.createElement('div');
          row.innerHTML = '<b>Crowd ' + i + '</b><br><small>10.96.0.20 · desk-' + i + '</small>';
          list.append(row);
        }
        document.body.append(list);
      })`);
      await sleep(1000);
      const baseline = await takeLongTasks(plain);
      await plain.close();

      console.log(`\nUI with ${count} simulated IPMsg peers (Chromium, 380×720)`);
      console.log(
        `  all in the contact list       ${(drawnMs / 1000).toFixed(2)} s (${afterLastMs} ms after the last entry)`,
      );
      console.log(`  long tasks while they arrive  ${describe(arriving)}`);
      console.log(`  long tasks on reload          ${describe(reloading)}`);
      console.log(`  long tasks while scrolling    ${describe(scrolling)} (${scrollMs} ms)`);
      console.log(`  plain DOM page, same rows      ${describe(baseline)}`);
      const longest = Math.max(arriving.max, reloading.max, scrolling.max);
      console.log(
        `  longest task, Pigeon / plain   ${
          baseline.max > 0 ? (longest / baseline.max).toFixed(2) : `${longest} ms / none`
        }`,
      );
    } finally {
      await page.close();
      await crowd.stop();
      await lan.stop(pigeon.child, { signal: 'SIGTERM' });
    }
  }
} finally {
  await browser.close().catch(() => undefined);
  await lan.dispose();
}
