import { Fragment, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerKeysDTO } from '../../../src-shared/contract';
import { closeOnEscape } from '../../hooks/close-on-escape';

/**
 * Fingerprints to compare aloud: this Pigeon's, the contact's, and the safety number
 * made of both (the same digits on both computers). Marking verified is the user's word
 * that the digits matched.
 */
type KeyWords = PeerKeysDTO['state'] | 'knownSealed' | 'verifiedSealed';

/** The words for a key state: known and verified keys say whether messages go sealed too. */
export function sealedState(keys: PeerKeysDTO): KeyWords {
  if (!keys.messagesSealed) return keys.state;
  if (keys.state === 'known') return 'knownSealed';
  return keys.state === 'verified' ? 'verifiedSealed' : keys.state;
}

export function EncryptionDialog({
  keys,
  name,
  onVerify,
  onClose,
}: {
  keys: PeerKeysDTO;
  name: string;
  onVerify(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const closeButton = useRef<HTMLButtonElement>(null);
  // Focus on Close without scrolling the title out of a short window's view.
  useEffect(() => closeButton.current?.focus({ preventScroll: true }), []);
  return (
    <div className="dialog-layer">
      <section
        role="dialog"
        className="dialog encryption-dialog"
        aria-labelledby={titleId}
        onKeyDown={closeOnEscape(onClose)}
      >
        <h2 id={titleId} className="panel-title">
          {t('encryption.title', { name })}
        </h2>
        <p>{t(`encryption.state.${sealedState(keys)}`, { name })}</p>
        <Digits label={t('encryption.yourFingerprint')} groups={keys.ownFingerprint} />
        {keys.peerFingerprint && (
          <Digits label={t('encryption.peerFingerprint', { name })} groups={keys.peerFingerprint} />
        )}
        {keys.safetyNumber && (
          <>
            <Digits label={t('encryption.safetyNumber')} groups={keys.safetyNumber} />
            <p>{t('encryption.compare', { name })}</p>
          </>
        )}
        <div className="form-actions">
          {(keys.state === 'known' || keys.state === 'verified') && (
            <button
              type="button"
              className="button"
              disabled={keys.state === 'verified'}
              onClick={onVerify}
            >
              {keys.state === 'verified' ? t('encryption.verified') : t('encryption.markVerified')}
            </button>
          )}
          <button ref={closeButton} type="button" className="button" onClick={onClose}>
            {t('encryption.close')}
          </button>
        </div>
      </section>
    </div>
  );
}

function Digits({ label, groups }: { label: string; groups: string[] }) {
  const id = useId();
  return (
    <div className="fingerprint">
      <h3 id={id} className="fingerprint-label">
        {label}
      </h3>
      {/* Three groups to a row: read aloud a row at a time, as on the other computer. */}
      <p className="fingerprint-digits" aria-labelledby={id}>
        {/* Spaces between groups (not shown in the grid) keep the copied text readable. */}
        {groups.map((group, index) => (
          <Fragment key={index}>
            {index > 0 && ' '}
            <span>{group}</span>
          </Fragment>
        ))}
      </p>
    </div>
  );
}
