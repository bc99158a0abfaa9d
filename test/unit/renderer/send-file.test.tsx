// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PigeonFilesApi } from '../../../src-shared/contract/local-files';
import { createUploadingFiles } from '../../../src-renderer/bridge/file-staging';
import { withFakeLayout } from './support/fake-layout';
import { fakeTransfer } from './support/fake-api';
import { offerMessage, renderTransferWindow } from './support/transfer-window';

withFakeLayout();
afterEach(() => {
  vi.restoreAllMocks();
});

/** A File as a picker gives it; `relative` as a folder picker fills webkitRelativePath. */
function pickedFile(name: string, content: string, type = '', relative = ''): File {
  const file = new File([content], name, { type });
  if (relative) Object.defineProperty(file, 'webkitRelativePath', { value: relative });
  return file;
}

/** Electron's preload: each file's path from a table. */
function preloadPaths(paths: Map<File, string>): PigeonFilesApi {
  return { pathFor: (file) => paths.get(file) ?? '' };
}

const fileInput = () => screen.getByTestId('file-input') as HTMLInputElement;
const folderInput = () => screen.getByTestId('folder-input') as HTMLInputElement;

describe('sending files under Electron', () => {
  it('Send file opens the picker and offers the picked files by their paths', async () => {
    const a = pickedFile('a.txt', 'aaa');
    const b = pickedFile('设计稿.psd', 'bbbb');
    const pigeonFiles = preloadPaths(
      new Map([
        [a, '/home/ming/a.txt'],
        [b, '/home/ming/设计稿.psd'],
      ]),
    );
    const { fake, log } = await renderTransferWindow({ pigeonFiles });
    const user = userEvent.setup();
    const opened = vi.spyOn(fileInput(), 'click');
    await user.click(screen.getByRole('button', { name: 'Send file' }));
    expect(opened).toHaveBeenCalled();

    await user.upload(fileInput(), [a, b]);
    expect(fake.api.offerFiles).toHaveBeenCalledWith({
      conversationId: 'alice@lan-pc',
      paths: ['/home/ming/a.txt', '/home/ming/设计稿.psd'],
    });
    // The message that carries it arrives as an event; its card shows at once.
    const offered = await fake.api.offerFiles.mock.results[0]?.value;
    act(() => fake.emit([{ type: 'message', message: offerMessage(offered) }]));
    const card = await within(log).findByRole('region', { name: 'Files to Alice' });
    expect(within(card).getByText('设计稿.psd')).toBeTruthy();
    expect(within(card).getByText('Waiting for Alice to accept')).toBeTruthy();
  });

  it('offers a picked folder as the folder itself', async () => {
    const one = pickedFile('a.jpg', '1', 'image/jpeg', 'photos/a.jpg');
    const two = pickedFile('b.jpg', '2', 'image/jpeg', 'photos/2024/b.jpg');
    const pigeonFiles = preloadPaths(
      new Map([
        [one, '/home/ming/photos/a.jpg'],
        [two, '/home/ming/photos/2024/b.jpg'],
      ]),
    );
    const { fake } = await renderTransferWindow({ pigeonFiles, language: 'zh-CN' });
    const user = userEvent.setup();
    // A folder picker: the browser's own, asked for with webkitdirectory.
    expect(folderInput().hasAttribute('webkitdirectory')).toBe(true);
    const opened = vi.spyOn(folderInput(), 'click');
    await user.click(screen.getByRole('button', { name: '发送文件夹' }));
    expect(opened).toHaveBeenCalled();
    await user.upload(folderInput(), [one, two]);
    expect(fake.api.offerFiles).toHaveBeenCalledWith({
      conversationId: 'alice@lan-pc',
      paths: ['/home/ming/photos'],
    });
  });

  it('says the files are being prepared while main takes a moment over a big one', async () => {
    const big = pickedFile('disk.img', 'x');
    const pigeonFiles = preloadPaths(new Map([[big, '/home/ming/disk.img']]));
    const { fake } = await renderTransferWindow({ pigeonFiles });
    // Main is reading the file's SHA-256: the offer answers only when released.
    let release: () => void = () => undefined;
    const answer = fake.api.offerFiles.getMockImplementation()!;
    fake.api.offerFiles.mockImplementationOnce(
      (request) => new Promise((resolve) => (release = () => resolve(answer(request)))),
    );
    await userEvent.upload(fileInput(), [big]);
    expect(screen.queryByRole('progressbar', { name: 'Preparing the files' })).toBeNull();
    await screen.findByRole('progressbar', { name: 'Preparing the files' }, { timeout: 2000 });
    await act(async () => release());
    await vi.waitFor(() =>
      expect(screen.queryByRole('progressbar', { name: 'Preparing the files' })).toBeNull(),
    );
  });

  it('offers files dropped anywhere on the chat window', async () => {
    const report = pickedFile('report.pdf', 'pdf');
    const pigeonFiles = preloadPaths(new Map([[report, 'C:\\Users\\ming\\report.pdf']]));
    const { fake, log } = await renderTransferWindow({ pigeonFiles });
    const dataTransfer = { files: [report], types: ['Files'], items: [], dropEffect: 'none' };
    fireEvent.dragEnter(log, { dataTransfer });
    expect(screen.getByText('Drop to send to Alice')).toBeTruthy();
    fireEvent.dragOver(log, { dataTransfer });
    fireEvent.drop(log, { dataTransfer });
    expect(screen.queryByText('Drop to send to Alice')).toBeNull();
    await vi.waitFor(() =>
      expect(fake.api.offerFiles).toHaveBeenCalledWith({
        conversationId: 'alice@lan-pc',
        paths: ['C:\\Users\\ming\\report.pdf'],
      }),
    );
  });

  it('offers a picture pasted or dropped into the composer as an image', async () => {
    const shot = pickedFile('image.png', 'png', 'image/png');
    const pigeonFiles = preloadPaths(new Map([[shot, '/tmp/shot.png']]));
    const { fake } = await renderTransferWindow({ pigeonFiles });
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.paste(box, { clipboardData: { files: [shot], types: ['Files'] } });
    await vi.waitFor(() =>
      expect(fake.api.offerFiles).toHaveBeenCalledWith({
        conversationId: 'alice@lan-pc',
        paths: ['/tmp/shot.png'],
        image: true,
      }),
    );
    // Dragged in over the window (its overlay shows), dropped on the composer.
    const dataTransfer = { files: [shot], types: ['Files'], items: [] };
    fireEvent.dragEnter(box, { dataTransfer });
    expect(screen.getByText('Drop to send to Alice')).toBeTruthy();
    fireEvent.drop(box, { dataTransfer });
    await vi.waitFor(() => expect(fake.api.offerFiles).toHaveBeenCalledTimes(2));
    expect(fake.api.offerFiles.mock.calls[1]?.[0]).toMatchObject({ image: true });
    // Offered once, as a picture, and the overlay is gone.
    expect(screen.queryByText('Drop to send to Alice')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.api.offerFiles).toHaveBeenCalledTimes(2);
  });

  it('has main save a pasted picture that has no path, then offers it as an image', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7]);
    const pasted = new File([png], 'image.png', { type: 'image/png' });
    const { fake } = await renderTransferWindow({ pigeonFiles: preloadPaths(new Map()) });
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.paste(box, { clipboardData: { files: [pasted], types: ['Files'] } });
    await vi.waitFor(() =>
      expect(fake.api.offerFiles).toHaveBeenCalledWith({
        conversationId: 'alice@lan-pc',
        paths: ['/tmp/Pigeon/pasted/image.png'],
        image: true,
      }),
    );
    expect(fake.api.stagePicture).toHaveBeenCalledTimes(1);
    const request = fake.api.stagePicture.mock.calls[0]?.[0];
    expect(request).toMatchObject({ name: 'image.png', mimeType: 'image/png' });
    expect(Array.from(atob(request?.base64 ?? ''), (char) => char.charCodeAt(0))).toEqual(
      Array.from(png),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('gives a pasted picture a plain name and says so when main refuses it', async () => {
    const pasted = new File(['GIF89a'], '../截图\u0007.gif', { type: 'image/gif' });
    const { fake } = await renderTransferWindow({
      pigeonFiles: preloadPaths(new Map()),
      language: 'zh-CN',
      prepare: (api) =>
        api.api.stagePicture.mockRejectedValueOnce({
          name: 'ContractError',
          code: 'invalid-request',
          message: 'That is not a image/gif picture.',
        }),
    });
    const box = screen.getByRole('textbox', { name: '消息' });
    fireEvent.paste(box, { clipboardData: { files: [pasted], types: ['Files'] } });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'That is not a image/gif picture.',
    );
    expect(fake.api.stagePicture.mock.calls[0]?.[0]).toMatchObject({
      name: '.._截图_.gif',
      mimeType: 'image/gif',
    });
    expect(fake.api.offerFiles).not.toHaveBeenCalled();
  });

  it('does not stage a pathless file that is not a picture main can check', async () => {
    const svg = new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' });
    const { fake } = await renderTransferWindow({ pigeonFiles: preloadPaths(new Map()) });
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.paste(box, { clipboardData: { files: [svg], types: ['Files'] } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not send the files: Pigeon cannot tell where “logo.svg” is.',
    );
    expect(fake.api.stagePicture).not.toHaveBeenCalled();
    expect(fake.api.offerFiles).not.toHaveBeenCalled();
  });

  it('leaves pasted text alone', async () => {
    const { fake } = await renderTransferWindow({ pigeonFiles: preloadPaths(new Map()) });
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.paste(box, { clipboardData: { files: [], types: ['text/plain'] } });
    expect(fake.api.offerFiles).not.toHaveBeenCalled();
  });

  it('says so when a file has no path', async () => {
    const { fake } = await renderTransferWindow({ pigeonFiles: preloadPaths(new Map()) });
    await userEvent.upload(fileInput(), [pickedFile('ghost.txt', 'x')]);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not send the files: Pigeon cannot tell where “ghost.txt” is.',
    );
    expect(fake.api.offerFiles).not.toHaveBeenCalled();
  });
});

