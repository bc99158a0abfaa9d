import { describe, expect, it } from 'vitest';
import type { MessageDTO, PigeonEvent } from '../../../src-shared/contract';
import { PeerDirectory } from '../../../src-main/core/discovery/peer-directory';
import { refuseWhenDiskFull } from '../../../src-main/core/disk-full-notice';
import { Mode } from '../../../src-main/core/ipmsg/commands';
import { MessageAnnouncer } from '../../../src-main/core/message-announcer';
import { Receiving } from '../../../src-main/core/messaging/receiving';
import { readIncomingMessage } from '../../../src-main/core/pipeline/incoming-message';
import { openStore, StoreError } from '../../../src-main/core/store';
import { unwrapIpcResult } from '../../../src-shared/contract/ipc-result';
import { decoded, testPacketSender } from './packet-sender-helper';

const NOW = 1_700_000_000_000;
const FROM = { address: '10.0.0.5', port: 2425 };

/** A Receiving over a history whose writes fail for lack of space while `full.now` holds. */
function receiver() {
  const store = openStore(':memory:');
  const full = { now: true };
  const add = store.messages.add.bind(store.messages);
  store.messages.add = (message, details) => {
    if (full.now) throw new StoreError('disk-full', 'The disk is full.');
    add(message, details);
  };
  const acks: number[] = [];
  const shown: MessageDTO[] = [];
  const packets = testPacketSender({ version: '1_pigeon', user: 'me', host: 'mine' }, NOW, (b) => {
    const packet = decoded(b);
    if (packet.mode === Mode.RECVMSG)
      acks.push(Number(packet.extra.toString().replace(/\0.*$/, '')));
  });
  const receiving = new Receiving({
    packets,
    directory: new PeerDirectory(),
    history: store.messages,
    conversations: store.conversations,
    announcer: new MessageAnnouncer(
      {
        emit: (event: PigeonEvent) => {
          if (event.type === 'message') shown.push(event.message);
        },
      },
      store.conversations,
    ),
    onPeerSeen: () => undefined,
    now: () => NOW,
  });
  const receive = (packetNo: number, text: string) =>
    receiving.received(
      readIncomingMessage(
        decoded(Buffer.from(`1_iptux 0.8.3:${packetNo}:bob:pc:${0x20 | 0x100}:${text}\0`)),
        'gb18030',
      ),
      FROM,
    );
  return { store, full, acks, shown, receive };
}

describe('receiving while the disk is full', () => {
  it('neither shows nor acknowledges a message it could not keep, and takes its retry later', () => {
    const { store, full, acks, shown, receive } = receiver();
    expect(() => receive(7, 'hello')).not.toThrow();
    expect(acks).toEqual([]);
    expect(shown).toEqual([]);

    full.now = false;
    receive(7, 'hello'); // the sender's retry: not a duplicate, since it was never kept
    expect(acks).toEqual([7]);
    expect(shown.map((m) => m.text)).toEqual(['hello']);
    expect(store.messages.list('bob@pc').map((m) => m.text)).toEqual(['hello']);
  });

  it('lets other store failures through (they are bugs to report, not a full disk)', () => {
    const { store, receive } = receiver();
    store.messages.add = () => {
      throw new StoreError('corrupt', 'damaged');
    };
    expect(() => receive(8, 'x')).toThrow('damaged');
  });
});

describe('a send refused for a full disk', () => {
  it('reaches the window with its own code and words', () => {
    let refusal: unknown;
    try {
      refuseWhenDiskFull(() => {
        throw new StoreError('disk-full', 'The disk is full: Pigeon could not save to pigeon.db.');
      });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      code: 'disk-full',
      message: 'Disk full: messages are not being saved',
    });
    // Across Electron IPC, the code survives the envelope.
    expect(() =>
      unwrapIpcResult({
        ok: false,
        code: 'disk-full',
        message: 'Disk full: messages are not being saved',
      }),
    ).toThrow(expect.objectContaining({ code: 'disk-full' }));
  });
});
