import { useTranslation } from 'react-i18next';
import type { GroupDTO } from '../../../src-shared/contract';
import { contactName } from '../../format/display-name';
import { useAppStore } from '../../store/store-context';
import { Avatar } from '../common/Avatar';
import { StatusText } from '../common/StatusText';

/** Who is in a group, each with their presence; opened by the header's Members button. */
export function GroupMembers({ group, id, name }: { group: GroupDTO; id: string; name: string }) {
  const { t } = useTranslation();
  const peers = useAppStore((state) => state.peers);
  const remarks = useAppStore((state) => state.remarks);
  return (
    <section id={id} className="group-members" aria-label={t('groups.membersTitle', { name })}>
      {group.members.length === 0 ? (
        <p className="group-members-empty">{t('groups.noMembers')}</p>
      ) : (
        <ul className="group-member-list">
          {group.members.map((memberId) => {
            const peer = peers.get(memberId);
            const memberName = peer ? contactName(peer, remarks) : memberId;
            return (
              <li key={memberId} className="group-member">
                <Avatar id={memberId} name={memberName} status={peer?.status ?? 'offline'} />
                <span className="group-member-name">{memberName}</span>
                <StatusText status={peer?.status ?? 'offline'} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
