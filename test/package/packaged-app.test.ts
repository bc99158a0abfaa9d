import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_POLICY, pageMetaPolicy } from '../../src-shared/page-policy';
import { packLinuxDir, ROOT, type PackResult } from './support/pack';

/** app.asar may not grow past this (about 2 MB today: the bundles and a few icons). */
const ASAR_BUDGET_BYTES = 4 * 1024 * 1024;
/** better-sqlite3 and what it loads at run time (bindings finds the .node file). */
const SHIPPED_PACKAGES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];
const NATIVE_MODULE = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
const ENABLED = 49; // '1' in the fuse wire
const DISABLED = 48; // '0'

let packed: PackResult;

/** The configuration as electron-builder reads and validates it (its own loader). */
async function electronBuilderConfig(): Promise<unknown> {
  const loader = createRequire(path.join(ROOT, 'package.json'))(
    'app-builder-lib/out/util/config/config',
  ) as { getConfig(dir: string, file: null, extra: null): Promise<unknown> };
  return loader.getConfig(ROOT, null, null);
}
let entries: string[];

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/** The modules a bundle require()s that it did not bundle. */
function requiredModules(bundle: string): string[] {
  const found = new Set<string>();
  for (const match of bundle.matchAll(/\brequire\(["']([^"'./][^"']*)["']\)/g)) {
    found.add(match[1] as string);
  }
  return [...found];
}

describe('the packaged desktop app (electron-builder, Linux dir, stand-in Electron)', () => {
  beforeAll(() => {
    packed = packLinuxDir();
    entries = listPackage(packed.asar, { isPack: false }).map((p) => p.replace(/\\/g, '/'));
  }, 180_000);

  afterAll(() => {
    for (const dir of packed?.temporary ?? []) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the desktop bundles, the icons read at run time and package.json', () => {
    for (const file of [
      '/package.json',
      '/out/main/index.cjs',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/assets/icon-256.png',
      '/assets/tray.png',
      '/assets/tray-blank.png',
    ]) {
      expect(entries).toContain(file);
    }
    const manifest = JSON.parse(extractFile(packed.asar, 'package.json').toString()) as {
      main: string;
      version: string;
    };
    expect(entries).toContain(`/${manifest.main}`);
    const source = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(manifest.version).toBe(source.version);
  });

  it('holds nothing from the tests, headless mode, sources or source maps', () => {
    const strays = entries.filter(
      (p) =>
        /^\/(test|src-main|src-shared|src-renderer|preload|scripts|bench|docs|\.ci)(\/|$)/.test(
          p,
        ) ||
        /^\/out\/(headless|lab-agent)/.test(p) ||
        p.endsWith('.map') ||
        /\/test_extension\.node$/.test(p),
    );
    expect(strays).toEqual([]);
    const outFolders = new Set(
      entries.filter((p) => p.startsWith('/out/')).map((p) => p.split('/')[2]),
    );
    expect([...outFolders].sort()).toEqual(['main', 'preload', 'renderer']);
  });

  it('ships in node_modules only what the app loads', () => {
    const packages = new Set(
      entries
        .filter((p) => p.startsWith('/node_modules/'))
        .map((p) => p.split('/')[2])
        .filter((name): name is string => Boolean(name)),
    );
    expect([...packages].sort()).toEqual(SHIPPED_PACKAGES);
    // Of better-sqlite3 only its JS and the module it loads: no sources, no build tree.
    const sqliteFiles = entries.filter(
      (p) =>
        p.startsWith('/node_modules/better-sqlite3/') &&
        !('files' in statFile(packed.asar, p.slice(1))),
    );
    for (const file of sqliteFiles) {
      expect(file).toMatch(
        /^\/node_modules\/better-sqlite3\/(package\.json|lib\/.+\.js|build\/Release\/better_sqlite3\.node)$/,
      );
    }
    // The other way round: every module the bundles require is shipped, built in or Electron.
    const shippedOrBuiltIn = new Set([...SHIPPED_PACKAGES, ...builtinModules, 'electron']);
    for (const bundle of ['out/main/index.cjs', 'out/preload/index.cjs']) {
      const text = extractFile(packed.asar, bundle).toString();
      const missing = requiredModules(text).filter(
        (name) => !shippedOrBuiltIn.has(name.replace(/^node:/, '').split('/')[0] as string),
      );
      expect(missing, bundle).toEqual([]);
    }
  });

  it('unpacks the native SQLite module, and only it', () => {
    expect(filesUnder(packed.unpacked)).toEqual([NATIVE_MODULE]);
    const nativeSize = statSync(path.join(packed.unpacked, NATIVE_MODULE)).size;
    // The figure docs/benchmarks.md quotes.
    console.log(`unpacked better_sqlite3.node: ${(nativeSize / 1024 / 1024).toFixed(2)} MB`);
    expect(nativeSize).toBeGreaterThan(100_000);
    expect(statFile(packed.asar, NATIVE_MODULE)).toMatchObject({ unpacked: true });
  });

  it(`keeps app.asar under ${ASAR_BUDGET_BYTES / 1024 / 1024} MB`, () => {
    const size = statSync(packed.asar).size;
    console.log(`app.asar: ${(size / 1024 / 1024).toFixed(2)} MB (${size} bytes)`);
    // The sandboxed preload's size, which docs/architecture.md quotes.
    const preload = extractFile(packed.asar, 'out/preload/index.cjs').length;
    console.log(`out/preload/index.cjs: ${(preload / 1024).toFixed(1)} KB`);
    expect(size).toBeLessThanOrEqual(ASAR_BUDGET_BYTES);
  });

  it('flips the Electron fuses in the packaged executable', async () => {
    const wire = (await getCurrentFuseWire(packed.executable)) as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLED);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLED);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLED);
  });

  it('ships a page whose CSP meta is the policy main sends', () => {
    const page = extractFile(packed.asar, 'out/renderer/index.html').toString();
    expect(pageMetaPolicy(page)).toBe(PAGE_POLICY);
  });

  it('gives the installers their firewall rules, metadata and icons', async () => {
    const config = (await electronBuilderConfig()) as {
      nsis: { include: string; perMachine: boolean };
      linux: { maintainer: string; icon: string; desktop: { entry: Record<string, string> } };
    };
    const include = readFileSync(path.join(ROOT, config.nsis.include), 'utf8');
    for (const protocol of ['UDP', 'TCP']) {
      expect(include).toMatch(
        new RegExp(
          `add rule name="Pigeon \\(${protocol} 2425\\)".*protocol=${protocol} localport=2425 program="\\$INSTDIR`,
        ),
      );
      expect(include).toContain(`delete rule name="Pigeon (${protocol} 2425)"`);
    }
    expect(include).toMatch(/!macro customUnInstall\s+!insertmacro pigeonDeleteFirewallRules/);
    expect(config.nsis.perMachine).toBe(true); // netsh needs the elevated installer
    expect(config.linux.maintainer).toMatch(/^[^<]+ <[^@\s]+@[^>\s]+>$/);
    expect(config.linux.desktop.entry.StartupWMClass).toBe('pigeon');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      author?: string;
      desktopName?: string;
    };
    expect(pkg.author).toBeTruthy();
    expect(pkg.desktopName).toBe(`${config.linux.desktop.entry.StartupWMClass}.desktop`);
    const icons = readdirSync(path.join(ROOT, config.linux.icon));
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(icons).toContain(`${size}x${size}.png`);
  });
});
