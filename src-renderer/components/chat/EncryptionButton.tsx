import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerDTO, PeerKeysDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';
import { LockIcon } from '../common/icons';
import { EncryptionDialog, sealedState } from './EncryptionDialog';

/**
 * The chat header's lock, "Encryption": it opens the fingerprints, and its description
 * (the tooltip, and what a screen reader hears) says truthfully what holds: key known,
 * verified, changed. Only "Verified" and "Key changed" are shown as words, beside the
 * lock: the header's line of facts stays short. Other clients' chats say whether they
 * are encrypted through EncryptionLabel. Asked again whenever main re-sends the peer.
 */
export function EncryptionButton({ peer, name }: { peer: PeerDTO; name: string }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const addNotice = useAppStore((state) => state.addNotice);
  const [keys, setKeys] = useState<PeerKeysDTO>();
  const [open, setOpen] = useState(false);
  const warnings = useAppStore((state) => state.trustWarnings.length);
  const stateId = useId();

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
  const said =
    keys && (keyed || peer.client === 'pigeon') ? t(`encryption.badge.${sealedState(keys)}`) : '';
  const shown = keys?.state === 'verified' || keys?.state === 'changed';
  return (
    <div className="chat-encryption-control">
      {shown ? (
        <span id={stateId} className={`chat-key-state chat-key-${keys.state}`}>
          {said}
        </span>
      ) : (
        <span id={stateId} className="visually-hidden">
          {said}
        </span>
      )}
      <button
        type="button"
        className={keyed ? 'icon-button encryption-button keyed' : 'icon-button encryption-button'}
        aria-label={t('encryption.button')}
        aria-describedby={stateId}
        title={said ? `${t('encryption.button')}: ${said}` : t('encryption.button')}
        onClick={() => {
          void load().then(setKeys);
          setOpen(true);
        }}
      >
        <LockIcon />
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
