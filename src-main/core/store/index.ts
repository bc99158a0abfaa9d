import { ConversationsRepo } from './conversations-repo';
import { GroupsRepo } from './groups-repo';
import { openDatabase, type OpenDatabaseOptions, type PigeonDatabase } from './database';
import { MessagesRepo, type MessagesRepoOptions } from './messages-repo';
import { OutboxRepo } from './outbox-repo';
import { PigeonGroupsRepo } from './pigeon-groups-repo';
import { PeersRepo } from './peers-repo';
import { PeerKeysRepo } from './peer-keys-repo';
import { RemarksRepo } from './remarks-repo';
import { TransfersRepo } from './transfers-repo';

export { StoreError, type StoreErrorCode } from './store-error';
export { openDatabase, type OpenDatabaseOptions, type PigeonDatabase } from './database';
export {
  MessagesRepo,
  type ListOptions,
  type MessageDetails,
  type MessagesRepoOptions,
} from './messages-repo';
export type { ScanWindows, SearchHit, SearchOptions } from './message-search';
export { ConversationsRepo } from './conversations-repo';
export { PeersRepo } from './peers-repo';
export { PeerKeysRepo, type StoredPeerKeys } from './peer-keys-repo';
export { RemarksRepo } from './remarks-repo';
export { GroupsRepo, type StoredGroup } from './groups-repo';
export { OutboxRepo, type OutboxEntry } from './outbox-repo';
export { PigeonGroupsRepo, type GroupDelivery } from './pigeon-groups-repo';
export { TransfersRepo, MAX_TRANSFERS_LISTED } from './transfers-repo';
export { MessageSchema } from './message-schema';
export {
  exportConversationToFile,
  formatChatLog,
  parseExportedJson,
  toExportJson,
  type ChatLogOptions,
  type ExportFormat,
} from './export';

/** The history file and a repository per table group, sharing one connection. */
export interface PigeonStore {
  readonly db: PigeonDatabase;
  readonly messages: MessagesRepo;
  readonly conversations: ConversationsRepo;
  readonly peers: PeersRepo;
  readonly outbox: OutboxRepo;
  readonly transfers: TransfersRepo;
  readonly remarks: RemarksRepo;
  readonly groups: GroupsRepo;
  readonly pigeonGroups: PigeonGroupsRepo;
  readonly peerKeys: PeerKeysRepo;
  close(): void;
}

export interface OpenStoreOptions extends OpenDatabaseOptions, MessagesRepoOptions {}

/** Open the history file (see openDatabase for what happens to a bad one) with its repositories. */
export function openStore(file: string | ':memory:', options: OpenStoreOptions = {}): PigeonStore {
  const db = openDatabase(file, options);
  const messages = new MessagesRepo(db, options);
  // What a previous run stored but had not indexed yet (it stopped within the delay).
  messages.searchIndex.tryCatchUp();
  return {
    db,
    messages,
    conversations: new ConversationsRepo(db),
    peers: new PeersRepo(db),
    outbox: new OutboxRepo(db, options.now),
    transfers: new TransfersRepo(db),
    remarks: new RemarksRepo(db),
    groups: new GroupsRepo(db),
    pigeonGroups: new PigeonGroupsRepo(db),
    peerKeys: new PeerKeysRepo(db),
    close: () => {
      messages.searchIndex.stop();
      db.close();
    },
  };
}
