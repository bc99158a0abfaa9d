// A Pigeon on one namespace host and simple socket programs on another, as in Python
// socket tutorials: a bare recvfrom/sendto echo (UTF-8 and GBK) and the two-socket
// "duplex chat" (send from port 3000, listen on 3001, recvfrom(1024)). Chinese text
// must arrive right in both directions.
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO, PeerDTO } from '../../src-shared/contract';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

const ECHO = fileURLToPath(new URL('../lab/fixtures/udp-echo.py', import.meta.url));
const PIGEON = { name: 'pigeon', address: '10.97.0.10', hostname: 'pigeon-pc' };
const DEVICE = { name: 'device', address: '10.97.0.20', hostname: 'device-pc' };

// The tutorials' full-duplex chat: one socket sends (bound to 3000), another listens on
// 3001 and reads with recvfrom(1024). Lines on stdin are sent to the target's port 3001;
// what arrives is printed as JSON (hex too, so stdout stays ASCII).
const DUPLEX_CHAT = `
import json, os, select, socket, sys
target = sys.argv[1]
send_sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
send_sock.bind(("", 3000))
recv_sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
recv_sock.bind(("", 3001))
print(json.dumps({"event": "ready"}), flush=True)
stdin = sys.stdin.fileno()
pending = b""
while True:
    readable, _, _ = select.select([recv_sock, stdin], [], [])
    if recv_sock in readable:
        msg, addr = recv_sock.recvfrom(1024)
        print(json.dumps({"event": "received", "from": addr[0], "port": addr[1],
                          "hex": msg.hex(), "text": msg.decode("utf-8", errors="replace")}), flush=True)
    if stdin in readable:
        chunk = os.read(stdin, 65536)
        if not chunk:
            break
        pending += chunk
        while b"\\n" in pending:
            line, pending = pending.split(b"\\n", 1)
            send_sock.sendto(line, (target, 3001))
            print(json.dumps({"event": "sent"}), flush=True)
`;

interface ProgramEvent {
  event: string;
  from?: string;
  port?: number;
  hex?: string;
  text?: string;
  id?: number;
}

interface Program {
  child: ChildProcess;
  events: ProgramEvent[];
  received(): ProgramEvent[];
  write(line: string): void;
}

let lan: Lan;
let pigeon: PigeonOnHost;

beforeAll(async () => {
  lan = await createLan({ hosts: [PIGEON, DEVICE] });
  pigeon = await startPigeonOn(lan, PIGEON.name, {
    nickname: '小鸽',
    user: 'staff',
    broadcast: false,
  });
});

afterAll(async () => {
  await pigeon?.quit().catch(() => undefined);
  await lan?.dispose();
});

async function startProgram(args: string[]): Promise<Program> {
  const child = lan.spawnOn(DEVICE.name, 'python3', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const events: ProgramEvent[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      events.push(JSON.parse(line) as ProgramEvent);
    } catch {
      // not one of its JSON lines
    }
  });
  await until(() => events.some((e) => e.event === 'ready'), 10_000, `${args[0]} ready`);
  return {
    child,
    events,
    received: () => events.filter((e) => e.event === 'received'),
    write: (line) => void child.stdin!.write(`${line}\n`),
  };
}

async function stopProgram(program: Program): Promise<void> {
  program.child.stdin?.end();
  await lan.stop(program.child, { graceMs: 2000 });
}

const texts = async (conversationId: string): Promise<[string, string][]> =>
  (await pigeon.call('listMessages', { conversationId })).map((m) => [m.direction, m.text]);

async function delivered(conversationId: string, sent: MessageDTO): Promise<void> {
  await until(
    async () =>
      (await pigeon.call('listMessages', { conversationId })).find(
        (m) => m.id === sent.id && m.state === 'delivered',
      ),
    5000,
    'sent',
  );
}

describe('plain UDP contacts across two namespace hosts', () => {
  for (const { encoding, python, text, reply } of [
    { encoding: 'gbk', python: 'gbk', text: '你好，设备：下午三点开会', reply: '收到，马上到' },
    { encoding: 'utf8', python: 'utf-8', text: '你好 🌏 UTF-8', reply: '好的 👍' },
  ] as const) {
    it(`${encoding}: chats both ways with a bare recvfrom/sendto echo`, async () => {
      const port = encoding === 'gbk' ? 7788 : 7789;
      const echo = await startProgram([
        ECHO,
        ...[
          '--bind',
          '0.0.0.0',
          '--port',
          String(port),
          '--encoding',
          python,
          '--prefix',
          '回声：',
        ],
      ]);
      try {
        const peer: PeerDTO = await pigeon.call('addPlainContact', {
          host: DEVICE.address,
          port,
          encoding,
          nickname: `设备 ${encoding}`,
        });
        expect(peer).toMatchObject({ id: `udp:${DEVICE.address}:${port}`, client: 'udp' });
        const { conversationId } = await pigeon.call('openConversation', { peerId: peer.id });
        const [sent] = await pigeon.call('sendMessage', { conversationId, text });
        await delivered(conversationId, sent!);

        const [got] = await until(() => echo.received().length > 0 && echo.received(), 5000, 'rx');
        const bytes = Buffer.from(got!.hex!, 'hex');
        expect(bytes).toEqual(
          encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'),
        );
        expect(got).toMatchObject({ from: PIGEON.address, port: peer.plain!.localPort, text });

        await until(async () => (await texts(conversationId)).length === 2, 5000, 'the echo');
        expect((await texts(conversationId))[1]).toEqual(['in', `回声：${text}`]);

        // The program speaks first too: its datagram is the contact's message.
        echo.write(
          JSON.stringify({
            op: 'send',
            id: 1,
            address: PIGEON.address,
            port: peer.plain!.localPort,
            text: reply,
          }),
        );
        await until(async () => (await texts(conversationId)).length === 3, 5000, 'its text');
        expect((await texts(conversationId))[2]).toEqual(['in', reply]);
        const snapshot = await pigeon.call('getSnapshot');
        expect(snapshot.conversations.find((c) => c.id === conversationId)?.unread).toBe(2);
      } finally {
        await stopProgram(echo);
      }
    });
  }

  it('chats with the two-socket duplex program on local port 3001, long text in 1 KB datagrams', async () => {
    const chat = await startProgram(['-c', DUPLEX_CHAT, PIGEON.address]);
    try {
      const peer: PeerDTO = await pigeon.call('addPlainContact', {
        host: DEVICE.address,
        port: 3001,
        encoding: 'utf8',
        localPort: 3001,
      });
      expect(peer.plain?.localPort).toBe(3001);

      // Its answer comes from port 3000, not 3001: still the contact's reply.
      chat.write('你好，我是 Python 程序');
      await until(async () => (await texts(peer.id)).length === 1, 5000, 'its text');
      expect(await texts(peer.id)).toEqual([['in', '你好，我是 Python 程序']]);

      const long = '长消息'.repeat(200); // 1800 bytes in UTF-8: more than recvfrom(1024) reads
      const [sent] = await pigeon.call('sendMessage', { conversationId: peer.id, text: long });
      await delivered(peer.id, sent!);
      const parts = await until(
        () => (chat.received().length >= 2 ? chat.received() : undefined),
        5000,
        'both datagrams',
      );
      expect(parts.every((p) => Buffer.from(p.hex!, 'hex').length <= 1024)).toBe(true);
      expect(parts.map((p) => p.text).join('')).toBe(long);
      expect(parts.every((p) => p.from === PIGEON.address && p.port === 3001)).toBe(true);
    } finally {
      await stopProgram(chat);
    }
  });
});
