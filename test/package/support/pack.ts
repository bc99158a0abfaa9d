/**
 * Packs Pigeon the way `npm run dist` does, but offline: a desktop-only build, then
 * electron-builder's Linux `dir` target against a stand-in Electron folder (no download,
 * no native rebuild). The stand-in carries Electron's fuse wire, in the states Electron
 * ships with, so the fuses electron-builder flips can be read back.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

/** The marker @electron/fuses looks for, then wire version 1 and the wire's length. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's own defaults, '1' on and '0' off, in @electron/fuses' V1 order: RunAsNode,
 * CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity, OnlyLoadAppFromAsar,
 * BrowserV8Snapshot, GrantFileProtocolExtraPrivileges.
 */
const SHIPPED_FUSES = '10110001';

export interface PackResult {
  /** Temporary folders to remove afterwards (the output and the stand-in). */
  temporary: string[];
  /** dist's linux-unpacked folder. */
  appDir: string;
  asar: string;
  unpacked: string;
  /** The executable (the stand-in, with its fuses flipped). */
  executable: string;
  log: string;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    timeout: 150_000,
  });
  const log = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    throw new Error(
      `${args.join(' ')} failed (${result.status ?? result.error?.message}):\n${log}`,
    );
  }
  return log;
}

export function makeStandInElectron(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pigeon-electron-standin-'));
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: packaging check only" >&2\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, SHIPPED_FUSES.length]),
    Buffer.from(SHIPPED_FUSES),
  ]);
  writeFileSync(path.join(dir, 'electron'), binary, { mode: 0o755 });
  mkdirSync(path.join(dir, 'locales'));
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
  return dir;
}

export function packLinuxDir(): PackResult {
  const output = mkdtempSync(path.join(os.tmpdir(), 'pigeon-package-'));
  const standIn = makeStandInElectron();
  let log = run(process.execPath, ['scripts/build.mjs', '--desktop']);
  log += run(process.execPath, [
    path.join(ROOT, 'node_modules/electron-builder/cli.js'),
    '--linux',
    'dir',
    '--x64',
    `-c.electronDist=${standIn}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${output}`,
  ]);
  const appDir = path.join(output, 'linux-unpacked');
  return {
    temporary: [output, standIn],
    appDir,
    asar: path.join(appDir, 'resources', 'app.asar'),
    unpacked: path.join(appDir, 'resources', 'app.asar.unpacked'),
    executable: path.join(appDir, 'pigeon'),
    log,
  };
}
