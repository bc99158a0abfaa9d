// IP Messenger's own encryption with a scripted IP Messenger 4.x peer (Python's
// `cryptography`, test/lab/fixtures/ipmsg4-peer.py): encrypted both ways, a message that
// cannot be opened kept as such, and two Pigeons left on their own path.
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startCores, waitFor, type TestCore } from './support/cores';

const PORT = 2461;
const PEER_SCRIPT = fileURLToPath(new URL('../lab/fixtures/ipmsg4-peer.py', import.meta.url));

interface ScriptedPeer {
  events: Record<string, unknown>[];
  send(text: string, to: string, op?: 'send' | 'send-garbled'): void;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
});

async function ipmsgPeer(address: string, pigeon: string): Promise<ScriptedPeer> {
  const config = { address, port: PORT, user: 'ipm4', host: 'box4', nick: 'IPMsg Four' };
  const child = spawn('python3', [PEER_SCRIPT, JSON.stringify({ ...config, peers: [pigeon] })], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const events: Record<string, unknown>[] = [];
  if (!child.stdout || !child.stdin) throw new Error('no pipes');
  readline
    .createInterface({ input: child.stdout })
    .on('line', (line) => events.push(JSON.parse(line) as Record<string, unknown>));
  const stdin = child.stdin;
  await waitFor(() => events.some((e) => e.event === 'ready'), 10_000, 'scripted peer');
  return {
    events,
    send: (text, to, op = 'send') => stdin.write(`${JSON.stringify({ op, to, text })}\n`),
  };
}

describe("IP Messenger's own encryption", { timeout: 30_000 }, () => {
  it('chats encrypted both ways with an IP Messenger 4.x peer, signatures checked', async () => {
    const [pigeon] = (await startCores(['127.0.0.161'], PORT, {
      hosts: [`127.0.0.162:${PORT}`],
    })) as [TestCore];
    const peer = await ipmsgPeer('127.0.0.162', `127.0.0.161:${PORT}`);
    const peerId = 'ipm4@box4';
    await waitFor(
      () => pigeon.core.snapshot().peers.find((p) => p.id === peerId && p.client === 'ipmsg'),
      5000,
      'the IP Messenger peer',
    );

    // The peer asks for our key and writes to us encrypted.
    peer.send('你好，这是加密的', `127.0.0.161:${PORT}`);
    await waitFor(() => peer.events.find((e) => e.event === 'sent'), 8000, 'sent');
    expect(peer.events.find((e) => e.event === 'sent')).toEqual({ event: 'sent', encrypted: true });
    const received = () => pigeon.core.listMessages({ conversationId: peerId });
    await waitFor(() => received().length === 1, 5000, 'the encrypted message');
    expect(received()[0]).toMatchObject({ text: '你好，这是加密的', state: 'received' });

    // Our answer waits for its key, then goes encrypted and signed.
    const [sent] = pigeon.core.sendMessage({ conversationId: peerId, text: 'Encrypted reply ✓' });
    await waitFor(
      () => peer.events.find((e) => e.event === 'message' && e.text === 'Encrypted reply ✓'),
      8000,
      'our reply at the peer',
    );
    const atPeer = peer.events.find((e) => e.event === 'message');
    expect(atPeer).toMatchObject({ text: 'Encrypted reply ✓', encrypted: true, verified: true });
    // Nothing of the text travelled in the clear.
    expect(String(atPeer?.wire)).not.toContain(Buffer.from('Encrypted reply').toString('hex'));
    await waitFor(
      () => received().find((m) => m.id === sent?.id && m.state === 'delivered'),
      5000,
      'delivered',
    );
    expect(pigeon.core.snapshot().peers.find((p) => p.id === peerId)?.ipmsgEncrypted).toBe(true);
  });

  it('keeps a message it cannot open as a line saying so, never drops it', async () => {
    const [pigeon] = (await startCores(['127.0.0.163'], PORT, {
      hosts: [`127.0.0.164:${PORT}`],
    })) as [TestCore];
    const peer = await ipmsgPeer('127.0.0.164', `127.0.0.163:${PORT}`);
    const peerId = 'ipm4@box4';
    await waitFor(() => pigeon.core.snapshot().peers.find((p) => p.id === peerId));
    peer.send('nobody can read this', `127.0.0.163:${PORT}`, 'send-garbled');
    const received = () => pigeon.core.listMessages({ conversationId: peerId });
    await waitFor(() => received().length === 1, 8000, 'the garbled message');
    expect(received()[0]).toMatchObject({ direction: 'in', text: '', state: 'undecryptable' });
  });

  it('leaves two Pigeons on their own path: no IP Messenger encryption between them', async () => {
    const [a, b] = (await startCores(['127.0.0.165', '127.0.0.166'], PORT)) as [TestCore, TestCore];
    await waitFor(() => a.core.snapshot().peers.find((p) => p.id === 'user2@host2'));
    const [sent] = a.core.sendMessage({ conversationId: 'user2@host2', text: 'plain Pigeon' });
    await waitFor(
      () => b.core.listMessages({ conversationId: 'user1@host1' }).length === 1,
      5000,
      'the message',
    );
    await waitFor(() =>
      a.core
        .listMessages({ conversationId: 'user2@host2' })
        .find((m) => m.id === sent?.id && m.state === 'delivered'),
    );
    expect(a.core.snapshot().peers.find((p) => p.id === 'user2@host2')?.ipmsgEncrypted).toBe(
      undefined,
    );
  });
});
