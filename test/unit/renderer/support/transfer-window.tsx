import { act, render, screen } from '@testing-library/react';
import type { Language, MessageDTO, TransferDTO } from '../../../../src-shared/contract';
import type { PigeonFilesApi } from '../../../../src-shared/contract/local-files';
import { Root } from '../../../../src-renderer/app/Root';
import { createBridge, type Bridge } from '../../../../src-renderer/bridge/bridge';
import { parseRoute } from '../../../../src-renderer/bridge/launch-params';
import type { LocalFiles } from '../../../../src-renderer/bridge/picked-files';
import { startSession } from '../../../../src-renderer/bridge/session';
import { createI18n } from '../../../../src-renderer/i18n/i18n';
import { createAppStore } from '../../../../src-renderer/store/app-store';
import { createFakeApi, type FakeApi } from './fake-api';
import { message, peer, snapshot } from './fixtures';

export const alice = peer({ nickname: 'Alice' });

export interface TransferWindowOptions {
  language?: Language;
  /** Messages of the chat (listMessages) and its transfers (listTransfers). */
  messages?: MessageDTO[];
  transfers?: TransferDTO[];
  /** Electron's preload files api; default: none. */
  pigeonFiles?: PigeonFilesApi;
  /** Replace how local paths are found (headless uploads). */
  localFiles?: LocalFiles;
  prepare?(fake: FakeApi): void;
}

/** A message that carries a transfer, as main lists it. */
export function offerMessage(transfer: TransferDTO, text = ''): MessageDTO {
  return message({
    id: transfer.messageId,
    conversationId: transfer.conversationId,
    direction: transfer.direction,
    state: transfer.direction === 'in' ? 'received' : 'delivered',
    text,
    at: transfer.at,
    transferId: transfer.id,
  });
}

/** Alice's chat window, fed by a fake api, with transfers in it. */
export async function renderTransferWindow(options: TransferWindowOptions = {}) {
  const fake = createFakeApi(snapshot({ peers: [alice] }));
  fake.api.listMessages.mockResolvedValue(options.messages ?? []);
  fake.api.listTransfers.mockResolvedValue(options.transfers ?? []);
  options.prepare?.(fake);
  const store = createAppStore();
  const language = options.language ?? 'en';
  const i18n = createI18n(language);
  const base = createBridge({
    pigeon: fake.api,
    pigeonFiles: options.pigeonFiles,
    location: { host: '127.0.0.1:5000', origin: 'http://127.0.0.1:5000', search: '' },
    open: () => null,
  });
  const bridge: Bridge = options.localFiles ? { ...base, localFiles: options.localFiles } : base;
  const route = parseRoute(`#/chat/${alice.id}`);
  const stop = startSession(bridge, store, route);
  const view = render(
    <Root bridge={bridge} store={store} i18n={i18n} route={route} languageOverride={language} />,
  );
  await act(async () => {
    await Promise.resolve();
  });
  const log = await screen.findByRole('log');
  return { ...view, fake, store, stop, log };
}
