import { readFile } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A full disk, on demand: the staged file's stream fails as a write on a full disk does.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    createWriteStream: ((...args: Parameters<typeof real.createWriteStream>) =>
      disk.full
        ? new Writable({
            write: (_chunk, _encoding, done) =>
              done(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
          })
        : real.createWriteStream(...args)) as typeof real.createWriteStream,
  };
});

const { startStagingServer, request, TOKEN } = await import('./staging-server');

const KIB = 1024;
let dataDir: string;
let port: number;
let server: Awaited<ReturnType<typeof startStagingServer>>;

beforeEach(async () => {
  disk.full = false;
  server = await startStagingServer('pigeon-upload-limits-', {
    maxChunkBytes: 64 * KIB,
    maxFileBytes: 100 * KIB,
  });
  ({ dataDir, port } = server);
});

afterEach(() => server.close());

interface Reply {
  status: number;
  error?: string;
}

/** POST /upload as the page does (its Host and Origin), with `headers` replacing them. */
async function upload(
  query: Record<string, string>,
  body: Buffer | ((req: http.ClientRequest) => Promise<void>),
  headers: Record<string, string | undefined> = {},
): Promise<Reply> {
  const search = new URLSearchParams({
    token: TOKEN,
    batch: 'batch-0001',
    name: 'a.bin',
    ...query,
  });
  const all = { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}`, ...headers };
  const { status, text } = await request(
    port,
    {
      method: 'POST',
      path: `/upload?${search.toString()}`,
      headers: Object.fromEntries(
        Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
    },
    body,
  );
  return { status, error: text ? JSON.parse(text).error : undefined };
}

const staged = () => readFile(path.join(dataDir, 'staging', 'batch-0001', 'a.bin'));

describe('upload guards and limits', () => {
  it('answers only requests for 127.0.0.1 or localhost on its own port, with an Origin', async () => {
    const x = Buffer.from('x');
    expect((await upload({}, x, { Host: `evil.example:${port}` })).status).toBe(421);
    expect((await upload({}, x, { Host: `127.0.0.1:${port + 1}` })).status).toBe(421);
    expect((await upload({}, x, { Host: '127.0.0.1' })).status).toBe(421);
    const noOrigin = await upload({}, x, { Origin: undefined });
    expect(noOrigin).toMatchObject({ status: 403, error: expect.stringMatching(/Pigeon page/) });
    const local = `localhost:${port}`;
    expect((await upload({}, x, { Host: local, Origin: `http://${local}` })).status).toBe(200);
  });

  it('refuses a chunk over the cap, declared or streamed, and keeps the file as it was', async () => {
    const big = await upload({}, Buffer.alloc(64 * KIB + 1));
    expect(big).toMatchObject({ status: 413, error: expect.stringMatching(/at most 0?\d* ?MiB/) });
    expect((await upload({}, Buffer.alloc(10))).status).toBe(200);
    // No Content-Length: counted as it arrives.
    const streamed = await upload({ offset: '10' }, async (req) => {
      for (let i = 0; i < 80; i++) {
        if (!req.write(Buffer.alloc(KIB, 1)))
          await new Promise((resolve) => req.once('drain', resolve));
      }
    }).catch(() => ({ status: 413 }));
    expect(streamed.status).toBe(413);
    expect((await staged()).length).toBe(10);
  });

  it('refuses the chunk that would take a file past the file cap', async () => {
    expect((await upload({}, Buffer.alloc(60 * KIB))).status).toBe(200);
    const over = await upload({ offset: String(60 * KIB) }, Buffer.alloc(41 * KIB));
    expect(over).toMatchObject({ status: 413, error: expect.stringMatching(/MiB/) });
    expect((await upload({ offset: String(60 * KIB) }, Buffer.alloc(40 * KIB))).status).toBe(200);
    expect((await staged()).length).toBe(100 * KIB);
  });

  it('lets only one chunk at a time write to a file', async () => {
    expect((await upload({}, Buffer.from('0123456789'))).status).toBe(200);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = upload({ offset: '10' }, async (req) => {
      req.write(Buffer.from('first'));
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await upload({ offset: '10' }, Buffer.from('second'));
    expect(second).toMatchObject({ status: 409, error: expect.stringMatching(/still being/) });
    release();
    expect((await slow).status).toBe(200);
    expect((await staged()).toString()).toBe('0123456789first');
  });

  it('says the disk is full rather than something went wrong', async () => {
    disk.full = true;
    const full = await upload({}, Buffer.from('hello'));
    expect(full).toMatchObject({ status: 507, error: expect.stringMatching(/disk full/i) });
  });
});
