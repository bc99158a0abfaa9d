import { useTranslation } from 'react-i18next';
import type { PeerDTO } from '../../../src-shared/contract';
import { displayName } from '../../format/display-name';
import { useAppStore } from '../../store/store-context';
import { Avatar } from '../common/Avatar';
import { StatusText } from '../common/StatusText';
import { UnverifiedTag } from '../common/UnverifiedTag';
import { EncryptionLabel } from './EncryptionLabel';
import { EncryptionButton } from './EncryptionButton';
import { ExportMenu } from './ExportMenu';

/**
 * Who this chat is with: nickname, presence, client (its raw version on hover) and
 * address, whether the peer is typing; encryption and fingerprints; exporting the conversation.
 */
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
  const typing = useAppStore((state) => state.typing.has(conversationId));
  return (
    <header className="chat-header">
      <Avatar id={peer?.id ?? fallbackId} name={name} status={peer?.status ?? 'offline'} />
      <div className="chat-peer">
        <h1 className="window-name">{name}</h1>
        {peer?.unverified && <UnverifiedTag />}
        {peer ? (
          <p className="peer-facts chat-subtitle chat-facts">
            <StatusText status={peer.status} />
            {peer.client !== 'unknown' && (
              <span className="chat-client" title={peer.version || undefined}>
                {t(`client.${peer.client}`)}
              </span>
            )}
            <span
              className="chat-address"
              title={peer.plain ? undefined : `${peer.user}@${peer.host}`}
            >
              {peer.address}
            </span>
            <EncryptionLabel peer={peer} />
          </p>
        ) : (
          <p className="peer-facts chat-subtitle">{fallbackId}</p>
        )}
        {/* Always in the page, so screen readers hear it when it fills. */}
        <p className="chat-typing" aria-live="polite">
          {typing ? t('chat.typing') : ''}
        </p>
      </div>
      {peer && <EncryptionButton peer={peer} name={name} />}
      <ExportMenu conversationId={conversationId} />
    </header>
  );
}
