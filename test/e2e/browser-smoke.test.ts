// Proves the browser lab: Debian's Chromium runs on a namespace host and reaches that
// host's own 127.0.0.1, where a small web server answers.
import { stat } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchBrowserOn } from '../lab/browser';
import { startFixture, type RunningFixture } from '../lab/fixture';
import { createLan, type Lan } from '../lab/lan';

describe('Chromium on a lab host', () => {
  let lan: Lan;
  let server: RunningFixture;
  let browser: Browser | undefined;

  beforeAll(async () => {
    lan = await createLan({
      hosts: [
        { name: 'desk', address: '10.99.0.30' },
        { name: 'other', address: '10.99.0.31' },
      ],
    });
    server = await startFixture(lan, 'desk', 'http-hello.mjs', ['--title', 'Pigeon lab 你好']);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await lan?.dispose();
  });

  it("loads a page from its own host's loopback and takes a screenshot", async () => {
    browser = await launchBrowserOn(lan, 'desk');
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${String(server.ready.port)}/`);
    expect(await page.textContent('#greeting')).toBe('Pigeon lab 你好');
    const shot = await artifactPath('browser-smoke.png');
    await page.screenshot({ path: shot });
    expect((await stat(shot)).size).toBeGreaterThan(1000);
  });

  it("cannot reach another host's loopback", async () => {
    const elsewhere = await launchBrowserOn(lan, 'other');
    try {
      const page = await elsewhere.newPage();
      await expect(
        page.goto(`http://127.0.0.1:${String(server.ready.port)}/`, { timeout: 10_000 }),
      ).rejects.toThrow(/ERR_CONNECTION_REFUSED/);
    } finally {
      await elsewhere.close();
    }
  });
});
