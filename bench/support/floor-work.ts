// The work a messenger cannot skip per message, and nothing else: the benches' "floor".
// Each message is stored through Pigeon's own store (the same statements as Pigeon: the
// message, its conversation note, and on confirmation its state) and every datagram is
// sealed and opened with AES-256-GCM as between two keyed Pigeons. No packet format,
// pipeline, retries, events or peers: what is left between this and Pigeon is Pigeon's own.
// BENCH_FLOOR names the parts to do (`store,seal` unless set; `seal`, `store` or `none`),
// to see what each costs on its own. BENCH_BUNDLE=N lets the messaging floor carry up to
// N messages in one datagram (sealed once, stored in one transaction on each side, one
// acknowledgement for all): what several messages per datagram could at best bring.
import { createCipheriv, createDecipheriv, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MessageDTO } from '../../src-shared/contract';
import { openStore, type PigeonStore } from '../../src-main/core/store';
import { WriteGroup } from '../../src-main/core/store/write-group';
import { countFromEnv } from './env-count';

const parts = (process.env.BENCH_FLOOR ?? 'store,seal').split(',');
const storing = parts.includes('store');
const sealing = parts.includes('seal');
/** Messages per datagram at most (1: one each, as Pigeon sends them). */
export const BUNDLE = countFromEnv('BENCH_BUNDLE', 1);
/** What the floor does per message, for the bench's report. */
export const FLOOR_WORK =
  ([storing && 'store', sealing && 'seal'].filter(Boolean).join(' + ') || 'no work') +
  (BUNDLE > 1 ? `, ≤ ${BUNDLE} per datagram` : '');

const KEY = Buffer.alloc(32, 7);
const TAG = 16;
let sealed = 0n;

/** A store as the bench cores keep theirs: in memory unless BENCH_STORE=file. */
export function floorStore(name: string): PigeonStore {
  if (process.env.BENCH_STORE !== 'file') return openStore(':memory:');
  const folder = mkdtempSync(path.join(os.tmpdir(), `pigeon-floor-${name}-`));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  return openStore(path.join(folder, 'history.sqlite'), { exclusive: true });
}

/** Seal a datagram: 12-byte nonce, ciphertext, tag. */
export function seal(plain: Buffer): Buffer {
  if (!sealing) return Buffer.concat([Buffer.alloc(12), plain, Buffer.alloc(TAG)]);
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE((sealed += 1n), 4);
  const cipher = createCipheriv('aes-256-gcm', KEY, nonce);
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** Open a sealed datagram, or undefined when it does not authenticate. */
export function open(bytes: Buffer): Buffer | undefined {
  if (!sealing) return bytes.subarray(12, bytes.length - TAG);
  try {
    const decipher = createDecipheriv('aes-256-gcm', KEY, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
    return Buffer.concat([
      decipher.update(bytes.subarray(12, bytes.length - TAG)),
      decipher.final(),
    ]);
  } catch {
    return undefined;
  }
}

/** A message as Pigeon stores it. */
export function messageOf(peer: string, direction: 'in' | 'out', text: string): MessageDTO {
  return {
    id: randomUUID(),
    conversationId: peer,
    direction,
    text,
    state: direction === 'in' ? 'received' : 'sending',
    at: Date.now(),
  };
}

/** Store a new message and note it in its conversation, in one transaction. */
export function keep(store: PigeonStore, message: MessageDTO, peer: string): void {
  if (!storing) return;
  store.messages.add(message, { peerId: peer });
  store.conversations.noteMessage(message, true);
}

/** A sent message was confirmed: its state and its conversation, as Pigeon notes them. */
export function confirm(store: PigeonStore, messageId: string): void {
  if (!storing) return;
  const delivered = store.messages.markDelivered(messageId);
  if (delivered) store.conversations.noteStateChange(delivered);
}

/**
 * Run `work` on everything gathered in one turn of the event loop, in one transaction,
 * then `after` on each: Pigeon's own group commit (store/write-group.ts), so what tells the
 * network waits for the commit, as in Pigeon.
 */
export function grouped<T>(
  store: PigeonStore,
  work: (item: T) => void,
  after: (item: T) => void = () => undefined,
): (item: T) => void {
  const writes = new WriteGroup((all) => store.messages.atomically(all));
  return (item) =>
    writes.add(
      () => work(item),
      () => after(item),
    );
}

/** A message in a floor datagram: its index in the run and its text. */
export interface FloorPart {
  index: number;
  text: string;
}

/** The body of a floor datagram: each part as index (u32), length (u16) and UTF-8 text. */
export function bodyOf(parts: readonly FloorPart[]): Buffer {
  return Buffer.concat(
    parts.map(({ index, text }) => {
      const bytes = Buffer.alloc(6 + Buffer.byteLength(text));
      bytes.writeUInt32BE(index, 0);
      bytes.writeUInt16BE(bytes.length - 6, 4);
      bytes.write(text, 6);
      return bytes;
    }),
  );
}

/** The parts of a floor datagram's body (a cut-off part is left out). */
export function partsOf(body: Buffer): FloorPart[] {
  const parts: FloorPart[] = [];
  for (let at = 0; at + 6 <= body.length;) {
    const end = at + 6 + body.readUInt16BE(at + 4);
    if (end > body.length) break;
    parts.push({ index: body.readUInt32BE(at), text: body.subarray(at + 6, end).toString() });
    at = end;
  }
  return parts;
}

/** An acknowledgement of several messages: their indexes, u32 each. */
export function acknowledgementOf(indexes: readonly number[]): Buffer {
  const bytes = Buffer.alloc(4 * indexes.length);
  indexes.forEach((index, at) => bytes.writeUInt32BE(index, 4 * at));
  return bytes;
}

/** The indexes an acknowledgement names. */
export function acknowledged(body: Buffer): number[] {
  const indexes: number[] = [];
  for (let at = 0; at + 4 <= body.length; at += 4) indexes.push(body.readUInt32BE(at));
  return indexes;
}
