import { screen } from '@testing-library/react';
import type { PeerDTO } from '../../../../src-shared/contract';
import { snapshot } from './fixtures';
import { renderWindow } from './render-window';

/** A chat window with `peer`, among `others`, in a language, ready once its message box is. */
export async function openPeerChat(peer: PeerDTO, others: PeerDTO[], language: 'en' | 'zh-CN') {
  const view = await renderWindow({
    hash: `#/chat/${peer.id}`,
    snapshot: snapshot({ peers: [peer, ...others] }),
    languageOverride: language,
  });
  await screen.findByRole('textbox', { name: language === 'en' ? 'Message' : '消息' });
  return view;
}
