// iptux's group and broadcast messages (0xFB), as iptux 0.8.3 builds them, reach a real
// Pigeon core on loopback: kept in group conversations, never counted as dropped, and
// Pigeon's own message to the group goes back the way iptux sends one.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ConversationDTO, MessageDTO, PigeonEvent } from '../../src-shared/contract';
import { rawSocket, sendRaw, startCores, waitFor } from './support/cores';

const PORT = 2451;
const PIGEON = '127.0.10.2';
const IPTUX = '127.0.10.3';
/** Another Pigeon in the same group name: it takes no 0xFB, so it gets a one-to-one copy. */
const COLLEAGUE = '127.0.10.4';
/** An iptux that shows group messages (0.8.5 on): it gets the 0xFB; 0.8.3 drops them. */
const NEWER_IPTUX = '127.0.10.5';
const VERSION = '1_iptux 0.8.3';
let packetNo = 100;

/** A datagram as iptux writes it: header fields, then the extra bytes. */
function iptuxPacket(command: number, extra: string): Buffer {
  packetNo += 1;
  return Buffer.from(`${VERSION}:${packetNo}:tux:vm:${command}:${extra}`, 'utf8');
}

function conversationEvent(events: PigeonEvent[], id: string): ConversationDTO | undefined {
  let last: ConversationDTO | undefined;
  for (const event of events)
    if (event.type === 'conversation' && event.conversation.id === id) last = event.conversation;
  return last;
}

describe('iptux group and broadcast messages', () => {
  it('are kept in the sender group, the broadcast group, or its own chat, and Pigeon answers the group', async () => {
    const [pigeon, colleague] = await startCores([PIGEON, COLLEAGUE], PORT, {
      group: '研发部',
      hosts: [`${IPTUX}:${PORT}`, `${COLLEAGUE}:${PORT}`, `${PIGEON}:${PORT}`],
    });
    const { core, events } = pigeon!;
    const iptux = await rawSocket(IPTUX, PORT);
    // iptux's entry: nickname, group, icon and encoding (an "iptux-compatible" peer).
    await sendRaw(
      iptux.socket,
      iptuxPacket(0x101, 'Tux\0研发部\0icon-tux.png\0utf-8\0'),
      PIGEON,
      PORT,
    );
    await waitFor(() => core.snapshot().peers.find((p) => p.id === 'tux@vm'), 3000, 'the entry');

    await sendRaw(iptux.socket, iptuxPacket(0x3fb, '组里的消息 hello'), PIGEON, PORT);
    await sendRaw(iptux.socket, iptuxPacket(0x4fb, '全体注意'), PIGEON, PORT);
    await sendRaw(iptux.socket, iptuxPacket(0x1fb, '只给你'), PIGEON, PORT);

    const groupId = 'group:iptux:研发部';
    await waitFor(() => conversationEvent(events, 'group:broadcast'), 3000, 'the broadcast');
    const group = core.snapshot().groups?.find((g) => g.id === groupId);
    expect(group).toMatchObject({ kind: 'iptux', name: '研发部', members: ['tux@vm'] });
    expect(core.snapshot().groups?.find((g) => g.id === 'group:broadcast')?.kind).toBe('broadcast');

    const inGroup = core.listMessages({ conversationId: groupId });
    expect(inGroup).toMatchObject([
      { text: '组里的消息 hello', direction: 'in', authorId: 'tux@vm', conversationId: groupId },
    ]);
    expect(core.listMessages({ conversationId: 'group:broadcast' })[0]?.text).toBe('全体注意');
    const ownChat = await waitFor(
      () => core.listMessages({ conversationId: 'tux@vm' })[0],
      3000,
      'the regular one',
    );
    expect(ownChat.text).toBe('只给你');
    expect(conversationEvent(events, groupId)?.unread).toBe(1);
    // Nothing was dropped: every 0xFB found its owner.
    expect(core.stats().dropped.unknownCommand).toBe(0);
    // No acknowledgement for 0xFB (iptux never asks for one).
    expect(
      iptux.received.some((b) => (Number(b.toString('latin1').split(':')[4]) & 0xff) === 0x21),
    ).toBe(false);

    // History, search and export see the group and name the author.
    const hits = core.searchMessages({ query: '组里的' });
    expect(hits.map((hit) => hit.message.conversationId)).toEqual([groupId]);
    const log = core.exportConversation({ conversationId: groupId, format: 'text' });
    expect(log.fileName).toContain('研发部');
    expect(log.content).toMatch(/\] Tux: 组里的消息 hello\n/);

    // Muting is kept with the group and told to the windows.
    expect(core.muteGroup({ groupId, muted: true }).muted).toBe(true);
    expect(core.snapshot().groups?.find((g) => g.id === groupId)?.muted).toBe(true);
    expect(events.some((e) => e.type === 'group' && e.group.id === groupId && e.group.muted)).toBe(
      true,
    );
    expect(() => core.muteGroup({ groupId: 'group:nothing', muted: true })).toThrow(/unknown/);

    // A newer iptux of the same group, which shows what it gets with GROUP.
    const newer = await rawSocket(NEWER_IPTUX, PORT);
    await sendRaw(
      newer.socket,
      Buffer.from('1_iptux 0.9.4:1:newtux:vm2:257:Newer\0研发部\0icon-tux.png\0utf-8\0'),
      PIGEON,
      PORT,
    );
    await waitFor(() => core.snapshot().peers.find((p) => p.id === 'newtux@vm2'), 3000, 'newer');

    // Pigeon's message to the group: a 0xFB with GROUP to every member that shows one.
    const [sent] = core.sendMessage({ conversationId: groupId, text: '收到 ok' }) as MessageDTO[];
    expect(sent).toMatchObject({ conversationId: groupId, direction: 'out', state: 'delivered' });
    const fb = await waitFor(
      () =>
        newer.received.find((b) => (Number(b.toString('latin1').split(':')[4]) & 0xff) === 0xfb),
      3000,
      'the group packet',
    );
    // Our entry named us in GB18030 ('研发'), so iptux reads our text in GB18030 too.
    const fields = iconv.decode(fb, 'gb18030').split(':');
    expect(Number(fields[4]) & 0xffff).toBe(0x3fb);
    expect(fields.slice(5).join(':')).toBe('收到 ok\0');
    // iptux 0.8.3 would drop a 0xFB with GROUP unseen: it gets the group's line one-to-one,
    // acknowledged and retried like any message.
    const direct = await waitFor(
      () =>
        iptux.received.find((b) => (Number(b.toString('latin1').split(':')[4]) & 0xff) === 0x20),
      3000,
      'the one-to-one line to iptux 0.8.3',
    );
    expect(iconv.decode(direct, 'gb18030')).toContain(':[研发部] Peer 1: 收到 ok\0');
    expect(
      iptux.received.some((b) => (Number(b.toString('latin1').split(':')[4]) & 0xff) === 0xfb),
    ).toBe(false);
    const copy = await waitFor(
      () => colleague!.core.listMessages({ conversationId: 'user1@host1' })[0],
      3000,
      'the one-to-one copy',
    );
    expect(copy.text).toBe('[研发部] Peer 1: 收到 ok');
  });
});
