import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { isSealedAway } from '../../format/sealed';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { useQuotes } from '../../store/quotes';
import { ContextMenu, type MenuAction, type MenuPlace } from '../common/ContextMenu';
import { ForwardDialog } from './ForwardDialog';

/** Recall is offered this long after sending; main and the peer check it again. */
const RECALL_WINDOW_MS = 2 * 60_000;

export interface MessageMenuProps {
  /** The open menu: which message, whose, and where; null when none is open. */
  menu: { message: MessageDTO; author: string; at: MenuPlace; openedAt: number } | null;
  onClose(): void;
}

/**
 * A message's right-click menu: Copy, Quote (into the composer), Forward (to a chat the
 * user picks), Recall (one's own message, within 2 minutes, to another Pigeon) and Delete
 * (from this computer only).
 */
export function MessageMenu({ menu, onClose }: MessageMenuProps) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const addNotice = useAppStore((state) => state.addNotice);
  const upsertMessages = useAppStore((state) => state.upsertMessages);
  const applyEvents = useAppStore((state) => state.applyEvents);
  const setQuote = useQuotes((state) => state.set);
  const store = useAppStoreApi();
  const peerOf = (conversationId: string) => {
    const { conversations, peers } = store.getState();
    return peers.get(conversations.get(conversationId)?.peerId ?? conversationId);
  };
  const [forwarding, setForwarding] = useState<MessageDTO | null>(null);

  if (!menu && !forwarding) return null;
  const fail = (code: string, message: string) => addNotice({ code, level: 'error', message });

  const actionsFor = (message: MessageDTO, author: string, now: number): MenuAction[] => {
    const text = isSealedAway(message) ? '' : message.text;
    const actions: MenuAction[] = [];
    if (text !== '') {
      actions.push({
        label: t('messageMenu.copy'),
        onSelect: () =>
          void copyText(text).catch((error: unknown) =>
            fail('copy', t('messageMenu.copyFailed', { message: describeError(error) })),
          ),
      });
      actions.push({
        label: t('messageMenu.quote'),
        onSelect: () => setQuote(message.conversationId, { author, text }),
      });
      actions.push({ label: t('messageMenu.forward'), onSelect: () => setForwarding(message) });
    }
    const recallable =
      message.direction === 'out' &&
      message.state === 'delivered' &&
      now - message.at <= RECALL_WINDOW_MS;
    if (recallable) {
      actions.push({
        label: t('messageMenu.recall'),
        onSelect: () => {
          const peer = peerOf(message.conversationId);
          if (peer && peer.client !== 'pigeon') {
            fail('recall', t('messageMenu.cannotRecall', { name: peer.nickname || peer.user }));
            return;
          }
          api
            .recallMessage({ messageId: message.id })
            .then((recalled) => upsertMessages([recalled]))
            .catch((error: unknown) =>
              fail('recall', t('messageMenu.recallFailed', { message: describeError(error) })),
            );
        },
      });
    }
    actions.push({
      label: t('messageMenu.delete'),
      onSelect: () =>
        api
          .deleteMessage({ messageId: message.id })
          .then(() =>
            applyEvents([
              {
                type: 'message-removed',
                conversationId: message.conversationId,
                messageId: message.id,
              },
            ]),
          )
          .catch((error: unknown) =>
            fail('delete', t('messageMenu.deleteFailed', { message: describeError(error) })),
          ),
    });
    return actions;
  };

  return (
    <>
      {menu && (
        <ContextMenu
          label={t('messageMenu.label')}
          actions={actionsFor(menu.message, menu.author, menu.openedAt)}
          at={menu.at}
          onClose={onClose}
        />
      )}
      {forwarding && <ForwardDialog message={forwarding} onClose={() => setForwarding(null)} />}
    </>
  );
}

/** The clipboard of the page; a browser without it (an address that is not secure) says so. */
async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard) throw new Error('No clipboard here.');
  await navigator.clipboard.writeText(text);
}
