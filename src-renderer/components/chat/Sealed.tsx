import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { formatFull } from '../../format/time';
import { useAppStore } from '../../store/store-context';
import { LockIcon } from '../common/icons';

/**
 * The composer's "Seal" switch: pressed, the next message goes out sealed.
 * `readUnreported`: the peer's program (iptux) opens sealed messages but never says
 * when, so the switch does not promise it.
 */
export function SealToggle({
  on,
  onChange,
  readUnreported = false,
}: {
  on: boolean;
  onChange(on: boolean): void;
  readUnreported?: boolean;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const hint = readUnreported ? t('sealed.sealHintIptux') : t('sealed.sealHint');
  return (
    <>
      <button
        type="button"
        className="button seal-toggle"
        aria-pressed={on}
        aria-describedby={hintId}
        title={hint}
        onClick={() => onChange(!on)}
      >
        <LockIcon />
        {t('sealed.seal')}
      </button>
      <span id={hintId} className="visually-hidden">
        {hint}
      </span>
    </>
  );
}

/** Under my own sealed message: still sealed, or read (and when, in the title). */
export function SealedMark({ message }: { message: MessageDTO }) {
  const { t, i18n } = useTranslation();
  if (message.readAt === undefined) {
    return (
      <p className="message-state sealed-mark">
        <span className="state-with-icon" title={t('sealed.sealedHint')}>
          <LockIcon className="state-icon" />
          {t('sealed.sealed')}
        </span>
      </p>
    );
  }
  const when = t('sealed.readAt', { time: formatFull(message.readAt, i18n.language) });
  return (
    <p className="message-state sealed-mark sealed-read">
      <span className="state-with-icon" title={when}>
        <LockIcon className="state-icon" />
        {t('sealed.read')}
      </span>
      <span className="visually-hidden">: {when}</span>
    </p>
  );
}

/** A sealed message from the peer, not yet opened: no text, only a way to open it. */
export function SealedEnvelope({ message }: { message: MessageDTO }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const upsertMessages = useAppStore((state) => state.upsertMessages);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const open = async () => {
    setOpening(true);
    setError(null);
    try {
      upsertMessages([await api.openSealed({ messageId: message.id })]);
    } catch (failure) {
      setError(t('sealed.openFailed', { message: describeError(failure) }));
      setOpening(false);
    }
  };

  return (
    <div className="bubble sealed-envelope">
      <p className="state-with-icon">
        <LockIcon className="state-icon" />
        {t('sealed.envelope')}
      </p>
      <button type="button" className="link-button" disabled={opening} onClick={() => void open()}>
        {opening ? t('sealed.opening') : t('sealed.open')}
      </button>
      {error && (
        <p className="sealed-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
