// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrustWarningDTO } from '../../../src-shared/contract';
import { isEventLike } from '../../../src-renderer/bridge/event-shape';
import { conversation, peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

withFakeLayout();
afterEach(cleanup);

const bob = peer({ nickname: 'Bob', user: 'bob', host: 'bobbox', address: '10.0.0.2' });
const impostor = peer({
  nickname: 'Bob',
  user: 'bob',
  host: 'bobbox~10.0.0.66',
  address: '10.0.0.66',
  unverified: true,
});
const carol = peer({ nickname: 'Carol' });
const claim: TrustWarningDTO = {
  peerId: bob.id,
  kind: 'impostor',
  address: '10.0.0.66',
  impostorId: impostor.id,
  at: 1_700_000_000_000,
};

async function openChat(id: string, language: 'en' | 'zh-CN', warnings: TrustWarningDTO[] = []) {
  const view = await renderWindow({
    hash: `#/chat/${id}`,
    snapshot: snapshot({ peers: [bob, impostor, carol], trustWarnings: warnings }),
    languageOverride: language,
  });
  await screen.findByRole('textbox', { name: language === 'en' ? 'Message' : '消息' });
  return view;
}

describe('identity warnings in a chat (issue 12)', () => {
  it('warns in Bob’s chat, as an alert, that someone claims to be Bob', async () => {
    const { fake } = await openChat(bob.id, 'en');
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => fake.emit([{ type: 'trust-warning', warning: claim }]));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Someone at 10.0.0.66 claims to be Bob');
  });

  it('shows warnings from before the window opened, in the impostor’s chat too, marked unverified', async () => {
    await openChat(impostor.id, 'en', [claim]);
    expect(screen.getByRole('alert').textContent).toContain('claims to be Bob');
    expect(screen.getByText('Unverified')).toBeTruthy();
  });

  it('says an address change, and nothing in another peer’s chat', async () => {
    const moved: TrustWarningDTO = {
      peerId: bob.id,
      kind: 'address-changed',
      address: '10.0.0.9',
      previousAddress: '10.0.0.2',
      at: 1_700_000_000_000,
    };
    const { fake } = await openChat(carol.id, 'en', [moved]);
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => fake.emit([{ type: 'trust-warning', warning: claim }]));
    expect(screen.queryByRole('alert')).toBeNull();
    cleanup();
    await openChat(bob.id, 'en', [moved]);
    expect(screen.getByRole('alert').textContent).toContain(
      "Bob's address changed from 10.0.0.2 to 10.0.0.9.",
    );
  });

  it('speaks Chinese', async () => {
    await openChat(bob.id, 'zh-CN', [claim]);
    expect(screen.getByRole('alert').textContent).toContain('10.0.0.66 上有人冒充 Bob');
  });

  it('drops malformed events at the bridge', () => {
    expect(isEventLike({ type: 'trust-warning', warning: claim })).toBe(true);
    expect(isEventLike({ type: 'trust-warning', warning: { peerId: 'x' } })).toBe(false);
    expect(isEventLike({ type: 'trust-warning' })).toBe(false);
  });
});

describe('contacts that share a name (issue 12)', () => {
  it('are told apart by address, and the impostor is marked unverified', async () => {
    await renderWindow({
      snapshot: snapshot({
        self: { ...snapshot().self, language: 'en' },
        peers: [bob, impostor, carol],
      }),
    });
    await showContacts();
    expect(await screen.findByRole('listitem', { name: 'Bob (10.0.0.2) Online' })).toBeTruthy();
    expect(
      screen.getByRole('listitem', { name: 'Bob (10.0.0.66) · Unverified Online' }),
    ).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Carol Online' })).toBeTruthy();
  });
});

describe('recent chats with one name (issue 12)', () => {
  it('are told apart by address, and the impostor’s is marked unverified', async () => {
    await renderWindow({
      snapshot: snapshot({
        self: { ...snapshot().self, language: 'en' },
        peers: [bob, impostor],
        conversations: [
          conversation({ peerId: bob.id, unread: 1 }),
          conversation({ peerId: impostor.id, unread: 1 }),
        ],
      }),
    });
    expect(await screen.findByRole('listitem', { name: 'Bob (10.0.0.2)' })).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Bob (10.0.0.66) · Unverified' })).toBeTruthy();
  });
});
