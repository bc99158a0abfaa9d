import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactGroup } from '../../store/contact-groups';

interface PickerProps {
  groups: readonly ContactGroup[];
  chosen: ReadonlySet<string>;
  onChange(chosen: ReadonlySet<string>): void;
}

/** The contacts as the contact list groups them: one box per contact, one per whole group. */
export function SeveralContactPicker({ groups, chosen, onChange }: PickerProps) {
  const { t } = useTranslation();
  if (groups.length === 0) return <p className="forward-none">{t('several.nobody')}</p>;
  return (
    <div className="several-choices" role="group" aria-label={t('several.contacts')}>
      {groups.map((group) => (
        <GroupChoices key={group.key} group={group} chosen={chosen} onChange={onChange} />
      ))}
    </div>
  );
}

function GroupChoices({
  group,
  chosen,
  onChange,
}: Omit<PickerProps, 'groups'> & { group: ContactGroup }) {
  const { t } = useTranslation();
  const ids = group.peers.map((peer) => peer.id);
  const ticked = ids.filter((id) => chosen.has(id)).length;
  const whole = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // "Some of the group": neither ticked nor not, as a tree of checkboxes shows it.
    if (whole.current) whole.current.indeterminate = ticked > 0 && ticked < ids.length;
  }, [ticked, ids.length]);

  const set = (which: readonly string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of which) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };
  const name = group.plain
    ? t('several.plainGroup')
    : group.name === ''
      ? t('several.noGroup')
      : group.name;

  return (
    <div className="several-group">
      <label className="forward-choice several-whole">
        <input
          ref={whole}
          type="checkbox"
          checked={ticked === ids.length}
          onChange={(event) => set(ids, event.target.checked)}
        />
        {t('several.wholeGroup', { name })}
      </label>
      {group.peers.map((peer) => (
        <label key={peer.id} className="forward-choice several-contact">
          <input
            type="checkbox"
            checked={chosen.has(peer.id)}
            onChange={(event) => set([peer.id], event.target.checked)}
          />
          {peer.nickname}
          {peer.status === 'offline' && (
            <span className="several-offline" aria-hidden>
              {t('status.offline')}
            </span>
          )}
        </label>
      ))}
    </div>
  );
}
