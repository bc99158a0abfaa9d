import type { PeerDTO } from '../../../../src-shared/contract';

/** What discovery knows about a peer beyond what the windows see (kept in `peers`). */
export interface PeerRecord extends PeerDTO {
  /** Option bits of the peer's last entry packet (CAPUTF8OPT, FILEATTACHOPT, …). */
  capabilities: number;
}
