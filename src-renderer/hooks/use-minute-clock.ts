import { useSyncExternalStore } from 'react';

// One shared clock for the window: time stamps ("Yesterday 14:32") move on at midnight.
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const notify of listeners) notify();
  }, 60_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getNow = () => now;

/** The current time, updated once a minute. */
export function useMinuteClock(): number {
  return useSyncExternalStore(subscribe, getNow);
}
