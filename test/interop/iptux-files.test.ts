// Files and folders between Pigeon and the real iptux (Debian 0.8.3+git20211122) on a
// namespace LAN, both ways, with Chinese names. iptux is driven through its own windows
// (xdotool): its chat window's Accept button and save dialog to receive, its Attach File /
// Attach Folder choosers and Send to offer. What iptux did is read from its download
// folder and its log; what Pigeon did, from its transfers.
// Two iptux quirks shape it: Debian's iptux crashes creating folders while receiving one
// (the folder skeleton is made beforehand, see precreateFolders), and it files an offered
// folder whose size is 0 as already received, so Pigeon must offer it with its size.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferDTO } from '../../src-shared/contract';
import { artifactPath } from '../lab/artifacts';
import { startIptux, type IptuxPeer } from '../lab/iptux';
import {
  acceptInIptux,
  fileDigest,
  iptuxFileConfig,
  offersReceivedByIptux,
  precreateFolders,
  sendFromIptux,
  treeDigest,
} from '../lab/iptux-files';
import { iptuxCommandOf, parseIptuxPacketLog } from '../lab/iptux-packets';
import { startIpmsgFilePeer } from '../lab/ipmsg-file-peer';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { waitUntil } from '../lab/proc';

const IPTUX = { name: 'iptux', address: '10.99.0.20', hostname: 'iptux-pc' };
const PIGEON = { name: 'pigeon', address: '10.99.0.10', hostname: 'pigeon-pc' };
// Pigeon's transfer pieces alone (offer registry + file server), without the messenger.
const PIECES = { name: 'pieces', address: '10.99.0.11', hostname: 'pieces-pc' };
const IPTUX_ID = 'root@iptux-pc'; // iptux sends the OS login name (root in the lab)

let lan: Lan;
let iptux: IptuxPeer;
let pigeon: PigeonOnHost;
let work: string;
let iptuxDownloads: string;
let pigeonDownloads: string;
let conversationId: string;

/** Writes a tree of `relative path → contents` (a trailing '/' makes an empty folder). */
async function writeTree(root: string, tree: Record<string, Buffer | string>): Promise<void> {
  for (const [path, contents] of Object.entries(tree)) {
    if (path.endsWith('/')) {
      await mkdir(join(root, path), { recursive: true });
    } else {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), contents);
    }
  }
}

const transfersWithIptux = (): Promise<TransferDTO[]> =>
  pigeon.call('listTransfers', { conversationId });

async function screenshot(name: string): Promise<void> {
  await iptux.screenshot(await artifactPath(`iptux-files-${name}.png`));
}

function launchIptux(): Promise<IptuxPeer> {
  return startIptux(lan, IPTUX.name, {
    nick: 'IptuxBot',
    group: 'qa',
    config: iptuxFileConfig(iptuxDownloads),
    // DEBUG: iptux logs every datagram, so the offer it received can be read back.
    logLevel: 'DEBUG',
  });
}

/**
 * Each direction starts with a fresh iptux. Debian's iptux 0.8.3 sometimes dies (SIGSEGV,
 * about 1 run in 20 here) right after saving everything it accepted: it receives each item
 * on its own thread, and those threads register their tasks in one unlocked std::map
 * (CoreThread::RegisterTransTask); the UI then finds no task for a finished one and
 * dereferences it (Application::onEvent, RECV_FILE_FINISHED). Caught with a core dump:
 * "got task id 1, but no info in CoreThread", then transModelUpdateFromTransFileModel.
 * Any offer of two items or more can do it, whoever sends it. A fresh iptux keeps one
 * direction's outcome from deciding the next one's.
 */
