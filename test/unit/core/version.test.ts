import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PIGEON_APP_VERSION } from '../../../src-main/core/version';

describe('version', () => {
  it('matches package.json, so peers see the release that is running', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(PIGEON_APP_VERSION).toBe(pkg.version);
  });
});
