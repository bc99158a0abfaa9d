import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

// Pigeon in a FeiQ group, both ways, against a scripted FeiQ member on another host:
// multicast on 226.81.9.8, GBK, QUNMSGMARK, the font suffix, Blowfish-CBC keyed by the
// sender's MAC, sealed and opened by OpenSSL's libcrypto in the member (not Pigeon's code).
const MEMBER_SCRIPT = fileURLToPath(
  new URL('../lab/fixtures/feiq-group-member.py', import.meta.url),
);
const PIGEON = '10.94.0.10';
const MEMBER = '10.94.0.20';

interface Heard {
  event: string;
  from?: string;
  user?: string;
  version?: string;
  body?: string;
}

let lan: Lan;
let pigeon: PigeonOnHost;
let member: ChildProcess;
const heard: Heard[] = [];

beforeAll(async () => {
  lan = await createLan({
    hosts: [
      { name: 'pigeon', address: PIGEON },
      { name: 'member', address: MEMBER },
    ],
  });
  const config = { address: MEMBER, mac: '8C89A5C2D4E1', user: 'wang', host: 'WANG-PC' };
  member = lan.spawnOn('member', 'python3', [MEMBER_SCRIPT, JSON.stringify(config)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  readline
    .createInterface({ input: member.stdout! })
    .on('line', (line) => heard.push(JSON.parse(line) as Heard));
  await until(() => heard.some((h) => h.event === 'ready'), 10_000, 'the FeiQ member');
  pigeon = await startPigeonOn(lan, 'pigeon', {
    nickname: '小林',
    group: '项目组',
    user: 'lin',
    host: 'lin-pc',
    timing: { answerDelayMaxMs: 100 },
  });
});

afterAll(async () => {
  await pigeon?.quit();
  await lan?.dispose();
});

describe('a FeiQ group', () => {
  it('reaches Pigeon from a FeiQ member, as a group named after its id, the author named', async () => {
    member.stdin!.write(
      `${JSON.stringify({ op: 'send', group: '3b199b07', text: '大家好 hello' })}\n`,
    );
    const groupId = 'group:feiq:3b199b07';
    const group = await until(
      async () => (await pigeon.call('getSnapshot')).groups?.find((g) => g.id === groupId),
      8000,
      'the FeiQ group at Pigeon',
    );
    expect(group).toMatchObject({ kind: 'feiq', name: '3b199b07', members: ['wang@WANG-PC'] });
    const messages = await pigeon.call('listMessages', { conversationId: groupId });
    expect(messages).toMatchObject([
      { text: '大家好 hello', direction: 'in', authorId: 'wang@WANG-PC' },
    ]);
    const conversation = (await pigeon.call('getSnapshot')).conversations.find(
      (c) => c.id === groupId,
    );
    expect(conversation?.unread).toBe(1);
  });

  it("carries Pigeon's message to the FeiQ member, sealed with Pigeon's MAC as FeiQ expects", async () => {
    const groupId = 'group:feiq:3b199b07';
    const [sent] = await pigeon.call('sendMessage', {
      conversationId: groupId,
      text: '收到，谢谢',
    });
    expect(sent).toMatchObject({ direction: 'out', state: 'delivered' });
    const fromPigeon = await until(
      () => heard.find((h) => h.event === 'group' && h.from === PIGEON),
      8000,
      'the member to hear Pigeon',
    );
    expect(fromPigeon.version).toMatch(/^1_lbt6_0#128#[0-9A-F]{12}#0#0#\d+#4001#9$/);
    expect(fromPigeon.user).toBe('lin');
    expect(fromPigeon.body).toMatch(/^QUNMSGMARK#3b199b07_\d+#收到，谢谢\{\/font;[^}]*\}$/);
  });
});