async function restartIptux(): Promise<void> {
  await iptux.stop();
  const restartedAt = Date.now();
  iptux = await launchIptux();
  // The new iptux announced itself; Pigeon's answer puts Pigeon back in iptux's list.
  await waitUntil(
    'Pigeon to hear the new iptux',
    async () =>
      (await pigeon.call('getSnapshot')).peers.find(
        (p) => p.id === IPTUX_ID && p.lastSeen >= restartedAt,
      ),
    10_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pigeon-iptux-files-'));
  iptuxDownloads = join(work, 'iptux-downloads');
  pigeonDownloads = join(work, 'pigeon-downloads');
  await mkdir(iptuxDownloads, { recursive: true });
  await mkdir(pigeonDownloads, { recursive: true });
  lan = await createLan({ hosts: [IPTUX, PIGEON, PIECES] });
  iptux = await launchIptux();
  pigeon = await startPigeonOn(lan, PIGEON.name, {
    nickname: 'Dove',
    group: 'dev',
    user: 'pigeon',
    downloadDir: pigeonDownloads,
    timing: { answerDelayMaxMs: 200, retryIntervalMs: 500 },
  });
  await waitUntil(
    'Pigeon to list iptux',
    async () => (await pigeon.call('getSnapshot')).peers.find((p) => p.id === IPTUX_ID),
    10_000,
  );
  ({ conversationId } = await pigeon.call('openConversation', { peerId: IPTUX_ID }));
}, 60_000);

afterAll(async () => {
  if (pigeon && pigeon.child.exitCode === null) await pigeon.quit();
  await iptux?.stop();
  await lan?.dispose();
});

describe('Pigeon → iptux', () => {
  const fileName = '季度报告 2026.bin';
  const folderName = '项目资料';
  let file: string;
  let folder: string;
  let offered: TransferDTO;

  beforeAll(async () => {
    const source = join(work, 'pigeon-source');
    file = join(source, fileName);
    folder = join(source, folderName);
    await writeTree(source, {
      [fileName]: randomBytes(3 * 1024 * 1024),
      [`${folderName}/说明.txt`]: '请查收：这是项目资料。\n',
      [`${folderName}/子目录/数据.bin`]: randomBytes(200_000),
      [`${folderName}/子目录/深层/空文件.txt`]: '',
      [`${folderName}/子目录/深层/notes.md`]: '# notes\n',
    });
    // Debian's iptux crashes creating folders while receiving one (see precreateFolders).
    await precreateFolders(folder, iptuxDownloads, folderName);
    offered = await pigeon.call('offerFiles', { conversationId, paths: [file, folder] });
  });

  it('offers both with their Chinese names and sizes; the folder with its content size', async () => {
    expect(offered).toMatchObject({ direction: 'out', state: 'offered' });
    expect(offered.items).toEqual([
      expect.objectContaining({ name: fileName, kind: 'file', size: 3 * 1024 * 1024 }),
      expect.objectContaining({ name: folderName, kind: 'directory' }),
    ]);
    const lists = await waitUntil(
      'iptux to receive the offer',
      () => {
        const found = offersReceivedByIptux(iptux, PIGEON.address);
        return found.length > 0 ? found : undefined;
      },
      10_000,
    );
    const sent = lists[lists.length - 1] ?? [];
    expect(sent.map((a) => [a.name, a.attr & 0xff])).toEqual([
      [fileName, 1],
      [folderName, 2],
    ]);
    // iptux files an item as received once `received >= size`: a folder offered with
    // size 0 (as IP Messenger does) lands under "File received." and is never fetched.
    const contentBytes = 200_000 + Buffer.byteLength('请查收：这是项目资料。\n') + 8;
    expect(sent[1]?.size, 'the folder must be offered to iptux with its content size').toBe(
      contentBytes,
    );
  });

  it('iptux saves the file (3 MiB) and the nested folder, contents equal', async () => {
    await acceptInIptux(iptux, 'Dove', [
      join(iptuxDownloads, fileName),
      join(iptuxDownloads, folderName),
    ]).catch(async (error: unknown) => {
      await screenshot('receive-failed');
      throw error;
    });
    await screenshot('received-from-pigeon');

    expect(await fileDigest(join(iptuxDownloads, fileName))).toBe(await fileDigest(file));
    expect(await treeDigest(join(iptuxDownloads, folderName))).toEqual(await treeDigest(folder));
    const ended = await waitUntil(
      "Pigeon's offer to end",
      async () =>
        (await transfersWithIptux()).find(
          (t) => t.id === offered.id && t.state !== 'offered' && t.state !== 'active',
        ),
      10_000,
    );
    expect(ended.state).toBe('done');
  });
});

