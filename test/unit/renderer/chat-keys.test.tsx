// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SendKey } from '../../../src-shared/contract';
import { peer, self, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();

const alice = peer({ nickname: 'Alice' });

async function openChat(sendKey?: SendKey) {
  const view = await renderWindow({
    hash: `#/chat/${alice.id}`,
    snapshot: snapshot({ peers: [alice], self: { ...self, ...(sendKey ? { sendKey } : {}) } }),
    languageOverride: 'en',
  });
  const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
  return { ...view, box, user: userEvent.setup() };
}

afterEach(() => vi.restoreAllMocks());

describe('the send key setting', () => {
  it('with Ctrl+Enter, Enter starts a new line and Ctrl+Enter sends', async () => {
    const { fake, box, user } = await openChat('ctrl-enter');
    await user.type(box, 'one{Enter}two');
    expect(fake.api.sendMessage).not.toHaveBeenCalled();
    expect(box.value).toBe('one\ntwo');
    expect(screen.getByText('Ctrl+Enter to send · Enter for a new line')).toBeTruthy();
    await user.type(box, '{Control>}{Enter}{/Control}');
    expect(fake.api.sendMessage).toHaveBeenCalledWith({
      conversationId: alice.id,
      text: 'one\ntwo',
    });
  });

  it('with Enter (the default), Enter sends', async () => {
    const { fake, box, user } = await openChat();
    await user.type(box, 'hi{Enter}');
    expect(fake.api.sendMessage).toHaveBeenCalledWith({ conversationId: alice.id, text: 'hi' });
  });
});

describe('Esc and drafts', () => {
  it('Esc closes the chat window and the unsent draft is there next time', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const first = await openChat();
    await first.user.type(first.box, 'half a thought');
    await first.user.keyboard('{Escape}');
    expect(close).toHaveBeenCalledTimes(1);
    expect(first.fake.api.sendMessage).not.toHaveBeenCalled();
    first.unmount();
    first.stop();

    const again = await openChat();
    expect(again.box.value).toBe('half a thought');
    // Sending empties the draft: the next window starts empty.
    await again.user.type(again.box, '{Enter}');
    again.unmount();
    again.stop();
    const third = await openChat();
    expect(third.box.value).toBe('');
  });

  it('keeps drafts per conversation', async () => {
    const bob = peer({ nickname: 'Bob', user: 'bob', host: 'bob-pc' });
    const view = await renderWindow({
      hash: `#/chat/${alice.id}`,
      snapshot: snapshot({ peers: [alice, bob] }),
      languageOverride: 'en',
    });
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Message' }), 'for Alice');
    view.unmount();
    view.stop();
    const other = await renderWindow({
      hash: `#/chat/${bob.id}`,
      snapshot: snapshot({ peers: [alice, bob] }),
      languageOverride: 'en',
    });
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    expect(box.value).toBe('');
    other.unmount();
  });
});
