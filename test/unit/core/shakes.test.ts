import { describe, expect, it } from 'vitest';
import type { MessageDTO, PigeonEvent } from '../../../src-shared/contract';
import { ContractError } from '../../../src-shared/contract/errors';
import { readGroupNotice } from '../../../src-shared/contract/group-notice';
import type { PeerRecord } from '../../../src-main/core/discovery/peer-directory';
import { decodePacket, type Packet } from '../../../src-main/core/ipmsg';
import { SHAKE_EVERY_MS, Shakes } from '../../../src-main/core/shakes/shakes';

const FEIQ = {
  id: 'wang@FEIQ-PC',
  nickname: '王会计',
  address: '10.0.0.2',
  port: 2425,
  client: 'feiq',
  status: 'online',
} as PeerRecord;
const IPTUX = { ...FEIQ, id: 'tux@box', client: 'iptux' } as PeerRecord;

function knock(user = 'wang', host = 'FEIQ-PC'): Packet {
  const result = decodePacket(Buffer.from(`1_lbt6_0#128#000C29D0E0B4:7:${user}:${host}:209:`));
  if (!result.ok) throw new Error(result.detail);
  return result.packet;
}

function shakes() {
  let now = 1_000_000;
  const sent: { command: number; extra: string; to: unknown }[] = [];
  const stored: MessageDTO[] = [];
  const events: PigeonEvent[] = [];
  const peers = new Map([FEIQ, IPTUX].map((p) => [p.id, p]));
  const service = new Shakes({
    packets: {
      send: async (command, extra, to) => {
        sent.push({ command, extra, to });
      },
    },
    directory: { get: (id) => peers.get(id), findByAddress: () => undefined },
    history: { add: (message) => stored.push(message) },
    announcer: { announce: (message) => events.push({ type: 'message', message }) },
    emit: (event) => events.push(event),
    now: () => now,
  });
  return { service, sent, stored, events, later: (ms: number) => (now += ms) };
}

describe('window shakes', () => {
  it('sends FeiQ’s shake: command 0xD1 and no extra, to the peer', () => {
    const { service, sent } = shakes();
    expect(service.send(FEIQ.id)).toEqual({ at: 1_000_000, nextAt: 1_000_000 + SHAKE_EVERY_MS });
    expect(sent).toEqual([{ command: 0xd1, extra: '', to: FEIQ }]);
  });

  it('refuses a second shake to the same peer within 10 s, saying when', () => {
    const { service, sent, later } = shakes();
    service.send(FEIQ.id);
    later(3_000);
    expect(() => service.send(FEIQ.id)).toThrow(ContractError);
    expect(() => service.send(FEIQ.id)).toThrow(/again in 7 s/);
    expect(sent).toHaveLength(1);
    later(7_000);
    service.send(FEIQ.id);
    expect(sent).toHaveLength(2);
  });

  it('refuses peers that would not show it, and unknown ones', () => {
    const { service, sent } = shakes();
    expect(() => service.send(IPTUX.id)).toThrow(/Only FeiQ and Pigeon/);
    expect(() => service.send('nobody@nowhere')).toThrow(ContractError);
    expect(sent).toEqual([]);
  });

  it('keeps a received shake as a notice line and tells the windows', () => {
    const { service, stored, events } = shakes();
    service.received(knock(), { address: '10.0.0.2', port: 2425 });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      conversationId: FEIQ.id,
      direction: 'in',
      state: 'notice',
      authorId: FEIQ.id,
    });
    expect(readGroupNotice(stored[0]!.text)).toEqual({
      kind: 'shook',
      by: FEIQ.id,
      byName: '王会计',
    });
    expect(events.map((e) => e.type)).toEqual(['message', 'shake']);
    expect(events[1]).toEqual({ type: 'shake', peerId: FEIQ.id, at: 1_000_000 });
  });

  it('shows one shake per peer in 10 s and counts the rest; ignores strangers', () => {
    const { service, stored, events, later } = shakes();
    const from = { address: '10.0.0.2', port: 2425 };
    for (let i = 0; i < 4; i += 1) service.received(knock(), from);
    service.received(knock('stranger', 'x'), { address: '10.0.0.9', port: 2425 });
    expect(stored).toHaveLength(1);
    expect(service.suppressed).toBe(3);
    later(SHAKE_EVERY_MS);
    service.received(knock(), from);
    expect(stored).toHaveLength(2);
    expect(events.filter((e) => e.type === 'shake')).toHaveLength(2);
  });
});
