import type { MessageDTO, TransferDTO } from '../../src-shared/contract';
import { isSealedAway } from './sealed';

/** The words a preview uses, in the user's language. */
export interface PreviewWords {
  /** Files whose kind this window does not know (their chat is not open). */
  files: string;
  file(name: string): string;
  fileCount(name: string, count: number): string;
  folder(name: string): string;
  picture: string;
  sealed: string;
  /** A message its sender took back (its text is gone). */
  recalled: string;
  /** A Pigeon group's notice ("小王 added 李四"), from its stored text. */
  notice(text: string): string;
}

/** Longest preview kept; the list cuts it further with an ellipsis to fit. */
const PREVIEW_CHARS = 100;

/**
 * A message in one short line, for the contact list and search results: its text,
 * or — when it only carries files — what it carries; a sealed message we have not
 * opened never shows its text. `transfer` is known only where its chat is loaded.
 */
export function messagePreview(
  message: MessageDTO,
  transfer: TransferDTO | undefined,
  words: PreviewWords,
): string {
  if (isSealedAway(message)) return words.sealed;
  if (message.state === 'recalled') return words.recalled;
  if (message.state === 'notice') return words.notice(message.text);
  const line = message.text.replace(/\s+/g, ' ').trim();
  if (line !== '') {
    const chars = Array.from(line);
    return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS).join('')}…` : line;
  }
  if (message.transferId === undefined) return '';
  return describeTransfer(transfer, words);
}

function describeTransfer(transfer: TransferDTO | undefined, words: PreviewWords): string {
  const first = transfer?.items[0];
  if (!transfer || !first) return words.files;
  if (transfer.image) return words.picture;
  if (transfer.items.length > 1) return words.fileCount(first.name, transfer.items.length);
  return first.kind === 'directory' ? words.folder(first.name) : words.file(first.name);
}
