import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistinctWords } from '../format/distinct-names';

/** The words that tell same-named contacts and impostors apart, looked up once per list. */
export function useDistinctWords(): DistinctWords {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      sameName: (name, address) => t('trust.sameName', { name, address }),
      unverified: t('trust.unverified'),
    }),
    [t],
  );
}
