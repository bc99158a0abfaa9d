import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../src-main/core/store/migrate';
import { migrations } from '../../../../src-main/core/store/migrations';
import { PlainContactsRepo } from '../../../../src-main/core/store/plain-contacts-repo';
import type { SavedPlainContact } from '../../../../src-main/core/store/records/plain-contact-record';
import { openTestDatabase, tempFile } from './helpers';

describe('migration 008: plain contacts over TCP', () => {
  it('keeps a UDP contact saved before TCP existed, as UDP', () => {
    const file = tempFile();
    const old = new Database(file);
    migrate(old, migrations.slice(0, 7));
    old
      .prepare(
        `INSERT INTO plain_contacts (id, host, port, encoding, local_port, bound_port, nickname, added_at, last_seen)
         VALUES ('udp:10.0.0.5:3001', '10.0.0.5', 3001, 'gbk', 3000, 3000, '老程序', 5, 6)`,
      )
      .run();
    old.close();

    const contacts = new PlainContactsRepo(openTestDatabase(file)).all();
    expect(contacts).toEqual([
      {
        id: 'udp:10.0.0.5:3001',
        host: '10.0.0.5',
        port: 3001,
        encoding: 'gbk',
        localPort: 3000,
        boundPort: 3000,
        nickname: '老程序',
        addedAt: 5,
        lastSeen: 6,
        protocol: 'udp',
        connection: 'connect',
        lineBased: false,
        whenDisconnected: 'queue',
      },
    ]);
  });

  it('keeps a TCP contact of either role with its choices across a reopen', () => {
    const file = tempFile();
    const waits: SavedPlainContact = {
      id: 'tcp-listen:9000',
      host: '',
      port: 9000,
      encoding: 'utf8',
      localPort: 9000,
      boundPort: 0,
      nickname: '',
      addedAt: 1,
      lastSeen: 0,
      protocol: 'tcp',
      connection: 'listen',
      lineBased: true,
      whenDisconnected: 'refuse',
    };
    const connects: SavedPlainContact = {
      ...waits,
      id: 'tcp:10.0.0.7:9999',
      host: '10.0.0.7',
      port: 9999,
      localPort: 0,
      connection: 'connect',
      lineBased: false,
      whenDisconnected: 'queue',
    };
    const first = openTestDatabase(file);
    new PlainContactsRepo(first).save(waits);
    new PlainContactsRepo(first).save(connects);
    first.close();
    expect(new PlainContactsRepo(openTestDatabase(file)).all()).toEqual([waits, connects]);
  });

  it('skips a row whose protocol this version does not know', () => {
    const db = openTestDatabase(':memory:');
    db.sqlite
      .prepare(
        `INSERT INTO plain_contacts (id, host, port, encoding, added_at, protocol) VALUES ('sctp:x:1', 'x', 1, 'utf8', 0, 'sctp')`,
      )
      .run();
    expect(new PlainContactsRepo(db).all()).toEqual([]);
  });
});
