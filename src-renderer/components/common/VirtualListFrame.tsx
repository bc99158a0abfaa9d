import type { KeyboardEvent, ReactNode, Ref } from 'react';

interface VirtualListFrameProps {
  /** The element that scrolls: the virtualiser watches it. */
  scroller: Ref<HTMLDivElement>;
  label: string;
  className: string;
  /** Every row's height together, from the virtualiser. */
  height: number;
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  /** How to open an item, read after each item's name. */
  hint: string;
  hintId: string;
  /** The rows in view. */
  children: ReactNode;
  /** Shown under the rows, inside the scroller (an empty list's words). */
  after?: ReactNode;
}

/**
 * The frame the main window's virtualised lists share: a scroller, a list as tall as
 * all its rows (only the rows in view are in it), and the hint its items point to.
 */
export function VirtualListFrame({
  scroller,
  label,
  className,
  height,
  onKeyDown,
  hint,
  hintId,
  children,
  after,
}: VirtualListFrameProps) {
  return (
    <div ref={scroller} className="contact-scroll">
      <div
        role="list"
        aria-label={label}
        className={`${className} virtual-track`}
        style={{ height }}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
      <p id={hintId} className="visually-hidden">
        {hint}
      </p>
      {after}
    </div>
  );
}
