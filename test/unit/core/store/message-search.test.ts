import { describe, expect, it } from 'vitest';
import { groupNoticeText, type MessageDTO } from '../../../../src-shared/contract';
import type { ScanWindows } from '../../../../src-main/core/store/message-search';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { StoreError } from '../../../../src-main/core/store/store-error';
import { message, openTestDatabase } from './helpers';

function repoWith(texts: string[], windows?: Partial<ScanWindows>) {
  const db = openTestDatabase(':memory:');
  const repo = new MessagesRepo(db, { scanWindows: windows });
  const stored = texts.map((text) => message({ text }));
  db.write(() => stored.forEach((m) => repo.add(m)));
  return { db, repo, stored };
}

const found = (repo: MessagesRepo, query: string, conversationId?: string): string[] =>
  repo.search(query, { conversationId, limit: 200 }).map((hit) => hit.message.text);

const CHAT = [
  '今天下午三点开会',
  '好的，我马上到',
  '服务器又挂了，重启一下吧',
  'The BUILD is broken again',
  'please check the build log',
  '你好',
  '好',
  'Meeting moved to 4pm',
];

describe('search', () => {
  it('finds Chinese substrings of one, two and five characters', () => {
    const { repo } = repoWith(CHAT);
    expect(found(repo, '好')).toEqual(['好', '你好', '好的，我马上到']);
    expect(found(repo, '你好')).toEqual(['你好']);
    expect(found(repo, '开会')).toEqual(['今天下午三点开会']);
    expect(found(repo, '服务器又挂')).toEqual(['服务器又挂了，重启一下吧']);
    expect(found(repo, '重启一下吧')).toEqual(['服务器又挂了，重启一下吧']);
    expect(found(repo, '不存在')).toEqual([]);
    expect(found(repo, '猫')).toEqual([]);
  });

  it('finds English words and pieces of words, ignoring case', () => {
    const { repo } = repoWith(CHAT);
    expect(found(repo, 'build')).toEqual([
      'please check the build log',
      'The BUILD is broken again',
    ]);
    expect(found(repo, 'BUILD')).toEqual(found(repo, 'build'));
    expect(found(repo, 'meet')).toEqual(['Meeting moved to 4pm']);
    expect(found(repo, 'uil')).toHaveLength(2);
    expect(found(repo, 'pm')).toEqual(['Meeting moved to 4pm']);
    expect(found(repo, 'E')).toHaveLength(3);
  });

  it('requires every word, in any order', () => {
    const { repo } = repoWith(CHAT);
    expect(found(repo, 'broken build')).toEqual(['The BUILD is broken again']);
    expect(found(repo, 'build 好')).toEqual([]);
    expect(found(repo, '到 好')).toEqual(['好的，我马上到']);
    expect(found(repo, '  ')).toEqual([]);
    expect(found(repo, '')).toEqual([]);
  });

  it('takes hostile queries literally', () => {
    const texts = [
      'say "hi" to them',
      'a*b is not a glob',
      '100% sure',
      'snake_case_name',
      'this OR that',
      'NEAR(a b) is FTS syntax',
      'col:value and ^start',
      'back\\slash',
      'plain words only',
      '"""',
    ];
    const { repo } = repoWith(texts);
    expect(found(repo, '"')).toEqual(['"""', 'say "hi" to them']);
    expect(found(repo, '"hi"')).toEqual(['say "hi" to them']);
    expect(found(repo, '"""')).toEqual(['"""']);
    expect(found(repo, '*')).toEqual(['a*b is not a glob']);
    expect(found(repo, 'a*b')).toEqual(['a*b is not a glob']);
    expect(found(repo, '%')).toEqual(['100% sure']);
    expect(found(repo, '0%')).toEqual(['100% sure']);
    expect(found(repo, '_')).toEqual(['snake_case_name']);
    expect(found(repo, 'e_c')).toEqual(['snake_case_name']);
    expect(found(repo, 'OR')).toEqual(['plain words only', 'this OR that']);
    expect(found(repo, 'NEAR(')).toEqual(['NEAR(a b) is FTS syntax']);
    expect(found(repo, 'NEAR(a')).toEqual(['NEAR(a b) is FTS syntax']);
    expect(found(repo, 'col:value')).toEqual(['col:value and ^start']);
    expect(found(repo, '^start')).toEqual(['col:value and ^start']);
    expect(found(repo, '\\')).toEqual(['back\\slash']);
    expect(found(repo, 'k\\s')).toEqual(['back\\slash']);
    for (const query of ['" OR "', 'a" OR "b', '*)', 'AND', 'NOT', '-', '(', ')(', '":"']) {
      expect(() => repo.search(query)).not.toThrow();
    }
  });

  it('agrees with a plain substring check on random text and queries', () => {
    // A small alphabet makes many hits and near misses; it includes every character
    // with a meaning in FTS5 or LIKE.
    const alphabet = [...'abAB你好世界"*%_\\()^:- '];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const pick = (length: number) =>
      Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    const texts = Array.from({ length: 400 }, () => pick(1 + random(12)));
    const { repo, stored } = repoWith(texts);
    const newestFirst = [...stored].reverse();
    for (let i = 0; i < 300; i += 1) {
      const query = pick(1 + random(5));
      const words = query.split(/\s+/).filter(Boolean);
      const expected = newestFirst
        .filter(() => words.length > 0)
        .filter((m) => words.every((w) => m.text.toLowerCase().includes(w.toLowerCase())))
        .slice(0, 200)
        .map((m) => m.id);
      const actual = repo.search(query, { limit: 200 }).map((hit) => hit.message.id);
      expect(actual, `query ${JSON.stringify(query)}`).toEqual(expected);
    }
  });

  it('agrees with a plain substring check within conversations, window included', () => {
    const alphabet = [...'abAB你好世界"%_ '];
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const pick = (length: number) =>
      Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    const db = openTestDatabase(':memory:');
    const window = 40;
    const repo = new MessagesRepo(db, { scanWindows: { all: 100_000, conversation: window } });
    // One conversation larger than the window, two smaller.
    const peers = ['big@pc', 'big@pc', 'big@pc', 'big@pc', 'mid@pc', 'tiny@pc'];
    const stored = Array.from({ length: 300 }, () =>
      message({ conversationId: peers[random(peers.length)]!, text: pick(1 + random(10)) }),
    );
    db.write(() => stored.forEach((m) => repo.add(m)));
    for (let i = 0; i < 300; i += 1) {
      const conversationId = peers[random(peers.length)]!;
      const query = pick(1 + random(5));
      const words = query.split(/\s+/).filter(Boolean);
      const hasShort = words.some((w) => [...w].length < 3);
      let candidates = stored.filter((m) => m.conversationId === conversationId).reverse();
      if (hasShort) candidates = candidates.slice(0, window);
      const expected = candidates
        .filter(() => words.length > 0)
        .filter((m) => words.every((w) => m.text.toLowerCase().includes(w.toLowerCase())))
        .slice(0, 200)
        .map((m) => m.id);
      const actual = repo
        .search(query, { conversationId, limit: 200 })
        .map((hit) => hit.message.id);
      expect(actual, `${conversationId} ${JSON.stringify(query)}`).toEqual(expected);
    }
  });

  it('searches one conversation, small or large, with or without the index', () => {
    // A window of 5 makes the "large conversation" paths reachable with a few messages.
    const db = openTestDatabase(':memory:');
    const repo = new MessagesRepo(db, { scanWindows: { all: 1000, conversation: 5 } });
    const add = (conversationId: string, text: string) => {
      const m = message({ conversationId, text });
      repo.add(m);
      return m;
    };
    const small = [add('small@pc', 'deploy today'), add('small@pc', '部署好了')];
    const large = Array.from({ length: 12 }, (_, i) =>
      add('large@pc', i % 2 ? `deploy step ${i}` : `部署 ${i}`),
    );
    add('other@pc', 'deploy elsewhere 部署');
    const hits = (query: string, conversationId: string) =>
      repo.search(query, { conversationId }).map((hit) => hit.message.id);
    expect(hits('deploy', 'small@pc')).toEqual([small[0]!.id]);
    expect(hits('部署', 'small@pc')).toEqual([small[1]!.id]);
    // 3+ characters in a large conversation: the index, the whole conversation.
    expect(hits('deploy', 'large@pc')).toEqual(
      large
        .filter((m) => m.text.includes('deploy'))
        .reverse()
        .map((m) => m.id),
    );
    // 1–2 characters in a large conversation: only its newest 5 messages are read.
    expect(hits('部署', 'large@pc')).toEqual(
      large
        .slice(-5)
        .filter((m) => m.text.includes('部署'))
        .reverse()
        .map((m) => m.id),
    );
  });

  it('finds 1–2 character words only among the newest messages of a big history', () => {
    const texts = ['老消息 old news', ...Array.from({ length: 20 }, (_, i) => `filler ${i}`)];
    const { repo } = repoWith(texts, { all: 10 });
    expect(found(repo, '消息')).toEqual([]);
    // 3+ characters are found anywhere.
    expect(found(repo, '老消息')).toEqual(['老消息 old news']);
    expect(found(repo, 'old news')).toEqual(['老消息 old news']);
    // Short words read exactly the newest 10 messages: filler 10 … filler 19.
    expect(found(repo, 'r 1')).toEqual(texts.slice(-10).reverse());
    expect(found(repo, 'r 9')).toEqual(['filler 19']);
  });

  it('honours the limit, newest first', () => {
    const { repo, stored } = repoWith(Array.from({ length: 30 }, (_, i) => `ping ${i}`));
    expect(repo.search('ping', { limit: 3 }).map((hit) => hit.message.id)).toEqual(
      stored
        .slice(-3)
        .reverse()
        .map((m) => m.id),
    );
    expect(repo.search('pi', { limit: 3 }).map((hit) => hit.message.id)).toEqual(
      stored
        .slice(-3)
        .reverse()
        .map((m) => m.id),
    );
    expect(repo.search('ping', { limit: 0 })).toEqual([]);
    expect(repo.search('ping', { limit: 10_000 })).toHaveLength(30);
  });

  it('gives the text on one line, cut around the match when long', () => {
    const long = `${'开头的话很长很长。'.repeat(12)}这里提到了 Deadline 的事情。${'结尾也很长。'.repeat(12)}`;
    const { repo } = repoWith([long, 'short\n  deadline']);
    const [first, second] = repo.search('deadline');
    expect(first!.snippet).toBe('short deadline');
    expect(second!.message.text).toBe(long);
    expect(second!.snippet).toMatch(/^….*Deadline.*…$/u);
    expect([...second!.snippet].length).toBeLessThanOrEqual(82);
    // Cut on characters, never inside a surrogate pair.
    const emoji = `${'😀'.repeat(100)}needle${'😀'.repeat(100)}`;
    const [hit] = repoWith([emoji]).repo.search('needle');
    expect(hit!.snippet).toMatch(/^…(😀)+needle(😀)+…$/u);
  });

  it('sees new, changed and removed text at once', () => {
    const { db, repo, stored } = repoWith(['first draft']);
    repo.update({ ...stored[0]!, text: 'final version' });
    expect(found(repo, 'draft')).toEqual([]);
    expect(found(repo, 'final')).toEqual(['final version']);
    repo.update({ ...stored[0]!, text: 'final version', state: 'delivered' });
    expect(found(repo, 'final')).toEqual(['final version']);
    db.sqlite.prepare('DELETE FROM messages WHERE id = ?').run(stored[0]!.id);
    expect(found(repo, 'final')).toEqual([]);
    expect(
      db.sqlite.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')").run(),
    ).toBeDefined();
  });

  it('refuses absurd queries with a plain message', () => {
    const { repo } = repoWith([]);
    expect(() => repo.search('x'.repeat(501))).toThrow(StoreError);
    expect(() => repo.search(Array.from({ length: 17 }, (_, i) => `w${i}`).join(' '))).toThrow(
      /at most 16 words/,
    );
  });
});

