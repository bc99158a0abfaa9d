import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Staging } from '../../../src-main/headless/upload';
import { request, startStagingServer, TOKEN, type StagingServer } from './staging-server';

const BATCH = 'batch-0001';

let dataDir: string;
let staging: Staging;
let port: number;
let server: StagingServer;

beforeEach(async () => {
  server = await startStagingServer('pigeon-upload-');
  ({ dataDir, staging, port } = server);
});

afterEach(() => server.close());

interface Reply {
  status: number;
  body: { path?: string; item?: string; error?: string };
}

/** POST /upload with the given query; `write` streams the body (default: `body` at once). */
async function upload(
  query: Record<string, string>,
  body: Buffer | ((req: http.ClientRequest) => Promise<void>) = Buffer.from('hello'),
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<Reply> {
  const search = new URLSearchParams({ token: TOKEN, batch: BATCH, ...query });
  const { status, text } = await request(
    port,
    {
      method,
      path: `/upload?${search.toString()}`,
      // As the page's fetch sends it; a test replaces it, or removes it with ''.
      headers: withoutEmpty({ Origin: `http://127.0.0.1:${port}`, ...headers }),
    },
    body,
  );
  return { status, body: text ? JSON.parse(text) : {} };
}

function withoutEmpty(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));
}

/** Every file under a folder, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('staging uploads in headless mode', () => {
  it('streams a multi-MB body to disk as it arrives, and answers its staged path', async () => {
    const data = randomBytes(12 * 1024 * 1024);
    const half = 6 * 1024 * 1024;
    const target = path.join(staging.dir, BATCH, 'big.bin');
    let sizeWhileOpen = 0;
    const reply = await upload({ name: 'big.bin' }, async (req) => {
      req.write(data.subarray(0, half));
      // The request is still open: the first half must already be on disk.
      for (let i = 0; i < 200 && sizeWhileOpen < half; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        sizeWhileOpen = (await stat(target).catch(() => undefined))?.size ?? 0;
      }
      req.write(data.subarray(half));
    });
    expect(sizeWhileOpen).toBe(half);
    expect(reply).toEqual({ status: 200, body: { path: target, item: target } });
    expect(sha(await readFile(target))).toBe(sha(data));
  });

  it('appends chunks only where the file ends', async () => {
    const first = randomBytes(3000);
    const second = randomBytes(2000);
    expect((await upload({ name: 'a.bin' }, first)).status).toBe(200);
    // A chunk that does not continue the file (lost or repeated) is refused.
    expect((await upload({ name: 'a.bin', offset: '10' }, second)).status).toBe(409);
    expect((await upload({ name: 'a.bin', offset: '3000' }, second)).status).toBe(200);
    const staged = await readFile(path.join(staging.dir, BATCH, 'a.bin'));
    expect(sha(staged)).toBe(sha(Buffer.concat([first, second])));
    // Starting the same file again never overwrites it.
    expect((await upload({ name: 'a.bin' }, Buffer.from('x'))).status).toBe(409);
    expect((await readFile(path.join(staging.dir, BATCH, 'a.bin'))).length).toBe(5000);
  });

  it('refuses a wrong or missing token, another origin and other methods', async () => {
    const refused = [
      await upload({ token: 'wrong-token-for-uploads' }),
      await upload({ token: '' }),
      await upload({}, Buffer.from('x'), { Origin: 'http://evil.example' }),
      await upload({}, Buffer.from('x'), { Origin: `http://127.0.0.1:${port + 1}` }),
    ];
    expect(refused.map((reply) => reply.status)).toEqual([403, 403, 403, 403]);
    expect((await upload({}, Buffer.alloc(0), {}, 'GET')).status).toBe(405);
    expect(await filesUnder(dataDir)).toEqual([]);
    // The page served by this server may.
    const own = await upload({ name: 'ok.txt' }, Buffer.from('x'), {
      Origin: `http://127.0.0.1:${port}`,
    });
    expect(own.status).toBe(200);
  });

  it('refuses a bad batch id or no name', async () => {
    expect((await upload({ batch: '../x' })).status).toBe(400);
    expect((await upload({ batch: 'short' })).status).toBe(400);
    expect((await upload({})).status).toBe(400);
    expect(await filesUnder(dataDir)).toEqual([]);
  });

  it('keeps hostile names inside the staging folder', async () => {
    const hostile: Record<string, string>[] = [
      { name: '../../evil.txt' },
      { name: '..\\..\\evil.txt' },
      { relative: 'photos/../../../evil.txt' },
      { relative: '../outside/x.txt' },
      { name: '..' },
    ];
    for (const query of hostile) expect((await upload(query)).status).toBe(400);
    const renamed = [
      { name: '/etc/passwd' },
      { name: 'C:\\Windows\\system.ini' },
      { name: 'CON' },
      { name: 'a\u202egpj.exe' },
      { name: 'what?.txt' },
    ];
    for (const query of renamed) expect((await upload(query)).status).toBe(200);
    expect(await filesUnder(dataDir)).toEqual(
      ['_CON', 'a_gpj.exe', 'passwd', 'system.ini', 'what_.txt'].map((name) =>
        path.join('staging', BATCH, name),
      ),
    );
  });

  it("keeps a folder's relative paths, so a picked folder stays one folder", async () => {
    const a = await upload({ relative: '照片/2024/a.jpg' }, Buffer.from('a'));
    const b = await upload({ relative: '照片/b.jpg' }, Buffer.from('bb'));
    const folder = path.join(staging.dir, BATCH, '照片');
    expect(a.body).toEqual({ path: path.join(folder, '2024', 'a.jpg'), item: folder });
    expect(b.body).toEqual({ path: path.join(folder, 'b.jpg'), item: folder });
    expect(await filesUnder(folder)).toEqual([path.join('2024', 'a.jpg'), 'b.jpg']);
    // A file cannot take the place of that folder.
    expect((await upload({ name: '照片' }, Buffer.from('x'))).status).toBe(409);
  });

  it('makes the empty folders of a picked folder, which carry no file', async () => {
    const made = await upload({ relative: '照片/空的/更空', folder: '1' }, Buffer.alloc(0));
    const folder = path.join(staging.dir, BATCH, '照片');
    expect(made).toEqual({
      status: 200,
      body: { path: path.join(folder, '空的', '更空'), item: folder },
    });
    expect((await stat(path.join(folder, '空的', '更空'))).isDirectory()).toBe(true);
    expect(await readdir(path.join(folder, '空的', '更空'))).toEqual([]);
    // Again is fine; a lone name, a resumed offset or a file in the way are not.
    expect((await upload({ relative: '照片/空的/更空', folder: '1' })).status).toBe(200);
    expect((await upload({ name: '空的', folder: '1' })).status).toBe(400);
    expect((await upload({ relative: '照片/x', folder: '1', offset: '5' })).status).toBe(400);
    await upload({ relative: '照片/file.txt' }, Buffer.from('x'));
    expect((await upload({ relative: '照片/file.txt', folder: '1' })).status).toBe(409);
    expect((await upload({ relative: '../../etc', folder: '1' })).status).toBe(400);
  });

  it('leaves other paths to the static files, and clears everything staged', async () => {
    const other = await new Promise<number>((resolve) =>
      http.get({ host: '127.0.0.1', port, path: '/index.html' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }),
    );
    expect(other).toBe(404);
    await upload({ relative: 'dir/x.txt' });
    expect(await filesUnder(staging.dir)).toHaveLength(1);
    await staging.clear();
    await expect(stat(staging.dir)).rejects.toThrow();
  });
});
