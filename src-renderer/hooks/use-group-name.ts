import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { groupName, type GroupNameWords } from '../format/group-name';
import { useAppStore } from '../store/store-context';

/** Names groups by conversation id, in the window's language (looked up once per caller). */
export function useGroupNames(): (id: string) => string {
  const { t } = useTranslation();
  const groups = useAppStore((state) => state.groups);
  const words: GroupNameWords = useMemo(
    () => ({
      broadcast: t('groups.broadcast'),
      segment: t('groups.segment'),
      unnamed: t('groups.unnamed'),
    }),
    [t],
  );
  return useCallback((id: string) => groupName(groups.get(id), id, words), [groups, words]);
}
