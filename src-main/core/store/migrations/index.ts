import type { Migration } from '../migrate';
import * as initial from './001-initial';
import * as search from './002-search';
import * as sentPacketNumbers from './003-sent-packet-numbers';
import * as transfers from './004-transfers';
import * as sealed from './005-sealed';
import * as plainContacts from './006-plain-contacts';
import * as earlierSealedPackets from './007-earlier-sealed-packets';
import * as plainTcpContacts from './008-plain-tcp-contacts';
import * as pinsAndRemarks from './009-pins-and-remarks';
import * as groups from './010-groups';
import * as pigeonGroups from './011-pigeon-groups';
import * as peerKeys from './012-peer-keys';
import * as peerProfile from './013-peer-profile';
import * as searchIndexBatched from './014-search-index-batched';

/** Every migration, in order. Append new ones; never edit or reorder released ones. */
export const migrations: readonly Migration[] = [
  initial,
  search,
  sentPacketNumbers,
  transfers,
  sealed,
  plainContacts,
  earlierSealedPackets,
  plainTcpContacts,
  pinsAndRemarks,
  groups,
  pigeonGroups,
  peerKeys,
  peerProfile,
  searchIndexBatched,
];
