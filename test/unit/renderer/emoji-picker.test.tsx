// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();

const alice = peer({ nickname: 'Alice' });

async function openChat(language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({
    hash: `#/chat/${alice.id}`,
    snapshot: snapshot({ peers: [alice] }),
    languageOverride: language,
  });
  const box = (await screen.findByRole('textbox', {
    name: language === 'en' ? 'Message' : '消息',
  })) as HTMLTextAreaElement;
  return { ...view, box, user: userEvent.setup() };
}

describe('the emoji picker', { timeout: 30_000 }, () => {
  it('opens from "Emoji", finds by English and Chinese words, and inserts at the caret', async () => {
    const { fake, box, user } = await openChat();
    await user.type(box, 'ab');
    box.setSelectionRange(1, 1);
    await user.click(screen.getByRole('button', { name: 'Emoji' }));
    const picker = await screen.findByRole('dialog', { name: 'Emoji' });
    // Every emoji is a button named by its character.
    // The data loads on first use (slowly under jsdom's transform; quickly in the app).
    const load = { timeout: 15_000 };
    expect(await within(picker).findByRole('button', { name: '😀' }, load)).toBeTruthy();
    const search = within(picker).getByRole('searchbox', { name: 'Search emoji' });
    await user.type(search, 'tears of joy');
    expect(within(picker).getByRole('button', { name: '😂' })).toBeTruthy();
    expect(within(picker).queryByRole('button', { name: '😀' })).toBeNull();
    await user.clear(search);
    await user.type(search, '笑哭');
    expect(
      within(picker)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['😂']);
    await user.click(within(picker).getByRole('button', { name: '😂' }));
    expect(screen.queryByRole('dialog', { name: 'Emoji' })).toBeNull();
    expect(box.value).toBe('a😂b');
    await user.type(box, '{Enter}');
    expect(fake.api.sendMessage).toHaveBeenCalledWith({ conversationId: alice.id, text: 'a😂b' });
  });

  it('shows recent emoji first, and Esc closes the picker, not the window', async () => {
    const { user } = await openChat();
    await user.click(screen.getByRole('button', { name: 'Emoji' }));
    let picker = await screen.findByRole('dialog', { name: 'Emoji' });
    await user.click(within(picker).getByRole('button', { name: '😆' }));
    await user.click(screen.getByRole('button', { name: 'Emoji' }));
    picker = await screen.findByRole('dialog', { name: 'Emoji' });
    const recent = within(picker).getByRole('region', { name: 'Recently used' });
    expect(
      within(recent)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['😆']);
    const sections = within(picker).getAllByRole('region');
    expect(sections[0]).toBe(recent);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Emoji' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Emoji' }));
  });

  it('is named 表情 in Chinese and searches Chinese keywords', async () => {
    const { user } = await openChat('zh-CN');
    await user.click(screen.getByRole('button', { name: '表情' }));
    const picker = await screen.findByRole('dialog', { name: '表情' });
    await within(picker).findByRole('button', { name: '😀' });
    await user.type(within(picker).getByRole('searchbox', { name: '搜索表情' }), '猫');
    const found = within(picker)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(found).toContain('🐱');
    expect(found).not.toContain('😀');
  });
});