describe('sending files from the headless page', () => {
  function deferred<T>() {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
  }

  /** The headless server's /upload, as fetch sees it: staged under /data/staging/<batch>. */
  function fakeUploadServer(hold?: Promise<void>) {
    const calls: { url: URL; body: string }[] = [];
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      const body = await (init?.body as Blob).text();
      calls.push({ url, body });
      if (calls.length === 1 && hold) await hold;
      const relative = url.searchParams.get('relative') ?? url.searchParams.get('name') ?? '';
      const batchDir = `/data/staging/${url.searchParams.get('batch')}`;
      const top = relative.split('/')[0];
      return new Response(
        JSON.stringify({ path: `${batchDir}/${relative}`, item: `${batchDir}/${top}` }),
        {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        },
      );
    });
    return { fetch, calls };
  }

  it('uploads in chunks with the token, shows Preparing… with progress, then offers the staged paths', async () => {
    const hold = deferred<void>();
    const server = fakeUploadServer(hold.promise);
    const localFiles = createUploadingFiles({
      origin: 'http://127.0.0.1:5000',
      token: 'tok',
      fetch: server.fetch,
      chunkBytes: 4,
    });
    const { fake } = await renderTransferWindow({ localFiles });
    const big = pickedFile('notes.txt', '0123456789');
    await userEvent.upload(fileInput(), [big]);

    // The first chunk is on its way: the composer says so.
    const bar = await screen.findByRole('progressbar', { name: 'Preparing the files' });
    expect(bar.getAttribute('aria-valuemax')).toBe('10');
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(fake.api.offerFiles).not.toHaveBeenCalled();
    await act(async () => hold.resolve());

    await vi.waitFor(() => expect(fake.api.offerFiles).toHaveBeenCalled());
    expect(
      server.calls.map(({ url, body }) => [url.pathname, url.searchParams.get('offset'), body]),
    ).toEqual([
      ['/upload', '0', '0123'],
      ['/upload', '4', '4567'],
      ['/upload', '8', '89'],
    ]);
    const query = server.calls[0]!.url.searchParams;
    expect(query.get('token')).toBe('tok');
    expect(query.get('name')).toBe('notes.txt');
    expect(server.fetch.mock.calls[0]?.[1]?.method).toBe('POST');
    const batch = query.get('batch');
    expect(fake.api.offerFiles).toHaveBeenCalledWith({
      conversationId: 'alice@lan-pc',
      paths: [`/data/staging/${batch}/notes.txt`],
    });
    expect(screen.queryByRole('progressbar', { name: 'Preparing the files' })).toBeNull();
  });

  it('uploads a picked folder with its relative paths and offers the one staged folder', async () => {
    const server = fakeUploadServer();
    const localFiles = createUploadingFiles({
      origin: 'http://127.0.0.1:5000',
      token: 'tok',
      fetch: server.fetch,
    });
    const { fake } = await renderTransferWindow({ localFiles });
    const files = [
      pickedFile('a.jpg', 'a', 'image/jpeg', '相册/a.jpg'),
      pickedFile('b.jpg', 'b', 'image/jpeg', '相册/2024/b.jpg'),
    ];
    await userEvent.upload(folderInput(), files);
    await vi.waitFor(() => expect(fake.api.offerFiles).toHaveBeenCalled());
    expect(server.calls.map(({ url }) => url.searchParams.get('relative'))).toEqual([
      '相册/a.jpg',
      '相册/2024/b.jpg',
    ]);
    const batches = new Set(server.calls.map(({ url }) => url.searchParams.get('batch')));
    expect(batches.size).toBe(1);
    expect(fake.api.offerFiles).toHaveBeenCalledWith({
      conversationId: 'alice@lan-pc',
      paths: [`/data/staging/${[...batches][0]}/相册`],
    });
  });

  it('says why an upload was refused and offers nothing', async () => {
    const fetch = vi.fn(
      async () => new Response(JSON.stringify({ error: 'Forbidden.' }), { status: 403 }),
    );
    const localFiles = createUploadingFiles({ origin: 'http://127.0.0.1:5000', token: 't', fetch });
    const { fake } = await renderTransferWindow({ localFiles, language: 'zh-CN' });
    await userEvent.upload(fileInput(), [pickedFile('x.txt', 'x')]);
    expect((await screen.findByRole('alert')).textContent).toBe(
      '无法发送文件：Could not prepare “x.txt”: Forbidden.',
    );
    expect(fake.api.offerFiles).not.toHaveBeenCalled();
  });
});

describe('a chat with files already in it', () => {
  it('shows the card of a listed transfer without waiting for an event', async () => {
    const transfer = fakeTransfer({ direction: 'out', state: 'done', bytesDone: 2_400_000 });
    const { log } = await renderTransferWindow({
      messages: [offerMessage(transfer, 'the report')],
      transfers: [transfer],
    });
    const card = await within(log).findByRole('region', { name: 'Files to Alice' });
    expect(within(card).getByText('Sent')).toBeTruthy();
    expect(within(log).getByText('the report')).toBeTruthy();
  });
});
