import { MAX_SIGNATURE_CHARS } from './channel-names';

// Control characters (C0, DEL, C1), line and paragraph separators, and the bidi
// controls that could make a peer's line read as something else.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/**
 * A personal signature as Pigeon keeps and shows it, whoever wrote it: one line, no
 * control characters, at most MAX_SIGNATURE_CHARS UTF-16 units (what the settings file's
 * schema and the text box count), never cutting a surrogate pair in half.
 */
export function cleanSignature(text: string): string {
  const line = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  let kept = '';
  for (const char of line) {
    if (kept.length + char.length > MAX_SIGNATURE_CHARS) break;
    kept += char;
  }
  return kept.trim();
}
