// The esbuild `define` that writes package.json's version into the bundles
// (read by src-main/core/version.ts), so the version is written in one place only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './root.mjs';

export function versionDefine() {
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return { __PIGEON_VERSION__: JSON.stringify(version) };
}
