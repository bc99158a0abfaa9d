import type { RemarkDTO } from '../../../src-shared/contract';
import type { PigeonDatabase } from './database';

const SET = `INSERT INTO peer_remarks (peer_id, remark) VALUES (?, ?)
  ON CONFLICT (peer_id) DO UPDATE SET remark = excluded.remark`;
const CLEAR = 'DELETE FROM peer_remarks WHERE peer_id = ?';
const ALL = 'SELECT peer_id AS peerId, remark FROM peer_remarks ORDER BY rowid';

/** Remark names (备注) the user gave contacts; kept whether or not the peer is known now. */
export class RemarksRepo {
  constructor(private readonly db: PigeonDatabase) {}

  /** Give a peer a remark; an empty one removes it. */
  set(peerId: string, remark: string): RemarkDTO {
    this.db.run(() => {
      if (remark === '') this.db.statement(CLEAR).run(peerId);
      else this.db.statement(SET).run(peerId, remark);
    });
    return { peerId, remark };
  }

  all(): RemarkDTO[] {
    return this.db.run(() => this.db.statement(ALL).all() as RemarkDTO[]);
  }
}
