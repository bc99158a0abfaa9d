// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TransferDTO } from '../../../src-shared/contract';
import { withFakeLayout } from './support/fake-layout';
import { fakeTransfer } from './support/fake-api';
import { offerMessage, renderTransferWindow } from './support/transfer-window';

withFakeLayout();

/** Alice's chat with one message carrying `transfer`, loaded as the window opens. */
async function chatWithTransfer(transfer: TransferDTO, language: 'en' | 'zh-CN' = 'en') {
  const view = await renderTransferWindow({
    language,
    messages: [offerMessage(transfer)],
    transfers: [transfer],
  });
  const card = await within(view.log).findByRole('region');
  return { ...view, card, user: userEvent.setup() };
}

const push = (view: { fake: { emit(events: unknown[]): void } }, transfer: TransferDTO) =>
  act(() => view.fake.emit([{ type: 'transfer', transfer }]));

describe('an incoming offer', () => {
  it('lists the names and sizes, asked for when the chat opened', async () => {
    const transfer = fakeTransfer({
      items: [
        { name: '报告.pdf', size: 2_400_000, kind: 'file' },
        { name: 'photos', size: 0, kind: 'directory' },
      ],
    });
    const { fake, card } = await chatWithTransfer(transfer);
    expect(fake.api.listTransfers).toHaveBeenCalledWith({ conversationId: 'alice@lan-pc' });
    expect(card.getAttribute('aria-label')).toBe('Files from Alice');
    expect(within(card).getByText('报告.pdf')).toBeTruthy();
    expect(within(card).getByText('2.3 MB')).toBeTruthy();
    expect(within(card).getByText('Folder')).toBeTruthy();
    expect(within(card).getByText('2 files · 2.3 MB')).toBeTruthy();
    expect(within(card).queryByRole('progressbar')).toBeNull();
  });

  it('accepts into the download folder, then shows the progress', async () => {
    const { fake, card, user } = await chatWithTransfer(fakeTransfer());
    await user.click(within(card).getByRole('button', { name: 'Accept' }));
    expect(fake.api.acceptTransfer).toHaveBeenCalledWith({ transferId: 'transfer-1' });
    // The answer (active) replaces the offer: the buttons go, a progressbar comes.
    expect(await within(card).findByRole('progressbar')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Accept' })).toBeNull();
    expect(within(card).getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });

  it('declines', async () => {
    const { fake, card, user } = await chatWithTransfer(fakeTransfer());
    await user.click(within(card).getByRole('button', { name: 'Decline' }));
    expect(fake.api.declineTransfer).toHaveBeenCalledWith({ transferId: 'transfer-1' });
    expect(await within(card).findByText('Declined')).toBeTruthy();
    expect(within(card).queryByRole('button')).toBeNull();
  });

  it('saves into the folder the system dialog chose', async () => {
    const { fake, card, user } = await chatWithTransfer(fakeTransfer());
    await user.click(within(card).getByRole('button', { name: 'Save to…' }));
    expect(fake.api.chooseDirectory).toHaveBeenCalled();
    expect(fake.api.acceptTransfer).toHaveBeenCalledWith({
      transferId: 'transfer-1',
      directory: '/home/ming/Desktop',
    });
  });

  it('without a dialog (headless), lets the folder be typed, starting from the download folder', async () => {
    const { fake, card, user } = await chatWithTransfer(fakeTransfer());
    fake.api.chooseDirectory.mockResolvedValueOnce({});
    await user.click(within(card).getByRole('button', { name: 'Save to…' }));
    const field = (await within(card).findByRole('textbox', {
      name: 'Save in folder',
    })) as HTMLInputElement;
    expect(fake.api.getSettings).toHaveBeenCalled();
    expect(field.value).toBe('/home/ming/Downloads/Pigeon');
    expect(document.activeElement).toBe(field);
    expect(fake.api.acceptTransfer).not.toHaveBeenCalled();
    await user.clear(field);
    await user.type(field, '/srv/共享{Enter}');
    expect(fake.api.acceptTransfer).toHaveBeenCalledWith({
      transferId: 'transfer-1',
      directory: '/srv/共享',
    });
  });

  it('speaks Chinese: 接收, 另存为…, 拒绝', async () => {
    const { card } = await chatWithTransfer(fakeTransfer(), 'zh-CN');
    for (const name of ['接收', '另存为…', '拒绝']) {
      expect(within(card).getByRole('button', { name })).toBeTruthy();
    }
    expect(card.getAttribute('aria-label')).toBe('Alice 发来的文件');
  });
});

describe('a transfer on its way', () => {
  const active = fakeTransfer({ state: 'active', directory: '/home/ming/Downloads/Pigeon' });

  it('moves its progressbar with each progress event, with speed and time left', async () => {
    const view = await chatWithTransfer({ ...active, bytesDone: 0 });
    const bar = within(view.card).getByRole('progressbar', { name: 'Transfer progress' });
    expect(bar.getAttribute('aria-valuemax')).toBe('2400000');
    expect(bar.getAttribute('aria-valuenow')).toBe('0');

    push(view, { ...active, bytesDone: 600_000, bytesPerSecond: 1_200_000, secondsLeft: 1.5 });
    expect(bar.getAttribute('aria-valuenow')).toBe('600000');
    expect(bar.getAttribute('aria-valuetext')).toBe('586 KB of 2.3 MB · 1.1 MB/s · 2 s left');
    expect(within(view.card).getByText('586 KB of 2.3 MB · 1.1 MB/s · 2 s left')).toBeTruthy();

    push(view, { ...active, bytesDone: 1_800_000, bytesPerSecond: 1_200_000, secondsLeft: 125 });
    expect(bar.getAttribute('aria-valuenow')).toBe('1800000');
    expect(bar.getAttribute('aria-valuetext')).toContain('2 min 5 s left');
  });

  it('is indeterminate while the total is not known (a folder)', async () => {
    const folder = fakeTransfer({
      state: 'active',
      items: [{ name: 'photos', size: 0, kind: 'directory' }],
      totalBytes: 0,
      bytesDone: 5_000_000,
    });
    const { card } = await chatWithTransfer(folder, 'zh-CN');
    const bar = within(card).getByRole('progressbar', { name: '传输进度' });
    expect(bar.hasAttribute('aria-valuenow')).toBe(false);
    expect(bar.getAttribute('aria-valuetext')).toBe('已传 4.8 MB');
  });

  it('can be cancelled by either side', async () => {
    const outgoing = { ...active, direction: 'out' as const };
    const { fake, card, user } = await chatWithTransfer(outgoing);
    await user.click(within(card).getByRole('button', { name: 'Cancel' }));
    expect(fake.api.cancelTransfer).toHaveBeenCalledWith({ transferId: 'transfer-1' });
    expect(await within(card).findByText('Cancelled')).toBeTruthy();
  });

  it('lets an outgoing offer be withdrawn while the peer has not answered', async () => {
    const { fake, card, user } = await chatWithTransfer(
      fakeTransfer({ direction: 'out' }),
      'zh-CN',
    );
    expect(within(card).getByText('等待 Alice 接收')).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: '取消' }));
    expect(fake.api.cancelTransfer).toHaveBeenCalledWith({ transferId: 'transfer-1' });
  });

  it('ignores a late progress report after it ended', async () => {
    const view = await chatWithTransfer(active);
    push(view, { ...active, state: 'done', bytesDone: 2_400_000 });
    push(view, { ...active, bytesDone: 2_000_000 });
    expect(within(view.card).queryByRole('progressbar')).toBeNull();
    expect(within(view.card).getByText('Received')).toBeTruthy();
  });
});

