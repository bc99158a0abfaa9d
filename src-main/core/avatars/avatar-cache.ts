// Avatars kept by hash: in memory (a bounded number) and, given a folder, on disk as
// `<hash>` files (0600) in a 0700 folder, so a restart fetches nothing again. The user's
// own choice is named in `own`. Every picture is checked before it is kept and again
// when read back: the folder is ours, but a damaged file must not reach a window.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rememberBounded } from '../bounded';
import { isAvatarHash } from '../ipmsg/avatar';
import { makePrivateFolder, PRIVATE_FILE_MODE } from '../store/private-data';
import { avatarHashOf, checkAvatarImage, type AvatarMimeType } from './avatar-image';

export interface AvatarPicture {
  hash: string;
  mimeType: AvatarMimeType;
  bytes: Buffer;
}

/** Pictures held in memory; the rest are read from the folder when asked for. */
const MEMORY_LIMIT = 256;
const OWN_FILE = 'own';

export class AvatarCache {
  private readonly memory = new Map<string, AvatarPicture>();

  constructor(private readonly dir?: string) {
    if (dir) makePrivateFolder(dir);
  }

  /** Keeps a picture that passes the checks; its hash, or the reason it was refused. */
  put(bytes: Buffer): { hash: string } | { refused: string } {
    const check = checkAvatarImage(bytes);
    if (!check.ok) return { refused: check.reason };
    const hash = avatarHashOf(bytes);
    const picture = { hash, mimeType: check.mimeType, bytes: Buffer.from(bytes) };
    this.remember(picture);
    if (this.dir) this.write(hash, picture.bytes);
    return { hash };
  }

  has(hash: string): boolean {
    return this.get(hash) !== undefined;
  }

  get(hash: string): AvatarPicture | undefined {
    if (!isAvatarHash(hash)) return undefined;
    const held = this.memory.get(hash);
    if (held) return held;
    const bytes = this.read(hash);
    if (!bytes || avatarHashOf(bytes) !== hash) return undefined;
    const check = checkAvatarImage(bytes);
    if (!check.ok) return undefined;
    const picture = { hash, mimeType: check.mimeType, bytes };
    this.remember(picture);
    return picture;
  }

  /** The user's own avatar as chosen before, when it is still there. */
  own(): string | undefined {
    if (!this.dir) return undefined;
    const named = this.readText(OWN_FILE);
    return named !== undefined && this.has(named) ? named : undefined;
  }

  setOwn(hash: string | undefined): void {
    if (!this.dir) return;
    if (hash === undefined) rmSync(path.join(this.dir, OWN_FILE), { force: true });
    else this.write(OWN_FILE, Buffer.from(hash, 'latin1'));
  }

  private remember(picture: AvatarPicture): void {
    rememberBounded(this.memory, picture.hash, picture, MEMORY_LIMIT);
  }

  /** Written whole under a temporary name, then renamed: a reader never sees half a file. */
  private write(name: string, bytes: Buffer): void {
    if (!this.dir) return;
    const file = path.join(this.dir, name);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes, { mode: PRIVATE_FILE_MODE });
    renameSync(temporary, file);
  }

  private read(hash: string): Buffer | undefined {
    if (!this.dir) return undefined;
    try {
      return readFileSync(path.join(this.dir, hash));
    } catch {
      return undefined;
    }
  }

  private readText(name: string): string | undefined {
    if (!this.dir) return undefined;
    try {
      return readFileSync(path.join(this.dir, name), 'latin1').trim();
    } catch {
      return undefined;
    }
  }
}
