// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrustWarningDTO } from '../../../src-shared/contract';
import { peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();
afterEach(cleanup);

const bob = peer({ nickname: 'Bob', user: 'bob', host: 'bobbox', address: '10.0.0.2' });

async function openChat(language: 'en' | 'zh-CN', warnings: TrustWarningDTO[] = []) {
  const view = await renderWindow({
    hash: `#/chat/${bob.id}`,
    snapshot: snapshot({ peers: [bob], trustWarnings: warnings }),
    languageOverride: language,
  });
  await screen.findByRole('textbox', { name: language === 'en' ? 'Message' : '消息' });
  return view;
}

describe('the Encryption dialog (issue 12)', () => {
  it('shows both fingerprints in groups of five digits and marks the contact verified', async () => {
    const { fake } = await openChat('en');
    const lock = await screen.findByRole('button', { name: 'Encryption' });
    // The lock says what holds to a screen reader (and on hover), not as header text.
    const described = () => document.getElementById(lock.getAttribute('aria-describedby') ?? '');
    await waitFor(() => expect(described()?.textContent).toContain('messages not (older Pigeon)'));
    expect(described()?.classList.contains('visually-hidden')).toBe(true);
    fireEvent.click(lock);
    const dialog = await screen.findByRole('dialog', { name: 'Encryption with Bob' });
    expect(within(dialog).getByText('Your fingerprint')).toBeTruthy();
    expect(within(dialog).getByText("Bob's fingerprint")).toBeTruthy();
    expect(dialog.textContent).toContain('11111 22222 33333 44444 55555 66666');
    expect(dialog.textContent).toContain('is older and cannot seal them');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mark as verified' }));
    await within(dialog).findByRole('button', { name: 'Verified' });
    expect(fake.api.setPeerVerified).toHaveBeenCalledWith({ peerId: bob.id, verified: true });
    // Verified is worth showing: it becomes a word beside the lock.
    await waitFor(() => expect(described()?.classList.contains('visually-hidden')).toBe(false));
    expect(described()?.textContent).toBe('Verified');
  });

  it('speaks Chinese: 加密, 你的指纹, 标记为已验证', async () => {
    await openChat('zh-CN');
    fireEvent.click(await screen.findByRole('button', { name: '加密' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('你的指纹')).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '标记为已验证' })).toBeTruthy();
  });

  it('warns of a changed key as an alert with "Accept the new key"', async () => {
    const changed: TrustWarningDTO = {
      peerId: bob.id,
      kind: 'key-changed',
      address: bob.address,
      at: 1_700_000_000_000,
    };
    const { fake } = await openChat('en');
    await act(async () => fake.emit([{ type: 'trust-warning', warning: changed }]));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("Bob's key changed");
    fireEvent.click(within(alert).getByRole('button', { name: 'Accept the new key' }));
    expect(fake.api.acceptPeerKey).toHaveBeenCalledWith({ peerId: bob.id });
  });

  it('says 密钥已更改 in Chinese', async () => {
    await openChat('zh-CN', [
      { peerId: bob.id, kind: 'key-changed', address: bob.address, at: 1_700_000_000_000 },
    ]);
    expect(screen.getByRole('alert').textContent).toContain('密钥已更改');
  });
});

describe('the Encryption dialog when messages go sealed', () => {
  it('says that messages and files are encrypted, in English and Chinese', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const { fake } = await openChat(language);
      fake.api.getPeerKeys.mockImplementation(async () => ({
        peerId: bob.id,
        state: 'known',
        ownFingerprint: ['11111'],
        peerFingerprint: ['22222'],
        safetyNumber: ['11111', '22222'],
        messagesSealed: true,
      }));
      const name = language === 'en' ? 'Encryption' : '加密';
      fireEvent.click(await screen.findByRole('button', { name }));
      const dialog = await screen.findByRole('dialog');
      const words = language === 'en' ? 'Messages and files between you' : '消息和文件都已加密';
      await waitFor(() => expect(dialog.textContent).toContain(words));
      cleanup();
    }
  });
});
