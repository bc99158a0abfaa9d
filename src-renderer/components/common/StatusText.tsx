import { useTranslation } from 'react-i18next';
import type { PeerStatus } from '../../../src-shared/contract';

/** A status dot with its word: colour is never the only sign. */
export function StatusText({ status, id }: { status: PeerStatus; id?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`status-text status-text-${status}`}>
      <span className={`status-dot status-dot-${status} status-dot-inline`} aria-hidden="true" />
      <span id={id}>{t(`status.${status}`)}</span>
    </span>
  );
}
