// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();

const alice = peer({ nickname: 'Alice' });

async function openChat(mode: 'electron' | 'websocket', language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({
    hash: `#/chat/${alice.id}`,
    snapshot: snapshot({ peers: [alice] }),
    languageOverride: language,
    mode,
  });
  await screen.findByRole('textbox', { name: language === 'en' ? 'Message' : '消息' });
  return view;
}

const click = async (name: string) => {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
};

describe('the Screenshot button', () => {
  it('sends the captured region as a picture (desktop app)', async () => {
    const { fake } = await openChat('electron');
    await click('Screenshot');
    expect(fake.api.takeScreenshot).toHaveBeenCalledTimes(1);
    expect(fake.api.offerFiles).toHaveBeenCalledWith({
      conversationId: alice.id,
      paths: ['/home/me/.pigeon-data/screenshots/Screenshot 2026-12-05.png'],
      image: true,
    });
  });

  it('sends nothing when the capture was cancelled, and says why a capture failed', async () => {
    const { fake } = await openChat('electron');
    fake.api.takeScreenshot.mockResolvedValueOnce({});
    await click('Screenshot');
    expect(fake.api.offerFiles).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')).toBeNull();
    fake.api.takeScreenshot.mockRejectedValueOnce(
      new Error('No screenshot tool was found: install one of gnome-screenshot, scrot.'),
    );
    await click('Screenshot');
    expect(screen.getByRole('alert').textContent).toContain('No screenshot tool was found');
  });

  it('says in headless mode that it needs the desktop app, in Chinese too', async () => {
    const { fake } = await openChat('websocket', 'zh-CN');
    await click('截图');
    expect(fake.api.takeScreenshot).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('截图需要 Pigeon 桌面版');
  });
});
