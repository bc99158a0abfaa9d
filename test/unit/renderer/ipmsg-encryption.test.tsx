// @vitest-environment jsdom
// Whether a chat with another client is encrypted, and the line for a message that
// arrived encrypted and could not be opened, in English and Chinese.
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MessageDTO, PeerDTO } from '../../../src-shared/contract';
import { conversation, message, peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();

async function chatWith(who: PeerDTO, language: 'en' | 'zh-CN', messages: MessageDTO[] = []) {
  const view = await renderWindow({
    hash: `#/chat/${who.id}`,
    snapshot: snapshot({ peers: [who], conversations: [conversation({ peerId: who.id })] }),
    languageOverride: language,
  });
  await act(async () => {
    view.store.getState().mergeLatestMessages(who.id, messages, 100);
  });
  const log = await screen.findByRole('log', { name: language === 'en' ? 'Conversation' : '会话' });
  return { ...view, log, header: document.querySelector<HTMLElement>('.chat-header')! };
}

describe('encryption in the chat header', () => {
  it('says "IP Messenger encryption" for an IP Messenger chat that sent its key', async () => {
    const { header } = await chatWith(peer({ nickname: 'Ipm', ipmsgEncrypted: true }), 'en');
    expect(within(header).getByText('IP Messenger encryption')).toBeTruthy();
    expect(within(header).queryByText('Not encrypted')).toBeNull();
  });

  it('says "Not encrypted" for other clients, in Chinese too', async () => {
    const tux = peer({ nickname: 'Tux', client: 'iptux' });
    const { header } = await chatWith(tux, 'zh-CN');
    expect(within(header).getByText('未加密')).toBeTruthy();
  });

  it('says "IPMsg 加密" in Chinese, and nothing of the kind between Pigeons', async () => {
    const { header, unmount } = await chatWith(
      peer({ nickname: 'Fq', client: 'feiq', ipmsgEncrypted: true }),
      'zh-CN',
    );
    expect(within(header).getByText('IPMsg 加密')).toBeTruthy();
    unmount();
    const other = await chatWith(peer({ nickname: 'Pia', client: 'pigeon' }), 'en');
    expect(within(other.header).queryByText('Not encrypted')).toBeNull();
    expect(within(other.header).queryByText('IP Messenger encryption')).toBeNull();
  });
});

describe('a message that could not be decrypted', () => {
  it('is a line naming its sender, never an empty bubble', async () => {
    const ipm = peer({ nickname: 'Bob', ipmsgEncrypted: true });
    const { log } = await chatWith(ipm, 'en', [
      message({ id: 'u1', conversationId: ipm.id, text: '', state: 'undecryptable' }),
    ]);
    expect(
      within(log).getByText('Bob sent an encrypted message Pigeon could not open'),
    ).toBeTruthy();
  });

  it('speaks Chinese', async () => {
    const ipm = peer({ nickname: 'Bob' });
    const { log } = await chatWith(ipm, 'zh-CN', [
      message({ id: 'u1', conversationId: ipm.id, text: '', state: 'undecryptable' }),
    ]);
    expect(within(log).getByText('Bob 发来一条 Pigeon 无法打开的加密消息')).toBeTruthy();
  });
});
