/** A new time stamp is shown when this long passed since the previous message (as QQ does). */
export const TIME_GAP_MS = 5 * 60 * 1000;

export function needsTimeStamp(previousAt: number | undefined, at: number): boolean {
  return previousAt === undefined || at - previousAt >= TIME_GAP_MS;
}

function startOfDay(ms: number): number {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

export interface TimeWords {
  yesterday(time: string): string;
}

/**
 * QQ-style stamp: "14:32" today, "Yesterday 14:32", a weekday within the week,
 * the day and month within the year, the full date before that.
 */
export function formatStamp(at: number, now: number, language: string, words: TimeWords): string {
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  const days = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
  if (days <= 0) return time;
  if (days === 1) return words.yesterday(time);
  if (days < 7) {
    const weekday = new Intl.DateTimeFormat(language, { weekday: 'long' }).format(at);
    return `${weekday} ${time}`;
  }
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  const date = new Intl.DateTimeFormat(language, {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: sameYear ? 'long' : 'numeric',
    day: 'numeric',
  }).format(at);
  return `${date} ${time}`;
}

/** Full date and time, for a title. */
export function formatFull(at: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(at);
}

/** The stamp to show above each message (undefined: none), for times in log order. */
export function stampsFor(
  times: readonly number[],
  now: number,
  language: string,
  words: TimeWords,
): (string | undefined)[] {
  return times.map((at, index) =>
    needsTimeStamp(index > 0 ? times[index - 1] : undefined, at)
      ? formatStamp(at, now, language, words)
      : undefined,
  );
}
