import { useTranslation } from 'react-i18next';
import type { PeerDTO } from '../../../src-shared/contract';

/**
 * Whether a chat with another client is encrypted: "IP Messenger encryption" once it sent
 * its key, "Not encrypted" otherwise. Pigeon-to-Pigeon chats have their own path and show
 * nothing here.
 */
export function EncryptionLabel({ peer }: { peer: PeerDTO }) {
  const { t } = useTranslation();
  if (peer.client === 'pigeon') return null;
  const encrypted = peer.ipmsgEncrypted === true;
  return (
    <span className={encrypted ? 'chat-encryption encrypted' : 'chat-encryption'}>
      {encrypted && <span aria-hidden="true">🔒 </span>}
      {encrypted ? t('chatLog.ipmsgEncrypted') : t('chatLog.notEncrypted')}
    </span>
  );
}
