import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  groupNoticeText,
  type GroupNotice,
  type MessageDTO,
} from '../../../../src-shared/contract';
import {
  exportConversationToFile,
  formatChatLog,
  parseExportedJson,
  toExportJson,
} from '../../../../src-main/core/store/export';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { StoreError } from '../../../../src-main/core/store/store-error';
import { message, openTestDatabase, tempDir } from './helpers';

// 2026-11-22 14:03:05 in Beijing.
const AT = Date.UTC(2026, 10, 22, 6, 3, 5);
const names = { self: '我', peer: '小张' };

describe('chat log export', () => {
  it('writes a line per message with time and speaker, indenting continuation lines', () => {
    const log = formatChatLog(
      [
        message({ at: AT, text: '下午开会吗？' }),
        message({
          at: AT + 61_000,
          direction: 'out',
          state: 'delivered',
          text: '开\n三点，\r\n  在 3 楼',
        }),
        message({ at: AT + 3_600_000, text: '' }),
      ],
      { names, timeZone: 'Asia/Shanghai' },
    );
    expect(log).toBe(
      [
        '[2026-11-22 14:03:05] 小张: 下午开会吗？',
        '[2026-11-22 14:04:06] 我: 开',
        '    三点，',
        '      在 3 楼',
        '[2026-11-22 15:03:05] 小张: ',
        '',
      ].join('\n'),
    );
  });

  it('shows midnight as 00, and keeps names on one line', () => {
    const log = formatChatLog([message({ at: Date.UTC(2026, 0, 1, 0, 0, 0), text: 'hi' })], {
      names: { self: 'me', peer: 'Li\nLei' },
      timeZone: 'UTC',
    });
    expect(log).toBe('[2026-01-01 00:00:00] Li Lei: hi\n');
  });
});

describe('JSON export', () => {
  it('round-trips a conversation through a file', async () => {
    const db = openTestDatabase(':memory:');
    const repo = new MessagesRepo(db);
    const written: MessageDTO[] = [
      message({ conversationId: 'zhang@desk', text: '你好 "quoted" \\ and \u2028 line sep' }),
      message({
        conversationId: 'zhang@desk',
        direction: 'out',
        state: 'failed',
        error: 'No answer.',
        text: 'a\nb',
      }),
      message({ conversationId: 'zhang@desk', direction: 'out', state: 'queued', text: 'later' }),
      message({
        conversationId: 'zhang@desk',
        direction: 'out',
        state: 'cancelled',
        text: 'never',
      }),
      ...Array.from({ length: 1200 }, (_, i) =>
        message({ conversationId: 'zhang@desk', text: `#${i}` }),
      ),
    ];
    written.forEach((m) => repo.add(m));
    repo.add(message({ conversationId: 'someone@else', text: 'not exported' }));
    const dir = tempDir();
    const file = path.join(dir, 'zhang.json');
    await exportConversationToFile(repo, 'zhang@desk', file, 'json', { names });
    expect(parseExportedJson(readFileSync(file, 'utf8'))).toEqual(written);
    // Written through a temporary file that is gone afterwards.
    expect(readdirSync(dir)).toEqual(['zhang.json']);

    const log = path.join(dir, 'zhang.txt');
    await exportConversationToFile(repo, 'zhang@desk', log, 'text', { names, timeZone: 'UTC' });
    const lines = readFileSync(log, 'utf8').split('\n');
    expect(lines).toHaveLength(written.length + 2); // a continuation line, and the final newline
    expect(lines[1]).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] 我: a$/);
    expect(lines[2]).toBe('    b');
  });

  it('exports an empty conversation as an empty array', () => {
    expect(parseExportedJson(toExportJson([]))).toEqual([]);
  });

  it('refuses anything that is not an export, in plain words', () => {
    const bad = [
      'not json',
      '{"id": "x"}',
      '[{"id": "x"}]',
      JSON.stringify([{ ...message(), state: 'exploded' }]),
      JSON.stringify([{ ...message(), direction: 'sideways' }]),
      JSON.stringify([{ ...message(), at: -1 }]),
      JSON.stringify([{ ...message(), text: 'x'.repeat(70_000) }]),
    ];
    for (const text of bad) {
      expect(() => parseExportedJson(text), text.slice(0, 40)).toThrow(StoreError);
      expect(() => parseExportedJson(text)).toThrow(/not a Pigeon export/);
    }
  });

  it('drops fields it does not know', () => {
    const m = message();
    expect(parseExportedJson(JSON.stringify([{ ...m, extra: '<b>hi</b>' }]))).toEqual([m]);
  });
});

describe('group notices in the chat log', () => {
  it('reads as a line about the group, not as the JSON it is stored as', () => {
    const notice = (n: GroupNotice) =>
      message({
        at: AT,
        conversationId: 'group:pigeon:x',
        state: 'notice',
        text: groupNoticeText(n),
      });
    const log = formatChatLog(
      [
        notice({ kind: 'created', by: 'wang@a', byName: '小王', name: '项目组' }),
        notice({ kind: 'added', by: 'wang@a', byName: '小王', member: 'li@b', memberName: '李四' }),
        notice({ kind: 'renamed', by: 'li@b', byName: '李四', name: '项目二组' }),
        message({ at: AT, conversationId: 'group:pigeon:x', state: 'notice', text: '{"kind":1' }),
      ],
      { names, timeZone: 'Asia/Shanghai' },
    );
    expect(log).toBe(
      [
        '[2026-11-22 14:03:05] 小王 created the group 项目组',
        '[2026-11-22 14:03:05] 小王 added 李四',
        '[2026-11-22 14:03:05] 李四 renamed the group to 项目二组',
        '[2026-11-22 14:03:05] 小张: {"kind":1',
        '',
      ].join('\n'),
    );
  });
});
