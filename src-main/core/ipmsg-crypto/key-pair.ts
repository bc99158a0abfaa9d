// Pigeon's RSA-2048 key pair for IP Messenger's own encryption: made at first start and
// kept in the data folder, readable by the user alone (0600). Without a folder (tests,
// in-memory runs) a key lives as long as the process.
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const KEY_FILE = 'ipmsg-rsa-2048.pem';
/** A PEM file larger than this is not ours. */
const MAX_KEY_FILE = 16 * 1024;

export interface IpmsgKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const generate = promisify(generateKeyPair);

async function freshKeyPair(): Promise<IpmsgKeyPair> {
  const { privateKey, publicKey } = await generate('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
  });
  return { privateKey, publicKey };
}

/** A stored key, or undefined when the file is not an RSA-2048 private key. */
function parseStoredKey(pem: Buffer): IpmsgKeyPair | undefined {
  if (pem.length > MAX_KEY_FILE) return undefined;
  try {
    const privateKey = createPrivateKey({ key: pem, format: 'pem' });
    const details = privateKey.asymmetricKeyDetails;
    if (privateKey.asymmetricKeyType !== 'rsa' || details?.modulusLength !== 2048) return undefined;
    return { privateKey, publicKey: createPublicKey(privateKey) };
  } catch {
    return undefined;
  }
}

/**
 * The key pair kept in `folder` (made and stored 0600 when missing). A damaged file is
 * kept aside, never overwritten, and a new key is made.
 */
export async function loadIpmsgKeyPair(folder: string | undefined): Promise<IpmsgKeyPair> {
  if (folder === undefined) return freshKeyPair();
  const path = join(folder, KEY_FILE);
  let stored: Buffer | undefined;
  try {
    stored = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (stored !== undefined) {
    const keys = parseStoredKey(stored);
    if (keys) {
      // Whoever copied the folder may have widened it: a private key is the user's alone.
      await chmod(path, 0o600);
      return keys;
    }
    await rename(path, `${path}.damaged-${Date.now()}`);
  }
  const keys = await freshKeyPair();
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const pem = keys.privateKey.export({ format: 'pem', type: 'pkcs8' });
  const partial = `${path}.partial`;
  await writeFile(partial, pem, { mode: 0o600 });
  await rename(partial, path);
  return keys;
}
