import type { ContactGroup } from '../../store/contact-groups';
import type { ListWords } from '../../hooks/use-list-words';

interface ContactGroupHeaderProps {
  group: ContactGroup;
  collapsed: boolean;
  words: ListWords;
  top: number;
  onToggle(key: string): void;
}

/** Group name with "online/total", as QQ shows it; a button that folds the group away. */
export function ContactGroupHeader({
  group,
  collapsed,
  words,
  top,
  onToggle,
}: ContactGroupHeaderProps) {
  const name = group.plain ? words.plainGroup : group.name || words.noGroup;
  return (
    <div className="contact-group-header" style={{ transform: `translateY(${top}px)` }}>
      <button
        type="button"
        className="contact-group-toggle"
        aria-expanded={!collapsed}
        aria-label={`${name} ${words.groupCount(group.online, group.total)}`}
        title={name}
        onClick={() => onToggle(group.key)}
      >
        <span className={`chevron${collapsed ? ' chevron-closed' : ''}`} aria-hidden="true" />
        <span className="contact-group-name">{name}</span>
        <span className="contact-group-count">
          {group.online}/{group.total}
        </span>
      </button>
    </div>
  );
}
