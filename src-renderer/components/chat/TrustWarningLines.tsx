import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import type { TrustWarningDTO } from '../../../src-shared/contract';
import { displayName } from '../../format/display-name';
import { useAppStore } from '../../store/store-context';
import { warningsFor } from '../../store/trust-warnings';

/**
 * Who is really on the other end: "Someone at 10.0.0.66 claims to be Bob" (in Bob's
 * chat and in the impostor's), or "Bob's address changed from X to Y". Alerts, so a
 * screen reader says them when they appear.
 */
export function TrustWarningLines({ peerId }: { peerId: string }) {
  const all = useAppStore((state) => state.trustWarnings);
  const peers = useAppStore((state) => state.peers);
  const warnings = useMemo(() => warningsFor(all, peerId), [all, peerId]);
  if (warnings.length === 0) return null;
  return (
    <div className="chat-trust-warnings">
      {warnings.map((warning) => {
        const peer = peers.get(warning.peerId);
        const name = peer ? displayName(peer) : warning.peerId;
        return (
          <WarningLine
            key={`${warning.kind}-${warning.at}-${warning.address}`}
            {...{ warning, name }}
          />
        );
      })}
    </div>
  );
}

function WarningLine({ warning, name }: { warning: TrustWarningDTO; name: string }) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(warning.at);
  const text =
    warning.kind === 'impostor'
      ? t('trust.impostor', { address: warning.address, name })
      : warning.kind === 'key-changed'
        ? t('trust.keyChanged', { name })
        : t('trust.addressChanged', {
            name,
            from: warning.previousAddress ?? '?',
            to: warning.address,
          });
  return (
    <p className="banner banner-warning chat-trust-warning" role="alert">
      <span className="banner-text">{text}</span> <time>{when}</time>
      {warning.kind === 'key-changed' && <AcceptKeyButton peerId={warning.peerId} />}
    </p>
  );
}

/** The user's acceptance of a changed key: only then does anything go to the peer again. */
function AcceptKeyButton({ peerId }: { peerId: string }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const [accepted, setAccepted] = useState(false);
  if (accepted) return null;
  return (
    <button
      type="button"
      className="button"
      onClick={() =>
        void api.acceptPeerKey({ peerId }).then(
          () => setAccepted(true),
          () => undefined,
        )
      }
    >
      {t('encryption.acceptNewKey')}
    </button>
  );
}
