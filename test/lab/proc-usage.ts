// What a lab process uses, from /proc (the lab's processes share the sandbox's PID
// namespace, so their PIDs are visible here): resident memory with a sampler that records
// the peak while something runs (the kernel's high-water mark reset beforehand), and CPU
// time, which a busy shared VM distorts far less than wall-clock time.
import { readFileSync, writeFileSync } from 'node:fs';

export interface MemoryFigures {
  /** Resident set size now, in bytes. */
  rss: number;
  /** Peak resident set size since start or the last reset, in bytes. */
  hwm: number;
}

export function readMemory(pid: number): MemoryFigures {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(match[1]) * 1024;
  };
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

/** Resets VmHWM to the current RSS (writing 5 to clear_refs); false where not allowed. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface MemoryWatch {
  /** Stops sampling; growth = peak (sampled or VmHWM) minus RSS at start, in bytes. */
  stop(): { startRss: number; peakRss: number; growth: number; samples: number };
}

/** Samples VmRSS every `intervalMs` until stopped; the kernel's VmHWM catches what falls between. */
export function watchMemory(pid: number, intervalMs = 20): MemoryWatch {
  const hwmReset = resetPeak(pid);
  const startRss = readMemory(pid).rss;
  let peak = startRss;
  let samples = 0;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, readMemory(pid).rss);
      samples += 1;
    } catch {
      // The process ended: keep what was seen.
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      try {
        const now = readMemory(pid);
        peak = Math.max(peak, now.rss, hwmReset ? now.hwm : 0);
      } catch {
        // Gone: sampled figures only.
      }
      return { startRss, peakRss: peak, growth: peak - startRss, samples };
    },
  };
}

/** User + system CPU seconds the process has used so far (/proc/<pid>/stat, 100 ticks/s). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state, field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}
