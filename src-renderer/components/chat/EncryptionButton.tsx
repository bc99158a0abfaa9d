import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerDTO, PeerKeysDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';
import { EncryptionDialog } from './EncryptionDialog';

/**
 * The chat header's word on encryption: a lock for a Pigeon whose key is known (saying
 * truthfully that messages are not encrypted yet), "Verified" once fingerprints were
 * compared, and plainly "Not encrypted" for other clients. "Encryption" opens the
 * fingerprints. Asked again whenever main re-sends the peer (key accepted, verified).
 */
export function EncryptionButton({ peer, name }: { peer: PeerDTO; name: string }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const addNotice = useAppStore((state) => state.addNotice);
  const [keys, setKeys] = useState<PeerKeysDTO>();
  const [open, setOpen] = useState(false);
  const warnings = useAppStore((state) => state.trustWarnings.length);

  const load = useCallback(
    () =>
      api.getPeerKeys({ peerId: peer.id }).then(
        (found) => found,
        () => undefined,
      ),
    [api, peer.id],
  );

  useEffect(() => {
    let live = true;
    void load().then((found) => {
      if (live) setKeys(found);
    });
    return () => {
      live = false;
    };
  }, [load, peer, warnings]);

  const verify = async () => {
    try {
      setKeys(await api.setPeerVerified({ peerId: peer.id, verified: true }));
    } catch (error) {
      addNotice({ code: 'verify-peer', level: 'error', message: describeError(error) });
    }
  };

  if (peer.plain) return null;
  const keyed = keys !== undefined && keys.state !== 'none';
  return (
    <div className="chat-encryption">
      <span className="chat-encryption-state">
        {keyed ? '🔒 ' : ''}
        {/* Other clients' chats say it through EncryptionLabel (IP Messenger's own, or none). */}
        {keys && (keyed || peer.client === 'pigeon') ? t(`encryption.badge.${keys.state}`) : ''}
      </span>
      <button
        type="button"
        className="button"
        onClick={() => {
          void load().then(setKeys);
          setOpen(true);
        }}
      >
        {t('encryption.button')}
      </button>
      {open && keys && (
        <EncryptionDialog
          keys={keys}
          name={name}
          onVerify={() => void verify()}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}
