// Pigeon groups between three real cores on loopback: a group made on one reaches the
// others, a message from each member reaches the other two and is confirmed by each, a
// member away gets what was written (and the group's new name) when it is back, once,
// and members who change the group at the same moment end with the same group.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readGroupNotice,
  type GroupDTO,
  type MessageDTO,
  type PigeonEvent,
} from '../../src-shared/contract';
import { generateIdentity, type Identity } from '../../src-main/core/keys/identity';
import { createMessengerCore } from '../../src-main/core/messenger';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { openStore, type PigeonStore } from '../../src-main/core/store';
import { FAST, waitFor } from './support/cores';

const PORT = 2425;
const ADDRESSES = ['127.0.0.187', '127.0.0.188', '127.0.0.189'];
const IDS = ['user1@host1', 'user2@host2', 'user3@host3'];

interface Member {
  core: MessengerCore;
  store: PigeonStore;
  events: PigeonEvent[];
}

const running: Member[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const member of running.splice(0)) {
    await member.core.stop();
    member.store.close();
  }
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

// Each member keeps its identity key across a restart, as the app does: a new key would
// make the others hold their messages back as from someone else.
const identities = new Map<number, Identity>();

/** Member i on its own history file, so a restart keeps what it knew. */
async function startMember(i: number, file: string): Promise<Member> {
  const store = openStore(file);
  const identity = identities.get(i) ?? generateIdentity();
  identities.set(i, identity);
  const address = ADDRESSES[i] as string;
  const core = createMessengerCore(
    {
      nickname: ['小王', '李四', 'Carol'][i] as string,
      group: 'QA',
      user: `user${i + 1}`,
      host: `host${i + 1}`,
      port: PORT,
      bindAddress: address,
      broadcast: false,
      hosts: ADDRESSES.filter((a) => a !== address).map((a) => `${a}:${PORT}`),
      timing: FAST,
      identity,
    },
    store,
  );
  const events: PigeonEvent[] = [];
  core.onEvent((event) => events.push(event));
  const member = { core, store, events };
  running.push(member);
  await core.start();
  return member;
}

async function stopMember(member: Member): Promise<void> {
  running.splice(running.indexOf(member), 1);
  await member.core.stop();
  member.store.close();
}

