import { useTranslation } from 'react-i18next';
import type { GroupDTO } from '../../../src-shared/contract';
import { contactName } from '../../format/display-name';
import { useAppStore } from '../../store/store-context';
import { Avatar } from '../common/Avatar';
import { StatusText } from '../common/StatusText';
import { PigeonGroupTools, useGroupChange, useSelfId } from './PigeonGroupTools';

/** Who is in a group, each with their presence; opened by the header's Members button. */
export function GroupMembers({ group, id, name }: { group: GroupDTO; id: string; name: string }) {
  const { t } = useTranslation();
  const peers = useAppStore((state) => state.peers);
  const remarks = useAppStore((state) => state.remarks);
  const self = useAppStore((state) => state.self);
  const selfId = useSelfId();
  const { change, error } = useGroupChange(group);
  // Only a Pigeon group is kept by its members, so only there can they change it.
  const editable =
    group.kind === 'pigeon' && selfId !== undefined && group.members.includes(selfId);
  return (
    <section id={id} className="group-members" aria-label={t('groups.membersTitle', { name })}>
      {group.members.length === 0 ? (
        <p className="group-members-empty">{t('groups.noMembers')}</p>
      ) : (
        <ul className="group-member-list">
          {group.members.map((memberId) => {
            const peer = peers.get(memberId);
            // We are no peer of ours: named as ourselves, and present while this is open.
            const isSelf = memberId === selfId && !!self;
            const memberName = isSelf
              ? t('groups.selfMember', { name: self.nickname })
              : peer
                ? contactName(peer, remarks)
                : memberId;
            const status = isSelf ? 'online' : (peer?.status ?? 'offline');
            return (
              <li key={memberId} className="group-member">
                <Avatar id={memberId} name={memberName} status={status} />
                <span className="group-member-name">{memberName}</span>
                <StatusText status={status} />
                {editable && memberId !== selfId && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void change({ kind: 'remove', peerId: memberId })}
                  >
                    {t('groups.remove', { name: memberName })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {editable && <PigeonGroupTools group={group} change={change} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
