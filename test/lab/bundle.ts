import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles a script that runs a Pigeon core into one CommonJS file under test-results/,
 * for lab hosts to start under plain Node in a fraction of tsx's start-up. Inside the
 * repository, so the native SQLite module resolves from node_modules.
 */
export async function bundleForLab(entry: string, name: string): Promise<string> {
  const outDir = fileURLToPath(new URL('../../test-results/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  const out = path.join(mkdtempSync(path.join(outDir, `${name}-`)), `${name}.cjs`);
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    logLevel: 'error',
  });
  return out;
}
