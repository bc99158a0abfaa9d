// The plain UDP contacts service with real sockets on 127.0.0.1 and an in-memory
// store: adding, chatting, removing, and what survives a restart.
import dgram from 'node:dgram';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractError, type MessageDTO, type PigeonEvent } from '../../../src-shared/contract';
import type { LookupFn } from '../../../src-main/core/net/host-lookup';
import { MessageAnnouncer } from '../../../src-main/core/message-announcer';
import { PlainContacts } from '../../../src-main/core/plain-contacts/plain-contacts';
import { openStore, type PigeonStore } from '../../../src-main/core/store';
import { PlainContactsRepo } from '../../../src-main/core/store/plain-contacts-repo';

interface Program {
  port: number;
  received: { bytes: Buffer; port: number }[];
  send(bytes: Buffer | string, port: number): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until<T>(what: string, probe: () => T | undefined | false, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A bare socket program on 127.0.0.1: records what arrives, sends what it is told. */
async function program(): Promise<Program> {
  const socket = dgram.createSocket('udp4');
  const received: Program['received'] = [];
  socket.on('message', (bytes, from) => received.push({ bytes, port: from.port }));
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => socket.close(() => r())));
  return {
    port: socket.address().port,
    received,
    send: (bytes, port) =>
      new Promise<void>((resolve, reject) =>
        socket.send(bytes, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
      ),
  };
}

async function freePort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  const { port } = socket.address();
  await new Promise<void>((r) => socket.close(() => r()));
  return port;
}

function setup(store: PigeonStore = openStore(':memory:'), lookup?: LookupFn) {
  const events: PigeonEvent[] = [];
  const emit = (event: PigeonEvent) => events.push(event);
  const contacts = new PlainContacts({
    repo: new PlainContactsRepo(store.db),
    history: store.messages,
    conversations: store.conversations,
    announcer: new MessageAnnouncer({ emit }, store.conversations),
    emit,
    bindAddress: '127.0.0.1',
    ...(lookup ? { lookup } : {}),
  });
  cleanups.push(() => contacts.stop());
  return { store, contacts, events };
}

const messagesOf = (events: PigeonEvent[]): MessageDTO[] =>
  events.flatMap((e) => (e.type === 'message' ? [e.message] : []));

