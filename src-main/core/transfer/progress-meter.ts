// Bytes, speed and time left for one transfer. Sockets report every chunk; people need a
// few updates a second, so the callback is throttled (at most every 100 ms by default) and
// the caller's event batcher does the rest. No timers: flush() gives the final figure.

export interface ProgressSnapshot {
  bytes: number;
  total?: number;
  /** Over the recent window (default 3 s), so a stall shows quickly. */
  bytesPerSecond: number;
  /** Undefined while the speed is unknown or zero, or without a total. */
  etaSeconds?: number;
  elapsedMs: number;
}

export interface ProgressMeterOptions {
  total?: number;
  onProgress?: (snapshot: ProgressSnapshot) => void;
  /** Least time between two callbacks (default 100 ms). */
  intervalMs?: number;
  /** Speed is measured over this much recent time (default 3000 ms). */
  windowMs?: number;
  /** Injectable clock in ms (default performance.now). */
  now?: () => number;
}

interface Sample {
  at: number;
  bytes: number;
}

const SAMPLE_SPACING_MS = 50;
/** The shortest span a speed is measured over. */
const MIN_SPAN_MS = 500;

export class ProgressMeter {
  private bytes = 0;
  private readonly started: number;
  private lastEmit = Number.NEGATIVE_INFINITY;
  private samples: Sample[];
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly windowMs: number;

  constructor(private readonly options: ProgressMeterOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.intervalMs = options.intervalMs ?? 100;
    this.windowMs = options.windowMs ?? 3000;
    this.started = this.now();
    this.samples = [{ at: this.started, bytes: 0 }];
  }

  /** Sets the cumulative byte count (what servers and clients report). */
  update(bytes: number): void {
    this.bytes = bytes;
    const at = this.now();
    const last = this.samples[this.samples.length - 1] as Sample;
    if (at - last.at >= SAMPLE_SPACING_MS) this.samples.push({ at, bytes });
    // Keep one sample older than the window as the base of the speed measurement.
    while (this.samples.length > 2 && at - (this.samples[1] as Sample).at >= this.windowMs) {
      this.samples.shift();
    }
    if (at - this.lastEmit >= this.intervalMs) this.emit(at);
  }

  /** Adds bytes to the count. */
  add(bytes: number): void {
    this.update(this.bytes + bytes);
  }

  snapshot(at = this.now()): ProgressSnapshot {
    const base = this.samples[0] as Sample;
    const seconds = (at - base.at) / 1000;
    // Over a few milliseconds a speed means nothing: a sender hands its first block to the
    // socket at once, which read as gigabytes a second. Unknown (0) until enough time passed.
    const measured = at - base.at >= MIN_SPAN_MS;
    const bytesPerSecond = measured ? Math.max(0, (this.bytes - base.bytes) / seconds) : 0;
    const total = this.options.total;
    const snapshot: ProgressSnapshot = {
      bytes: this.bytes,
      bytesPerSecond,
      elapsedMs: Math.max(0, at - this.started),
    };
    if (total !== undefined) {
      snapshot.total = total;
      if (this.bytes >= total) snapshot.etaSeconds = 0;
      else if (bytesPerSecond > 0) snapshot.etaSeconds = (total - this.bytes) / bytesPerSecond;
    }
    return snapshot;
  }

  /** Reports now, throttle or not (at the end of a transfer). */
  flush(): ProgressSnapshot {
    return this.emit(this.now());
  }

  private emit(at: number): ProgressSnapshot {
    this.lastEmit = at;
    const snapshot = this.snapshot(at);
    this.options.onProgress?.(snapshot);
    return snapshot;
  }
}
