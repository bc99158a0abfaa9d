import { z } from 'zod';
import type { GroupDTO, GroupKind } from '../../../src-shared/contract';
import type { PigeonDatabase } from './database';

interface GroupRow {
  id: string;
  kind: string;
  name: string;
  members: string;
  creator: string | null;
  muted: number;
  clock: number;
}

/** A stored group with the clock its membership was last changed at. */
export interface StoredGroup {
  group: GroupDTO;
  clock: number;
}

const KINDS = new Set<string>(['pigeon', 'feiq', 'iptux', 'broadcast']);
// The file may have been edited: members are parsed, never trusted.
const Members = z.array(z.string().min(1).max(512)).max(10_000);

const COLUMNS = 'id, kind, name, members, creator, muted, clock';
const GET = `SELECT ${COLUMNS} FROM groups WHERE id = ?`;
const ALL = `SELECT ${COLUMNS} FROM groups ORDER BY rowid`;
const SAVE = `INSERT INTO groups (${COLUMNS})
  VALUES (@id, @kind, @name, @members, @creator, @muted, @clock)
  ON CONFLICT (id) DO UPDATE SET name = excluded.name, members = excluded.members,
    creator = excluded.creator, muted = excluded.muted, clock = excluded.clock`;

/** Group conversations: who is in them, what they are called, whether they are muted. */
export class GroupsRepo {
  constructor(private readonly db: PigeonDatabase) {}

  get(id: string): StoredGroup | undefined {
    const row = this.db.run(() => this.db.statement(GET).get(id) as GroupRow | undefined);
    return row && toStored(row);
  }

  all(): StoredGroup[] {
    return this.db
      .run(() => this.db.statement(ALL).all() as GroupRow[])
      .flatMap((row) => {
        const stored = toStored(row);
        return stored ? [stored] : [];
      });
  }

  save({ group, clock }: StoredGroup): void {
    this.db.run(() =>
      this.db.statement(SAVE).run({
        id: group.id,
        kind: group.kind,
        name: group.name,
        members: JSON.stringify(group.members),
        creator: group.creator ?? null,
        muted: group.muted === true ? 1 : 0,
        clock,
      }),
    );
  }
}

/** A row as a group; one of a kind this version does not know is left out. */
function toStored(row: GroupRow): StoredGroup | undefined {
  if (!KINDS.has(row.kind)) return undefined;
  let members: string[] = [];
  try {
    const parsed = Members.safeParse(JSON.parse(row.members));
    if (parsed.success) members = parsed.data;
  } catch {
    // Damaged JSON: the group stays, with no members until it hears of them again.
  }
  const group: GroupDTO = { id: row.id, kind: row.kind as GroupKind, name: row.name, members };
  if (row.creator !== null) group.creator = row.creator;
  if (row.muted === 1) group.muted = true;
  return { group, clock: row.clock };
}
