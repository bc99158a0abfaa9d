// Avatars between real cores on loopback: a Pigeon announces its picture's hash, the
// other fetches it once over TCP, checks it and keeps it (0600); a hostile "Pigeon" that
// serves something else, or keeps changing its hash, costs a bounded number of fetches;
// iptux's icon (0xFE, scripted as iptux 0.8.3 sends it) becomes the contact's avatar.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { avatarHashOf } from '../../src-main/core/avatars/avatar-image';
import { makePng } from '../lab/png';
import { rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2425;
const dirs: string[] = [];
const servers: net.Server[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const server of servers.splice(0)) server.close();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pigeon-avatars-'));
  dirs.push(dir);
  return dir;
}

const picture = makePng(96, 96, (x, y) => [x * 2, 255 - y * 2, (x * y) & 0xff]);

const peerAt = (c: TestCore, id: string) => c.core.snapshot().peers.find((p) => p.id === id);

/** A Pigeon's entry with the UTF-8 block and an AV: line, as a stranger could forge it. */
function pigeonEntry(packetNo: number, hash: string): Buffer {
  const command = 0x01 | 0x1000000; // BR_ENTRY | CAPUTF8OPT
  const block = `\nUN:mallory\nHN:evil\nNN:Mallory\nGN:\nVS:00700000:0:1:0\nAV:${hash}`;
  return Buffer.from(`1_pigeon 0.1.0:${packetNo}:mallory:evil:${command}:Mallory\0\0${block}\0`);
}

/** A TCP server on the stranger's address answering every connection with `answer`. */
async function avatarServer(address: string, answer: () => Buffer) {
  const asked: string[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (request) => {
      asked.push(request.toString('latin1'));
      socket.end(answer());
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(PORT, address, resolve));
  return asked;
}

describe('avatars between Pigeons', () => {
  it('are announced by hash, fetched once, checked, kept 0600 and shown; removing one brings back the letters', async () => {
    const [dirA, dirB] = [tempDir(), tempDir()];
    const [alice, bob] = (await Promise.all([
      startCores(['127.0.31.3'], PORT, {
        nickname: 'Alice',
        avatarsDir: dirA,
        hosts: [`127.0.31.4:${PORT}`],
      }),
      startCores(['127.0.31.4'], PORT, {
        nickname: 'Bob',
        user: 'bob',
        host: 'bobpc',
        avatarsDir: dirB,
        hosts: [`127.0.31.3:${PORT}`],
      }),
    ]).then((groups) => groups.flat())) as [TestCore, TestCore];
    await waitFor(() => peerAt(bob, 'user1@host1'), 5000, 'Alice at Bob');

    const self = alice.core.setAvatar({ png: picture.toString('base64') });
    const hash = avatarHashOf(picture);
    expect(self.avatar).toBe(hash);
    // Alice's own picture is kept too, private.
    expect(statSync(path.join(dirA, hash)).mode & 0o777).toBe(0o600);

    await waitFor(() => peerAt(bob, 'user1@host1')?.avatar === hash, 5000, 'the avatar at Bob');
    const got = bob.core.getAvatar({ hash });
    expect(got.mimeType).toBe('image/png');
    expect(Buffer.from(got.base64, 'base64')).toEqual(picture);
    expect(statSync(path.join(dirB, hash)).mode & 0o777).toBe(0o600);
    // Bob's windows heard of it.
    expect(
      bob.events.some((e) => e.type === 'peer' && e.peer.id === 'user1@host1' && e.peer.avatar),
    ).toBe(true);

    alice.core.setAvatar({});
    expect(alice.core.snapshot().self.avatar).toBeUndefined();
    await waitFor(
      () => peerAt(bob, 'user1@host1') && peerAt(bob, 'user1@host1')?.avatar === undefined,
      5000,
      'the letters again at Bob',
    );
  });

  it('keeps the own avatar across a restart, and a Pigeon that starts later learns it', async () => {
    const dir = tempDir();
    const options = { nickname: 'Alice', avatarsDir: dir, hosts: [`127.0.31.41:${PORT}`] };
    const [first] = (await startCores(['127.0.31.40'], PORT, options)) as [TestCore];
    first.core.setAvatar({ png: picture.toString('base64') });
    await first.core.stop();

    const [again] = (await startCores(['127.0.31.40'], PORT, options)) as [TestCore];
    const hash = avatarHashOf(picture);
    expect(again.core.snapshot().self.avatar).toBe(hash);
    const [bob] = (await startCores(['127.0.31.41'], PORT, {
      nickname: 'Bob',
      user: 'bob',
      host: 'bobpc',
      hosts: [`127.0.31.40:${PORT}`],
    })) as [TestCore];
    await waitFor(() => peerAt(bob, 'user1@host1')?.avatar === hash, 5000, 'the avatar at Bob');
  });

  it('refuses a picture that is not one, too large or not the one named', async () => {
    const [pigeon] = (await startCores(['127.0.31.10'], PORT, {
      avatarsDir: tempDir(),
    })) as [TestCore];
    expect(() => pigeon.core.setAvatar({ png: Buffer.from('<svg/>').toString('base64') })).toThrow(
      /cannot be an avatar/,
    );
    const big = makePng(250, 250, () => [Math.random() * 255, Math.random() * 255, 0]);
    expect(big.length).toBeGreaterThan(32 * 1024);
    expect(() => pigeon.core.setAvatar({ png: big.toString('base64') })).toThrow(/32 KiB/);
    expect(pigeon.core.snapshot().self.avatar).toBeUndefined();

    // A stranger names one picture and serves another: nothing is kept, no picture shown.
    const asked = await avatarServer('127.0.31.11', () => makePng(8, 8, () => [1, 2, 3]));
    const { socket } = await rawSocket('127.0.31.11', PORT);
    await sendRaw(socket, pigeonEntry(1, avatarHashOf(picture)), '127.0.31.10', PORT);
    await waitFor(() => asked.length === 1, 5000, 'the fetch');
    expect(asked[0]).toContain(`:${0xe9}:${avatarHashOf(picture)}\0`);
    await new Promise((r) => setTimeout(r, 300));
    expect(peerAt(pigeon, 'mallory@evil')?.avatar).toBeUndefined();
    expect(() => pigeon.core.getAvatar({ hash: avatarHashOf(picture) })).toThrow();
  });

  it('fetches a bounded number of times from a peer that keeps changing its hash', async () => {
    const [pigeon] = (await startCores(['127.0.31.20'], PORT)) as [TestCore];
    const asked = await avatarServer('127.0.31.21', () => Buffer.from('not a picture'));
    const { socket } = await rawSocket('127.0.31.21', PORT);
    for (let i = 0; i < 40; i += 1) {
      const hash = (i + 1).toString(16).padStart(16, '0');
      await sendRaw(socket, pigeonEntry(10 + i, hash), '127.0.31.20', PORT);
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 500));
    // One in flight at a time, at most six an hour from one peer.
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThanOrEqual(6);
    expect(peerAt(pigeon, 'mallory@evil')?.avatar).toBeUndefined();
  });
});

