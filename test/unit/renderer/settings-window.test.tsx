// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRoute } from '../../../src-renderer/bridge/launch-params';
import { self, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

const english = snapshot({ self: { ...self, language: 'en' } });

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the desktop app’s Settings window', () => {
  it('opens from the gear as a window of its own, not a dialog over the contact list', async () => {
    const { fake } = await renderWindow({
      snapshot: english,
      prepare: (api) => api.api.openSettings.mockResolvedValue({ shown: true }),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(fake.api.openSettings).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
  });

  it('falls back to the dialog in the browser, and where main shows no window', async () => {
    const headless = await renderWindow({ snapshot: english, mode: 'websocket' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(headless.fake.api.openSettings).not.toHaveBeenCalled();
    expect(await screen.findByRole('dialog', { name: 'Settings' })).toBeTruthy();
    cleanup();
    const desktop = await renderWindow({ snapshot: english });
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(desktop.fake.api.openSettings).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('fills the #/settings window with the four tabs, saves, and closes the window', async () => {
    expect(parseRoute('#/settings')).toEqual({ kind: 'settings' });
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const { fake } = await renderWindow({
      hash: '#/settings',
      snapshot: snapshot({ self: { ...self, language: 'zh-CN' } }),
    });
    const dialog = await screen.findByRole('dialog', { name: '设置' });
    expect(dialog.closest('.settings-window')).not.toBeNull();
    expect(document.title).toBe('设置 — Pigeon');
    expect(
      within(dialog)
        .getAllByRole('tab')
        .map((tab) => tab.textContent),
    ).toEqual(['个人资料', '通用', '文件', '网络']);
    const user = userEvent.setup();
    const nickname = within(dialog).getByRole('textbox', { name: '昵称' });
    await user.clear(nickname);
    await user.type(nickname, '小李');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(fake.api.updateProfile).toHaveBeenCalledWith(
      expect.objectContaining({ nickname: '小李' }),
    );
    expect(close).toHaveBeenCalledTimes(1);
  });
});
