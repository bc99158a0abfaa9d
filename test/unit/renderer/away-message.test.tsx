// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SelfDTO } from '../../../src-shared/contract';
import { self, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

async function openSettings(me: SelfDTO) {
  const view = await renderWindow({ snapshot: snapshot({ self: me }) });
  const user = userEvent.setup();
  await user.click(
    await screen.findByRole('button', { name: me.language === 'en' ? 'Settings' : '设置' }),
  );
  return { ...view, user };
}

describe('the away message', () => {
  it('is saved with the profile through updateProfile, and kept in the store', async () => {
    const { fake, store, user } = await openSettings({ ...self, language: 'en' });
    const box = screen.getByRole('textbox', { name: 'Away message' }) as HTMLTextAreaElement;
    expect(box.value).toBe('');
    expect(box.maxLength).toBe(500);
    const hint = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toContain('while you are away');
    await user.click(box);
    await user.paste('  In a meeting until 3 pm.  ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.api.updateProfile).toHaveBeenCalledWith(
      expect.objectContaining({ autoReply: 'In a meeting until 3 pm.', nickname: self.nickname }),
    );
    expect(store.getState().self?.autoReply).toBe('In a meeting until 3 pm.');
  });

  it('shows the saved text in Chinese and can be emptied', async () => {
    const { fake, user } = await openSettings({ ...self, autoReply: '开会中，稍后回复' });
    const box = screen.getByRole('textbox', { name: '离开时自动回复' }) as HTMLTextAreaElement;
    expect(box.value).toBe('开会中，稍后回复');
    await user.clear(box);
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(fake.api.updateProfile).toHaveBeenCalledWith(expect.objectContaining({ autoReply: '' }));
  });

  it('is left out of the profile change when untouched', async () => {
    const { fake, user } = await openSettings({ ...self, language: 'en', autoReply: 'Away' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(fake.api.updateProfile).toHaveBeenCalledTimes(1);
    expect(fake.api.updateProfile.mock.calls[0]?.[0]).not.toHaveProperty('autoReply');
  });
});
