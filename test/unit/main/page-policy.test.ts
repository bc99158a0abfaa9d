import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { contentSecurityPolicy } from '../../../src-main/shell/security';
import { serveStatic } from '../../../src-main/headless/static-files';
import { PAGE_POLICY, PAGE_POLICY_HEADER, pageMetaPolicy } from '../../../src-shared/page-policy';
import viteConfig from '../../../vite.config';

const SOURCE_PAGE = path.resolve(__dirname, '../../../src-renderer/index.html');

/** index.html as the renderer build (or the dev server) writes it. */
function builtPage(command: 'build' | 'serve'): string {
  const plugin = (viteConfig.plugins ?? [])
    .flat()
    .find((p): p is Plugin => (p as Plugin | null)?.name === 'pigeon:page-policy');
  if (!plugin) throw new Error('the page policy plugin is missing from vite.config.ts');
  (plugin.configResolved as (config: { command: string }) => void)({ command });
  const transform = plugin.transformIndexHtml as (html: string) => string;
  return transform(readFileSync(SOURCE_PAGE, 'utf8'));
}

/** The CSP header headless mode sends with its page. */
async function headlessHeader(): Promise<string | undefined> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pigeon-page-'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  const server = http.createServer((req, res) => void serveStatic(root, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`);
    return response.headers.get('content-security-policy') ?? undefined;
  } finally {
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

describe('one CSP for every page', () => {
  it('the built index.html carries the policy main and headless mode send', async () => {
    const meta = pageMetaPolicy(builtPage('build'));
    expect(meta).toBe(PAGE_POLICY);
    // A header may add frame-ancestors (ignored in a meta tag) and nothing else.
    expect(contentSecurityPolicy(false)).toBe(`${meta}; frame-ancestors 'none'`);
    expect(await headlessHeader()).toBe(PAGE_POLICY_HEADER);
  });

  it('keeps the strict parts even while the dev server serves the page', () => {
    const meta = pageMetaPolicy(builtPage('serve')) ?? '';
    expect(meta).toContain("script-src 'self' 'unsafe-inline'");
    expect(meta).toContain("object-src 'none'");
    expect(meta).toContain("default-src 'none'");
    expect(contentSecurityPolicy(true)).toBe(`${meta}; frame-ancestors 'none'`);
  });

  it('reads no policy from a page without the meta tag', () => {
    expect(pageMetaPolicy('<html><head></head></html>')).toBeUndefined();
  });
});
