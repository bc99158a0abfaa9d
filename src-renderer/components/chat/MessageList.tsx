import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { stampsFor } from '../../format/time';
import { useMinuteClock } from '../../hooks/use-minute-clock';
import { useAnchoredLog } from '../../hooks/use-anchored-log';
import { emptyConversationMessages } from '../../store/messages-slice';
import { useAppStore } from '../../store/store-context';
import { ArrowDownIcon } from '../common/icons';
import { EarlierMessages } from './EarlierMessages';
import { MessageItem } from './MessageItem';

interface MessageListProps {
  conversationId: string;
  me: { id: string; name: string };
  peer: { id: string; name: string };
}

/**
 * The conversation as a log, virtualised so a long history stays fast. It stays
 * at the bottom while the reader is there; otherwise a button offers the new messages.
 */
export function MessageList({ conversationId, me, peer }: MessageListProps) {
  const { t, i18n } = useTranslation();
  const { api } = useBridge();
  const entry = useAppStore(
    (state) => state.messages.get(conversationId) ?? emptyConversationMessages,
  );
  const upsertMessages = useAppStore((state) => state.upsertMessages);
  const addNotice = useAppStore((state) => state.addNotice);
  const now = useMinuteClock();
  const { ids, byId } = entry;

  const stamps = useMemo(() => {
    const words = { yesterday: (time: string) => t('time.yesterday', { time }) };
    const times = ids.map((id) => byId.get(id)?.at ?? 0);
    return stampsFor(times, now, i18n.language, words);
  }, [ids, byId, now, i18n.language, t]);

  const { scroller, virtualizer, totalSize, onScroll, jumpToBottom, keepPlace, hasUnseen, atTop } =
    useAnchoredLog(ids);

  const focusLog = useCallback(() => scroller.current?.focus(), [scroller]);

  const resend = useCallback(
    (messageId: string) => {
      api.resendMessage({ messageId }).then(
        (message) => upsertMessages([message]),
        (error: unknown) =>
          addNotice({
            code: `resend:${messageId}`,
            level: 'error',
            message: t('chat.resendFailed', { message: describeError(error) }),
          }),
      );
    },
    [api, upsertMessages, addNotice, t],
  );

  return (
    <div className="message-pane">
      {entry.hasOlder && atTop && (
        <EarlierMessages
          conversationId={conversationId}
          oldestId={ids[0]}
          beforeAdd={keepPlace}
          moveFocus={focusLog}
        />
      )}
      <div
        ref={scroller}
        className="message-log"
        role="log"
        aria-label={t('chat.conversation')}
        // Rows come and go while scrolling; new messages are announced separately.
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
      >
        {ids.length === 0 ? (
          <p className="message-empty">{t('chat.empty')}</p>
        ) : (
          <div className="message-track" style={{ height: totalSize }}>
            {virtualizer.getVirtualItems().map((row) => {
              const message = byId.get(ids[row.index] ?? '');
              if (!message) return null;
              return (
                <div
                  key={row.key}
                  ref={virtualizer.measureElement}
                  data-index={row.index}
                  className="message-row"
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <MessageItem
                    message={message}
                    stamp={stamps[row.index]}
                    author={message.direction === 'out' ? me : peer}
                    onResend={resend}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
      {hasUnseen && (
        <button type="button" className="jump-button" onClick={jumpToBottom}>
          <ArrowDownIcon />
          {t('chat.newMessages')}
        </button>
      )}
    </div>
  );
}
