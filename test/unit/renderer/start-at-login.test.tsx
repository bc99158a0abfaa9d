// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { self, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';
import type { FakeApi } from './support/fake-api';

afterEach(cleanup);

async function openSettings(
  options: {
    language?: 'en' | 'zh-CN';
    mode?: 'electron' | 'websocket';
    prepare?(fake: FakeApi): void;
  } = {},
) {
  const language = options.language ?? 'en';
  const view = await renderWindow({
    snapshot: snapshot({ self: { ...self, language } }),
    mode: options.mode,
    prepare: options.prepare,
  });
  const user = userEvent.setup();
  await user.click(
    await screen.findByRole('button', { name: language === 'en' ? 'Settings' : '设置' }),
  );
  await user.click(
    await screen.findByRole('tab', { name: language === 'en' ? 'General' : '通用' }),
  );
  return { ...view, user };
}

describe('Start Pigeon when I sign in', () => {
  it('shows the state main reports and applies a tick at once', async () => {
    const { fake, user } = await openSettings();
    const box = await screen.findByRole('checkbox', { name: 'Start Pigeon when I sign in' });
    expect((box as HTMLInputElement).checked).toBe(false);
    await user.click(box);
    expect(fake.api.setStartAtLogin).toHaveBeenCalledWith({ openAtLogin: true });
    expect((box as HTMLInputElement).checked).toBe(true);
    // Not part of the profile: Save is not needed and does not send it again.
    expect(fake.api.updateProfile).not.toHaveBeenCalled();
  });

  it('is labelled in Chinese', async () => {
    await openSettings({ language: 'zh-CN' });
    expect(await screen.findByRole('checkbox', { name: '登录时启动 Pigeon' })).toBeTruthy();
  });

  it('is disabled, saying why, when Pigeon runs from sources', async () => {
    await openSettings({
      prepare: (fake) =>
        fake.api.getStartAtLogin.mockResolvedValue({ supported: false, openAtLogin: false }),
    });
    const box = await screen.findByRole('checkbox', { name: 'Start Pigeon when I sign in' });
    expect((box as HTMLInputElement).disabled).toBe(true);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('Available in the installed Pigeon.')).toBeTruthy();
  });

  it('says a refused change and keeps the box as it was', async () => {
    const { user } = await openSettings({
      prepare: (fake) =>
        fake.api.setStartAtLogin.mockRejectedValue(new Error('autostart folder is read-only')),
    });
    const box = await screen.findByRole('checkbox', { name: 'Start Pigeon when I sign in' });
    await user.click(box);
    expect(await screen.findByText(/Could not change it: .*read-only/)).toBeTruthy();
    expect((box as HTMLInputElement).checked).toBe(false);
  });

  it('is not offered in headless mode, which cannot start at sign-in', async () => {
    const { fake } = await openSettings({ mode: 'websocket' });
    await screen.findByRole('tabpanel', { name: 'General' });
    expect(screen.queryByRole('checkbox', { name: 'Start Pigeon when I sign in' })).toBeNull();
    expect(fake.api.getStartAtLogin).not.toHaveBeenCalled();
  });
});