describe('an ended transfer', () => {
  it('says why it failed and retries', async () => {
    const failed = fakeTransfer({
      state: 'failed',
      error: 'Alice went offline',
      retryable: true,
      bytesDone: 1_000_000,
    });
    const { fake, card, user } = await chatWithTransfer(failed);
    expect(within(card).getByText('Failed: Alice went offline')).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: 'Retry' }));
    expect(fake.api.retryTransfer).toHaveBeenCalledWith({ transferId: 'transfer-1' });
    expect(await within(card).findByRole('progressbar')).toBeTruthy();
  });

  it('offers no Retry when it cannot be retried', async () => {
    const { card } = await chatWithTransfer(
      fakeTransfer({ state: 'failed', error: 'Refused', retryable: false }),
    );
    expect(within(card).getByText('Failed: Refused')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows a finished one in its folder, or says where when no file manager opens', async () => {
    const done = fakeTransfer({ state: 'done', bytesDone: 2_400_000 });
    const { fake, card, user } = await chatWithTransfer(done, 'zh-CN');
    await user.click(within(card).getByRole('button', { name: '打开文件夹' }));
    expect(fake.api.showTransfer).toHaveBeenCalledWith({ transferId: 'transfer-1' });
    expect(within(card).queryByRole('status')).toBeNull();

    fake.api.showTransfer.mockResolvedValueOnce({ shown: false, path: '/data/下载/报告.pdf' });
    await user.click(within(card).getByRole('button', { name: '打开文件夹' }));
    expect((await within(card).findByRole('status')).textContent).toBe(
      '已保存在 /data/下载/报告.pdf',
    );
  });

  it('says why an action was refused', async () => {
    const { fake, card, user } = await chatWithTransfer(fakeTransfer());
    fake.api.acceptTransfer.mockRejectedValueOnce(new Error('The offer was withdrawn'));
    await user.click(within(card).getByRole('button', { name: 'Accept' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'That did not work: The offer was withdrawn',
    );
  });
});

describe('a picture', () => {
  const picture = fakeTransfer({
    direction: 'out',
    state: 'done',
    image: true,
    items: [{ name: 'screenshot.png', size: 42_000, kind: 'file' }],
  });

  it('shows a thumbnail that opens full size and closes with Escape', async () => {
    const { fake, card, user } = await chatWithTransfer(picture);
    const thumbnail = await within(card).findByRole('img', { name: 'screenshot.png' });
    expect(fake.api.getTransferImage).toHaveBeenCalledWith({ transferId: 'transfer-1' });
    expect(thumbnail.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');

    const open = within(card).getByRole('button', { name: 'screenshot.png' });
    await user.click(open);
    const viewer = screen.getByRole('dialog', { name: 'Picture: screenshot.png' });
    expect(within(viewer).getByRole('img', { name: 'screenshot.png' })).toBeTruthy();
    expect(document.activeElement).toBe(within(viewer).getByRole('button', { name: 'Close' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it('waits for an incoming picture to arrive before asking for it', async () => {
    const incoming = { ...picture, direction: 'in' as const, state: 'active' as const };
    const view = await chatWithTransfer(incoming);
    expect(view.fake.api.getTransferImage).not.toHaveBeenCalled();
    expect(within(view.card).getByText('screenshot.png')).toBeTruthy();
    push(view, { ...incoming, state: 'done', bytesDone: 42_000 });
    expect(await within(view.card).findByRole('img', { name: 'screenshot.png' })).toBeTruthy();
  });

  it('draws nothing from a reply that is not a picture', async () => {
    const { fake, card } = await renderTransferWindowWithImage(picture, {
      mimeType: 'image/svg+xml',
      base64: 'PHN2Zz4=',
    });
    expect(await within(card).findByText('The picture could not be shown.')).toBeTruthy();
    expect(within(card).queryByRole('img')).toBeNull();
    expect(fake.api.getTransferImage).toHaveBeenCalled();
  });
});

async function renderTransferWindowWithImage(
  transfer: TransferDTO,
  image: { mimeType: string; base64: string },
) {
  const view = await renderTransferWindow({
    messages: [offerMessage(transfer)],
    transfers: [transfer],
    prepare: (fake) => fake.api.getTransferImage.mockResolvedValue(image),
  });
  const card = await within(view.log).findByRole('region');
  return { ...view, card };
}

describe('an offer arriving while the chat is open', () => {
  it('is read out as files, not as an empty message', async () => {
    const view = await renderTransferWindow({ messages: [], transfers: [] });
    const transfer = fakeTransfer({ id: 't9', messageId: 'm9' });
    act(() =>
      view.fake.emit([
        { type: 'transfer', transfer },
        { type: 'message', message: offerMessage(transfer) },
      ]),
    );
    const card = await within(view.log).findByRole('region', { name: 'Files from Alice' });
    expect(within(card).getByRole('button', { name: 'Accept' })).toBeTruthy();
    expect(screen.getByText('Alice wants to send you files')).toBeTruthy();
  });
});