describe("iptux's icon (IPTUX_SENDICON 0xFE)", () => {
  it('becomes the contact avatar once checked; anything else is ignored', async () => {
    const dir = tempDir();
    const [pigeon] = (await startCores(['127.0.31.30'], PORT, { avatarsDir: dir })) as [TestCore];
    const { socket } = await rawSocket('127.0.31.31', PORT);
    const iptux = (no: number, command: number, extra: Buffer) =>
      Buffer.concat([Buffer.from(`1_iptux 0.8.3:${no}:tux:vm:${command}:`), extra]);
    await sendRaw(
      socket,
      iptux(1, 0x101, Buffer.from('Tux\0Dev\0icon-tux.png\0utf-8\0')),
      '127.0.31.30',
      PORT,
    );
    await waitFor(() => peerAt(pigeon, 'tux@vm'), 3000, 'the entry');

    // An SVG (script inside) and a picture too large to be an icon: no avatar.
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>');
    await sendRaw(
      socket,
      iptux(2, 0xfe, Buffer.concat([Buffer.from([0]), svg])),
      '127.0.31.30',
      PORT,
    );
    const huge = makePng(300, 20, () => [0, 0, 0]);
    await sendRaw(
      socket,
      iptux(3, 0xfe, Buffer.concat([Buffer.from([0]), huge])),
      '127.0.31.30',
      PORT,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(peerAt(pigeon, 'tux@vm')?.avatar).toBeUndefined();

    // iptux's own icon: its bytes after the NUL, as Command::SendMyIcon writes them.
    const icon = makePng(48, 48, (x) => [x * 5, 100, 200]);
    await sendRaw(
      socket,
      iptux(4, 0xfe, Buffer.concat([Buffer.from([0]), icon])),
      '127.0.31.30',
      PORT,
    );
    const hash = avatarHashOf(icon);
    await waitFor(() => peerAt(pigeon, 'tux@vm')?.avatar === hash, 3000, 'the icon');
    expect(Buffer.from(pigeon.core.getAvatar({ hash }).base64, 'base64')).toEqual(icon);
    expect(readdirSync(dir)).toEqual([hash]);
    expect(pigeon.core.stats().dropped.unknownCommand).toBe(0);

    // A stream of new icons from one peer: a few an hour are kept, the rest cost nothing.
    for (let n = 0; n < 12; n += 1) {
      const other = makePng(16, 16, () => [n, n, n]);
      await sendRaw(
        socket,
        iptux(10 + n, 0xfe, Buffer.concat([Buffer.from([0]), other])),
        '127.0.31.30',
        PORT,
      );
    }
    await waitFor(() => peerAt(pigeon, 'tux@vm')?.avatar !== hash, 3000, 'a newer icon');
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(dir).length).toBe(6);
  });
});
