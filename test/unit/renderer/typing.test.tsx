// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isEventLike } from '../../../src-renderer/bridge/event-shape';
import { message, peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();
afterEach(() => {
  vi.useRealTimers();
});

const alice = peer({ nickname: 'Alice', client: 'feiq', version: '1_lbt6_0#128#0090F5C6B6E1#0#0' });
const bob = peer({ nickname: 'Bob' });
const base = snapshot({ peers: [alice, bob] });

async function openChat(language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({
    hash: `#/chat/${alice.id}`,
    snapshot: base,
    languageOverride: language,
  });
  const name = language === 'en' ? 'Message' : '消息';
  const box = (await screen.findByRole('textbox', { name })) as HTMLTextAreaElement;
  const indicator = () => {
    const live = document.querySelector('.chat-typing');
    if (!live) throw new Error('no typing indicator region');
    return live;
  };
  return { ...view, box, indicator };
}

describe('the typing indicator', () => {
  it('says the peer is typing while typing events say so, in a polite live region', async () => {
    const { fake, indicator } = await openChat();
    expect(indicator().getAttribute('aria-live')).toBe('polite');
    expect(indicator().textContent).toBe('');
    await act(async () => fake.emit([{ type: 'typing', conversationId: alice.id, typing: true }]));
    expect(indicator().textContent).toBe('typing…');
    await act(async () => fake.emit([{ type: 'typing', conversationId: alice.id, typing: false }]));
    expect(indicator().textContent).toBe('');
  });

  it('ignores typing in other conversations and speaks Chinese', async () => {
    const { fake, indicator } = await openChat('zh-CN');
    await act(async () => fake.emit([{ type: 'typing', conversationId: bob.id, typing: true }]));
    expect(indicator().textContent).toBe('');
    await act(async () => fake.emit([{ type: 'typing', conversationId: alice.id, typing: true }]));
    expect(indicator().textContent).toBe('正在输入…');
  });

  it('goes away when a message from the peer arrives, but not for our own', async () => {
    const { fake, indicator } = await openChat();
    await act(async () => fake.emit([{ type: 'typing', conversationId: alice.id, typing: true }]));
    const own = message({ id: 'o1', conversationId: alice.id, direction: 'out', state: 'sending' });
    await act(async () => fake.emit([{ type: 'message', message: own }]));
    expect(indicator().textContent).toBe('typing…');
    const theirs = message({ id: 'i1', conversationId: alice.id, text: 'here it is' });
    await act(async () => fake.emit([{ type: 'message', message: theirs }]));
    expect(indicator().textContent).toBe('');
  });

  it('drops malformed typing events at the bridge', () => {
    expect(isEventLike({ type: 'typing', conversationId: alice.id, typing: true })).toBe(true);
    expect(isEventLike({ type: 'typing', conversationId: alice.id, typing: 'yes' })).toBe(false);
    expect(isEventLike({ type: 'typing', typing: true })).toBe(false);
  });

  it('shows the raw client version on the client kind', async () => {
    await openChat();
    const client = await screen.findByText('FeiQ');
    expect(client.getAttribute('title')).toBe(alice.version);
  });
});

describe('telling the peer we type', () => {
  const typingCalls = (fake: { api: { setTyping: { mock: { calls: unknown[][] } } } }) =>
    fake.api.setTyping.mock.calls.map(([request]) => (request as { typing: boolean }).typing);

  it('says typing at most once per 3 s while typing, and stops after 4 s idle', async () => {
    const { fake, box } = await openChat();
    vi.useFakeTimers();
    fireEvent.change(box, { target: { value: 'h' } });
    expect(fake.api.setTyping).toHaveBeenCalledWith({ conversationId: alice.id, typing: true });
    // Keystrokes every 500 ms for 2.5 s: still the one call.
    for (let i = 0; i < 5; i += 1) {
      vi.advanceTimersByTime(500);
      fireEvent.change(box, { target: { value: `h${'e'.repeat(i + 1)}` } });
    }
    expect(typingCalls(fake)).toEqual([true]);
    // Past 3 s since the first: said again, to keep the peer's indicator alive.
    vi.advanceTimersByTime(600);
    fireEvent.change(box, { target: { value: 'hello' } });
    expect(typingCalls(fake)).toEqual([true, true]);
    vi.advanceTimersByTime(3999);
    expect(typingCalls(fake)).toEqual([true, true]);
    vi.advanceTimersByTime(1);
    expect(typingCalls(fake)).toEqual([true, true, false]);
    // Stopped once is enough.
    vi.advanceTimersByTime(10_000);
    expect(typingCalls(fake)).toEqual([true, true, false]);
  });

  it('stops on send, and on leaving the box', async () => {
    const { fake, box } = await openChat();
    fireEvent.change(box, { target: { value: 'hi' } });
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter' });
    });
    expect(fake.api.sendMessage).toHaveBeenCalled();
    expect(typingCalls(fake)).toEqual([true, false]);
    fireEvent.change(box, { target: { value: 'more' } });
    fireEvent.blur(box);
    expect(typingCalls(fake)).toEqual([true, false, true, false]);
  });

  it('stops when the box is emptied, and says nothing while an IME composes', async () => {
    const { fake, box } = await openChat('zh-CN');
    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: 'ni' } });
    expect(fake.api.setTyping).not.toHaveBeenCalled();
    fireEvent.change(box, { target: { value: '你' } });
    fireEvent.compositionEnd(box, { data: '你' });
    expect(typingCalls(fake)).toEqual([true]);
    fireEvent.change(box, { target: { value: '' } });
    expect(typingCalls(fake)).toEqual([true, false]);
  });
});
