import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

/**
 * jsdom lays nothing out, so a virtualised log would show no rows at all. Give
 * the log a height and each row a height, as a browser would. With `scrolling`,
 * the log also scrolls: its content is as tall as its track, scrollTop is kept
 * within bounds, and moving it fires one `scroll` a moment later with wherever it
 * ended up, as a browser does.
 */
export interface FakeLayoutOptions {
  logHeight?: number;
  rowHeight?: number;
  scrolling?: boolean;
}

export function fakeLayout({
  logHeight = 600,
  rowHeight = 60,
  scrolling = false,
}: FakeLayoutOptions = {}): () => void {
  const proto = HTMLElement.prototype;
  const saved = ['clientHeight', 'offsetHeight', 'scrollHeight', 'scrollTop', 'scrollTo'].map(
    (name) => [name, Object.getOwnPropertyDescriptor(proto, name)] as const,
  );
  const isLog = (element: HTMLElement) => element.classList.contains('message-log');
  const contentHeight = (log: HTMLElement) =>
    parseFloat((log.querySelector('.message-track') as HTMLElement | null)?.style.height ?? '') ||
    0;
  const tops = new WeakMap<HTMLElement, number>();
  const pending = new WeakSet<HTMLElement>();
  const scrolled = (element: HTMLElement) => {
    if (pending.has(element)) return;
    pending.add(element);
    setTimeout(() => {
      pending.delete(element);
      element.dispatchEvent(new Event('scroll'));
    }, 0);
  };
  const clamp = (log: HTMLElement, top: number) =>
    Math.max(0, Math.min(top, contentHeight(log) - logHeight));

  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isLog(this) ? logHeight : 0;
    },
  });
  Object.defineProperty(proto, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('message-row') ? rowHeight : 0;
    },
  });
  if (scrolling) {
    Object.defineProperty(proto, 'scrollHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return isLog(this) ? Math.max(contentHeight(this), logHeight) : 0;
      },
    });
    Object.defineProperty(proto, 'scrollTop', {
      configurable: true,
      get(this: HTMLElement) {
        return tops.get(this) ?? 0;
      },
      set(this: HTMLElement, top: number) {
        const before = tops.get(this) ?? 0;
        tops.set(this, isLog(this) ? clamp(this, top) : top);
        if (tops.get(this) !== before) scrolled(this);
      },
    });
    Object.defineProperty(proto, 'scrollTo', {
      configurable: true,
      writable: true,
      value(this: HTMLElement, options: ScrollToOptions) {
        this.scrollTop = options.top ?? this.scrollTop;
      },
    });
  }
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(proto, name, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[name];
    }
  };
}

/** Scroll the log as a reader would, and let the browser say so. */
export async function scrollLogTo(log: HTMLElement, top: number): Promise<void> {
  log.scrollTop = top;
  log.dispatchEvent(new Event('scroll'));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** For a file of window tests: layout faked before each test; unmounted and restored after. */
export function withFakeLayout(options?: FakeLayoutOptions): void {
  let restore: () => void = () => undefined;
  beforeEach(() => {
    restore = fakeLayout(options);
  });
  afterEach(() => {
    cleanup();
    restore();
  });
}
