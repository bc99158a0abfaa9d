import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { versionDefine } from '../../../scripts/lib/version-define.mjs';
import { PIGEON_APP_VERSION } from '../../../src-main/core/version';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
};

describe('version', () => {
  it('is read from package.json where no build put it in (vitest, tsx)', () => {
    expect(PIGEON_APP_VERSION).toBe(pkg.version);
  });

  it("is package.json's version in a bundle, from the build's define", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pigeon-version-'));
    try {
      const outfile = path.join(dir, 'version.cjs');
      await build({
        entryPoints: [path.join(root, 'src-main/core/version.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        logLevel: 'error',
        define: { ...(versionDefine() as Record<string, string>) },
      });
      const bundled = readFileSync(outfile, 'utf8');
      expect(bundled).toContain(JSON.stringify(pkg.version));
      // Run it from a folder with no package.json above: only the define can answer.
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        const loaded = createRequire(outfile)(outfile) as { PIGEON_APP_VERSION: string };
        expect(loaded.PIGEON_APP_VERSION).toBe(pkg.version);
      } finally {
        process.chdir(cwd);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
