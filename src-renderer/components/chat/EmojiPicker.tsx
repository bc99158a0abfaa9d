import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EMOJI_GROUPS,
  loadEmojiCatalog,
  searchEmoji,
  type CatalogEmoji,
  type EmojiGroup,
} from '../../format/emoji-catalog';
import { closeOnEscape } from '../../hooks/close-on-escape';
import { readRecentEmoji, rememberEmoji } from '../../store/recent-emoji';
import { SmileIcon } from '../common/icons';

/** At most this many search results are shown: enough to pick from, quick to draw. */
const MAX_FOUND = 200;

/**
 * The "Emoji" button and its picker: recent emoji first, then one group at a time (tabs),
 * and a search box that understands English and Chinese names. Each emoji is a button
 * named by itself.
 */
export function EmojiPicker({ onPick }: { onPick(emoji: string): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="emoji-picker">
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label={t('chat.emoji')}
        title={t('chat.emoji')}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((now) => !now)}
      >
        <SmileIcon />
      </button>
      {open && (
        <EmojiPanel
          id={panelId}
          onClose={close}
          onPick={(emoji) => {
            rememberEmoji(emoji);
            onPick(emoji);
            setOpen(false);
          }}
        />
      )}
    </div>
  );
}

function EmojiPanel({
  id,
  onPick,
  onClose,
}: {
  id: string;
  onPick(emoji: string): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const [catalog, setCatalog] = useState<CatalogEmoji[] | null>(null);
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<EmojiGroup>(EMOJI_GROUPS[0]);
  const [recent] = useState(readRecentEmoji);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void loadEmojiCatalog(i18n.language).then((loaded) => live && setCatalog(loaded));
    return () => {
      live = false;
    };
  }, [i18n.language]);

  // A click anywhere else closes the picker, as a menu would.
  useEffect(() => {
    const onDown = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (target && !panel.current?.parentElement?.contains(target)) onClose();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [onClose]);

  const found = useMemo(() => {
    if (!catalog) return [];
    if (query.trim() === '') return catalog.filter((e) => e.group === group);
    return searchEmoji(catalog, query).slice(0, MAX_FOUND);
  }, [catalog, query, group]);
  const labels = useMemo(() => new Map(catalog?.map((e) => [e.emoji, e.label])), [catalog]);

  return (
    <div
      ref={panel}
      id={id}
      className="emoji-panel"
      role="dialog"
      aria-label={t('chat.emoji')}
      onKeyDown={closeOnEscape(onClose)}
    >
      <input
        className="input emoji-search"
        type="search"
        aria-label={t('chat.emojiSearch')}
        placeholder={t('chat.emojiSearch')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        // The picker opens to be searched (or tabbed through).
        autoFocus
      />
      {query === '' && (
        <div className="emoji-tabs" role="toolbar" aria-label={t('chat.emojiGroups')}>
          {EMOJI_GROUPS.map((g) => (
            <button
              key={g}
              type="button"
              className="emoji-tab"
              aria-pressed={g === group}
              onClick={() => setGroup(g)}
            >
              {t(`chat.emojiGroup${g}`)}
            </button>
          ))}
        </div>
      )}
      {query === '' && recent.length > 0 && (
        <EmojiGrid
          title={t('chat.emojiRecent')}
          emoji={recent.map((e) => ({ emoji: e, label: labels.get(e) ?? e }))}
          onPick={onPick}
        />
      )}
      {catalog === null ? (
        <p className="emoji-note">{t('chat.emojiLoading')}</p>
      ) : found.length === 0 ? (
        <p className="emoji-note">{t('chat.emojiNone')}</p>
      ) : (
        <EmojiGrid
          title={query === '' ? t(`chat.emojiGroup${group}`) : t('chat.emojiFound')}
          emoji={found}
          onPick={onPick}
        />
      )}
    </div>
  );
}

function EmojiGrid({
  title,
  emoji,
  onPick,
}: {
  title: string;
  emoji: { emoji: string; label: string }[];
  onPick(emoji: string): void;
}) {
  const titleId = useId();
  return (
    <section className="emoji-section" aria-labelledby={titleId}>
      <h3 id={titleId} className="emoji-title">
        {title}
      </h3>
      <div className="emoji-grid">
        {emoji.map((e) => (
          <button
            key={e.emoji}
            type="button"
            className="emoji-button"
            aria-label={e.emoji}
            title={e.label}
            onClick={() => onPick(e.emoji)}
          >
            {e.emoji}
          </button>
        ))}
      </div>
    </section>
  );
}
