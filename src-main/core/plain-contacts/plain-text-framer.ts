// What arrives from a plain TCP program is a stream, not messages: this cuts it into
// the messages the chat shows. Chunks that arrive within a few milliseconds make one
// message; a line-based contact shows one message per line; nothing grows past a
// bounded size; a character split between two reads is decoded whole.
import iconv from 'iconv-lite';
import type { PlainEncoding } from '../../../src-shared/contract';

/** The longest message a stream is shown as; longer text becomes several. */
export const MAX_STREAM_MESSAGE_CHARS = 4096;

export interface PlainTextFramerOptions {
  encoding: PlainEncoding;
  /** One message per line ('\n', a '\r' before it dropped) instead of per burst. */
  lineBased: boolean;
  onMessage: (text: string) => void;
  maxMessageChars?: number;
  /** Quiet time that ends a burst of chunks (default 25 ms). */
  coalesceMs?: number;
  /** A burst that never goes quiet still shows after this long (default 250 ms). */
  maxHoldMs?: number;
  /** A line-based contact's unfinished line (a prompt) shows after this quiet (default 500 ms). */
  lineWaitMs?: number;
}

interface StreamDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

function streamDecoder(encoding: PlainEncoding): StreamDecoder {
  if (encoding === 'gbk') {
    // GB18030 is GBK's superset; iconv-lite keeps a lead byte until its trail comes.
    const decoder = iconv.getDecoder('gb18030');
    return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
  }
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return {
    write: (bytes) => decoder.decode(bytes, { stream: true }),
    end: () => decoder.decode(),
  };
}

/** Where to cut `text` at most `max` code units in, never between a surrogate pair. */
function cutPoint(text: string, max: number): number {
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

export class PlainTextFramer {
  private readonly decoder: StreamDecoder;
  private readonly max: number;
  private pending = '';
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: PlainTextFramerOptions) {
    this.decoder = streamDecoder(options.encoding);
    this.max = Math.max(16, options.maxMessageChars ?? MAX_STREAM_MESSAGE_CHARS);
  }

  /** Characters held back, waiting for the burst (or line) to end. */
  get pendingChars(): number {
    return this.pending.length;
  }

  push(bytes: Buffer): void {
    // C programs often send a string's NUL terminator too; it is never text.
    this.pending += this.decoder.write(bytes).replace(/\0/g, '');
    if (this.options.lineBased) this.emitLines();
    while (this.pending.length >= this.max) {
      const at = cutPoint(this.pending, this.max);
      this.emit(this.pending.slice(0, at));
      this.pending = this.pending.slice(at);
    }
    this.schedule();
  }

  /** The stream ended: show what is left, an unfinished character as U+FFFD. */
  end(): void {
    this.pending += this.decoder.end().replace(/\0/g, '');
    if (this.options.lineBased) this.emitLines();
    this.flush();
  }

  /** Stop the timers without showing what is held (the contact is gone). */
  dispose(): void {
    this.clearTimers();
    this.pending = '';
  }

  private emitLines(): void {
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      this.emit(this.pending.slice(0, newline).replace(/\r$/, ''));
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
  }

  private schedule(): void {
    if (this.pending === '') {
      this.clearTimers();
      return;
    }
    const { lineBased } = this.options;
    const quiet = lineBased ? (this.options.lineWaitMs ?? 500) : (this.options.coalesceMs ?? 25);
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.flush(), quiet);
    if (!lineBased && !this.holdTimer) {
      this.holdTimer = setTimeout(() => this.flush(), this.options.maxHoldMs ?? 250);
    }
  }

  private flush(): void {
    this.clearTimers();
    const text = this.options.lineBased ? this.pending : this.pending.replace(/\r?\n$/, '');
    this.pending = '';
    this.emit(text);
  }

  private clearTimers(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.quietTimer = undefined;
    this.holdTimer = undefined;
  }

  private emit(text: string): void {
    // A blank line or a bare line break carries nothing to show.
    if (text.trim() === '') return;
    this.options.onMessage(text);
  }
}
