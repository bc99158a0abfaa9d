// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Language, MessageDTO, PeerClient, SearchHitDTO } from '../../../src-shared/contract';
import { messagePreview, type PreviewWords } from '../../../src-renderer/format/message-preview';
import { withFakeLayout } from './support/fake-layout';
import { fakeTransfer } from './support/fake-api';
import { conversation, message, peer, self, snapshot } from './support/fixtures';
import { renderWindow } from './support/render-window';

withFakeLayout();

const words: PreviewWords = {
  files: 'F',
  file: (name) => `file:${name}`,
  fileCount: (name, count) => `files:${name}:${count}`,
  folder: (name) => `folder:${name}`,
  picture: 'P',
  sealed: 'S',
  recalled: 'R',
  notice: (text) => `notice:${text}`,
};

describe('message preview', () => {
  const offer = (partial: Partial<MessageDTO> = {}) =>
    message({ id: 'm1', text: '', transferId: 'transfer-1', ...partial });

  it('is the text on one line, cut when long', () => {
    expect(
      messagePreview(message({ id: 'a', text: ' lunch\n\tat  noon ' }), undefined, words),
    ).toBe('lunch at noon');
    const long = messagePreview(message({ id: 'b', text: '午'.repeat(150) }), undefined, words);
    expect(long).toBe(`${'午'.repeat(100)}…`);
  });

  it('describes a message that only carries files, generically when the transfer is unknown', () => {
    expect(messagePreview(offer(), undefined, words)).toBe('F');
    expect(messagePreview(offer({ text: '  \n' }), undefined, words)).toBe('F');
    expect(messagePreview(offer(), fakeTransfer(), words)).toBe('file:报告.pdf');
    expect(messagePreview(offer(), fakeTransfer({ image: true }), words)).toBe('P');
    const folder = fakeTransfer({ items: [{ name: 'photos', size: 0, kind: 'directory' }] });
    expect(messagePreview(offer(), folder, words)).toBe('folder:photos');
    const two = fakeTransfer({
      items: [
        { name: 'a.txt', size: 1, kind: 'file' },
        { name: 'b', size: 0, kind: 'directory' },
      ],
    });
    expect(messagePreview(offer(), two, words)).toBe('files:a.txt:2');
    // Text beside the files wins.
    expect(messagePreview(offer({ text: 'see attached' }), fakeTransfer(), words)).toBe(
      'see attached',
    );
    expect(messagePreview(message({ id: 'c', text: '' }), undefined, words)).toBe('');
  });

  it('says a recalled message was recalled, not an empty line', () => {
    expect(
      messagePreview(message({ id: 'r', text: '', state: 'recalled' }), undefined, words),
    ).toBe('R');
  });

  it('never shows the text of a sealed message not yet opened', () => {
    const sealed = message({ id: 's', text: 'secret', sealed: true });
    expect(messagePreview(sealed, undefined, words)).toBe('S');
    expect(messagePreview({ ...sealed, readAt: 5 }, undefined, words)).toBe('secret');
    // Our own sealed message: we know what we wrote.
    expect(
      messagePreview({ ...sealed, direction: 'out', state: 'delivered' }, undefined, words),
    ).toBe('secret');
  });
});

const alice = peer({ nickname: 'Alice' });
const bob = peer({ nickname: 'Bob' });
const carol = peer({ nickname: 'Carol' });
const dave = peer({ nickname: 'Dave' });

function lastMessages(language: Language) {
  return snapshot({
    self: { ...self, language },
    peers: [alice, bob, carol, dave],
    conversations: [
      conversation({
        peerId: alice.id,
        lastMessage: message({ id: 'a1', conversationId: alice.id, text: '', transferId: 't-a' }),
      }),
      conversation({
        peerId: bob.id,
        lastMessage: message({ id: 'b1', conversationId: bob.id, text: 'psst', sealed: true }),
      }),
      conversation({
        peerId: carol.id,
        lastMessage: message({
          id: 'c1',
          conversationId: carol.id,
          direction: 'out',
          state: 'delivered',
          text: 'see you\nat 5',
        }),
      }),
      conversation({ peerId: dave.id }),
    ],
  });
}

