import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../../../src-shared/contract';
import { MemoryHistory, type MessageHistory } from './support/memory-history-model';
import { openDatabase, type PigeonDatabase } from '../../../../src-main/core/store/database';
import {
  DEFAULT_PAGE,
  MAX_PAGE,
  MessagesRepo,
} from '../../../../src-main/core/store/messages-repo';
import { StoreError } from '../../../../src-main/core/store/store-error';
import { message, tempFile } from './helpers';

const opened: PigeonDatabase[] = [];
function sqliteHistory(file: string | ':memory:' = ':memory:'): MessagesRepo {
  const db = openDatabase(file);
  opened.push(db);
  return new MessagesRepo(db);
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const ids = (messages: MessageDTO[]): string[] => messages.map((m) => m.id);

// The same expectations for the in-memory history and the SQLite one: the store is a
// drop-in replacement.
describe.each([
  ['MemoryHistory', (): MessageHistory => new MemoryHistory()],
  ['MessagesRepo', (): MessageHistory => sqliteHistory()],
])('%s, as a MessageHistory', (_name, make) => {
  it('gets what was added, and nothing for an unknown id', () => {
    const history = make();
    const m = message({ text: '多行\n文本', error: undefined });
    history.add(m);
    expect(history.get(m.id)).toEqual(m);
    expect(history.get('nope')).toBeUndefined();
  });

  it('updates in place and ignores an update of an unknown message', () => {
    const history = make();
    const a = message({ direction: 'out', state: 'sending' });
    const b = message({ direction: 'out', state: 'sending' });
    history.add(a);
    history.add(b);
    history.update({ ...a, state: 'failed', error: 'They did not answer.' });
    history.update(message({ id: 'never-added' }));
    expect(history.get(a.id)).toEqual({ ...a, state: 'failed', error: 'They did not answer.' });
    expect(history.get('never-added')).toBeUndefined();
    // An update keeps the message in its place.
    expect(ids(history.list(a.conversationId))).toEqual([a.id, b.id]);
    history.update({ ...a, state: 'delivered' });
    expect(history.get(a.id)).toEqual({ ...a, state: 'delivered' });
  });

  it('lists the latest page oldest first, and pages back with `before`', () => {
    const history = make();
    const all = Array.from({ length: 7 }, () => message({ conversationId: 'bob@pc2' }));
    all.forEach((m) => history.add(m));
    history.add(message({ conversationId: 'someone-else@pc3' }));
    expect(ids(history.list('bob@pc2', { limit: 3 }))).toEqual(ids(all.slice(4)));
    expect(ids(history.list('bob@pc2', { before: all[4]!.id, limit: 3 }))).toEqual(
      ids(all.slice(1, 4)),
    );
    expect(ids(history.list('bob@pc2', { before: all[1]!.id, limit: 3 }))).toEqual([all[0]!.id]);
    expect(history.list('bob@pc2', { before: all[0]!.id, limit: 3 })).toEqual([]);
    expect(history.list('nobody@nowhere')).toEqual([]);
  });

  it('gives the latest page for a cursor that is not in the conversation', () => {
    const history = make();
    const mine = Array.from({ length: 3 }, () => message({ conversationId: 'bob@pc2' }));
    const theirs = message({ conversationId: 'carol@pc3' });
    [...mine, theirs].forEach((m) => history.add(m));
    expect(ids(history.list('bob@pc2', { before: 'unknown', limit: 2 }))).toEqual(
      ids(mine.slice(1)),
    );
    expect(ids(history.list('bob@pc2', { before: theirs.id, limit: 2 }))).toEqual(
      ids(mine.slice(1)),
    );
  });

  it(`returns ${DEFAULT_PAGE} messages when no limit is given`, () => {
    const history = make();
    const all = Array.from({ length: DEFAULT_PAGE + 5 }, () => message());
    all.forEach((m) => history.add(m));
    expect(ids(history.list('alice@pc1'))).toEqual(ids(all.slice(5)));
  });
});

describe('MessagesRepo', () => {
  it('keeps the order messages were stored in, whatever their clocks say', () => {
    const repo = sqliteHistory();
    const stored = [
      message({ at: 5000 }),
      message({ at: 1000 }), // a peer whose clock is behind
      message({ at: 5000 }),
      message({ at: 5000 }),
    ];
    stored.forEach((m) => repo.add(m));
    expect(ids(repo.list('alice@pc1'))).toEqual(ids(stored));
    expect(ids(repo.list('alice@pc1', { before: stored[3]!.id, limit: 2 }))).toEqual(
      ids(stored.slice(1, 3)),
    );
  });

  it('pages through a long conversation without gaps or repeats', () => {
    const repo = sqliteHistory();
    const db = opened.at(-1)!;
    const stored: string[] = [];
    db.write(() => {
      for (let i = 0; i < 1234; i += 1) {
        const conversationId = i % 3 === 0 ? 'other@pc9' : 'bob@pc2';
        const m = message({ conversationId, text: `line ${i}` });
        repo.add(m);
        if (conversationId === 'bob@pc2') stored.push(m.id);
      }
    });
    const seen: string[] = [];
    let page = repo.list('bob@pc2', { limit: 100 });
    while (page.length > 0) {
      seen.unshift(...ids(page));
      page = repo.list('bob@pc2', { before: page[0]!.id, limit: 100 });
    }
    expect(seen).toEqual(stored);
    expect([...repo.iterate('bob@pc2', 64)].map((m) => m.id)).toEqual(stored);
  });

  it('pages down with `after` and jumps to a message with `around`', () => {
    const repo = sqliteHistory();
    const all = Array.from({ length: 20 }, (_, i) =>
      message({ conversationId: 'bob@pc2', text: `#${i}` }),
    );
    all.forEach((m, i) => {
      repo.add(m);
      if (i % 4 === 0) repo.add(message({ conversationId: 'other@pc9' }));
    });
    const texts = (page: MessageDTO[]) => page.map((m) => m.text);
    const range = (from: number, to: number) => all.slice(from, to).map((m) => m.text);
    expect(texts(repo.list('bob@pc2', { after: all[5]!.id, limit: 4 }))).toEqual(range(6, 10));
    expect(texts(repo.list('bob@pc2', { after: all[17]!.id, limit: 4 }))).toEqual(range(18, 20));
    expect(repo.list('bob@pc2', { after: all[19]!.id })).toEqual([]);
    expect(repo.list('bob@pc2', { after: 'unknown' })).toEqual([]);
    // Around: the message with as many older as newer ones, filled from the other side at the ends.
    expect(texts(repo.list('bob@pc2', { around: all[10]!.id, limit: 5 }))).toEqual(range(8, 13));
    expect(texts(repo.list('bob@pc2', { around: all[10]!.id, limit: 4 }))).toEqual(range(9, 13));
    expect(texts(repo.list('bob@pc2', { around: all[1]!.id, limit: 5 }))).toEqual(range(0, 5));
    expect(texts(repo.list('bob@pc2', { around: all[19]!.id, limit: 5 }))).toEqual(range(15, 20));
    expect(texts(repo.list('bob@pc2', { around: all[7]!.id, limit: 1 }))).toEqual(range(7, 8));
    expect(texts(repo.list('bob@pc2', { around: all[7]!.id, limit: 50 }))).toEqual(range(0, 20));
    expect(texts(repo.list('bob@pc2', { around: 'unknown', limit: 3 }))).toEqual(range(17, 20));
    // Scrolling both ways from a jump meets every message once.
    const jump = repo.list('bob@pc2', { around: all[10]!.id, limit: 5 });
    const up = repo.list('bob@pc2', { before: jump[0]!.id, limit: 100 });
    const down = repo.list('bob@pc2', { after: jump.at(-1)!.id, limit: 100 });
    expect(texts([...up, ...jump, ...down])).toEqual(range(0, 20));
  });

  it('never returns more than a page, however much is asked', () => {
    const repo = sqliteHistory();
    const db = opened.at(-1)!;
    db.write(() => {
      for (let i = 0; i < MAX_PAGE + 10; i += 1) repo.add(message());
    });
    expect(repo.list('alice@pc1', { limit: 1e9 })).toHaveLength(MAX_PAGE);
    expect(repo.list('alice@pc1', { limit: -1 })).toEqual([]);
    expect(repo.list('alice@pc1', { limit: 0 })).toEqual([]);
    expect(repo.list('alice@pc1', { limit: 2.7 })).toHaveLength(2);
    expect(repo.list('alice@pc1', { limit: Number.NaN })).toHaveLength(DEFAULT_PAGE);
  });

  it('refuses a second message with the same id, keeping the first', () => {
    const repo = sqliteHistory();
    const m = message({ text: 'first' });
    repo.add(m);
    expect(() => repo.add({ ...m, text: 'second' })).toThrow(StoreError);
    expect(repo.get(m.id)?.text).toBe('first');
  });

  it('keeps the packet number and peer, and finds a repeat by them', () => {
    const repo = sqliteHistory();
    const received = message({ conversationId: 'bob@pc2' });
    repo.add(received, { packetNo: 4242 });
    const sent = message({ conversationId: 'bob@pc2', direction: 'out', state: 'sending' });
    repo.add(sent, { packetNo: 4242 });
    expect(repo.findByPacket('bob@pc2', 4242)).toEqual(received);
    expect(repo.findByPacket('bob@pc2', 4242, 'out')).toEqual(sent);
    expect(repo.findByPacket('bob@pc2', 4243)).toBeUndefined();
    expect(repo.findByPacket('carol@pc3', 4242)).toBeUndefined();
    // A resend travels with a new packet number; an update without one keeps it.
    repo.update({ ...sent, state: 'sending' }, { packetNo: 5000 });
    repo.update({ ...sent, state: 'delivered' });
    expect(repo.findByPacket('bob@pc2', 5000, 'out')?.state).toBe('delivered');
    expect(repo.findByPacket('bob@pc2', 4242, 'out')).toBeUndefined();
  });

  it('marks a confirmed message delivered, error gone, the rest as stored', () => {
    const repo = sqliteHistory();
    const sent = message({ conversationId: 'bob@pc2', direction: 'out', state: 'failed' });
    repo.add({ ...sent, error: 'No answer.' }, { packetNo: 77 });
    expect(repo.markDelivered(sent.id)).toEqual({ ...sent, state: 'delivered' });
    expect(repo.get(sent.id)).toEqual({ ...sent, state: 'delivered' });
    expect(repo.findByPacket('bob@pc2', 77, 'out')?.id).toBe(sent.id);
    expect(repo.markDelivered('gone')).toBeUndefined();
  });

  it('shows a state it does not know as failed, saying why', () => {
    const repo = sqliteHistory();
    const m = message();
    repo.add(m);
    opened
      .at(-1)!
      .sqlite.prepare("UPDATE messages SET state = 'teleported' WHERE id = ?")
      .run(m.id);
    expect(repo.get(m.id)).toEqual({
      ...m,
      state: 'failed',
      error: 'Stored with an unknown state (teleported).',
    });
  });

  it('keeps history across close and reopen', () => {
    const file = tempFile();
    const first = sqliteHistory(file);
    const m = message({ text: 'still here' });
    first.add(m);
    opened.pop()!.close();
    expect(sqliteHistory(file).list('alice@pc1')).toEqual([m]);
  });
});
