import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageSender } from '../../../src-main/core/pipeline/message-sender';
import type { PacketSender } from '../../../src-main/core/net/packet-sender';
import type { PeerRecord } from '../../../src-main/core/discovery/peer-directory';

// Which peers get the quick retry is decided from the client the peer was seen running.

function sendTo(client: PeerRecord['client']): number[] {
  const start = Date.now();
  const times: number[] = [];
  const packets = {
    sendBytes: () => {
      times.push(Date.now() - start);
      return Promise.resolve(true);
    },
  } as unknown as PacketSender;
  const sender = new MessageSender({
    packets,
    legacy: 'gb18030',
    presence: () => ({ nickname: 'me', group: '' }),
    timing: { retryIntervalMs: 1000, maxRetries: 4 },
  });
  const recipient = { id: `x@${client}`, address: '10.0.0.2', port: 2425, client } as PeerRecord;
  sender.track({ recipient, packetNo: 1 }, 'm1', Buffer.from('x'), {
    delivered: () => undefined,
    unconfirmed: () => undefined,
  });
  vi.advanceTimersByTime(1500);
  sender.stop();
  return times;
}

describe('MessageSender retries', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('toward another Pigeon start at 200 ms and back off', () => {
    expect(sendTo('pigeon')).toEqual([0, 200, 600, 1400]);
  });

  it.each(['ipmsg', 'iptux', 'feiq', 'unknown'] as const)('toward %s stay at 1 s', (client) => {
    expect(sendTo(client)).toEqual([0, 1000]);
  });
});
