// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { linkRuns } from '../../../src-renderer/format/message-links';
import { conversation, message, peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();

const alice = peer({ nickname: 'Alice' });

async function withMessages(messages: ReturnType<typeof message>[]) {
  const view = await renderWindow({
    hash: `#/chat/${alice.id}`,
    snapshot: snapshot({ peers: [alice], conversations: [conversation({ peerId: alice.id })] }),
    languageOverride: 'en',
  });
  await act(async () => {
    view.store.getState().mergeLatestMessages(alice.id, messages, 100);
  });
  return { ...view, log: await screen.findByRole('log', { name: 'Conversation' }) };
}

describe('links in messages', () => {
  it('makes web addresses links that open in a new window, and leaves the rest text', async () => {
    const { log } = await withMessages([
      message({
        id: 'm1',
        text: 'build at https://ci.lan/job/42?x=1, docs on wiki.lan.example.com; javascript:alert(1)',
        at: 1_000,
      }),
    ]);
    const link = within(log).getByRole('link', { name: 'https://ci.lan/job/42?x=1' });
    expect(link.getAttribute('href')).toBe('https://ci.lan/job/42?x=1');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(
      within(log).getByRole('link', { name: 'wiki.lan.example.com' }).getAttribute('href'),
    ).toBe('http://wiki.lan.example.com/');
    expect(within(log).getAllByRole('link')).toHaveLength(2);
    expect(log.querySelector('.message-text')?.textContent).toContain('javascript:alert(1)');
  });

  it('cuts text into runs that join back to the text', () => {
    const text = '看 https://a.lan/x 和 mail me@a.lan, 完';
    const runs = linkRuns(text);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs.filter((r) => r.href).map((r) => r.href)).toEqual(['https://a.lan/x']);
    expect(linkRuns('')).toEqual([{ text: '' }]);
  });
});

describe('a compact log', () => {
  it('says delivered with one quiet tick, keeps words for queued and failed', async () => {
    const { log } = await withMessages([
      message({ id: 'm1', direction: 'out', state: 'delivered', text: 'one', at: 1_000 }),
      message({ id: 'm2', direction: 'out', state: 'failed', text: 'two', at: 2_000 }),
    ]);
    const delivered = log.querySelector('[data-message-id="m1"] .state-delivered');
    expect(delivered?.querySelector('svg')).toBeTruthy();
    expect(delivered?.querySelector('.visually-hidden')?.textContent).toBe('Delivered');
    expect(delivered?.getAttribute('title')).toBe('Delivered');
    const failed = log.querySelector('[data-message-id="m2"] .state-failed');
    expect(failed?.textContent).toContain('Failed');
  });

  it('groups consecutive messages from one author under one avatar', async () => {
    const { log } = await withMessages([
      message({ id: 'a1', text: 'hi', at: 1_000 }),
      message({ id: 'a2', text: 'are you there', at: 2_000 }),
      message({ id: 'b1', direction: 'out', state: 'delivered', text: 'yes', at: 3_000 }),
      message({ id: 'b2', direction: 'out', state: 'delivered', text: 'here', at: 4_000 }),
      message({ id: 'a3', text: 'ok', at: 5_000 }),
    ]);
    const continued = [...log.querySelectorAll('.message')]
      .filter((m) => m.classList.contains('message-continued'))
      .map((m) => m.getAttribute('data-message-id'));
    expect(continued).toEqual(['a2', 'b2']);
  });
});