async function startThree(): Promise<{ members: Member[]; files: string[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pigeon-groups-'));
  folders.push(dir);
  const files = IDS.map((_, i) => path.join(dir, `member${i}.db`));
  const members = await Promise.all(files.map((file, i) => startMember(i, file)));
  for (const member of members)
    await waitFor(
      () => member.core.snapshot().peers.filter((p) => p.status === 'online').length === 2,
      5000,
      'two peers online',
    );
  return { members, files };
}

const groupAt = (member: Member, id: string): GroupDTO | undefined =>
  member.core.snapshot().groups?.find((group) => group.id === id);

const messagesAt = (member: Member, id: string): MessageDTO[] =>
  member.core.listMessages({ conversationId: id, limit: 200 });

/** Waits until `member`'s own message counts `delivered` members that have it. */
const deliveredTo = (member: Member, groupId: string, messageId: string | undefined, n: number) =>
  waitFor(
    () =>
      messagesAt(member, groupId).find((m) => m.id === messageId && m.delivery?.delivered === n),
    3000,
    `delivered to ${n}`,
  );

const textsAt = (member: Member, id: string): string[] =>
  messagesAt(member, id)
    .filter((m) => m.state !== 'notice')
    .map((m) => m.text);

describe('Pigeon groups between three Pigeons', () => {
  it('reach every member, say who has each message, and catch up a member who was away', async () => {
    const { members, files } = await startThree();
    const [a, b] = members as [Member, Member, Member];
    let c = members[2] as Member;

    const group = a.core.createGroup({ name: '项目组', memberIds: [IDS[1], IDS[2]] as string[] });
    expect(group).toMatchObject({ kind: 'pigeon', name: '项目组', creator: IDS[0] });
    expect([...group.members].sort()).toEqual(IDS);
    for (const member of [b, c])
      await waitFor(() => groupAt(member, group.id)?.name === '项目组', 3000, 'group known');
    expect([...(groupAt(b, group.id)?.members ?? [])].sort()).toEqual(IDS);
    // Our own change is nothing new to us: no unread count for it, as for the others.
    const unread = (member: Member) =>
      member.core.snapshot().conversations.find((conv) => conv.id === group.id)?.unread;
    expect(unread(a)).toBe(0);
    expect(unread(b)).toBe(1);
    const created = messagesAt(b, group.id).find((m) => m.state === 'notice');
    expect(readGroupNotice(created?.text ?? '')).toMatchObject({ kind: 'created', byName: '小王' });

    // A message from each member reaches the other two, named by its author.
    for (const [i, author] of members.entries()) {
      const [sent] = author.core.sendMessage({ conversationId: group.id, text: `from ${i}` });
      await waitFor(
        () =>
          messagesAt(author, group.id).find(
            (m) => m.id === sent?.id && m.delivery?.delivered === 2,
          ),
        3000,
        `message ${i} delivered to 2 of 2`,
      );
      for (const other of members.filter((m) => m !== author)) {
        const got = messagesAt(other, group.id).find((m) => m.text === `from ${i}`);
        expect(got).toMatchObject({ direction: 'in', authorId: IDS[i] });
      }
    }

    // C leaves; what A writes meanwhile waits for it, and so does the group's new name.
    await stopMember(c);
    await waitFor(
      () => a.core.snapshot().peers.find((p) => p.id === IDS[2])?.status === 'offline',
      3000,
      'C offline at A',
    );
    const [away] = a.core.sendMessage({ conversationId: group.id, text: 'while you were away' });
    await deliveredTo(a, group.id, away?.id, 1);
    expect(messagesAt(a, group.id).find((m) => m.id === away?.id)?.delivery).toEqual({
      delivered: 1,
      of: 2,
    });
    expect(
      a.core.groupDelivery({ messageId: away?.id ?? '' }).map((d) => [d.nickname, d.state]),
    ).toEqual([
      ['李四', 'delivered'],
      ['Carol', 'queued'],
    ]);
    b.core.changeGroup({ groupId: group.id, change: { kind: 'rename', name: '项目二组' } });
    await waitFor(() => groupAt(a, group.id)?.name === '项目二组', 3000, 'renamed at A');

    c = await startMember(2, files[2] as string);
    await waitFor(
      () => textsAt(c, group.id).includes('while you were away'),
      5000,
      'C gets what was written while it was away',
    );
    await waitFor(() => groupAt(c, group.id)?.name === '项目二组', 5000, 'C hears the new name');
    await deliveredTo(a, group.id, away?.id, 2);
    expect(textsAt(c, group.id).filter((t) => t === 'while you were away')).toHaveLength(1);
    const renamed = messagesAt(c, group.id)
      .map((m) => (m.state === 'notice' ? readGroupNotice(m.text) : undefined))
      .find((n) => n?.kind === 'renamed');
    expect(renamed).toMatchObject({ byName: '李四', name: '项目二组' });
  });

  it("hold a member's copy while its key changed, and send it once the user accepts the key", async () => {
    const { members, files } = await startThree();
    const [a, b] = members as [Member, Member, Member];
    const group = a.core.createGroup({ name: '项目组', memberIds: [IDS[1], IDS[2]] as string[] });
    for (const member of members.slice(1))
      await waitFor(() => groupAt(member, group.id)?.name === '项目组', 3000, 'group known');

    // Carol comes back with a new identity (a reinstall, or not Carol at all).
    await stopMember(members[2] as Member);
    identities.delete(2);
    const c = await startMember(2, files[2] as string);
    await waitFor(
      () => a.core.getPeerKeys({ peerId: IDS[2] as string }).state === 'changed',
      5000,
      "Carol's changed key at A",
    );
    const [held] = a.core.sendMessage({ conversationId: group.id, text: 'for the old key only' });
    await deliveredTo(a, group.id, held?.id, 1);
    expect(textsAt(b, group.id)).toContain('for the old key only');
    expect(a.core.groupDelivery({ messageId: held?.id ?? '' })).toEqual([
      { peerId: IDS[1], nickname: '李四', state: 'delivered' },
      { peerId: IDS[2], nickname: 'Carol', state: 'queued', keyChanged: true },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(textsAt(c, group.id)).not.toContain('for the old key only');

    a.core.acceptPeerKey({ peerId: IDS[2] as string });
    await waitFor(
      () => textsAt(c, group.id).includes('for the old key only'),
      5000,
      'Carol gets it once the key is accepted',
    );
    await deliveredTo(a, group.id, held?.id, 2);
    expect(a.core.groupDelivery({ messageId: held?.id ?? '' })[1]).toEqual({
      peerId: IDS[2],
      nickname: 'Carol',
      state: 'delivered',
    });
  });

  it('converges when members change the group at the same moment', async () => {
    const { members } = await startThree();
    const [a, b, c] = members as [Member, Member, Member];
    const group = a.core.createGroup({ name: 'G', memberIds: [IDS[1], IDS[2]] as string[] });
    for (const member of [b, c])
      await waitFor(() => groupAt(member, group.id), 3000, 'group known');

    // None hears the others before making its own change.
    a.core.changeGroup({ groupId: group.id, change: { kind: 'remove', peerId: IDS[2] as string } });
    b.core.changeGroup({ groupId: group.id, change: { kind: 'rename', name: 'B名' } });
    c.core.changeGroup({ groupId: group.id, change: { kind: 'rename', name: 'C名' } });

    // Same clock for both names: the later author id (user3@host3) decides, everywhere.
    const settled = (member: Member) => {
      const seen = groupAt(member, group.id);
      return seen?.name === 'C名' && seen.members.join() === [IDS[0], IDS[1]].join();
    };
    for (const member of members) await waitFor(() => settled(member), 5000, 'converged');
    expect(() => c.core.sendMessage({ conversationId: group.id, text: 'still here?' })).toThrow(
      /no longer in this group/,
    );
  });
});
