import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerClient, PeerStatus } from '../../src-shared/contract';
import { formatStamp } from '../format/time';

/** Every word a list row shows, looked up once per list rather than once per row. */
export interface ListWords {
  language: string;
  status: Record<PeerStatus, string>;
  client(client: PeerClient): string;
  unread(count: number): string;
  lastSeen(at: number, now: number): string;
  stamp(at: number, now: number): string;
  pinned: string;
  /** A contact whose key the user verified. */
  verified: string;
  noGroup: string;
  plainGroup: string;
  groupCount(online: number, total: number): string;
  mine(text: string): string;
}

/**
 * react-i18next's hook is not free (it copies its instance per call), and a list of
 * a thousand rows called it a thousand times per render: rows get these words instead.
 */
export function useListWords(): ListWords {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const time = { yesterday: (at: string) => t('time.yesterday', { time: at }) };
    return {
      language,
      status: {
        online: t('status.online'),
        away: t('status.away'),
        busy: t('status.busy'),
        offline: t('status.offline'),
      },
      client: (client) => (client === 'unknown' ? '' : t(`client.${client}`)),
      unread: (count) => t('contacts.unread', { count }),
      lastSeen: (at, now) => t('contacts.lastSeen', { when: formatStamp(at, now, language, time) }),
      stamp: (at, now) => formatStamp(at, now, language, time),
      pinned: t('chats.pinned'),
      verified: t('encryption.verified'),
      noGroup: t('contacts.noGroup'),
      plainGroup: t('plain.group'),
      groupCount: (online, total) => t('contacts.groupCount', { online, total }),
      mine: (text) => t('preview.you', { text }),
    };
  }, [t, language]);
}
