import { describe, expect, it } from 'vitest';
import { PlainContactsRepo } from '../../../../src-main/core/store/plain-contacts-repo';
import type { SavedPlainContact } from '../../../../src-main/core/store/records/plain-contact-record';
import { openTestDatabase, tempFile } from './helpers';

function repoIn(file: string | ':memory:' = ':memory:') {
  const db = openTestDatabase(file);
  return { db, contacts: new PlainContactsRepo(db) };
}

const contact = (fields: Partial<SavedPlainContact> = {}): SavedPlainContact => ({
  id: 'udp:192.168.1.50:8080',
  host: '192.168.1.50',
  port: 8080,
  encoding: 'gbk',
  localPort: 0,
  boundPort: 40123,
  nickname: '打印机',
  addedAt: 1_790_000_000_000,
  lastSeen: 0,
  protocol: 'udp',
  connection: 'connect',
  lineBased: false,
  whenDisconnected: 'queue',
  ...fields,
});

describe('PlainContactsRepo (migration 006)', () => {
  it('keeps contacts across a reopen, in the order added', () => {
    const file = tempFile();
    const first = repoIn(file);
    first.contacts.save(contact());
    first.contacts.save(
      contact({ id: 'udp:sensor.lan:9000', host: 'sensor.lan', port: 9000, encoding: 'utf8' }),
    );
    first.db.close();
    const second = repoIn(file);
    expect(second.contacts.all()).toEqual([
      contact(),
      contact({ id: 'udp:sensor.lan:9000', host: 'sensor.lan', port: 9000, encoding: 'utf8' }),
    ]);
  });

  it('updates the bound port and last seen (never backwards), and removes', () => {
    const { contacts } = repoIn();
    contacts.save(contact());
    contacts.setBoundPort('udp:192.168.1.50:8080', 50000);
    contacts.touch('udp:192.168.1.50:8080', 1_790_000_000_500);
    contacts.touch('udp:192.168.1.50:8080', 1_790_000_000_100);
    expect(contacts.all()[0]).toMatchObject({ boundPort: 50000, lastSeen: 1_790_000_000_500 });
    contacts.save(contact({ nickname: 'renamed' }));
    expect(contacts.all().map((c) => c.nickname)).toEqual(['renamed']);
    expect(contacts.remove('udp:192.168.1.50:8080')).toBe(true);
    expect(contacts.remove('udp:192.168.1.50:8080')).toBe(false);
    expect(contacts.all()).toEqual([]);
  });

  it('skips a row whose encoding this version does not know', () => {
    const { db, contacts } = repoIn();
    contacts.save(contact());
    db.sqlite
      .prepare(
        `INSERT INTO plain_contacts (id, host, port, encoding, added_at) VALUES ('udp:x:1', 'x', 1, 'big5', 0)`,
      )
      .run();
    expect(contacts.all().map((c) => c.id)).toEqual(['udp:192.168.1.50:8080']);
  });

  it('the table refuses ports out of range', () => {
    const { contacts } = repoIn();
    expect(() => contacts.save(contact({ port: 70000 }))).toThrow();
    expect(() => contacts.save(contact({ localPort: -1 }))).toThrow();
    expect(contacts.all()).toEqual([]);
  });
});