describe('PlainContacts', () => {
  it('adds a contact, sends bare UTF-8 datagrams and shows the replies as its messages', async () => {
    const peer = await program();
    const { store, contacts, events } = setup();
    await contacts.start();
    const added = await contacts.add({ host: '127.0.0.1', port: peer.port, encoding: 'utf8' });
    const id = `udp:127.0.0.1:${peer.port}`;
    expect(added).toMatchObject({
      id,
      client: 'udp',
      status: 'online',
      nickname: `127.0.0.1:${peer.port}`,
      address: '127.0.0.1',
      plain: { host: '127.0.0.1', port: peer.port, encoding: 'utf8' },
    });
    expect(added.plain?.localPort).toBeGreaterThan(0);
    expect(events).toContainEqual({ type: 'peer', peer: added });

    const [sent] = contacts.send(id, '你好 🌏');
    expect(sent).toMatchObject({ state: 'sending', direction: 'out', conversationId: id });
    const got = await until('the datagram', () => peer.received[0]);
    expect(got.bytes.toString('utf8')).toBe('你好 🌏');
    expect(got.port).toBe(added.plain?.localPort);
    const delivered = await until('delivered', () =>
      messagesOf(events).find((m) => m.id === sent!.id && m.state === 'delivered'),
    );
    expect(delivered.error).toBeUndefined();
    expect(store.messages.get(sent!.id)?.state).toBe('delivered');

    await peer.send('收到', added.plain!.localPort);
    const reply = await until('the reply', () =>
      messagesOf(events).find((m) => m.direction === 'in'),
    );
    expect(reply).toMatchObject({ text: '收到', conversationId: id, state: 'received' });
    expect(store.messages.list(id).map((m) => [m.direction, m.text])).toEqual([
      ['out', '你好 🌏'],
      ['in', '收到'],
    ]);
    expect(store.conversations.get(id)).toMatchObject({ unread: 1, peerId: id });
    expect(store.messages.search('收到').map((hit) => hit.message.id)).toEqual([reply.id]);
    expect(contacts.get(id)?.lastSeen).toBe(reply.at);
  });

  it('GBK: sends GBK bytes, reads GBK replies, and notes characters GBK cannot hold', async () => {
    const peer = await program();
    const { contacts, events } = setup();
    await contacts.start();
    const added = await contacts.add({
      host: '127.0.0.1',
      port: peer.port,
      encoding: 'gbk',
      nickname: '  打印机  ',
    });
    expect(added.nickname).toBe('打印机');
    const [sent] = contacts.send(added.id, '开会了 👍');
    const got = await until('the datagram', () => peer.received[0]);
    expect(got.bytes).toEqual(iconv.encode('开会了 ?', 'gbk'));
    const delivered = await until('delivered', () =>
      messagesOf(events).find((m) => m.id === sent!.id && m.state === 'delivered'),
    );
    expect(delivered.text).toBe('开会了 👍');
    expect(delivered.error).toMatch(/1 character.*GBK.*"\?"/);

    await peer.send(iconv.encode('好的', 'gbk'), added.plain!.localPort);
    await until('the reply', () => messagesOf(events).find((m) => m.text === '好的'));
  });

  it('long text goes out in datagrams of at most 1024 bytes, in order', async () => {
    const peer = await program();
    const { contacts, events } = setup();
    await contacts.start();
    const added = await contacts.add({ host: '127.0.0.1', port: peer.port, encoding: 'utf8' });
    const first = '一'.repeat(800);
    const second = 'second message';
    const [a] = contacts.send(added.id, first);
    contacts.send(added.id, second);
    await until('all datagrams', () => peer.received.length === 4);
    expect(peer.received.every((d) => d.bytes.length <= 1024)).toBe(true);
    const texts = peer.received.map((d) => d.bytes.toString('utf8'));
    expect(texts.slice(0, 3).join('')).toBe(first);
    expect(texts[3]).toBe(second);
    await until('delivered', () =>
      messagesOf(events).find((m) => m.id === a!.id && m.state === 'delivered'),
    );
  });

  it('refuses a taken local port in plain words and keeps nothing', async () => {
    const peer = await program();
    const taken = dgram.createSocket('udp4');
    await new Promise<void>((r) => taken.bind(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => taken.close(() => r())));
    const { store, contacts, events } = setup();
    await contacts.start();
    const error = await contacts
      .add({
        host: '127.0.0.1',
        port: peer.port,
        encoding: 'utf8',
        localPort: taken.address().port,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect((error as Error).message).toMatch(/already in use.*Choose another port/);
    expect(contacts.peers()).toEqual([]);
    expect(new PlainContactsRepo(store.db).all()).toEqual([]);
    expect(events).toEqual([]);
    // The same contact on a free port works: nothing was half-added.
    const free = await freePort();
    const added = await contacts.add({
      host: '127.0.0.1',
      port: peer.port,
      encoding: 'utf8',
      localPort: free,
    });
    expect(added.plain?.localPort).toBe(free);
  });

  it.each([
    [{ host: '10.0.0.5:80' }, /port has its own field/],
    [{ host: 'bad host!' }, /neither an IPv4 address nor a computer name/],
    [{ host: '224.0.0.1' }, /not the address of one computer/],
    [{ port: 0 }, /port must be/],
    [{ localPort: 70000 }, /local port must be/],
    [{ encoding: 'big5' }, /UTF-8 or GBK/],
  ])('refuses %j', async (change, message) => {
    const { contacts } = setup();
    await contacts.start();
    const request = { host: '127.0.0.1', port: 9, encoding: 'utf8', ...change } as never;
    await expect(contacts.add(request)).rejects.toThrow(message);
  });

  it('refuses the same host and port twice, even while the first add is under way', async () => {
    const peer = await program();
    const { contacts } = setup();
    await contacts.start();
    const request = { host: '127.0.0.1', port: peer.port, encoding: 'utf8' } as const;
    const [first, second] = await Promise.allSettled([
      contacts.add(request),
      contacts.add({ ...request, host: ' 127.0.0.1 ' }),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    expect(String((second as PromiseRejectedResult).reason)).toMatch(/already in your contacts/);
  });

  it('resolves a host name, and a name that is not found is refused', async () => {
    const peer = await program();
    const lookup: LookupFn = async (name) => {
      if (name === 'printer.lan') return [{ address: '127.0.0.1', family: 4 }];
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    const { contacts } = setup(undefined, lookup);
    await contacts.start();
    const added = await contacts.add({ host: 'Printer.LAN', port: peer.port, encoding: 'utf8' });
    expect(added).toMatchObject({ id: `udp:printer.lan:${peer.port}`, address: '127.0.0.1' });
    contacts.send(added.id, 'hi');
    await until('the datagram', () => peer.received[0]);
    await expect(
      contacts.add({ host: 'nowhere', port: peer.port, encoding: 'utf8' }),
    ).rejects.toThrow(/No computer named "nowhere"/);
  });

  it('remove closes the socket and forgets the contact; the history stays', async () => {
    const peer = await program();
    const { store, contacts, events } = setup();
    await contacts.start();
    const added = await contacts.add({ host: '127.0.0.1', port: peer.port, encoding: 'utf8' });
    contacts.send(added.id, 'bye');
    await until('delivered', () => messagesOf(events).find((m) => m.state === 'delivered'));
    contacts.remove(added.id);
    expect(events.at(-1)).toEqual({ type: 'peer-removed', peerId: added.id });
    expect(contacts.peers()).toEqual([]);
    expect(contacts.has(added.id)).toBe(false);
    expect(store.messages.list(added.id).map((m) => m.text)).toEqual(['bye']);
    expect(() => contacts.send(added.id, 'again')).toThrow(/removed: add it again/);
    expect(() => contacts.remove(added.id)).toThrow(/unknown/);
    // Its local port is free again.
    const again = await contacts.add({
      host: '127.0.0.1',
      port: peer.port,
      encoding: 'utf8',
      localPort: added.plain!.localPort,
    });
    expect(again.plain?.localPort).toBe(added.plain?.localPort);
  });

  it('contacts come back after a restart on their port; a problem shows instead of a crash', async () => {
    const peer = await program();
    const store = openStore(':memory:');
    const first = setup(store);
    await first.contacts.start();
    const added = await first.contacts.add({
      host: '127.0.0.1',
      port: peer.port,
      encoding: 'gbk',
      nickname: '设备',
    });
    const chosen = await freePort();
    const fixed = await first.contacts.add({
      host: '127.0.0.1',
      port: peer.port + 1 > 65535 ? peer.port - 1 : peer.port + 1,
      encoding: 'utf8',
      localPort: chosen,
    });
    await first.contacts.stop();

    // The chosen port of the second contact is taken meanwhile.
    const squatter = dgram.createSocket('udp4');
    await new Promise<void>((r) => squatter.bind(chosen, '127.0.0.1', () => r()));
    let squatting = true;
    const leave = () =>
      new Promise<void>((r) => {
        if (!squatting) return r();
        squatting = false;
        squatter.close(() => r());
      });
    cleanups.push(leave);

    const second = setup(store);
    // Known before start (the snapshot lists them), offline until opened.
    expect(second.contacts.peers().map((p) => [p.id, p.status])).toEqual([
      [added.id, 'offline'],
      [fixed.id, 'offline'],
    ]);
    await second.contacts.start();
    const back = second.contacts.get(added.id);
    expect(back).toMatchObject({ status: 'online', nickname: '设备', plain: { encoding: 'gbk' } });
    expect(back?.plain?.localPort).toBe(added.plain?.localPort);
    const stuck = second.contacts.get(fixed.id);
    expect(stuck?.status).toBe('offline');
    expect(stuck?.plain?.problem).toMatch(new RegExp(`port ${chosen} is already in use`));
    expect(second.events.filter((e) => e.type === 'peer')).toHaveLength(2);

    // Sending to the stuck contact fails with the problem, in the history too.
    const [failed] = second.contacts.send(fixed.id, 'hello?');
    const settled = await until('failed', () =>
      messagesOf(second.events).find((m) => m.id === failed!.id && m.state === 'failed'),
    );
    expect(settled.error).toMatch(/already in use/);

    // The working one chats, in GBK.
    second.contacts.send(added.id, '又见面了');
    const got = await until('the datagram', () => peer.received[0]);
    expect(iconv.decode(got.bytes, 'gbk')).toBe('又见面了');

    // Once the port is free, resend opens the contact and the message goes out.
    await leave();
    const again = second.contacts.resend(failed!.id);
    expect(again.state).toBe('sending');
    await until('resent and delivered', () =>
      messagesOf(second.events).find((m) => m.id === failed!.id && m.state === 'delivered'),
    );
    expect(second.contacts.get(fixed.id)).toMatchObject({ status: 'online' });
    expect(second.contacts.get(fixed.id)?.plain?.problem).toBeUndefined();
  });

  it('a message written while the contacts are opening waits for the socket', async () => {
    const peer = await program();
    const store = openStore(':memory:');
    const first = setup(store);
    await first.contacts.start();
    const added = await first.contacts.add({
      host: '127.0.0.1',
      port: peer.port,
      encoding: 'utf8',
    });
    await first.contacts.stop();

    const second = setup(store);
    const starting = second.contacts.start();
    const [early] = second.contacts.send(added.id, 'early bird');
    await starting;
    await until('delivered', () =>
      messagesOf(second.events).find((m) => m.id === early!.id && m.state === 'delivered'),
    );
    expect(peer.received.map((d) => [d.bytes.toString(), d.port])).toEqual([
      ['early bird', added.plain!.localPort],
    ]);
  });

  it('ignores datagrams from other addresses, accepts another port of the same address', async () => {
    const peer = await program();
    const other = await program();
    const { contacts, events } = setup();
    await contacts.start();
    const added = await contacts.add({ host: '127.0.0.1', port: peer.port, encoding: 'utf8' });
    // Same address, another socket: the tutorials' chat programs answer like this.
    await other.send('from my other socket', added.plain!.localPort);
    await until('the text', () => messagesOf(events).find((m) => m.direction === 'in'));
    const stranger = dgram.createSocket('udp4');
    await new Promise<void>((r) => stranger.bind(0, '127.0.0.2', () => r()));
    cleanups.push(() => new Promise<void>((r) => stranger.close(() => r())));
    await new Promise<void>((r) =>
      stranger.send('not the contact', added.plain!.localPort, '127.0.0.1', () => r()),
    );
    await peer.send('last', added.plain!.localPort);
    await until('the last', () => messagesOf(events).find((m) => m.text === 'last'));
    expect(messagesOf(events).map((m) => m.text)).not.toContain('not the contact');
  });

  it('refuses to add before start', async () => {
    const { contacts } = setup();
    await expect(contacts.add({ host: '127.0.0.1', port: 9, encoding: 'utf8' })).rejects.toThrow(
      /not connected/,
    );
  });
});
