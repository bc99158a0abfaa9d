const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes for people: 1024-based, as file managers show them ("2.3 MB"). */
export function formatBytes(bytes: number, language: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  return `${number} ${UNITS[unit]}`;
}

export interface DurationWords {
  seconds(s: number): string;
  minutes(m: number, s: number): string;
  hours(h: number, m: number): string;
}

/** A time left, rounded up to what is worth saying: "8 s", "2 min 5 s", "1 h 20 min". */
export function formatDuration(totalSeconds: number, words: DurationWords): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  if (seconds < 60) return words.seconds(seconds);
  if (seconds < 3600) return words.minutes(Math.floor(seconds / 60), seconds % 60);
  return words.hours(Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60));
}
