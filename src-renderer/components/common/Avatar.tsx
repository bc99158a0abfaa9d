import type { PeerStatus } from '../../../src-shared/contract';
import { colourIndexOf, initialOf } from '../../format/avatar';

interface AvatarProps {
  id: string;
  name: string;
  status?: PeerStatus;
  size?: 'small' | 'medium';
}

/** A coloured initial, QQ-style; greyed out while the peer is offline. Decorative. */
export function Avatar({ id, name, status, size = 'medium' }: AvatarProps) {
  const classes = ['avatar', `avatar-${colourIndexOf(id)}`, `avatar-${size}`];
  if (status === 'offline') classes.push('avatar-offline');
  return (
    <span className={classes.join(' ')} aria-hidden="true">
      {initialOf(name)}
      {status && <span className={`status-dot status-dot-${status}`} />}
    </span>
  );
}
