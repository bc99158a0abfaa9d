import type { PigeonEvent, TrustWarningDTO } from '../../src-shared/contract';

/** Warnings kept for windows that open later (the newest; a flood of claims is cut short). */
const KEPT = 200;

/**
 * The chat warnings about identity (impostors, address moves): each told to the open
 * windows at once and kept for the snapshot of a chat window opened afterwards.
 */
export class TrustWarnings {
  private readonly kept: TrustWarningDTO[] = [];

  constructor(private readonly emit: (event: PigeonEvent) => void) {}

  add(warning: TrustWarningDTO): void {
    this.kept.push(warning);
    if (this.kept.length > KEPT) this.kept.splice(0, this.kept.length - KEPT);
    this.emit({ type: 'trust-warning', warning });
  }

  all(): TrustWarningDTO[] {
    return [...this.kept];
  }
}
