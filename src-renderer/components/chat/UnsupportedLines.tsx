import { useTranslation } from 'react-i18next';
import type { UnsupportedKind } from '../../../src-shared/contract';
import { useAppStore } from '../../store/store-context';

const WORDS = {
  picture: 'several.unsupportedKinds.picture',
  'group-announcement': 'several.unsupportedKinds.groupAnnouncement',
  photo: 'several.unsupportedKinds.photo',
  'shared-files': 'several.unsupportedKinds.sharedFiles',
} as const satisfies Record<UnsupportedKind, string>;

/**
 * One line per kind of thing the peer sent that Pigeon cannot show yet (a FeiQ picture,
 * an iptux shared-files request…): the user knows something came, instead of nothing.
 */
export function UnsupportedLines({ peerId, name }: { peerId: string; name: string }) {
  const { t } = useTranslation();
  const kinds = useAppStore((state) => state.unsupported.get(peerId));
  if (!kinds || kinds.size === 0) return null;
  const ordered = [...kinds].sort(([, a], [, b]) => a - b);
  return (
    <div className="chat-unsupported" role="status">
      {ordered.map(([what]) => (
        <p key={what} className="chat-offline">
          {t('several.unsupported', { name, what: t(WORDS[what]) })}
        </p>
      ))}
    </div>
  );
}
