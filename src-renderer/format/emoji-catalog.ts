// The emoji the picker offers, from the Emojibase data set (English and Chinese names and
// keywords), loaded on first use so the chat window does not carry it until then.

export interface CatalogEmoji {
  /** The character(s) inserted, which also name its button. */
  emoji: string;
  /** The name in the interface's language, shown as the button's tooltip. */
  label: string;
  /** Names and keywords in both languages, lower-cased, for search. */
  terms: string;
  /** Emojibase's group (smileys 0, people 1, … flags 9): the picker's tabs. */
  group: number;
}

/** The picker's tabs, in order (2, skin tones and hair, are parts, not emoji to send). */
export const EMOJI_GROUPS = [0, 1, 3, 4, 5, 6, 7, 8, 9] as const;
export type EmojiGroup = (typeof EMOJI_GROUPS)[number];

interface CompactEmoji {
  unicode: string;
  label: string;
  group?: number;
  order?: number;
  tags?: string[];
}

type Entry = CatalogEmoji & { chinese: string };

let loading: Promise<Entry[]> | undefined;

/** Every emoji, in Unicode's order; `language` picks the tooltip. */
export function loadEmojiCatalog(language: string): Promise<CatalogEmoji[]> {
  loading ??= Promise.all([
    import('emojibase-data/en/compact.json'),
    import('emojibase-data/zh/compact.json'),
  ]).then(([en, zh]) => build(en.default as CompactEmoji[], zh.default as CompactEmoji[]));
  return loading.then((catalog) =>
    language.startsWith('zh') ? catalog.map((e) => ({ ...e, label: e.chinese })) : catalog,
  );
}

function build(en: CompactEmoji[], zh: CompactEmoji[]): Entry[] {
  const chinese = new Map(zh.map((e) => [e.unicode, e]));
  return en
    .filter((e) => EMOJI_GROUPS.some((g) => g === e.group))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((e) => {
      const zhEntry = chinese.get(e.unicode);
      const words = [e.label, ...(e.tags ?? []), zhEntry?.label ?? '', ...(zhEntry?.tags ?? [])];
      return {
        emoji: e.unicode,
        label: e.label,
        chinese: zhEntry?.label ?? e.label,
        terms: words.join(' ').toLowerCase(),
        group: e.group ?? 0,
      };
    });
}

/** The emoji whose names or keywords (English or Chinese) contain every word of the query. */
export function searchEmoji(catalog: CatalogEmoji[], query: string): CatalogEmoji[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return catalog;
  return catalog.filter((e) => words.every((w) => e.terms.includes(w)));
}
