import { describe, expect, it } from 'vitest';
import { createMessengerCore } from '../../src-main/core/messenger';
import { startCores, rawSocket, sendRaw, waitFor, type TestCore } from './support/cores';

const PORT = 2426;

describe('a core facing a hostile network', () => {
  it('acknowledges a duplicate SENDMSG twice but shows it once', async () => {
    const cores = await startCores(['127.0.0.9'], PORT);
    const [a] = cores as [TestCore];
    const { socket, received } = await rawSocket('127.0.0.10', PORT);
    const packet = `1:${Math.floor(Date.now() / 1000)}:stranger:box:${0x20 | 0x100}:hi there\0`;
    await sendRaw(socket, packet, '127.0.0.9', PORT);
    await sendRaw(socket, packet, '127.0.0.9', PORT);
    const acks = await waitFor(
      () => {
        const list = received
          .map((b) => b.toString())
          .filter((t) => t.split(':')[4] === String(0x21));
        return list.length === 2 && list;
      },
      3000,
      'two acknowledgements',
    );
    expect(acks[0]?.split(':').slice(5).join(':').replace(/\0+$/, '')).toBe(packet.split(':')[1]);
    expect(a.core.listMessages({ conversationId: 'stranger@box' }).map((m) => m.text)).toEqual([
      'hi there',
    ]);
    // The unknown sender appears as a contact, and Pigeon asks it who it is (BR_ENTRY).
    expect(a.core.snapshot().peers.map((p) => p.id)).toContain('stranger@box');
    await waitFor(
      () => received.some((b) => (Number(b.toString().split(':')[4]) & 0xff) === 1),
      2000,
      'BR_ENTRY to stranger',
    );
  });

  it('drops and counts garbage, oversized and unknown datagrams and a flood, and keeps working', async () => {
    // A budget of 500 datagrams a second: 6,000 exceed it even when a loaded machine
    // stretches the flood over several seconds (at 2,000 a second it sometimes did not).
    const cores = await startCores(['127.0.0.11', '127.0.0.12'], PORT, {
      rateLimit: { perSecond: 500, burst: 500 },
    });
    const [a, b] = cores as [TestCore, TestCore];
    const { socket } = await rawSocket('127.0.0.13');
    const garbage = [
      Buffer.from(''),
      Buffer.from('no colons at all'),
      Buffer.from('1:abc:u:h:32:text'),
      Buffer.from('1:1:u:h:99999999999:x'),
      Buffer.from([0xff, 0xfe, 0x3a, 0x00, 0x3a, 0xc3, 0x28]),
      Buffer.from('1:5:u'),
    ];
    for (const g of garbage) await sendRaw(socket, g, '127.0.0.11', PORT);
    await sendRaw(socket, Buffer.alloc(40000, 0x41), '127.0.0.11', PORT);
    await sendRaw(socket, '1:7:u:h:250:what is this', '127.0.0.11', PORT);
    // A flood from one address: far more than the per-address budget.
    // Paced in small bursts so the kernel's receive buffer does not drop it before Pigeon sees it.
    for (let burst = 0; burst < 120; burst++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          sendRaw(socket, `1:${burst * 50 + i + 10}:f:h:0:`, '127.0.0.11', PORT),
        ),
      );
      await new Promise((r) => setTimeout(r, 2));
    }

    const stats = await waitFor(
      () => {
        const s = a.core.stats();
        return (
          s.dropped.rateLimited > 0 && s.dropped.malformed >= 4 && s.dropped.oversized === 1 && s
        );
      },
      3000,
      'drop counters',
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(a.core.stats())}`);
    });
    expect(stats.dropped.unknownCommand).toBeGreaterThanOrEqual(1);

    // The honest peer is still heard and answered.
    const bAtA = await waitFor(() => a.core.snapshot().peers.find((p) => p.id === 'user2@host2'));
    const [m] = a.core.sendMessage({
      conversationId: a.core.openConversation(bAtA.id),
      text: 'still alive',
    });
    await waitFor(() =>
      a.core
        .listMessages({ conversationId: bAtA.id })
        .find((x) => x.id === m?.id && x.state === 'delivered'),
    );
    expect(b.core.listMessages({ conversationId: 'user1@host1' }).map((x) => x.text)).toContain(
      'still alive',
    );
  });

  it('explains a port that is already taken', async () => {
    await rawSocket('127.0.0.14', PORT); // holds the port
    const attempt = startCores(['127.0.0.14'], PORT);
    await expect(attempt).rejects.toThrow(/already in use/);
  });
});

describe('questions other clients ask', () => {
  it('answers GETINFO with its version and GETABSENCEINFO with its state', async () => {
    const cores = await startCores(['127.0.0.17'], PORT);
    const [a] = cores as [TestCore];
    const { socket, received } = await rawSocket('127.0.0.18', PORT);
    const n = Math.floor(Date.now() / 1000);
    await sendRaw(socket, `1:${n}:ipmsg:winpc:${0x40}:`, '127.0.0.17', PORT);
    await sendRaw(socket, `1:${n + 1}:ipmsg:winpc:${0x50}:`, '127.0.0.17', PORT);
    const answer = (mode: number) =>
      received.map((b) => b.toString()).find((t) => (Number(t.split(':')[4]) & 0xff) === mode);
    const info = await waitFor(() => answer(0x41), 2000, 'SENDINFO');
    expect(info.split(':').slice(5).join(':')).toMatch(/^Pigeon \d+\.\d+\.\d+ \(\w+\)/);
    const absence = await waitFor(() => answer(0x51), 2000, 'SENDABSENCEINFO');
    expect(absence.split(':').slice(5).join(':').replace(/\0+$/, '')).toBe('Not Absence mode');
    a.core.updateProfile({ status: 'away', language: 'en' });
    received.length = 0;
    await sendRaw(socket, `1:${n + 2}:ipmsg:winpc:${0x50}:`, '127.0.0.17', PORT);
    const away = await waitFor(() => answer(0x51), 2000, 'SENDABSENCEINFO while away');
    expect(away.split(':').slice(5).join(':').replace(/\0+$/, '')).toBe('Away');
    expect(a.core.stats().dropped.unknownCommand).toBe(0);
  });
});

describe('the network panel', () => {
  it('reports the bound port, targets and counters, and why the port could not be bound', async () => {
    const cores = await startCores(['127.0.0.19'], PORT, { hosts: ['127.0.0.20-127.0.0.21'] });
    const [a] = cores as [TestCore];
    const status = a.core.networkStatus();
    expect(status).toMatchObject({ port: PORT, bindAddress: '127.0.0.19', bound: true });
    expect(status.announceTargets).toEqual(['127.0.0.20', '127.0.0.21']);
    await waitFor(
      () => a.core.networkStatus().stats.datagramsOut >= 2,
      2000,
      'announcements counted',
    );
    expect(status.problem).toBeUndefined();

    await rawSocket('127.0.0.22', PORT); // holds the port
    const blocked = createMessengerCore({
      nickname: 'b',
      port: PORT,
      bindAddress: '127.0.0.22',
      broadcast: false,
    });
    await expect(blocked.start()).rejects.toThrow(/already in use/);
    expect(blocked.networkStatus()).toMatchObject({
      bound: false,
      problem: expect.stringMatching(/already in use/),
    });
  });
});