describe('iptux → Pigeon', () => {
  const fileName = '来自iptux的文件.txt';
  const folderName = 'iptux目录';

  beforeAll(restartIptux, 30_000);

  it('Pigeon gets an offer of a file and a nested folder, accepts it, contents equal', async () => {
    const source = join(work, 'iptux-source');
    const file = join(source, fileName);
    const folder = join(source, folderName);
    await writeTree(source, {
      [fileName]: '来自 iptux 的问候 👋\n'.repeat(50_000),
      [`${folderName}/一.txt`]: '一二三\n',
      [`${folderName}/子/随机.bin`]: randomBytes(300_000),
      [`${folderName}/子/empty`]: '',
      [`${folderName}/子/空目录/`]: '',
    });
    const before = (await transfersWithIptux()).map((t) => t.id);

    const offer = await (async () => {
      await sendFromIptux(iptux, 'Dove', { files: [file], folders: [folder] });
      return waitUntil(
        "iptux's offer in Pigeon",
        async () =>
          (await transfersWithIptux()).find((t) => t.direction === 'in' && !before.includes(t.id)),
        10_000,
      );
    })().catch(async (error: unknown) => {
      await screenshot('send-failed');
      throw error;
    });
    await screenshot('sent-to-pigeon');
    expect(offer.state).toBe('offered');
    expect(offer.items).toEqual([
      expect.objectContaining({ name: fileName, kind: 'file' }),
      expect.objectContaining({ name: folderName, kind: 'directory' }),
    ]);

    await pigeon.call('acceptTransfer', { transferId: offer.id, directory: pigeonDownloads });
    const ended = await waitUntil(
      'the transfer from iptux to end',
      async () =>
        (await transfersWithIptux()).find(
          (t) => t.id === offer.id && t.state !== 'offered' && t.state !== 'active',
        ),
      30_000,
    );
    expect(ended, ended.error).toMatchObject({ state: 'done', directory: pigeonDownloads });
    expect(await fileDigest(join(pigeonDownloads, fileName))).toBe(await fileDigest(file));
    expect(await treeDigest(join(pigeonDownloads, folderName))).toEqual(await treeDigest(folder));
  });
});

// The same folder stream as Pigeon serves, offered the way iptux needs (the folder's size
// set to its content bytes, as iptux itself offers folders): shows that iptux reads what
// Pigeon's file server sends, independently of how the messenger writes the offer.
describe("Pigeon's transfer pieces → iptux, folder offered with its size", () => {
  beforeAll(restartIptux, 30_000);

  it('iptux saves the file and the nested folder, contents equal', async () => {
    const source = join(work, 'pieces-source');
    const fileName = '图纸 v2.pdf';
    const folderName = '设计稿';
    const file = join(source, fileName);
    const folder = join(source, folderName);
    await writeTree(source, {
      [fileName]: randomBytes(1024 * 1024 + 7),
      [`${folderName}/封面.txt`]: '封面\n',
      [`${folderName}/第一章/图1.bin`]: randomBytes(150_000),
      [`${folderName}/第一章/附录/空.txt`]: '',
    });
    await precreateFolders(folder, iptuxDownloads, folderName);
    const peer = await startIpmsgFilePeer(lan, PIECES.name, {
      user: 'pieces',
      host: PIECES.hostname,
      nick: 'Pieces',
      group: 'dev',
    });
    try {
      await peer.announce();
      await waitUntil(
        'iptux to answer the pieces peer',
        () =>
          parseIptuxPacketLog(iptux.output()).find(
            (p) =>
              p.direction === 'sent' &&
              p.address === PIECES.address &&
              (iptuxCommandOf(p.data) ?? 0) % 256 === 0x03,
          ),
        10_000,
      );
      await peer.offer(IPTUX.address, [file, folder], { sizeFolders: true });
      await acceptInIptux(iptux, 'Pieces', [
        join(iptuxDownloads, fileName),
        join(iptuxDownloads, folderName),
      ]).catch(async (error: unknown) => {
        await screenshot('pieces-receive-failed');
        throw error;
      });
      expect(await fileDigest(join(iptuxDownloads, fileName))).toBe(await fileDigest(file));
      expect(await treeDigest(join(iptuxDownloads, folderName))).toEqual(await treeDigest(folder));
      expect(peer.served.map((s) => [s.name, s.outcome])).toEqual(
        expect.arrayContaining([
          [fileName, 'done'],
          [folderName, 'done'],
        ]),
      );
    } finally {
      await peer.stop();
    }
  });
});
