import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context';

/** Datagrams in, out and dropped: a quiet sign that the network is alive; the way to its details. */
export function StatsFooter({
  networkOpen,
  onToggleNetwork,
  networkButtonRef,
}: {
  networkOpen: boolean;
  onToggleNetwork(): void;
  networkButtonRef: RefObject<HTMLButtonElement | null>;
}) {
  const { t, i18n } = useTranslation();
  const stats = useAppStore((state) => state.stats);
  const button = (
    <button
      ref={networkButtonRef}
      type="button"
      className="link-button"
      aria-expanded={networkOpen}
      onClick={onToggleNetwork}
    >
      {t('network.open')}
    </button>
  );
  if (!stats) {
    return (
      <footer className="stats-footer" aria-label={t('stats.label')}>
        {button}
      </footer>
    );
  }
  const number = new Intl.NumberFormat(i18n.language);
  const { malformed, oversized, rateLimited, unknownCommand } = stats.dropped;
  const dropped = malformed + oversized + rateLimited + unknownCommand;
  const details = t('stats.details', {
    in: number.format(stats.datagramsIn),
    out: number.format(stats.datagramsOut),
    malformed: number.format(malformed),
    oversized: number.format(oversized),
    rateLimited: number.format(rateLimited),
    unknownCommand: number.format(unknownCommand),
  });
  return (
    <footer className="stats-footer" aria-label={t('stats.label')}>
      <p title={details}>
        {t('stats.summary', {
          in: number.format(stats.datagramsIn),
          out: number.format(stats.datagramsOut),
          dropped: number.format(dropped),
        })}
      </p>
      {button}
    </footer>
  );
}
