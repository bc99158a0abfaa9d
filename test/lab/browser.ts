import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { Lan } from './lan';

export { RESULTS_DIR as SCREENSHOTS_DIR, artifactPath } from './artifacts';

/** Debian's Chromium (never Playwright's download, which fails here). */
export const CHROMIUM = process.env.PIGEON_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags for a closed network: without the background-networking ones Chromium floods
 * it with refused connections.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LabBrowserOptions {
  /** Default true. */
  headless?: boolean;
  /** More Chromium flags. */
  args?: readonly string[];
  /** Launch timeout (default 60 s). */
  timeoutMs?: number;
}

const quote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * Launches Chromium on a lab host: Playwright drives it over a pipe, and its
 * executable is a wrapper that runs it through `ip netns exec`, so the browser reaches
 * that host's 127.0.0.1 and addresses. Each launch gets a fresh user-data dir.
 * Close the returned Browser to end it (lan.dispose() does not know about it).
 */
export async function launchBrowserOn(
  lan: Lan,
  host: string,
  opts: LabBrowserOptions = {},
): Promise<Browser> {
  const dir = await mkdtemp(join(tmpdir(), `pigeon-chromium-${host}-`));
  const wrapper = join(dir, 'chromium-on-host');
  const argv = lan.hostCommand(host, CHROMIUM).map(quote).join(' ');
  await writeFile(wrapper, `#!/bin/sh\nexec ${argv} "$@"\n`);
  await chmod(wrapper, 0o755);
  try {
    const browser = await chromium.launch({
      executablePath: wrapper,
      headless: opts.headless ?? true,
      args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
      timeout: opts.timeoutMs ?? 60_000,
    });
    browser.once('disconnected', () => void rm(dir, { recursive: true, force: true }));
    return browser;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
