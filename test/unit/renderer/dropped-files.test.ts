import { describe, expect, it } from 'vitest';
import { pickedFromDrop } from '../../../src-renderer/bridge/dropped-files';
import { createUploadingFiles } from '../../../src-renderer/bridge/file-staging';

// Just enough of the browser's FileSystemEntry tree for pickedFromDrop to walk.
type Tree = { [name: string]: string | Tree };

function entryOf(name: string, node: string | Tree, parent: string): FileSystemEntry {
  const fullPath = `${parent}/${name}`;
  if (typeof node === 'string') {
    return {
      name,
      fullPath,
      isFile: true,
      isDirectory: false,
      file: (resolve: (file: File) => void) => resolve(new File([node], name)),
    } as unknown as FileSystemEntry;
  }
  const children = Object.entries(node).map(([child, sub]) => entryOf(child, sub, fullPath));
  return {
    name,
    fullPath,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      // Answers in slices of two, then nothing, as browsers answer in slices.
      let at = 0;
      return {
        readEntries: (resolve: (entries: FileSystemEntry[]) => void) => {
          resolve(children.slice(at, at + 2));
          at += 2;
        },
      };
    },
  } as unknown as FileSystemEntry;
}

function dropOf(items: Record<string, string | Tree>): DataTransfer {
  const list = Object.entries(items).map(([name, node]) => ({
    kind: 'file',
    webkitGetAsEntry: () => entryOf(name, node, ''),
    getAsFile: () => (typeof node === 'string' ? new File([node], name) : null),
  }));
  return { items: list, files: [], types: ['Files'] } as unknown as DataTransfer;
}

describe('a dropped folder, read for upload', () => {
  it('lists every file with its path, and each empty folder so it is not lost', async () => {
    const drop = dropOf({
      项目: { 'a.txt': 'a', 空: {}, 子: { 'b.txt': 'bb', 也空: {}, 'c.txt': 'c' } },
      'alone.txt': 'x',
    });
    const picked = await pickedFromDrop(drop, true);
    expect(picked.map((p) => [p.relativePath, p.emptyFolder ? 'folder' : p.file.size])).toEqual([
      ['项目/a.txt', 1],
      ['项目/空', 'folder'],
      ['项目/子/b.txt', 2],
      ['项目/子/也空', 'folder'],
      ['项目/子/c.txt', 1],
      ['', 1],
    ]);
    // A folder dropped empty is still one item.
    const lone = await pickedFromDrop(dropOf({ 空文件夹: {} }), true);
    expect(lone).toMatchObject([{ relativePath: '空文件夹', emptyFolder: true }]);
  });

  it('stages an empty folder with one bodiless request marked folder=1', async () => {
    const calls: URLSearchParams[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const query = new URL(String(input)).searchParams;
      calls.push(query);
      expect((init?.body as Blob).size).toBe(0);
      const top = (query.get('relative') ?? '').split('/')[0];
      const item = `/staging/${query.get('batch')}/${top}`;
      return new Response(JSON.stringify({ path: item, item }), { status: 200 });
    };
    const uploads = createUploadingFiles({ origin: 'http://127.0.0.1:9', token: 't', fetch });
    const picked = await pickedFromDrop(dropOf({ 项目: { 空: {}, 也空: {} } }), true);
    const paths = await uploads.pathsFor(picked);
    expect(calls.map((q) => [q.get('relative'), q.get('folder'), q.get('offset')])).toEqual([
      ['项目/空', '1', '0'],
      ['项目/也空', '1', '0'],
    ]);
    expect(paths).toEqual([`/staging/${calls[0]?.get('batch')}/项目`]);
  });
});
