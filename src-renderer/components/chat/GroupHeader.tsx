import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDTO } from '../../../src-shared/contract';
import { Avatar } from '../common/Avatar';
import { MuteButton } from './MuteButton';
import { ExportMenu } from './ExportMenu';
import { GroupMembers } from './GroupMembers';

const KIND_WORDS = {
  pigeon: 'groups.kindPigeon',
  feiq: 'groups.kindFeiq',
  iptux: 'groups.kindIptux',
  broadcast: 'groups.kindBroadcast',
} as const;

/** A group chat's header: its name, kind and size; the member list on demand; export. */
export function GroupHeader({
  group,
  name,
  conversationId,
}: {
  group: GroupDTO | undefined;
  name: string;
  conversationId: string;
}) {
  const { t } = useTranslation();
  const [membersOpen, setMembersOpen] = useState(false);
  const membersId = useId();
  const count = group?.members.length ?? 0;
  return (
    <>
      <header className="chat-header">
        <Avatar id={conversationId} name={name} />
        <div className="chat-peer">
          <h1 className="window-name">{name}</h1>
          <p className="peer-facts chat-subtitle chat-facts">
            {group && <span>{t(KIND_WORDS[group.kind])}</span>}
            <span>{t('groups.memberCount', { count })}</span>
          </p>
        </div>
        <button
          type="button"
          className="button"
          aria-expanded={membersOpen}
          aria-controls={membersOpen ? membersId : undefined}
          onClick={() => setMembersOpen((open) => !open)}
        >
          {t('groups.members')}
        </button>
        {group && <MuteButton group={group} />}
        <ExportMenu conversationId={conversationId} />
      </header>
      {membersOpen && group && <GroupMembers group={group} id={membersId} name={name} />}
    </>
  );
}
