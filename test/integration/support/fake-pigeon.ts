// A peer that says it is a Pigeon but is a test's own program: it offers what the test
// asks on UDP and answers file requests on TCP as the test decides, counting connections.
import type dgram from 'node:dgram';
import net from 'node:net';
import { afterEach } from 'vitest';
import { encodeAttachments, encodePacket, FileAttr, Mode, Opt } from '../../../src-main/core/ipmsg';
import { PigeonKey } from '../../../src-main/core/transfer/pigeon-extensions';
import { rawSocket, sendRaw } from './cores';

export interface FakePigeon {
  id: string;
  udp: dgram.Socket;
  /** TCP connections open now, and the most ever open at once. */
  connections: { open: number; most: number; total: number };
  /** Say who we are (ANSENTRY), so the receiver knows a Pigeon is here. */
  announce(to: string, port: number): Promise<void>;
  /** One offer of one file (SENDMSG|FILEATTACHOPT), a picture by Pigeon's mark unless told. */
  offer(
    to: string,
    port: number,
    packetNo: number,
    size: number,
    kind?: 'picture' | 'file',
  ): Promise<void>;
}

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/**
 * `serve` answers each file request (the connection and its first bytes); by default it
 * sends nothing and hangs up.
 */
export async function fakePigeon(
  address: string,
  port: number,
  user: string,
  serve: (connection: net.Socket, request: string) => void = (connection) => connection.destroy(),
  /** Another client's version string makes it a peer that cannot resume (iptux). */
  version = '1_pigeon 0.1.0',
): Promise<FakePigeon> {
  const { socket: udp } = await rawSocket(address, port);
  const connections = { open: 0, most: 0, total: 0 };
  const server = net.createServer((connection) => {
    connections.open += 1;
    connections.total += 1;
    connections.most = Math.max(connections.most, connections.open);
    connection.on('close', () => (connections.open -= 1));
    connection.on('error', () => undefined);
    connection.once('data', (chunk: Buffer) => serve(connection, chunk.toString('latin1')));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, address, resolve));
  const header = { version, user, host: 'fakehost' };
  const send = (bytes: Buffer, to: string, toPort: number) => sendRaw(udp, bytes, to, toPort);
  return {
    id: `${user}@fakehost`,
    udp,
    connections,
    announce: (to, toPort) =>
      send(
        encodePacket({
          ...header,
          packetNo: 1,
          command: Mode.ANSENTRY | Opt.CAPUTF8OPT | Opt.FILEATTACHOPT,
          extra: `${user}\0fakes\0`,
        }),
        to,
        toPort,
      ),
    offer: (to, toPort, packetNo, size, kind = 'picture') => {
      const list = encodeAttachments(
        [
          {
            fileId: 0,
            name: kind === 'picture' ? `picture${packetNo}.png` : `file${packetNo}.bin`,
            size,
            mtime: 1_700_000_000,
            attr: FileAttr.REGULAR,
            extensions: kind === 'picture' ? [{ key: PigeonKey.IMAGE, value: '1' }] : [],
          },
        ],
        { encoding: 'utf8', escapeColons: true },
      );
      const command = Mode.SENDMSG | Opt.FILEATTACHOPT | Opt.UTF8OPT;
      const extra = Buffer.concat([Buffer.from('\0'), list, Buffer.from('\0')]);
      return send(encodePacket({ ...header, packetNo, command, extra }), to, toPort);
    },
  };
}
