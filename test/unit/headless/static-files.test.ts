import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from '../../../src-main/headless/static-files';

describe('static file paths', () => {
  const root = path.resolve('/srv/pigeon/renderer');
  it('maps / to index.html and assets inside the folder', () => {
    expect(resolveInside(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveInside(root, '/assets/app.js')).toBe(path.join(root, 'assets/app.js'));
  });
  it('never leaves the folder', () => {
    for (const evil of [
      '/../etc/passwd',
      '/%2e%2e/secret',
      '/assets/../../x',
      '/a%00b',
      '/%E0%A4%A',
      '/..%2f..%2fetc',
    ]) {
      const resolved = resolveInside(root, evil);
      if (resolved !== undefined) expect(resolved.startsWith(root + path.sep)).toBe(true);
    }
    expect(resolveInside(root, '/../etc/passwd')).toBeUndefined();
    expect(resolveInside(root, '/a%00b')).toBeUndefined();
  });
});
