// One TCP connection with a plain program, whichever side opened it: what arrives is
// framed into messages and rate-limited by pausing the socket (the program then waits
// in its send, so a flood costs no memory); what is sent is written as-is.
import type net from 'node:net';
import type { PlainEncoding } from '../../../src-shared/contract';
import { encodePlainStream } from './plain-text-codec';
import { PlainTextFramer } from './plain-text-framer';

export interface PlainTcpConnectionOptions {
  encoding: PlainEncoding;
  lineBased: boolean;
  /** Messages per second shown before the socket is paused (default 20, bursts of twice that). */
  maxMessagesPerSecond?: number;
  maxMessageChars?: number;
  coalesceMs?: number;
  onText: (text: string) => void;
  onClose: (error?: Error) => void;
}

export interface PlainTcpSendResult {
  unrepresentable: number;
  /** Why it was not written, for the user. */
  error?: string;
}

export class PlainTcpConnection {
  private readonly framer: PlainTextFramer;
  private readonly perSecond: number;
  private tokens: number;
  private refilledAt = Date.now();
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly options: PlainTcpConnectionOptions,
  ) {
    this.perSecond = options.maxMessagesPerSecond ?? 20;
    this.tokens = this.perSecond * 2;
    this.framer = new PlainTextFramer({
      encoding: options.encoding,
      lineBased: options.lineBased,
      ...(options.maxMessageChars ? { maxMessageChars: options.maxMessageChars } : {}),
      ...(options.coalesceMs ? { coalesceMs: options.coalesceMs } : {}),
      onMessage: (text) => this.shown(text),
    });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    socket.on('data', (bytes: Buffer) => this.framer.push(bytes));
    // The program closed its side: show what it said last, then close ours too.
    socket.on('end', () => socket.end());
    let failure: Error | undefined;
    socket.on('error', (error) => (failure = error));
    socket.on('close', () => this.finish(failure));
  }

  /** The program's address:port. */
  get remote(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? 0}`;
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.writable;
  }

  /** Writes the text's bytes (and a newline for a line-based contact); resolves once the system took them. */
  send(text: string): Promise<PlainTcpSendResult> {
    const line = this.options.lineBased ? `${text}\n` : text;
    const { bytes, unrepresentable } = encodePlainStream(line, this.options.encoding);
    if (!this.isOpen) return Promise.resolve({ unrepresentable, error: 'Not connected.' });
    return new Promise((resolve) => {
      this.socket.write(bytes, (error) =>
        resolve(
          error
            ? { unrepresentable, error: `Could not send (${error.message}).` }
            : { unrepresentable },
        ),
      );
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private shown(text: string): void {
    if (this.closed) return;
    try {
      this.options.onText(text);
    } catch {
      // A failing listener must not stop the next message.
    }
    this.refill();
    this.tokens -= 1;
    if (this.tokens < 1 && !this.resumeTimer) {
      this.socket.pause();
      this.resumeWhenPaidFor();
    }
  }

  /**
   * The rest of the read that ran the budget out is shown after the pause began, so the
   * debt is settled when the timer fires, not when it was set: otherwise each resume
   * let one more whole read through early and the rate crept above the limit.
   */
  private resumeWhenPaidFor(): void {
    const waitMs = Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = undefined;
      if (this.closed) return;
      this.refill();
      if (this.tokens < 1) this.resumeWhenPaidFor();
      else this.socket.resume();
    }, waitMs);
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(
      this.perSecond * 2,
      this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond,
    );
    this.refilledAt = now;
  }

  private finish(error: Error | undefined): void {
    if (this.closed) return;
    this.framer.end();
    this.closed = true;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.options.onClose(error);
  }
}
