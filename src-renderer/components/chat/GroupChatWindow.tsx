import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactName } from '../../format/display-name';
import { useEscapeCloses } from '../../hooks/use-escape-closes';
import { useGroupNames } from '../../hooks/use-group-name';
import { useMarkRead } from '../../hooks/use-mark-read';
import { useAppStore } from '../../store/store-context';
import { ConnectionBanner } from '../common/ConnectionBanner';
import { NoticeBanners } from '../common/NoticeBanners';
import { Composer } from './Composer';
import { GroupHeader } from './GroupHeader';
import { IncomingAnnouncer } from './IncomingAnnouncer';
import { MessageList } from './MessageList';

/**
 * A group conversation in its own window: like a chat with one person, but several
 * write in it, so each incoming message names its author.
 */
export function GroupChatWindow({
  conversationId,
  messageId,
}: {
  conversationId: string;
  messageId?: string | undefined;
}) {
  const { t } = useTranslation();
  const group = useAppStore((state) => state.groups.get(conversationId));
  const peers = useAppStore((state) => state.peers);
  const remarks = useAppStore((state) => state.remarks);
  const self = useAppStore((state) => state.self);
  const name = useGroupNames()(conversationId);
  useMarkRead(conversationId);
  useEscapeCloses();

  useEffect(() => {
    document.title = t('app.chatTitle', { name });
  }, [t, name]);

  const selfId = self ? `${self.user}@${self.host}` : 'me';
  const selfName = self?.nickname ?? t('self.you');
  const me = useMemo(() => ({ id: selfId, name: selfName }), [selfId, selfName]);
  const everyone = useMemo(() => ({ id: conversationId, name }), [conversationId, name]);
  const authorOf = useCallback(
    (authorId: string) => {
      const peer = peers.get(authorId);
      return { id: authorId, name: peer ? contactName(peer, remarks) : authorId };
    },
    [peers, remarks],
  );
  const memberIds = group?.members;
  const memberNames = useMemo(
    () => (memberIds ?? []).map((id) => authorOf(id).name),
    [memberIds, authorOf],
  );
  const [sentCount, setSentCount] = useState(0);
  const onSent = useCallback(() => setSentCount((count) => count + 1), []);

  return (
    <div className="chat-window">
      <ConnectionBanner />
      <NoticeBanners />
      <GroupHeader group={group} name={name} conversationId={conversationId} />
      <main className="chat-main">
        <MessageList
          conversationId={conversationId}
          me={me}
          peer={everyone}
          authorOf={authorOf}
          targetMessageId={messageId}
          sentCount={sentCount}
        />
        <Composer conversationId={conversationId} onSent={onSent} mentionables={memberNames} />
      </main>
      <IncomingAnnouncer conversationId={conversationId} name={name} />
    </div>
  );
}
