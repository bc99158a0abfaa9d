// Headless Pigeons on namespace hosts, one a host, each with its main window open in its
// own Chromium (360×640) on the Contacts tab: what a test of several people's Pigeons
// starts from. A desk can be restarted on its own data folder, as a user quits and
// starts Pigeon again.
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowserOn } from '../../lab/browser';
import { startHeadlessOn, type HeadlessOnHost } from '../../lab/headless-on-host';
import { createLan, type Lan, type LanHostSpec } from '../../lab/lan';

export interface DeskSpec {
  host: LanHostSpec;
  /** Headless Pigeon's arguments (--nick, --lang, …). */
  args: string[];
  /** The Contacts tab's name in this desk's language. */
  contacts: string;
}

export interface Desk {
  spec: DeskSpec;
  headless: HeadlessOnHost;
  browser: Browser;
  main: Page;
}

export interface Desks {
  lan: Lan;
  desks: Desk[];
  /**
   * Quits desk `i`'s Pigeon, lets `meanwhile` change its data folder, starts it again on
   * that folder and opens a new main window on it (the old one lost its Pigeon).
   */
  restart(i: number, meanwhile?: (dataDir: string) => Promise<void>): Promise<Desk>;
  stop(): Promise<void>;
}

async function openMain(desk: Omit<Desk, 'main'>): Promise<Page> {
  const main = await desk.browser.newPage({ viewport: { width: 360, height: 640 } });
  await main.goto(desk.headless.url);
  await main.getByRole('tab', { name: desk.spec.contacts, exact: true }).click();
  return main;
}

export async function startDesks(specs: DeskSpec[]): Promise<Desks> {
  const lan = await createLan({ hosts: specs.map((spec) => spec.host) });
  const desks: Desk[] = [];
  const browsers: Browser[] = [];
  const stop = async (): Promise<void> => {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    await lan.dispose();
  };
  try {
    for (const spec of specs) {
      const headless = await startHeadlessOn(lan, spec.host.name, spec.args);
      const browser = await launchBrowserOn(lan, spec.host.name);
      browsers.push(browser);
      desks.push({ spec, headless, browser, main: await openMain({ spec, headless, browser }) });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const restart = async (i: number, meanwhile?: (dataDir: string) => Promise<void>) => {
    const desk = desks[i]!;
    const { dataDir } = desk.headless;
    await lan.stop(desk.headless.child);
    await meanwhile?.(dataDir);
    desk.headless = await startHeadlessOn(lan, desk.spec.host.name, desk.spec.args, { dataDir });
    desk.main = await openMain(desk);
    return desk;
  };
  return { lan, desks, restart, stop };
}

/** Waits until each of `nicknames` is listed, once, on `main`'s Contacts tab. */
export async function waitForContacts(
  main: Page,
  contacts: string,
  nicknames: string[],
): Promise<void> {
  const list = main.getByRole('list', { name: contacts, exact: true });
  for (const nickname of nicknames)
    await expect
      .poll(() => list.getByRole('listitem').filter({ hasText: nickname }).count(), {
        timeout: 15_000,
      })
      .toBe(1);
}
