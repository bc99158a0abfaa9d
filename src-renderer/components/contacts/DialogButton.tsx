import { useId, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { IconButton } from '../common/IconButton';

/**
 * A toolbar button that opens a small dialog over the list; closing it puts the focus
 * back on the button.
 */
export function DialogButton({
  label,
  icon,
  dialog: Dialog,
}: {
  label: string;
  icon: ReactNode;
  dialog: ComponentType<{ id: string; onClose(): void }>;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const dialogId = useId();

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <>
      <IconButton
        label={label}
        ref={button}
        aria-expanded={open}
        aria-controls={open ? dialogId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {icon}
      </IconButton>
      {open && (
        <div className="settings-overlay">
          <Dialog id={dialogId} onClose={close} />
        </div>
      )}
    </>
  );
}
