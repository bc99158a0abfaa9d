import { afterEach, describe, expect, it } from 'vitest';
import { createMessengerCore } from '../../src-main/core/messenger';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { FAST, waitFor } from './support/cores';

const PORT = 2430;
const cores: MessengerCore[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.stop()));
});

async function core(address: string, name: string, hosts: string[] = []): Promise<MessengerCore> {
  const c = createMessengerCore({
    nickname: name,
    user: name,
    host: 'box',
    port: PORT,
    bindAddress: address,
    broadcast: false,
    hosts,
    timing: FAST,
  });
  cores.push(c);
  await c.start();
  return c;
}

const sees = (c: MessengerCore, id: string) =>
  c.snapshot().peers.some((p) => p.id === id && p.status === 'online');

describe('the host list', () => {
  it('scans an address range, as iptux does, and reaches a peer that knows nobody', async () => {
    const quiet = await core('127.0.0.62', 'quiet');
    const scanner = await core('127.0.0.60', 'scanner', ['127.0.0.61-127.0.0.63']);
    await waitFor(() => sees(scanner, 'quiet@box'), 3000, 'scanner finds quiet');
    await waitFor(() => sees(quiet, 'scanner@box'), 3000, 'quiet finds scanner');
  });

  it('reaches a peer by computer name, resolved in the background', async () => {
    const named = await core('127.0.0.1', 'named');
    const seeker = await core('127.0.0.64', 'seeker');
    expect(seeker.updateSettings({ hosts: ['localhost'] }).hosts).toEqual(['localhost']);
    await waitFor(() => sees(seeker, 'named@box'), 3000, 'found by name');
    expect(sees(named, 'seeker@box')).toBe(true);
  });

  it('refuses an entry that is neither an address, a name nor a range, saying which', async () => {
    const c = await core('127.0.0.65', 'strict');
    expect(() => c.updateSettings({ hosts: ['10.0.0.1', '10.0.0.0/8'] })).toThrow(/4096|too many/i);
    expect(() => c.updateSettings({ hosts: ['bad host!'] })).toThrow(/bad host!/);
    expect(c.getSettings().hosts).toEqual([]);
  });
});
