import { describe, expect, it } from 'vitest';
import { rawSocket, sendRaw, startCores, waitFor, type TestCore } from './support/cores';

// Another Pigeon may have several messages in flight, each naming the one it follows
// (PIGEONAFTER): one that overtook its predecessor waits, unacknowledged, until the
// predecessor is kept, so the chat shows them in the order written.
const PORT = 2425;
const SENDMSG_CONFIRM = 0x20 | 0x100;
const RECVMSG = 0x21;

let packetNo = Math.floor(Date.now() / 1000);
const next = (): number => (packetNo += 1);

async function pigeonPeer(core: string, self: string) {
  const { socket, received } = await rawSocket(self, PORT);
  const send = (text: string): Promise<void> => sendRaw(socket, text, core, PORT);
  await send(`1_pigeon:${next()}:me:box:1:Box\0qa\0`);
  const acknowledged = (): number[] =>
    received
      .map((bytes) => bytes.toString('latin1').split(':'))
      .filter((fields) => (Number(fields[4]) & 0xff) === RECVMSG)
      .map((fields) => Number(fields[5]?.split('\0')[0]));
  return { send, acknowledged };
}

const texts = (core: TestCore): string[] =>
  core.core.listMessages({ conversationId: 'me@box' }).map((m) => m.text);

describe('messages from another Pigeon, in the order written', () => {
  it('holds a message that overtook the one it follows, and acknowledges it once kept', async () => {
    const [a] = await startCores(['127.0.48.2'], PORT);
    const peer = await pigeonPeer('127.0.48.2', '127.0.48.3');
    await waitFor(() => a!.core.snapshot().peers.find((p) => p.id === 'me@box'), 3000, 'peer');
    const [one, two, three] = [next(), next(), next()];
    // 'two' and 'three' arrive first ('one' was lost on the way and is retried).
    await peer.send(`1_pigeon:${two}:me:box:${SENDMSG_CONFIRM}:two\0PIGEONAFTER:${one}\0`);
    await peer.send(`1_pigeon:${three}:me:box:${SENDMSG_CONFIRM}:three\0PIGEONAFTER:${two}\0`);
    // The sender retries them meanwhile: still held, still unacknowledged.
    await peer.send(`1_pigeon:${two}:me:box:${SENDMSG_CONFIRM}:two\0PIGEONAFTER:${one}\0`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(texts(a!)).toEqual([]);
    expect(peer.acknowledged()).toEqual([]);
    await peer.send(`1_pigeon:${one}:me:box:${SENDMSG_CONFIRM}:one\0`);
    await waitFor(() => (texts(a!).length === 3 ? true : undefined), 3000, 'all three');
    expect(texts(a!)).toEqual(['one', 'two', 'three']);
    await waitFor(() => (peer.acknowledged().length === 3 ? true : undefined), 3000, 'acks');
    expect(peer.acknowledged()).toEqual([one, two, three]);
  });

  it('never keeps a message before the one it follows: let go unacknowledged, taken once that comes', async () => {
    // FAST timing: 200 ms × 4 retries is as long as a message is held.
    const [a] = await startCores(['127.0.48.4'], PORT);
    const peer = await pigeonPeer('127.0.48.4', '127.0.48.5');
    await waitFor(() => a!.core.snapshot().peers.find((p) => p.id === 'me@box'), 3000, 'peer');
    const [late, two] = [next(), next()];
    const sendTwo = (): Promise<void> =>
      peer.send(`1_pigeon:${two}:me:box:${SENDMSG_CONFIRM}:two\0PIGEONAFTER:${late}\0`);
    await sendTwo();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(texts(a!)).toEqual([]);
    expect(peer.acknowledged()).toEqual([]);
    // Its sender gave up on both and sends them again, in order.
    await peer.send(`1_pigeon:${late}:me:box:${SENDMSG_CONFIRM}:late\0`);
    await sendTwo();
    await waitFor(() => (peer.acknowledged().length === 2 ? true : undefined), 3000, 'acks');
    expect(texts(a!)).toEqual(['late', 'two']);
    expect(peer.acknowledged()).toEqual([late, two]);
  });

  it('takes a marked message at once when the one it follows is kept already', async () => {
    const [a] = await startCores(['127.0.48.6'], PORT);
    const peer = await pigeonPeer('127.0.48.6', '127.0.48.7');
    await waitFor(() => a!.core.snapshot().peers.find((p) => p.id === 'me@box'), 3000, 'peer');
    const [one, two] = [next(), next()];
    await peer.send(`1_pigeon:${one}:me:box:${SENDMSG_CONFIRM}:one\0`);
    await peer.send(`1_pigeon:${two}:me:box:${SENDMSG_CONFIRM}:two\0PIGEONAFTER:${one}\0`);
    await waitFor(() => (peer.acknowledged().length === 2 ? true : undefined), 500, 'acks');
    expect(texts(a!)).toEqual(['one', 'two']);
  });
});
