import { describe, expect, it } from 'vitest';
import {
  resolveHostInput,
  resolveHostName,
  type LookupFn,
} from '../../../src-main/core/net/host-lookup';

const answering =
  (addresses: { address: string; family: number }[]): LookupFn =>
  async () =>
    addresses;

const failing =
  (code: string): LookupFn =>
  async () => {
    throw Object.assign(new Error(`getaddrinfo ${code}`), { code });
  };

describe('resolveHostName', () => {
  it('gives the IPv4 addresses, each once', async () => {
    const lookup = answering([
      { address: '10.0.2.7', family: 4 },
      { address: 'fe80::1', family: 6 },
      { address: '10.0.2.7', family: 4 },
      { address: '10.0.3.7', family: 4 },
    ]);
    expect(await resolveHostName('office-pc', { lookup })).toEqual({
      ok: true,
      value: ['10.0.2.7', '10.0.3.7'],
    });
  });

  it('asks the resolver for IPv4 only', async () => {
    const asked: unknown[] = [];
    await resolveHostName('office-pc', {
      lookup: async (name, options) => {
        asked.push([name, options]);
        return [{ address: '10.0.0.1', family: 4 }];
      },
    });
    expect(asked).toEqual([['office-pc', { family: 4, all: true }]]);
  });

  it('says a name was not found', async () => {
    for (const lookup of [failing('ENOTFOUND'), failing('EAI_NODATA'), answering([])]) {
      const result = await resolveHostName('nobody-pc', { lookup });
      expect(result).toMatchObject({ ok: false, code: 'not-found' });
      expect(!result.ok && result.error).toMatch(/No computer named "nobody-pc"/);
    }
  });

  it('gives up after the time limit', async () => {
    const started = Date.now();
    const result = await resolveHostName('slow-pc', {
      timeoutMs: 50,
      lookup: () => new Promise(() => undefined),
    });
    expect(result).toMatchObject({ ok: false, code: 'timeout' });
    expect(!result.ok && result.error).toMatch(/within 0.1 s/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports other resolver failures', async () => {
    expect(await resolveHostName('x', { lookup: failing('ESERVFAIL') })).toMatchObject({
      ok: false,
      code: 'failed',
      error: expect.stringMatching(/ESERVFAIL/),
    });
  });

  it('resolves localhost through the system resolver', async () => {
    const result = await resolveHostName('localhost');
    expect(result.ok && result.value).toContain('127.0.0.1');
  });
});

describe('resolveHostInput', () => {
  it('passes addresses through without a lookup', async () => {
    const result = await resolveHostInput(
      { kind: 'address', address: '10.0.0.5', port: 2426 },
      { lookup: failing('ENOTFOUND') },
    );
    expect(result).toEqual({ ok: true, value: [{ address: '10.0.0.5', port: 2426 }] });
  });

  it('gives every address of a name, with the port', async () => {
    const result = await resolveHostInput(
      { kind: 'name', name: 'pc', port: 2425 },
      {
        lookup: answering([
          { address: '10.0.0.5', family: 4 },
          { address: '10.0.1.5', family: 4 },
        ]),
      },
    );
    expect(result).toEqual({
      ok: true,
      value: [
        { address: '10.0.0.5', port: 2425 },
        { address: '10.0.1.5', port: 2425 },
      ],
    });
  });
});
