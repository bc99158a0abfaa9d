// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SelfDTO } from '../../../src-shared/contract';
import { self, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

async function openSettings(me: Partial<SelfDTO> = {}, mode?: 'electron' | 'websocket') {
  const language = me.language ?? 'en';
  const view = await renderWindow({
    snapshot: snapshot({ self: { ...self, ...me, language } }),
    mode,
  });
  const user = userEvent.setup();
  await user.click(
    await screen.findByRole('button', { name: language === 'en' ? 'Settings' : '设置' }),
  );
  const dialog = await screen.findByRole('dialog', {
    name: language === 'en' ? 'Settings' : '设置',
  });
  return { ...view, user, dialog };
}

describe('the Settings dialog', () => {
  it('has the tabs Profile, General, Files and Network, Profile first', async () => {
    const { dialog } = await openSettings();
    const tabs = within(dialog)
      .getAllByRole('tab')
      .map((tab) => tab.textContent);
    expect(tabs).toEqual(['Profile', 'General', 'Files', 'Network']);
    expect(within(dialog).getByRole('tab', { name: 'Profile' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const profile = within(dialog).getByRole('tabpanel', { name: 'Profile' });
    expect(within(profile).getByRole('textbox', { name: 'Nickname' })).toBeTruthy();
    expect(within(profile).getByRole('textbox', { name: 'Group' })).toBeTruthy();
    expect(within(profile).getByRole('textbox', { name: 'Signature' })).toBeTruthy();
  });

  it('names its tabs in Chinese', async () => {
    const { dialog } = await openSettings({ language: 'zh-CN' });
    const tabs = within(dialog)
      .getAllByRole('tab')
      .map((tab) => tab.textContent);
    expect(tabs).toEqual(['个人资料', '通用', '文件', '网络']);
    expect(within(dialog).getByRole('textbox', { name: '个性签名' })).toBeTruthy();
  });

  it('moves between tabs with the arrow keys', async () => {
    const { dialog, user } = await openSettings();
    within(dialog).getByRole('tab', { name: 'Profile' }).focus();
    await user.keyboard('{ArrowRight}');
    const general = within(dialog).getByRole('tab', { name: 'General' });
    expect(document.activeElement).toBe(general);
    expect(general.getAttribute('aria-selected')).toBe('true');
    expect(within(dialog).getByRole('tabpanel', { name: 'General' })).toBeTruthy();
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(document.activeElement).toBe(within(dialog).getByRole('tab', { name: 'Network' }));
  });

  it('saves signature, send key, sound and notifications with the profile', async () => {
    const { dialog, user, fake, store } = await openSettings();
    await user.click(within(dialog).getByRole('textbox', { name: 'Signature' }));
    await user.paste('  Ask me about builds  ');
    await user.click(within(dialog).getByRole('tab', { name: 'General' }));
    const general = within(dialog).getByRole('tabpanel', { name: 'General' });
    await user.selectOptions(
      within(general).getByRole('combobox', { name: 'Send with' }),
      'ctrl-enter',
    );
    await user.click(
      within(general).getByRole('checkbox', { name: 'Play a sound for new messages' }),
    );
    const notify = within(general).getByRole('checkbox', {
      name: 'Show a notification for new messages',
    });
    expect((notify as HTMLInputElement).checked).toBe(true);
    await user.click(notify);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(fake.api.updateProfile).toHaveBeenCalledWith(
      expect.objectContaining({
        signature: 'Ask me about builds',
        sendKey: 'ctrl-enter',
        sounds: false,
        notifications: false,
      }),
    );
    expect(store.getState().self?.signature).toBe('Ask me about builds');
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
  });

  it('saves the file-receive policy and its size limit with the settings', async () => {
    const { dialog, user, fake } = await openSettings();
    await user.click(within(dialog).getByRole('tab', { name: 'Files' }));
    const files = within(dialog).getByRole('tabpanel', { name: 'Files' });
    const limit = await within(files).findByRole('spinbutton', {
      name: 'Largest accepted without asking (MB)',
    });
    expect((limit as HTMLInputElement).disabled).toBe(true);
    expect(
      (within(files).getByRole('radio', { name: 'Ask me every time' }) as HTMLInputElement).checked,
    ).toBe(true);
    await user.click(
      within(files).getByRole('radio', { name: 'Accept from contacts automatically' }),
    );
    expect((limit as HTMLInputElement).disabled).toBe(false);
    await user.clear(limit);
    await user.type(limit, '20');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({
      receiveFiles: 'accept-from-contacts',
      autoAcceptMaxMB: 20,
    });
  });

  it('shows the tab of a refused field and focuses it', async () => {
    const { dialog, user, fake } = await openSettings();
    await user.click(within(dialog).getByRole('tab', { name: 'Files' }));
    const files = within(dialog).getByRole('tabpanel', { name: 'Files' });
    await user.click(
      await within(files).findByRole('radio', { name: 'Accept from contacts automatically' }),
    );
    const limit = within(files).getByRole('spinbutton', { name: /Largest accepted/ });
    await user.clear(limit);
    await user.click(within(dialog).getByRole('tab', { name: 'Profile' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'The size limit must be a whole number of MB from 1 to 102400.',
    );
    expect(within(dialog).getByRole('tab', { name: 'Files' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await screen.findByRole('tabpanel', { name: 'Files' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(document.activeElement).toBe(limit);
    expect(fake.api.updateSettings).not.toHaveBeenCalled();
    expect(fake.api.updateProfile).not.toHaveBeenCalled();
  });

  it('closes on Cancel and on Escape without saving', async () => {
    const { dialog, user, fake } = await openSettings();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('dialog', { name: 'Settings' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
    expect(fake.api.updateProfile).not.toHaveBeenCalled();
  });
});

describe('Add a colleague by IP or computer name', () => {
  it('is a toolbar button of its own whose dialog adds the host to the host list', async () => {
    const { fake } = await renderWindow({
      snapshot: snapshot({ self: { ...self, language: 'en' } }),
    });
    const user = userEvent.setup();
    const button = await screen.findByRole('button', {
      name: 'Add a colleague by IP or computer name',
    });
    expect(screen.getByRole('button', { name: 'Add plain contact' })).not.toBe(button);
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Add a colleague by IP or computer name' });
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'Please enter an address or a computer name.',
    );
    await user.type(
      within(dialog).getByRole('textbox', { name: 'IP address or computer name' }),
      'build-pc',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ hosts: ['10.0.8.12', 'build-pc'] });
    expect(screen.queryByRole('dialog', { name: /Add a colleague/ })).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
