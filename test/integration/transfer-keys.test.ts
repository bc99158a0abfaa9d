// Sealed transfers bound to identity keys (transfer/sealing/identity-binding.ts): between two Pigeons that
// know each other's keys, a request for a sealed item must be signed by the requester's
// accepted identity key. Ann on 127.0.0.221, Ben on 127.0.0.222, port 2473.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferDTO } from '../../src-shared/contract';
import { generateIdentity, signWith } from '../../src-main/core/keys/identity';
import { createMessengerCore } from '../../src-main/core/messenger';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { openStore, type PigeonStore } from '../../src-main/core/store';
import { buildFileRequest } from '../../src-main/core/transfer/file-request';
import {
  requestSealing,
  type TransferKeyBinding,
} from '../../src-main/core/transfer/sealing/transfer-keys';
import { FAST, waitFor } from './support/cores';

const PORT = 2473;
const ANN = '127.0.0.221';
const BEN = '127.0.0.222';

interface Side {
  core: MessengerCore;
  store: PigeonStore;
  downloads: string;
}

let work: string;
let ann: Side;
let ben: Side;

async function startSide(name: string, address: string, other: string): Promise<Side> {
  const dir = await mkdtemp(join(work, `${name}-`));
  const store = openStore(join(dir, 'history.db'));
  const downloads = join(dir, 'downloads');
  const core = createMessengerCore(
    {
      nickname: name,
      user: name.toLowerCase(),
      host: 'box',
      port: PORT,
      bindAddress: address,
      broadcast: false,
      hosts: [`${other}:${PORT}`],
      downloadDir: downloads,
      imagesDir: join(dir, 'images'),
      timing: FAST,
    },
    store,
  );
  await core.start();
  return { core, store, downloads };
}

/** Ben's copy of Ann's offer of `name`. */
function offerArrives(name: string): Promise<TransferDTO> {
  return waitFor(
    () =>
      ben.core
        .listTransfers({ conversationId: 'ann@box' })
        .find((t) => t.state === 'offered' && t.items[0]?.name === name),
    5000,
    'the offer to arrive',
  );
}

/**
 * Asks Ann's file server, from Ben's address and in Ben's name, for the first item of `sent`
 * sealed to a fresh key, signed as `binding` says (unsigned without one); the bytes it sends.
 */
async function askSealed(sent: TransferDTO, binding?: TransferKeyBinding): Promise<number> {
  const offer = ann.store.transfers.get(sent.id)!;
  const incoming = ben.core.listTransfers({ conversationId: 'ann@box' });
  const theirs = incoming.find((t) => t.items[0]?.name === sent.items[0]?.name)!;
  const offerKey = ben.store.transfers.get(theirs.id)!.items[0]!.transferKey!;
  const spec = {
    kind: 'file' as const,
    packetNo: offer.packetNo,
    fileId: offer.items[0]!.fileId,
    offset: 0,
  };
  const { sealKey, signature } = requestSealing(offerKey, spec, binding);
  const request = buildFileRequest(
    { ...spec, sealKey, ...(signature !== undefined ? { signature } : {}) },
    { version: '1', user: 'ben', host: 'box', nextPacketNo: () => 1 },
  );
  return new Promise<number>((resolve, reject) => {
    let bytes = 0;
    const socket = net.connect({ host: ANN, port: PORT, localAddress: BEN }, () =>
      socket.write(request),
    );
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.on('error', reject);
    socket.on('close', () => resolve(bytes));
  });
}

const signedBy = (identity = generateIdentity()): TransferKeyBinding => ({
  sign: (transcript) => signWith(identity, transcript),
  verify: () => true,
});

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pigeon-transfer-keys-'));
  ann = await startSide('Ann', ANN, BEN);
  ben = await startSide('Ben', BEN, ANN);
  await waitFor(() => ann.core.getPeerKeys({ peerId: 'ben@box' }).state === 'known', 5000, 'key');
  await waitFor(() => ben.core.getPeerKeys({ peerId: 'ann@box' }).state === 'known', 5000, 'key');
});

afterAll(async () => {
  for (const side of [ann, ben]) {
    await side.core.stop();
    side.store.close();
  }
  await rm(work, { recursive: true, force: true });
});

describe('sealed transfers bound to identity keys', () => {
  it('refuses a request from the peer’s address signed by another key, or unsigned', async () => {
    const file = join(work, 'forged.txt');
    await writeFile(file, 'for the real Ben only');
    const sent = await ann.core.offerFiles({ conversationId: 'ben@box', paths: [file] });
    await offerArrives('forged.txt');
    expect(await askSealed(sent, signedBy())).toBe(0);
    expect(await askSealed(sent)).toBe(0);
    // The refusals leave the offer open: nothing was sent.
    expect(
      ann.core.listTransfers({ conversationId: 'ben@box' }).find((t) => t.id === sent.id),
    ).toMatchObject({ state: 'offered' });
  });

  it('still moves a file between the two Pigeons, signed and checked', async () => {
    const file = join(work, 'bound.txt');
    await writeFile(file, 'sealed and bound');
    await ann.core.offerFiles({ conversationId: 'ben@box', paths: [file] });
    const got = await offerArrives('bound.txt');
    ben.core.acceptTransfer({ transferId: got.id });
    await waitFor(
      () =>
        ben.core.listTransfers({ conversationId: 'ann@box' }).find((t) => t.id === got.id)
          ?.state === 'done',
      10_000,
      'the transfer to finish',
    );
    expect(await readFile(join(ben.downloads, 'bound.txt'), 'utf8')).toBe('sealed and bound');
  });
});
