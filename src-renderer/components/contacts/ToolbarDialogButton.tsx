import { useId, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { IconButton } from '../common/IconButton';

interface ToolbarDialogButtonProps {
  label: string;
  icon: ReactNode;
  /** The dialog, given its id and how to close it (focus goes back to the button). */
  dialog: ComponentType<{ id: string; onClose(): void }>;
}

/** A toolbar button that opens a small dialog over the contact list, and closes it again. */
export function ToolbarDialogButton({ label, icon, dialog: Dialog }: ToolbarDialogButtonProps) {
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
