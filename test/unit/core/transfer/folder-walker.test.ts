// The folder walker produces the stream the parser reads back, without following links.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirStreamParser, type DirStreamEvent } from '../../../../src-main/core/ipmsg';
import {
  walkFolder,
  type FolderWalkOptions,
} from '../../../../src-main/core/transfer/outgoing/folder-walker';

let root: string;
let outside: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pigeon-walk-'));
  outside = join(root, 'secret.txt');
  await writeFile(outside, 'not offered');
  const top = join(root, 'docs');
  await mkdir(join(top, 'sub', 'deeper'), { recursive: true });
  await mkdir(join(top, 'emptydir'));
  await writeFile(join(top, 'a.txt'), 'hello');
  await writeFile(join(top, 'empty.txt'), '');
  await writeFile(join(top, 'sub', 'b:c.bin'), Buffer.alloc(70_000, 7));
  await writeFile(join(top, 'sub', 'deeper', 'd.txt'), 'deep');
  await symlink(outside, join(top, 'link.txt'));
  await symlink(join(top, 'sub'), join(top, 'linkdir'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs the walker as the server does: headers, then each file's bytes read from disk. */
async function streamOf(opts: FolderWalkOptions): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const piece of walkFolder(join(root, 'docs'), opts)) {
    if (piece.type === 'header') parts.push(piece.bytes);
    else parts.push((await readFile(piece.path)).subarray(0, piece.size));
  }
  return Buffer.concat(parts);
}

/** Paths and contents as the parser sees them. */
function tree(stream: Buffer): Map<string, string> {
  const parser = new DirStreamParser({ utf8Flag: true, legacy: 'gb18030' });
  const events: DirStreamEvent[] = [...parser.push(stream), ...parser.finish()];
  const out = new Map<string, string>();
  const stack: string[] = [];
  let file: string | undefined;
  let data: Buffer[] = [];
  for (const e of events) {
    if (e.type === 'error') throw new Error(e.reason);
    if (e.type === 'entry') {
      if (e.entry.kind === 'directory') {
        stack.push(e.entry.name);
        out.set(`${stack.join('/')}/`, '');
      } else if (e.entry.kind === 'parent') stack.pop();
      else file = [...stack, e.entry.name].join('/');
    } else if (e.type === 'data') data.push(e.bytes);
    else if (e.type === 'file-end' && file) {
      out.set(file, Buffer.concat(data).toString('latin1'));
      data = [];
      file = undefined;
    }
  }
  expect(parser.done).toBe(true);
  return out;
}

describe('walkFolder', () => {
  it('streams the whole tree, empty files and folders included, and nothing else', async () => {
    const got = tree(await streamOf({ encoding: 'utf8', escapeColons: true }));
    expect([...got.keys()].sort()).toEqual(
      [
        'docs/',
        'docs/a.txt',
        'docs/empty.txt',
        'docs/emptydir/',
        'docs/sub/',
        'docs/sub/b:c.bin',
        'docs/sub/deeper/',
        'docs/sub/deeper/d.txt',
      ].sort(),
    );
    expect(got.get('docs/a.txt')).toBe('hello');
    expect(got.get('docs/empty.txt')).toBe('');
    expect(got.get('docs/sub/b:c.bin')).toBe('\x07'.repeat(70_000));
    expect([...got.values()].join('')).not.toContain('not offered');
  });

  it("replaces ':' toward peers that cannot read '::'", async () => {
    const got = tree(await streamOf({ encoding: 'utf8', escapeColons: false }));
    expect(got.has('docs/sub/b;c.bin')).toBe(true);
  });

  it('leaves out folders deeper than the limit', async () => {
    const got = tree(await streamOf({ encoding: 'utf8', escapeColons: true, maxDepth: 2 }));
    expect(got.has('docs/sub/')).toBe(true);
    expect(got.has('docs/sub/deeper/')).toBe(false);
  });

  it('refuses a file as the root', async () => {
    const walk = walkFolder(outside, { encoding: 'utf8', escapeColons: true });
    await expect(walk.next()).rejects.toThrow(/not a folder/);
  });
});
