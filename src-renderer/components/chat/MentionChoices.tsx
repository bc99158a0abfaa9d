import { useTranslation } from 'react-i18next';

/** The `@partial` just before the caret, when the user is typing a mention. */
export function mentionBeingTyped(text: string, caret: number): string | undefined {
  const match = /(?:^|\s)@([^\s@]*)$/u.exec(text.slice(0, caret));
  return match ? (match[1] ?? '') : undefined;
}

/**
 * Typing `@` in a group offers its members: a click (or Enter on one) puts
 * `@name ` in the text, which notifies that member even in a muted group.
 */
export function MentionChoices({
  names,
  partial,
  onPick,
}: {
  names: readonly string[];
  partial: string;
  onPick(name: string): void;
}) {
  const { t } = useTranslation();
  const wanted = partial.toLowerCase();
  const choices = names.filter((name) => name.toLowerCase().includes(wanted)).slice(0, 8);
  if (choices.length === 0) return null;
  return (
    <ul className="mention-choices" aria-label={t('groups.mentionChoices')}>
      {choices.map((name) => (
        <li key={name}>
          <button type="button" className="mention-choice" onClick={() => onPick(name)}>
            @{name}
          </button>
        </li>
      ))}
    </ul>
  );
}
