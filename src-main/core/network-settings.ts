import os from 'node:os';
import path from 'node:path';
import {
  ContractError,
  type NetworkSettingsChange,
  type NetworkSettingsDTO,
} from '../../src-shared/contract';
import { parseHostListEntry } from './net/host-list';
import { parseHostEntry } from './net/targets';
import type { MessengerOptions } from './options';

/** Offers up to this size are taken without asking, once the user allows it. */
export const DEFAULT_AUTO_ACCEPT_MB = 100;

/**
 * The settings that reach the network: hosts and broadcast addresses apply at once
 * (the next announcement uses them), the port only after a restart.
 */
export class NetworkSettings {
  private current: NetworkSettingsDTO;
  private readonly runningPort: number;

  constructor(options: MessengerOptions, port: number) {
    this.runningPort = port;
    this.current = {
      port,
      downloadDir: options.downloadDir ?? path.join(os.homedir(), 'Downloads', 'Pigeon'),
      hosts: [...(options.hosts ?? [])],
      broadcastAddresses: [...(options.broadcastAddresses ?? [])],
      restartNeeded: false,
      receiveFiles: 'ask',
      autoAcceptMaxMB: DEFAULT_AUTO_ACCEPT_MB,
    };
  }

  get(): NetworkSettingsDTO {
    return {
      ...this.current,
      hosts: [...this.current.hosts],
      broadcastAddresses: [...this.current.broadcastAddresses],
    };
  }

  /** Apply a change; throws a ContractError naming the first entry that cannot be used. */
  update(change: NetworkSettingsChange): NetworkSettingsDTO {
    for (const entry of change.hosts ?? []) {
      const parsed = parseHostListEntry(entry, this.runningPort);
      if (!parsed.ok) throw new ContractError('invalid-request', parsed.error);
    }
    const bad = change.broadcastAddresses?.find(
      (entry) => parseHostEntry(entry, this.runningPort) === undefined,
    );
    if (bad !== undefined) {
      throw new ContractError(
        'invalid-request',
        `"${bad}" is not an IPv4 address (a.b.c.d or a.b.c.d:port).`,
      );
    }
    if (change.downloadDir !== undefined && !path.isAbsolute(change.downloadDir)) {
      throw new ContractError('invalid-request', 'The download folder must be a full path.');
    }
    const port = change.port ?? this.current.port;
    this.current = {
      port,
      downloadDir: change.downloadDir ?? this.current.downloadDir,
      hosts: change.hosts ? [...change.hosts] : this.current.hosts,
      broadcastAddresses: change.broadcastAddresses
        ? [...change.broadcastAddresses]
        : this.current.broadcastAddresses,
      restartNeeded: port !== this.runningPort,
      receiveFiles: change.receiveFiles ?? this.current.receiveFiles,
      autoAcceptMaxMB: change.autoAcceptMaxMB ?? this.current.autoAcceptMaxMB,
    };
    return this.get();
  }
}
