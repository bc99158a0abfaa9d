import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../format/display-name';
import { useFileDrop } from '../../hooks/use-file-drop';
import { useFileOffer } from '../../hooks/use-file-offer';
import { useEscapeCloses } from '../../hooks/use-escape-closes';
import { useMarkRead } from '../../hooks/use-mark-read';
import { useShaken } from '../../hooks/use-shaken';
import { useAppStore } from '../../store/store-context';
import { ConnectionBanner } from '../common/ConnectionBanner';
import { NoticeBanners } from '../common/NoticeBanners';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import { IncomingAnnouncer } from './IncomingAnnouncer';
import { MessageList } from './MessageList';
import { PlainContactBar } from './PlainContactBar';
import { RefusedLine } from './RefusedLine';
import { UnsupportedLines } from './UnsupportedLines';
import { TrustWarningLines } from './TrustWarningLines';
import { isPlainConversation } from '../../format/plain-contact';

/** One conversation in its own window: header, the log, the composer. */
export function ChatWindow({
  conversationId,
  messageId,
}: {
  conversationId: string;
  /** Opened at this message (a search hit). */
  messageId?: string | undefined;
}) {
  const { t } = useTranslation();
  // A one-to-one conversation's id is its peer's id until main says otherwise.
  const peerId = useAppStore(
    (state) => state.conversations.get(conversationId)?.peerId ?? conversationId,
  );
  const peer = useAppStore((state) => state.peers.get(peerId));
  const self = useAppStore((state) => state.self);
  const peerName = peer ? displayName(peer) : t('chat.unknownPeer');
  useMarkRead(conversationId);
  // The draft is kept by the composer as it is typed, so closing loses nothing.
  useEscapeCloses();

  useEffect(() => {
    document.title = t('app.chatTitle', { name: peerName });
  }, [t, peerName]);

  const selfId = self ? `${self.user}@${self.host}` : 'me';
  const selfName = self?.nickname ?? t('self.you');
  const me = useMemo(() => ({ id: selfId, name: selfName }), [selfId, selfName]);
  const other = useMemo(() => ({ id: peerId, name: peerName }), [peerId, peerName]);
  // Something sent while reading old history: the log goes back to the present to show it.
  const [sentCount, setSentCount] = useState(0);
  const onSent = useCallback(() => setSentCount((count) => count + 1), []);
  // Files go from here: the composer's buttons, pasted pictures, a drop anywhere.
  const files = useFileOffer(conversationId);
  const drop = useFileDrop((picked) => void files.offer(picked), files.fail);
  // A plain UDP contact speaks bare text: nothing else can go to it (by id: it may be removed).
  const canSendFiles = !isPlainConversation(peerId);
  // The peer shook the window (FeiQ's shake): it shakes, or glows with reduced motion.
  const shaken = useShaken(peerId);

  return (
    <div className={shaken ? 'chat-window chat-shaken' : 'chat-window'}>
      <ConnectionBanner />
      <NoticeBanners />
      <ChatHeader peer={peer} fallbackId={peerId} conversationId={conversationId} />
      <PlainContactBar peerId={peerId} peer={peer} />
      <RefusedLine peerId={peerId} name={peerName} />
      <UnsupportedLines peerId={peerId} name={peerName} />
      <TrustWarningLines peerId={peerId} />
      {/* Nothing waits for a plain UDP contact: its bar says why it cannot be reached. */}
      {peer?.status === 'offline' && !peer.plain && (
        <p className="chat-offline" role="status">
          {t('chat.peerOffline', { name: peerName })}
        </p>
      )}
      <main className="chat-main" {...(canSendFiles ? drop.handlers : {})}>
        <MessageList
          conversationId={conversationId}
          me={me}
          peer={other}
          targetMessageId={messageId}
          sentCount={sentCount}
        />
        <Composer
          conversationId={conversationId}
          onSent={onSent}
          files={canSendFiles ? files : undefined}
        />
        {drop.dragging && (
          <div className="drop-overlay" aria-hidden="true">
            <p>{t('transfer.dropHere', { name: peerName })}</p>
          </div>
        )}
      </main>
      <IncomingAnnouncer conversationId={conversationId} name={peerName} />
    </div>
  );
}
