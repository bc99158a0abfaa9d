import { describe, expect, it } from 'vitest';
import { refuseWhenDiskFull } from '../../../src-main/core/disk-full-notice';
import { openStore, StoreError } from '../../../src-main/core/store';
import { unwrapIpcResult } from '../../../src-shared/contract/ipc-result';
import { receivingHarness } from './receiving-harness';

/** A Receiving over a history whose writes fail for lack of space while `full.now` holds. */
function receiver() {
  const store = openStore(':memory:');
  const full = { now: true };
  const add = store.messages.add.bind(store.messages);
  store.messages.add = (message, details) => {
    if (full.now) throw new StoreError('disk-full', 'The disk is full.');
    add(message, details);
  };
  const { acks, shown, receive } = receivingHarness(store);
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
