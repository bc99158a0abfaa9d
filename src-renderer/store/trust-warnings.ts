import type { TrustWarningDTO } from '../../src-shared/contract';

/** As many as main keeps: a flood of claims cannot grow a window's memory. */
const KEPT = 200;

/** The warnings with one more, the oldest dropped past the limit. */
export function keepWarning(
  warnings: readonly TrustWarningDTO[],
  warning: TrustWarningDTO,
): readonly TrustWarningDTO[] {
  const next = [...warnings, warning];
  return next.length > KEPT ? next.slice(next.length - KEPT) : next;
}

/** What a chat shows: warnings about its peer, or, in an impostor's chat, whom it imitates. */
export function warningsFor(
  warnings: readonly TrustWarningDTO[],
  peerId: string,
): readonly TrustWarningDTO[] {
  return warnings.filter((w) => w.peerId === peerId || w.impostorId === peerId);
}
