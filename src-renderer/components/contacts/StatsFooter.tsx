import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The way to the network's details. The datagram counters live in that panel: they
 * mean something to whoever is looking for a network problem, not to every user.
 */
export function StatsFooter({
  networkOpen,
  onToggleNetwork,
  networkButtonRef,
}: {
  networkOpen: boolean;
  onToggleNetwork(): void;
  networkButtonRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <footer className="stats-footer" aria-label={t('stats.label')}>
      <button
        ref={networkButtonRef}
        type="button"
        className="link-button"
        aria-expanded={networkOpen}
        onClick={onToggleNetwork}
      >
        {t('network.open')}
      </button>
    </footer>
  );
}
