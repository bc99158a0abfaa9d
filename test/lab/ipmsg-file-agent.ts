/**
 * A bare IPMsg file peer on one lab host, built from Pigeon's own transfer pieces (offer
 * registry, file server, file and folder clients) without the messenger around them, so
 * iptux's side of a transfer can be checked on its own. Driven over stdin/stdout:
 *   {"id":n,"op":"entry"}                                  broadcast BR_ENTRY
 *   {"id":n,"op":"offer","to":ip,"paths":[…],"text":"…","sizeFolders":true}
 *                                     SENDMSG|FILEATTACHOPT, then serve (sizeFolders: a
 *                                     folder carries its content bytes, as iptux needs)
 *   {"id":n,"op":"fetch","from":ip,"packetNo":n,"dir":"…"} fetch every item of an offer
 * Events: {"event":"ready"}, {"event":"offer",from,packetNo,attachments},
 *         {"event":"served",name,outcome,bytes}. It exits when stdin closes.
 */
import dgram from 'node:dgram';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import readline from 'node:readline';
import {
  attachmentKind,
  decodeAttachments,
  decodePacket,
  encodeAttachments,
  encodePacket,
  makeCommand,
  Mode,
  Opt,
  type Attachment,
} from '../../src-main/core/ipmsg';
import {
  describeForOffer,
  downloadFile,
  downloadFolder,
  FileServer,
  OfferRegistry,
  toAttachments,
  type RequesterIdentity,
} from '../../src-main/core/transfer';

interface Config {
  user: string;
  host: string;
  nick: string;
  group: string;
}

const PORT = 2425;
const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const print = (message: unknown): void => void process.stdout.write(`${JSON.stringify(message)}\n`);
// iptux drops messages whose number is not above the last one it saw: seed from the clock.
let packetNo = Math.floor(Date.now() / 1000);
const nextPacketNo = (): number => ++packetNo;
const identity: RequesterIdentity = {
  version: '1',
  user: config.user,
  host: config.host,
  nextPacketNo,
};
const received = new Map<string, Attachment[]>();
const registry = new OfferRegistry();
const server = new FileServer({
  registry,
  port: PORT,
  onEvent: (event) => {
    if (event.type === 'end') {
      print({
        event: 'served',
        name: event.transfer.name,
        outcome: event.outcome,
        bytes: event.bytes,
      });
    } else if (event.type === 'refused') {
      print({ event: 'refused', from: event.peerAddress, reason: event.reason });
    }
  },
});
const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });

const send = (address: string, command: number, extra: Buffer | string): Promise<void> =>
  new Promise((resolve, reject) => {
    const bytes = encodePacket({ ...identity, packetNo: nextPacketNo(), command, extra });
    socket.send(bytes, PORT, address, (error) => (error ? reject(error) : resolve()));
  });
const entryExtra = (): string => `${config.nick}\0${config.group}\0`;

socket.on('message', (bytes, from) => {
  const decoded = decodePacket(bytes);
  if (!decoded.ok) return;
  const { packet } = decoded;
  if (packet.mode === Mode.BR_ENTRY) void send(from.address, Mode.ANSENTRY, entryExtra());
  if (packet.mode !== Mode.SENDMSG) return;
  if (packet.options & Opt.SENDCHECKOPT) {
    void send(from.address, Mode.RECVMSG, `${packet.packetNo}\0`);
  }
  if (!(packet.options & Opt.FILEATTACHOPT)) return;
  const nul = packet.extra.indexOf(0);
  if (nul < 0) return;
  const list = decodeAttachments(packet.extra.subarray(nul + 1), {
    utf8Flag: (packet.options & Opt.UTF8OPT) !== 0,
    legacy: 'gb18030',
  });
  received.set(`${from.address}/${packet.packetNo}`, list.attachments);
  print({
    event: 'offer',
    from: from.address,
    packetNo: packet.packetNo,
    text: packet.extra.subarray(0, nul).toString('utf8'),
    attachments: list.attachments,
  });
});

interface Request {
  id: number;
  op: string;
  to?: string;
  from?: string;
  paths?: string[];
  text?: string;
  packetNo?: number;
  dir?: string;
  sizeFolders?: boolean;
}

/** Bytes of every regular file under `dir` (links not followed). */
async function treeSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) total += await treeSize(full);
    else if (entry.isFile()) total += (await lstat(full)).size;
  }
  return total;
}

async function handle(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'entry':
      await send('255.255.255.255', makeCommand(Mode.BR_ENTRY), entryExtra());
      return null;
    case 'offer': {
      const to = request.to ?? '';
      const described = await Promise.all((request.paths ?? []).map((p) => describeForOffer(p)));
      // Optionally a folder carries its total size, as iptux itself offers folders.
      const items = request.sizeFolders
        ? await Promise.all(
            described.map(async (item) =>
              item.kind === 'directory' ? { ...item, size: await treeSize(item.path) } : item,
            ),
          )
        : described;
      const offerNo = nextPacketNo();
      // iptux cannot read `::` in names: write ':' as ';' toward it.
      const names = { encoding: 'utf8' as const, escapeColons: false };
      const offer = registry.offer(offerNo, to, items, { names });
      const extra = Buffer.concat([
        Buffer.from(`${request.text ?? ''}\0`, 'utf8'),
        encodeAttachments(toAttachments(offer), names),
      ]);
      const bytes = encodePacket({
        ...identity,
        packetNo: offerNo,
        command: makeCommand(Mode.SENDMSG, Opt.SENDCHECKOPT | Opt.FILEATTACHOPT),
        extra,
      });
      await new Promise<void>((resolve, reject) =>
        socket.send(bytes, PORT, to, (error) => (error ? reject(error) : resolve())),
      );
      return { packetNo: offerNo, attachments: toAttachments(offer) };
    }
    case 'fetch': {
      const from = request.from ?? '';
      const offerNo = request.packetNo ?? 0;
      const attachments = received.get(`${from}/${offerNo}`);
      if (!attachments) throw new Error(`no offer ${offerNo} from ${from}`);
      const results: unknown[] = [];
      for (const a of attachments) {
        const common = {
          host: from,
          port: PORT,
          packetNo: offerNo,
          fileId: a.fileId,
          name: a.name,
          downloadDir: request.dir ?? '.',
          requester: identity,
        };
        const kind = attachmentKind(a);
        if (kind === 'directory') results.push(await downloadFolder(common));
        else if (kind === 'file') results.push(await downloadFile({ ...common, size: a.size }));
      }
      return results;
    }
    default:
      throw new Error(`unknown op ${request.op}`);
  }
}

async function main(): Promise<void> {
  await server.start();
  socket.bind(PORT, '0.0.0.0');
  await new Promise((resolve) => socket.once('listening', resolve));
  socket.setBroadcast(true);
  print({ event: 'ready' });
  for await (const line of readline.createInterface({ input: process.stdin })) {
    let request: Request;
    try {
      request = JSON.parse(line) as Request;
    } catch {
      continue;
    }
    try {
      print({ id: request.id, ok: true, value: await handle(request) });
    } catch (error) {
      print({ id: request.id, ok: false, error: (error as Error).message });
    }
  }
  socket.close();
  await server.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`ipmsg-file-agent failed: ${String(error)}\n`);
  process.exit(1);
});
