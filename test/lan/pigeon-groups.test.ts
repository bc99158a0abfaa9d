import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGroupNotice, type GroupDTO, type MessageDTO } from '../../src-shared/contract';
import type { MessengerOptions } from '../../src-main/core/options';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

// Pigeon groups between Pigeons on their own hosts, by broadcast only: a group made on
// one reaches the others, each member's message reaches the other two exactly once, a
// member killed with SIGKILL while the group is renamed and written to gets both once it
// is back, and two members changing the group at the same moment leave every member with
// the same member list.
const HOSTS = [
  { name: 'a', address: '10.95.0.10' },
  { name: 'b', address: '10.95.0.11' },
  { name: 'c', address: '10.95.0.12' },
  { name: 'd', address: '10.95.0.13' },
];
const NICKS = ['小王', '李四', 'Carol', 'Dave'];
const IDS = HOSTS.map((h) => `staff@${h.name}`);
const TIMING = {
  answerDelayMaxMs: 100,
  retryIntervalMs: 300,
  maxRetries: 3,
  reannounceMs: 1000,
  ageOutMs: 4000,
};

let lan: Lan;
const pigeons: PigeonOnHost[] = [];
const dataDirs = HOSTS.map((h) => mkdtempSync(path.join(os.tmpdir(), `pigeon-group-${h.name}-`)));

const optionsFor = (i: number): MessengerOptions & { dataDir: string } => ({
  nickname: NICKS[i] as string,
  group: 'QA',
  user: 'staff',
  host: HOSTS[i]!.name,
  timing: TIMING,
  dataDir: dataDirs[i] as string,
});

const start = async (i: number): Promise<PigeonOnHost> =>
  (pigeons[i] = await startPigeonOn(lan, HOSTS[i]!.name, optionsFor(i)));

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  for (let i = 0; i < HOSTS.length; i++) await start(i);
  for (const pigeon of pigeons)
    await until(
      async () =>
        (await pigeon.call('getSnapshot')).peers.filter((p) => p.status === 'online').length ===
        HOSTS.length - 1,
      10_000,
      'every Pigeon sees the others',
    );
});

afterAll(async () => {
  await lan?.dispose();
});

const pigeon = (i: number): PigeonOnHost => pigeons[i]!;

async function groupAt(i: number, id: string): Promise<GroupDTO | undefined> {
  return (await pigeon(i).call('getSnapshot')).groups?.find((g) => g.id === id);
}

const messagesAt = (i: number, id: string): Promise<MessageDTO[]> =>
  pigeon(i).call('listMessages', { conversationId: id, limit: 500 });

async function textsAt(i: number, id: string): Promise<string[]> {
  return (await messagesAt(i, id)).filter((m) => m.state !== 'notice').map((m) => m.text);
}

const sorted = (list: readonly string[]): string[] => [...list].sort();

