import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type PigeonStore } from '../../../../src-main/core/store/index';
import type { PigeonDatabase } from '../../../../src-main/core/store/database';
import type { Statement } from 'better-sqlite3';
import { ConversationsRepo } from '../../../../src-main/core/store/conversations-repo';
import { MessagesRepo } from '../../../../src-main/core/store/messages-repo';
import { OutboxRepo } from '../../../../src-main/core/store/outbox-repo';
import { message } from './helpers';

// No timings here (the benchmark measures those): this checks that every query the
// repositories run is answered from an index, so its cost does not grow with the
// size of the history.

interface Call {
  sql: string;
  args: unknown[];
}

/** A view of the database that records every statement run and its arguments. */
function recording(db: PigeonDatabase): { db: PigeonDatabase; calls: Call[] } {
  const calls: Call[] = [];
  const spy = Object.create(db) as PigeonDatabase;
  spy.statement = (sql: string) => {
    const real = db.statement(sql);
    const proxy: Statement = new Proxy(real, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== 'function') return value;
        if (
          property === 'all' ||
          property === 'get' ||
          property === 'run' ||
          property === 'iterate'
        )
          return (...args: unknown[]) => {
            calls.push({ sql, args });
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        // pluck() and friends return the statement itself: keep recording.
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  return { db: spy, calls };
}

function plan(db: PigeonDatabase, call: Call): string {
  const rows = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${call.sql}`).all(...call.args) as {
    detail: string;
  }[];
  return rows.map((row) => row.detail).join(' | ');
}

const stores: PigeonStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function filledStore(): PigeonStore {
  // Small windows so that every search path runs on a few thousand messages.
  const store = openStore(':memory:', { scanWindows: { all: 500, conversation: 100 } });
  stores.push(store);
  store.db.write(() => {
    for (let i = 0; i < 4000; i += 1) {
      const m = message({ conversationId: `peer${i % 20}@pc`, text: `消息 ${i} build log` });
      store.messages.add(m, { packetNo: i });
      store.conversations.noteMessage(m, true);
      if (i % 100 === 0) store.outbox.enqueue(m.id, m.conversationId);
    }
  });
  return store;
}

/** Run what the app runs, through a recording view. */
function exercise(store: PigeonStore): Call[] {
  const { db, calls } = recording(store.db);
  const messages = new MessagesRepo(db, { scanWindows: { all: 500, conversation: 100 } });
  const page = messages.list('peer3@pc');
  messages.list('peer3@pc', { before: page[0]!.id });
  messages.get(page[0]!.id);
  messages.findByPacket('peer3@pc', 3);
  messages.packetNoOf(page[0]!.id);
  messages.highestSentPacketNo(); // once per start: must not read the whole history
  messages.search('build log');
  messages.search('消息');
  messages.search('消息 build');
  messages.search('build', { conversationId: 'peer3@pc' });
  messages.search('消', { conversationId: 'peer3@pc' });
  [...messages.iterate('peer3@pc', 50)].slice(0, 1);
  new ConversationsRepo(db).all();
  new ConversationsRepo(db).get('peer3@pc');
  new OutboxRepo(db).forPeer('peer3@pc');
  new OutboxRepo(db).all();
  const reads = calls.filter((call) => /^\s*SELECT/i.test(call.sql));
  expect(reads.length).toBeGreaterThan(10);
  return reads;
}

describe('query plans', () => {
  it.each([
    ['without statistics', false],
    ['after ANALYZE', true],
  ])('use an index for every read of messages (%s)', (_label, analyze) => {
    const store = filledStore();
    if (analyze) store.db.sqlite.exec('ANALYZE');
    for (const call of exercise(store)) {
      const detail = plan(store.db, call);
      const where = `${call.sql}\n  → ${detail}`;
      // No sorting of results and no reading of whole tables of messages.
      expect(detail, where).not.toMatch(/TEMP B-TREE/);
      expect(detail, where).not.toMatch(/\bSCAN (messages|m)\b(?! VIRTUAL TABLE)/);
    }
  });

  it('pages a conversation on (conversation_id, seq) and searches through the trigram index', () => {
    const store = filledStore();
    store.db.sqlite.exec('ANALYZE');
    const calls = exercise(store);
    const details = calls.map((call) => plan(store.db, call)).join('\n');
    expect(details).toMatch(/messages_by_conversation \(conversation_id=\?\)/);
    expect(details).toMatch(/messages_by_conversation \(conversation_id=\? AND seq<\?\)/);
    expect(details).toMatch(/messages_by_conversation \(conversation_id=\? AND seq>\?\)/);
    expect(details).toMatch(
      /SCAN messages_fts VIRTUAL TABLE INDEX \S+ \| SEARCH m USING INTEGER PRIMARY KEY/,
    );
    expect(details).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    expect(details).toMatch(/messages_by_packet/);
    expect(details).toMatch(/outbox_by_peer/);
    expect(details).toMatch(/messages_sent_by_packet/);
  });
});
