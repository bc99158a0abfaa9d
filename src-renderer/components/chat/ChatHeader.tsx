import { useTranslation } from 'react-i18next';
import type { PeerDTO } from '../../../preload/contract';
import { displayName } from '../../format/display-name';
import { Avatar } from '../common/Avatar';
import { StatusText } from '../common/StatusText';
import { ExportMenu } from './ExportMenu';

/** Who this chat is with: nickname, presence, client and address; exporting the conversation. */
export function ChatHeader({
  peer,
  fallbackId,
  conversationId,
}: {
  peer: PeerDTO | undefined;
  fallbackId: string;
  conversationId: string;
}) {
  const { t } = useTranslation();
  const name = peer ? displayName(peer) : t('chat.unknownPeer');
  return (
    <header className="chat-header">
      <Avatar id={peer?.id ?? fallbackId} name={name} status={peer?.status ?? 'offline'} />
      <div className="chat-peer">
        <h1 className="chat-title">{name}</h1>
        {peer ? (
          <p className="chat-subtitle">
            <StatusText status={peer.status} />
            {peer.client !== 'unknown' && (
              <span className="chat-client">{t(`client.${peer.client}`)}</span>
            )}
            <span className="chat-address" title={`${peer.user}@${peer.host}`}>
              {peer.address}
            </span>
          </p>
        ) : (
          <p className="chat-subtitle">{fallbackId}</p>
        )}
      </div>
      <ExportMenu conversationId={conversationId} />
    </header>
  );
}