describe('Pigeon groups on namespace hosts', () => {
  let groupId = '';

  it('a group made on one host reaches the others, and each message reaches the other two once', async () => {
    const group = await pigeon(0).call('createGroup', {
      name: '项目组',
      memberIds: [IDS[1], IDS[2]],
    });
    groupId = group.id;
    expect(sorted(group.members)).toEqual(sorted(IDS.slice(0, 3)));
    for (const i of [1, 2])
      await until(async () => (await groupAt(i, groupId))?.name === '项目组', 5000, 'group known');
    expect(await groupAt(3, groupId)).toBeUndefined();

    for (const author of [0, 1, 2]) {
      const [sent] = await pigeon(author).call('sendMessage', {
        conversationId: groupId,
        text: `hello from ${NICKS[author]}`,
      });
      await until(
        async () =>
          (await messagesAt(author, groupId)).some(
            (m) => m.id === sent?.id && m.delivery?.delivered === 2 && m.delivery.of === 2,
          ),
        5000,
        `message from ${NICKS[author]} delivered to 2 of 2`,
      );
    }
    for (const member of [0, 1, 2]) {
      const texts = await textsAt(member, groupId);
      for (const author of [0, 1, 2]) {
        // Our own message once, the others' once each: none doubled by retries.
        expect(texts.filter((t) => t === `hello from ${NICKS[author]}`)).toHaveLength(1);
      }
      const incoming = (await messagesAt(member, groupId)).filter(
        (m) => m.direction === 'in' && m.state !== 'notice',
      );
      expect(sorted(incoming.map((m) => m.authorId ?? ''))).toEqual(
        sorted(IDS.slice(0, 3).filter((_, i) => i !== member)),
      );
    }
  });

  it('a member killed while the group is renamed and written to gets both, once, on return', async () => {
    const killed = pigeon(2).child;
    const exited = new Promise((r) => killed.once('exit', r));
    expect(killed.pid).toBeGreaterThan(0);
    process.kill(killed.pid as number, 'SIGKILL');
    await exited;

    await pigeon(1).call('changeGroup', { groupId, change: { kind: 'rename', name: '项目二组' } });
    const [away] = await pigeon(0).call('sendMessage', {
      conversationId: groupId,
      text: 'while Carol was away',
    });
    await until(
      async () =>
        (await messagesAt(0, groupId)).some(
          (m) => m.id === away?.id && m.delivery?.delivered === 1,
        ),
      5000,
      'delivered to 李四 only',
    );
    await until(async () => (await groupAt(0, groupId))?.name === '项目二组', 5000, 'renamed at A');

    await start(2);
    await until(
      async () => (await textsAt(2, groupId)).includes('while Carol was away'),
      15_000,
      'Carol gets what was written while she was away',
    );
    await until(
      async () => (await groupAt(2, groupId))?.name === '项目二组',
      15_000,
      'Carol hears the new name',
    );
    await until(
      async () =>
        (await messagesAt(0, groupId)).some(
          (m) => m.id === away?.id && m.delivery?.delivered === 2,
        ),
      10_000,
      'delivered to 2 of 2 once Carol is back',
    );
    // Give late retries and outbox rounds a chance to double it: they must not.
    await new Promise((r) => setTimeout(r, 2000));
    expect((await textsAt(2, groupId)).filter((t) => t === 'while Carol was away')).toHaveLength(1);
    for (const author of [0, 1, 2])
      expect(
        (await textsAt(2, groupId)).filter((t) => t === `hello from ${NICKS[author]}`),
      ).toHaveLength(1);
    const renamed = (await messagesAt(2, groupId))
      .map((m) => (m.state === 'notice' ? readGroupNotice(m.text) : undefined))
      .filter((n) => n?.kind === 'renamed');
    expect(renamed).toHaveLength(1);
    expect(renamed[0]).toMatchObject({ byName: '李四', name: '项目二组' });
  });

  it('two members changing the group at the same moment leave everyone with one member list', async () => {
    // Carol must be online again at the others before they change the group.
    for (const i of [0, 1])
      await until(
        async () =>
          (await pigeon(i).call('getSnapshot')).peers.find((p) => p.id === IDS[2])?.status ===
          'online',
        10_000,
        'Carol online again',
      );
    // Neither hears the other before making its own change.
    await Promise.all([
      pigeon(0).call('changeGroup', { groupId, change: { kind: 'add', peerId: IDS[3] } }),
      pigeon(1).call('changeGroup', { groupId, change: { kind: 'remove', peerId: IDS[2] } }),
    ]);
    const expected = sorted([IDS[0], IDS[1], IDS[3]] as string[]);
    for (const i of [0, 1, 2, 3])
      await until(
        async () => {
          const seen = await groupAt(i, groupId);
          return seen !== undefined && sorted(seen.members).join() === expected.join();
        },
        10_000,
        `${NICKS[i]} ends with 小王, 李四 and Dave`,
      );
    // The new member can write to the group, and only the members still in it get it.
    const [hi] = await pigeon(3).call('sendMessage', { conversationId: groupId, text: 'hi all' });
    await until(
      async () =>
        (await messagesAt(3, groupId)).some((m) => m.id === hi?.id && m.delivery?.delivered === 2),
      5000,
      "Dave's message delivered to 2 of 2",
    );
    for (const i of [0, 1]) expect(await textsAt(i, groupId)).toContain('hi all');
    expect(await textsAt(2, groupId)).not.toContain('hi all');
  });
});
