import { useTranslation } from 'react-i18next';
import type { PeerStatus } from '../../../src-shared/contract';
import { colourIndexOf, initialOf } from '../../format/avatar';
import { useAvatarPicture } from '../../hooks/use-avatar-picture';
import { useAppStore } from '../../store/store-context';
import type { AppState } from '../../store/app-store';

interface AvatarProps {
  id: string;
  name: string;
  status?: PeerStatus;
  size?: 'small' | 'medium';
}

/** The picture a peer (or the user, by their own id) chose, as main has it; none: letters. */
function pictureOf(state: AppState, id: string): string | undefined {
  const self = state.self;
  if (self && id === `${self.user}@${self.host}`) return self.avatar;
  return state.peers.get(id)?.avatar;
}

/**
 * The person's picture when they chose one (a Pigeon's, or an iptux icon), else a
 * coloured initial, QQ-style; greyed out while the peer is offline. The letters are
 * decorative (rows are named by the name); a picture is named "<name>'s avatar".
 */
export function Avatar({ id, name, status, size = 'medium' }: AvatarProps) {
  const picture = useAppStore((state) => pictureOf(state, id));
  const classes = ['avatar', `avatar-${colourIndexOf(id)}`, `avatar-${size}`];
  if (status === 'offline') classes.push('avatar-offline');
  const dot = status && <span className={`status-dot status-dot-${status}`} aria-hidden="true" />;
  if (picture) {
    return (
      <span className={classes.join(' ')}>
        <AvatarPicture hash={picture} name={name} />
        {dot}
      </span>
    );
  }
  return (
    <span className={classes.join(' ')} aria-hidden="true">
      {initialOf(name)}
      {dot}
    </span>
  );
}

function AvatarPicture({ hash, name }: { hash: string; name: string }) {
  const { t } = useTranslation();
  const src = useAvatarPicture(hash);
  if (!src) return <span aria-hidden="true">{initialOf(name)}</span>;
  return (
    <img className="avatar-picture" src={src} alt={t('avatar.of', { name })} draggable={false} />
  );
}
