import { safeStorage } from 'electron';
import type { SecretWrapper } from '../core/keys/identity-file';

/**
 * Electron's safeStorage as the identity file's wrapper. Linux's `basic_text` backend
 * is a hard-coded password, not protection: the file then stays plain (and 0600),
 * which says so honestly rather than pretending.
 */
export const safeStorageWrapper: SecretWrapper = {
  isAvailable: () =>
    safeStorage.isEncryptionAvailable() &&
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
  wrap: (plain) => safeStorage.encryptString(plain.toString('base64')),
  unwrap: (wrapped) => Buffer.from(safeStorage.decryptString(wrapped), 'base64'),
};
