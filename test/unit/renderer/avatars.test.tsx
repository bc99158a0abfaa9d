// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../../src-shared/contract';
import { peer, self, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

// jsdom draws no canvas: a PNG chosen comes back as this square; anything else goes
// through the real check.
const SQUARE = 'iVBORw0KGgoSQUARE=';
vi.mock('../../../src-renderer/format/square-avatar', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src-renderer/format/square-avatar')>();
  return {
    ...real,
    squareAvatarPng: (file: Blob) =>
      file.type === 'image/png' ? Promise.resolve(SQUARE) : real.squareAvatarPng(file),
  };
});

afterEach(cleanup);

async function openProfile(language: Language = 'en') {
  const view = await renderWindow({ snapshot: snapshot({ self: { ...self, language } }) });
  const user = userEvent.setup({ applyAccept: false });
  await user.click(
    await screen.findByRole('button', { name: language === 'en' ? 'Settings' : '设置' }),
  );
  const dialog = await screen.findByRole('dialog', {
    name: language === 'en' ? 'Settings' : '设置',
  });
  const field = within(dialog).getByRole('group', { name: language === 'en' ? 'Avatar' : '头像' });
  const input = field.querySelector<HTMLInputElement>('input[type="file"]')!;
  return { ...view, user, dialog, field, input };
}

describe('choosing an avatar (Settings → Profile)', () => {
  it('sends the square picture, shows it in the header, and Remove brings back the letters', async () => {
    const { user, field, input, fake } = await openProfile();
    expect(within(field).queryByRole('button', { name: 'Remove' })).toBeNull();
    await user.upload(input, new File(['png bytes'], 'me.png', { type: 'image/png' }));
    await waitFor(() => expect(fake.api.setAvatar).toHaveBeenCalledWith({ png: SQUARE }));
    const header = document.querySelector('.self-header') as HTMLElement;
    const picture = await within(header).findByRole('img', { name: "小明's avatar" });
    expect(picture.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');

    await user.click(within(field).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(fake.api.setAvatar).toHaveBeenLastCalledWith({}));
    await waitFor(() => expect(within(header).queryByRole('img')).toBeNull());
  });

  it('says so when the file is not a picture, and sends nothing', async () => {
    const { user, field, input, fake } = await openProfile();
    await user.upload(input, new File(['<svg/>'], 'x.svg', { type: 'image/svg+xml' }));
    expect(await within(field).findByText(/not a picture Pigeon can use/)).toBeTruthy();
    expect(fake.api.setAvatar).not.toHaveBeenCalled();
  });

  it('names the chooser in Chinese', async () => {
    const { field } = await openProfile('zh-CN');
    expect(within(field).getByRole('button', { name: '选择图片…' })).toBeTruthy();
  });
});

describe('avatars in the contact list', () => {
  it("shows a peer's picture named after them, letters for a peer without one", async () => {
    const alice = peer({ nickname: 'Alice', avatar: 'a1a1a1a1a1a1a1a1' });
    const bob = peer({ nickname: 'Bob' });
    const { fake } = await renderWindow({
      hash: '#/',
      snapshot: snapshot({ self: { ...self, language: 'en' }, peers: [alice, bob] }),
    });
    await userEvent.setup().click(await screen.findByRole('tab', { name: /Contacts/ }));
    const row = await screen.findByRole('listitem', { name: /^Alice/ });
    expect(await within(row).findByRole('img', { name: "Alice's avatar" })).toBeTruthy();
    expect(fake.api.getAvatar).toHaveBeenCalledWith({ hash: 'a1a1a1a1a1a1a1a1' });
    expect(within(screen.getByRole('listitem', { name: /^Bob/ })).queryByRole('img')).toBeNull();
  });

  it('never draws what main answers with another type (an SVG)', async () => {
    const alice = peer({ nickname: 'Alice', avatar: 'b2b2b2b2b2b2b2b2' });
    await renderWindow({
      snapshot: snapshot({ self: { ...self, language: 'en' }, peers: [alice] }),
      prepare: (fake) =>
        fake.api.getAvatar.mockResolvedValue({ mimeType: 'image/svg+xml', base64: 'PHN2Zy8+' }),
    });
    await userEvent.setup().click(await screen.findByRole('tab', { name: /Contacts/ }));
    const row = await screen.findByRole('listitem', { name: /^Alice/ });
    await new Promise((r) => setTimeout(r, 50));
    expect(within(row).queryByRole('img')).toBeNull();
    expect(row.textContent).toContain('A');
  });
});
