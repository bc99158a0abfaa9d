import { describe, expect, it } from 'vitest';
import { parseHeadlessArgs } from '../../../src-main/headless/cli-args';

describe('headless command line', () => {
  it('reads the documented flags', () => {
    const config = parseHeadlessArgs([
      '--nick',
      '小明',
      '--group',
      'QA',
      '--port',
      '2500',
      '--data-dir',
      '/tmp/x',
      '--ui-port',
      '0',
      '--lang',
      'en',
      '--host',
      '10.0.0.2',
      '--host',
      '10.0.0.3:2425',
      '--no-broadcast',
      '--age-out-ms',
      '3000',
    ]);
    expect(config).toMatchObject({
      nickname: '小明',
      group: 'QA',
      port: 2500,
      dataDir: '/tmp/x',
      uiPort: 0,
      language: 'en',
      hosts: ['10.0.0.2', '10.0.0.3:2425'],
      broadcast: false,
      timing: { ageOutMs: 3000 },
    });
  });

  it('rejects bad values with a clear message', () => {
    expect(() => parseHeadlessArgs(['--nick', 'a', '--port', '99999'])).toThrow(/--port/);
    expect(() => parseHeadlessArgs(['--nick', 'a', '--lang', 'fr'])).toThrow(/--lang/);
    expect(() => parseHeadlessArgs(['--nick', '   '])).toThrow(/nickname/);
    expect(() => parseHeadlessArgs(['--bogus'])).toThrow();
    expect(parseHeadlessArgs(['--help'])).toBe('help');
  });
});