const previewOf = (name: string) =>
  screen
    .queryByText(name, { selector: '.contact-name' })
    ?.closest('.recent-chat')
    ?.querySelector('.contact-preview')?.textContent ?? null;

// The last messages are in the recent chats (the main window's first view).
describe('recent chat previews', () => {
  it.each([
    ['en', ['[Files]', '[Sealed message]', 'You: see you at 5']],
    ['zh-CN', ['[文件]', '[密封消息]', '我：see you at 5']],
  ] as const)('show each last message in one line (%s)', async (language, expected) => {
    await renderWindow({ snapshot: lastMessages(language), languageOverride: language });
    await screen.findByText('Alice', { selector: '.contact-name' });
    expect(['Alice', 'Bob', 'Carol'].map(previewOf)).toEqual(expected);
    expect(previewOf('Dave')).toBeNull();
    expect(screen.queryByText(/psst/)).toBeNull();
  });

  it('follows a new last message', async () => {
    const { fake } = await renderWindow({ snapshot: lastMessages('en'), languageOverride: 'en' });
    await screen.findByText('Alice', { selector: '.contact-name' });
    act(() =>
      fake.emit([
        {
          type: 'conversation',
          conversation: conversation({
            peerId: alice.id,
            lastMessage: message({ id: 'a2', conversationId: alice.id, text: 'got them?' }),
          }),
        },
      ]),
    );
    await vi.waitFor(() => expect(previewOf('Alice')).toBe('got them?'));
  });
});

describe('search results without text of their own', () => {
  it.each([
    ['en', 'Search history', 'Search', '[Files]', '[Sealed message]'],
    ['zh-CN', '搜索聊天记录', '搜索', '[文件]', '[密封消息]'],
  ] as const)('describe the files or the seal (%s)', async (language, open, box, files, sealed) => {
    const { fake } = await renderWindow({
      snapshot: snapshot({ self: { ...self, language }, peers: [alice] }),
      languageOverride: language,
    });
    const hits: SearchHitDTO[] = [
      { message: message({ id: 'f', text: '', transferId: 't-1' }), snippet: '' },
      { message: message({ id: 's', text: 'hidden', sealed: true }), snippet: 'hidden words' },
    ];
    fake.api.searchMessages.mockResolvedValue(hits);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: open }));
    await user.type(screen.getByRole('searchbox', { name: box }), 'hid');
    const list = await screen.findByRole('list', {
      name: language === 'en' ? 'Search results' : '搜索结果',
    });
    const snippets = within(list)
      .getAllByRole('button')
      .map((button) => button.querySelector('.search-hit-snippet')?.textContent);
    expect(snippets).toEqual([files, sealed]);
  });
});

describe('the Seal button', () => {
  async function sealButton(client: PeerClient, language: Language) {
    const friend = peer({ nickname: 'Friend', client });
    await renderWindow({
      hash: `#/chat/${friend.id}`,
      snapshot: snapshot({ peers: [friend] }),
      languageOverride: language,
    });
    return screen.findByRole('button', { name: language === 'en' ? 'Seal' : '密封' });
  }

  it.each([
    ['en', 'iptux does not report when a sealed message is read'],
    ['zh-CN', 'iptux 不会告知密封消息何时被阅读'],
  ] as const)('says iptux never reports reading (%s)', async (language, warning) => {
    const seal = await sealButton('iptux', language);
    expect(seal.getAttribute('title')).toContain(warning);
    const describedBy = document.getElementById(seal.getAttribute('aria-describedby') ?? '');
    expect(describedBy?.textContent).toContain(warning);
  });

  it('promises the read receipt to other clients', async () => {
    const seal = await sealButton('pigeon', 'en');
    expect(seal.getAttribute('title')).toContain('you see when it was read');
    expect(seal.getAttribute('title')).not.toContain('iptux');
  });
});
