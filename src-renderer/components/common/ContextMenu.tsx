import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuAction {
  label: string;
  onSelect(): void;
}

/** Where a menu opens: at the pointer, or under the item it belongs to (keyboard). */
export interface MenuPlace {
  x: number;
  y: number;
}

interface ContextMenuProps {
  label: string;
  actions: readonly MenuAction[];
  at: MenuPlace;
  /** Closed without a choice (Escape, Tab, a click elsewhere): focus goes back. */
  onClose(): void;
}

/** A right-click menu: role=menu, arrows and Home/End move, Enter picks, Escape closes. */
export function ContextMenu({ label, actions, at, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState(at);

  // Kept inside the window however near its edge the menu was asked for.
  useLayoutEffect(() => {
    const element = menu.current;
    if (!element) return;
    const { width, height } = element.getBoundingClientRect();
    setPlace({
      x: Math.max(0, Math.min(at.x, window.innerWidth - width)),
      y: Math.max(0, Math.min(at.y, window.innerHeight - height)),
    });
    element.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [at]);

  useEffect(() => {
    const away = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    const blur = () => onClose();
    document.addEventListener('pointerdown', away, true);
    window.addEventListener('blur', blur);
    return () => {
      document.removeEventListener('pointerdown', away, true);
      window.removeEventListener('blur', blur);
    };
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const next: Record<string, number> = {
      ArrowDown: (index + 1) % items.length,
      ArrowUp: (index - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    };
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (next[event.key] !== undefined) {
      event.preventDefault();
      items[next[event.key] as number]?.focus();
    }
  };

  return (
    <div
      ref={menu}
      role="menu"
      aria-label={label}
      className="context-menu"
      style={{ left: place.x, top: place.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="context-menu-item"
          onClick={() => {
            onClose();
            action.onSelect();
          }}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}

/** Where to open an item's menu from the keyboard: just under its start. */
export function placeBelow(element: HTMLElement): MenuPlace {
  const rect = element.getBoundingClientRect();
  return { x: rect.left + 16, y: rect.bottom };
}