describe('search results are full messages', () => {
  it('returns the stored message, state included', () => {
    const { repo, stored } = repoWith(['hello there']);
    const [hit] = repo.search('hello');
    const expected: MessageDTO = stored[0]!;
    expect(hit!.message).toEqual(expected);
  });
});

describe('search in group notices', () => {
  it('finds a notice by what it says, reads it as a line, and never by its JSON keys', () => {
    const db = openTestDatabase(':memory:');
    const repo = new MessagesRepo(db);
    const added = groupNoticeText({
      kind: 'added',
      by: 'wang@a',
      byName: '小王',
      member: 'li@b',
      memberName: '李四',
    });
    db.write(() => {
      repo.add(message({ conversationId: 'group:pigeon:x', state: 'notice', text: added }));
      repo.add(message({ conversationId: 'group:pigeon:x', text: 'the member list is fine' }));
    });
    const hits = (query: string) => repo.search(query, { limit: 50 });
    expect(hits('李四').map((hit) => hit.snippet)).toEqual(['小王 added 李四']);
    expect(hits('added').map((hit) => hit.snippet)).toEqual(['小王 added 李四']);
    for (const key of ['member', 'byName', 'kind', 'wang@a', '"'])
      expect(hits(key).every((hit) => hit.message.state !== 'notice')).toBe(true);
  });
});
