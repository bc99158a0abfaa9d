// `identity.key` in the data folder: made once at first start, 0600, and wrapped by the
// platform's secret store (Electron's safeStorage) where there is one. A file that cannot
// be read is never replaced silently: peers would see a changed key, so the user is told.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PRIVATE_FILE_MODE, makePrivateFile, makePrivateFolder } from '../store/private-data';
import { exportIdentity, generateIdentity, importIdentity, type Identity } from './identity';

export const IDENTITY_FILE = 'identity.key';

/** The platform's secret store; core never sees Electron, main hands in an adapter. */
export interface SecretWrapper {
  /** False where no secret store exists (a Linux session without a keyring). */
  isAvailable(): boolean;
  wrap(plain: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

export class IdentityFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Pigeon's identity key (${file}) cannot be read: ${reason}. ` +
        'It was left as it is. Restore it from a backup, or move it away to make a new ' +
        'identity (your contacts will then be told that your key changed).',
      options,
    );
    this.name = 'IdentityFileError';
  }
}

const FileSchema = z.object({
  format: z.literal('pigeon-identity'),
  version: z.literal(1),
  wrapped: z.boolean(),
  keys: z.string().max(10_000),
});
const KeysSchema = z.object({ signing: z.string().max(1000), agreement: z.string().max(1000) });

function encodeKeys(identity: Identity): Buffer {
  const { signing, agreement } = exportIdentity(identity);
  const json = { signing: signing.toString('base64'), agreement: agreement.toString('base64') };
  return Buffer.from(JSON.stringify(json), 'utf8');
}

function decodeKeys(bytes: Buffer): Identity {
  const keys = KeysSchema.parse(JSON.parse(bytes.toString('utf8')));
  return importIdentity({
    signing: Buffer.from(keys.signing, 'base64'),
    agreement: Buffer.from(keys.agreement, 'base64'),
  });
}

function readIdentity(file: string, text: string, wrapper?: SecretWrapper): Identity {
  let stored: z.infer<typeof FileSchema>;
  try {
    stored = FileSchema.parse(JSON.parse(text));
  } catch (cause) {
    throw new IdentityFileError(file, 'it is damaged or not an identity file', { cause });
  }
  let keys: Buffer = Buffer.from(stored.keys, 'base64');
  if (stored.wrapped) {
    if (!wrapper?.isAvailable())
      throw new IdentityFileError(file, "the system's secret store that protects it is not open");
    try {
      keys = wrapper.unwrap(keys);
    } catch (cause) {
      throw new IdentityFileError(file, "the system's secret store could not unlock it", {
        cause,
      });
    }
  }
  try {
    return decodeKeys(keys);
  } catch (cause) {
    throw new IdentityFileError(file, 'its keys are damaged', { cause });
  }
}

/** Written beside, then renamed: a crash never leaves half a key under the real name. */
function writeNew(file: string, identity: Identity, wrapper?: SecretWrapper): void {
  const wrapped = wrapper?.isAvailable() === true;
  const plain = encodeKeys(identity);
  const keys = wrapped ? wrapper.wrap(plain) : plain;
  const body = { format: 'pigeon-identity', version: 1, wrapped, keys: keys.toString('base64') };
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, `${JSON.stringify(body)}\n`);
  } finally {
    closeSync(fd);
  }
  makePrivateFile(temp);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * The identity kept in `dataDir`, made on first start. Throws IdentityFileError when the
 * file exists but cannot be used; the caller tells the user and does not start over.
 */
export function loadOrCreateIdentity(dataDir: string, wrapper?: SecretWrapper): Identity {
  makePrivateFolder(dataDir);
  const file = path.join(dataDir, IDENTITY_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new IdentityFileError(file, (error as Error).message, { cause: error });
  }
  if (text !== undefined) {
    makePrivateFile(file);
    return readIdentity(file, text, wrapper);
  }
  const identity = generateIdentity();
  writeNew(file, identity, wrapper);
  return identity;
}
