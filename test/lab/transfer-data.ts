// Data for transfer tests and benchmarks: large random files written by streaming (never
// whole in memory), a nested folder of many small files with Chinese names, and a
// streaming SHA-256 listing of a tree so two copies can be compared file by file.
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';

const CHUNK = 1024 * 1024;

/** Writes `bytes` random bytes to `file`, 1 MiB at a time with backpressure. */
export async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: CHUNK });
  const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  let left = bytes;
  while (left > 0) {
    // A fresh buffer per write: the stream may still hold the previous one.
    const chunk = randomFillSync(Buffer.allocUnsafe(Math.min(CHUNK, left)));
    left -= chunk.length;
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([once(out, 'close'), failed]);
}

/** SHA-256 (hex) of a file, read as a stream. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, {
    highWaterMark: CHUNK,
  }) as AsyncIterable<Buffer>)
    hash.update(chunk);
  return hash.digest('hex');
}

// Words for names: Chinese, mixed, with spaces and dots, as people name things.
const DIR_WORDS = ['项目资料', '设计稿', '会议纪要', 'Reports 2026', '财务', '测试 数据', '归档'];
const FILE_WORDS = ['说明', '报告', '截图', 'notes', '预算表', '合同草稿', 'data', '日志'];
const EXTENSIONS = ['.txt', '.md', '.csv', '.bin', '', '.tar.gz', '.文档'];

export interface SmallTreeOptions {
  files: number;
  /** Nesting below the root (the root's children are depth 1). */
  depth: number;
  /** Largest file in bytes (sizes are spread from 0 to this). */
  maxBytes: number;
  /** Deterministic content and layout from this seed. */
  seed?: number;
}

/** A small linear-congruential generator: the same seed gives the same tree. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Makes `opts.files` files under `root` spread over nested folders `opts.depth` deep,
 * one in ten empty, names mostly Chinese, plus one empty folder. Returns the file count.
 */
export async function writeSmallTree(root: string, opts: SmallTreeOptions): Promise<number> {
  const random = seeded(opts.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  // Folders: a few per level, each one's path built from its parent.
  const folders: string[] = [root];
  let level = [root];
  for (let d = 1; d <= opts.depth; d += 1) {
    const next: string[] = [];
    for (const [i, parent] of level.entries()) {
      const children = d === 1 ? 4 : 2;
      for (let c = 0; c < children; c += 1)
        next.push(path.join(parent, `${pick(DIR_WORDS)} ${i}-${c}`));
    }
    folders.push(...next);
    level = next;
  }
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await mkdir(path.join(root, '空文件夹'), { recursive: true });
  for (let n = 0; n < opts.files; n += 1) {
    const folder = folders[n % folders.length] as string;
    const name = `${pick(FILE_WORDS)}-${String(n).padStart(4, '0')}${pick(EXTENSIONS)}`;
    const size = n % 10 === 0 ? 0 : Math.floor(random() * opts.maxBytes) + 1;
    const content = Buffer.allocUnsafe(size);
    for (let i = 0; i < size; i += 1) content[i] = Math.floor(random() * 256);
    await writeFile(path.join(folder, name), content);
  }
  return opts.files;
}

/** One entry of a tree listing, relative to the tree's root with '/' separators. */
export interface TreeEntry {
  path: string;
  kind: 'file' | 'directory';
  size: number;
  /** Files only. */
  sha256?: string;
}

/** Every file and folder below `root`, sorted by path, files with their SHA-256. */
export async function listTree(root: string, withHashes = true): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const dirent of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, dirent.name);
      const relPath = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) {
        entries.push({ path: relPath, kind: 'directory', size: 0 });
        await walk(full, relPath);
      } else {
        const { size } = await stat(full);
        entries.push({
          path: relPath,
          kind: 'file',
          size,
          ...(withHashes ? { sha256: await sha256File(full) } : {}),
        });
      }
    }
  };
  await walk(root, '');
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
