// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { networkSettings } from './support/fake-api';
import { self, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

async function openSettings(language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({ snapshot: snapshot({ self: { ...self, language } }) });
  const user = userEvent.setup();
  await user.click(
    await screen.findByRole('button', { name: language === 'en' ? 'Settings' : '设置' }),
  );
  const network = await showTab(user, language === 'en' ? 'Network' : '网络');
  return { ...view, user, network };
}

/** The settings are in tabs: select one and return its panel. */
async function showTab(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(await screen.findByRole('tab', { name }));
  return screen.getByRole('tabpanel', { name });
}

describe('the network settings', () => {
  it('shows the port, download folder, hosts and broadcast addresses from getSettings', async () => {
    const { network, fake } = await openSettings();
    expect(fake.api.getSettings).toHaveBeenCalledTimes(1);
    const port = await within(network).findByRole('spinbutton', { name: 'Port' });
    expect((port as HTMLInputElement).value).toBe('2425');
    expect(
      (within(network).getByRole('textbox', { name: 'Hosts' }) as HTMLTextAreaElement).value,
    ).toBe('10.0.8.12');
    expect(within(network).getByRole('textbox', { name: 'Broadcast addresses' })).toBeTruthy();
    expect(within(network).queryByText('Takes effect after restart')).toBeNull();
    const files = await showTab(userEvent.setup(), 'Files');
    expect(
      (within(files).getByRole('textbox', { name: 'Download folder' }) as HTMLInputElement).value,
    ).toBe(networkSettings.downloadDir);
  });

  it('saves what changed with updateSettings, one entry per line, and says a restart is needed', async () => {
    const { network, fake, user } = await openSettings();
    const port = await within(network).findByRole('spinbutton', { name: 'Port' });
    await user.clear(port);
    await user.type(port, '2426');
    const hosts = within(network).getByRole('textbox', { name: 'Hosts' });
    await user.type(hosts, '{Enter}  192.168.7.20:2425  {Enter}{Enter}');
    await user.type(
      within(network).getByRole('textbox', { name: 'Broadcast addresses' }),
      '192.168.7.255',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({
      port: 2426,
      hosts: ['10.0.8.12', '192.168.7.20:2425'],
      broadcastAddresses: ['192.168.7.255'],
    });
    expect(fake.api.updateProfile).toHaveBeenCalledTimes(1);
    // Saved: the panel closes, and a notice says when the port takes effect.
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull();
    expect(
      screen.getByText('The new port takes effect after Pigeon restarts.').closest('[role]'),
    ).toHaveProperty('role', 'status');

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    const again = await showTab(user, 'Network');
    const hint = await within(again).findByText('Takes effect after restart');
    const field = within(again).getByRole('spinbutton', { name: 'Port' });
    expect(field.getAttribute('aria-describedby')).toContain(hint.id);
    expect((field as HTMLInputElement).value).toBe('2426');
  });

  it('sends nothing to updateSettings when nothing changed', async () => {
    const { network, fake, user } = await openSettings();
    await within(network).findByRole('spinbutton', { name: 'Port' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.api.updateSettings).not.toHaveBeenCalled();
    expect(fake.api.updateProfile).toHaveBeenCalledTimes(1);
  });

  it('shows a refused save as an alert and keeps everything typed', async () => {
    const { network, fake, user } = await openSettings();
    fake.api.updateSettings.mockRejectedValueOnce(
      new Error('Invalid updateSettings request at hosts.0: Too big'),
    );
    const hosts = await within(network).findByRole('textbox', { name: 'Hosts' });
    await user.clear(hosts);
    await user.type(hosts, 'x'.repeat(20));
    await showTab(user, 'Profile');
    const nickname = screen.getByRole('textbox', { name: 'Nickname' });
    await user.clear(nickname);
    await user.type(nickname, 'Ming');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not save: Invalid updateSettings request at hosts.0: Too big',
    );
    // Nothing was half-saved, nothing typed was lost.
    expect(fake.api.updateProfile).not.toHaveBeenCalled();
    expect((hosts as HTMLTextAreaElement).value).toBe('x'.repeat(20));
    expect((nickname as HTMLInputElement).value).toBe('Ming');
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
  });

  it('refuses a port out of range before asking main', async () => {
    const { network, fake, user } = await openSettings('zh-CN');
    const port = await within(network).findByRole('spinbutton', { name: '端口' });
    await user.clear(port);
    await user.type(port, '70000');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(screen.getByRole('alert').textContent).toBe('端口必须是 1 到 65535 之间的整数。');
    expect(port.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(port);
    expect(fake.api.updateSettings).not.toHaveBeenCalled();
    expect(within(network).getByRole('textbox', { name: '指定主机' })).toBeTruthy();
    expect(within(network).getByRole('textbox', { name: '广播地址' })).toBeTruthy();
  });

  it('follows a restart becoming needed while the panel is open', async () => {
    const { network, fake } = await openSettings('zh-CN');
    await within(network).findByRole('spinbutton', { name: '端口' });
    act(() =>
      fake.emit([{ type: 'settings', settings: { ...networkSettings, restartNeeded: true } }]),
    );
    expect(within(network).getByText('重启后生效')).toBeTruthy();
  });

  it('says when the network settings could not be loaded, and still saves the profile', async () => {
    const view = await renderWindow({
      snapshot: snapshot({ self: { ...self, language: 'en' } }),
      prepare: (fake) => fake.api.getSettings.mockRejectedValueOnce(new Error('Main is busy')),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    await showTab(user, 'Network');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not load the network settings: Main is busy',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(view.fake.api.updateProfile).toHaveBeenCalledTimes(1);
    expect(view.fake.api.updateSettings).not.toHaveBeenCalled();
  });
});
